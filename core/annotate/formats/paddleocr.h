#pragma once
// PaddleOCR / PPOCRLabel text detection and recognition labels: Label.txt lines
// `<image path>\t[{"transcription": "...", "points": [[x, y], ...], "difficult": false}, ...]` in image
// pixels, and for recognition crop_img/<crop> images with rec_gt.txt lines `crop_img/<crop>\t<text>`.
// See docs/formats.md for what is kept and dropped.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

#include <string>
#include <utility>
#include <vector>

namespace florence::formats {

/// One image of a Label.txt: the path as written and its shapes.
struct PaddleLabelImage
{
    std::string path;          ///< as written in the file ('\\' read as '/')
    std::vector<Shape> shapes; ///< 4 points -> Quad, more -> Polygon; text = transcription; label = key_cls
    std::size_t line = 0;      ///< line of the file it came from
};

/// Parses a Label.txt. `difficult` receives the number of objects marked difficult (not kept).
/// Throws Error(BadInput) "PaddleOCR label file '<file>' line <n>: ..." for a missing tab, malformed
/// JSON, missing or mistyped transcription/points, fewer than 4 points, NaN/inf or |v| > 1e9,
/// duplicate image paths, more than 100 000 objects on a line.
std::vector<PaddleLabelImage> parsePaddleLabels(const std::string &text, const std::string &fileName,
                                                std::size_t *difficult = nullptr);

/// Reads a Label.txt (or a folder holding one). Image paths are resolved as PPOCRLabel writes them
/// ("<folder>/<image>" relative to the folder above Label.txt's), else relative to Label.txt's folder,
/// or to ImportOptions::imagesDir when given. Every image must exist.
Dataset readPaddleOcr(const std::string &input, const ImportOptions &options);

/// Builds a PaddleOCR export: images/ with Label.txt (detection), rec_gt.txt and crop_img/ (a
/// perspective-rectified crop per shape with text, as PaddleOCR's get_rotate_crop_image), and
/// det_gt_<split>.txt / rec_gt_<split>.txt when there is more than one split.
ExportResult writePaddleOcr(const Dataset &dataset, const ExportOptions &options);

} // namespace florence::formats
