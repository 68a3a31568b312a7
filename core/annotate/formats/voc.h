#pragma once
// Pascal VOC: one XML per image (Annotations/<id>.xml with filename, size and objects with name,
// pose, truncated, difficult and an integer bndbox in the devkit's 1-based pixel convention),
// JPEGImages/ and ImageSets/Main/<split>.txt. See docs/formats.md for what is kept and dropped.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

#include <string>
#include <vector>

namespace florence::formats {

/// One parsed VOC XML.
struct VocFile
{
    ImageRecord image;          ///< path = <filename> (folder not applied), size from <size> (0 = unknown)
    std::size_t difficult = 0;  ///< objects with <difficult>1 (the flag is not kept)
    std::size_t truncated = 0;  ///< objects with <truncated>1 (not kept)
    std::size_t parts = 0;      ///< <part> elements (person layout; not kept)
    std::size_t filenameLine = 0; ///< line of <filename>, for messages about the image
};

/// Parses one VOC XML. Box corners map from the devkit's 1-based inclusive pixels to image pixels:
/// x1 = xmin - 1, y1 = ymin - 1, x2 = xmax, y2 = ymax. Throws Error(BadInput) "Pascal VOC file '<file>'
/// line <n>: ..." for broken XML, a root other than <annotation>, a missing <filename>, <name> or
/// bndbox corner, non-numbers, NaN/inf, negative coordinates, xmin > xmax, corners beyond <size>.
VocFile parseVocXml(const std::string &text, const std::string &fileName);

/// Reads a VOC folder: the devkit layout (Annotations/, JPEGImages/, ImageSets/Main/*.txt) or XML
/// files next to their images (labelImg). Every image must exist.
Dataset readVoc(const std::string &input, const ImportOptions &options);

/// Builds a VOC export in the devkit layout.
ExportResult writeVoc(const Dataset &dataset, const ExportOptions &options);

} // namespace florence::formats
