#pragma once
// YOLO (Ultralytics) datasets: detection `class cx cy w h`, segmentation `class x1 y1 ... xn yn` and
// oriented boxes `class x1 y1 x2 y2 x3 y3 x4 y4`, coordinates normalized to 0..1 by the image size,
// one labels/<split>/<name>.txt per images/<split>/<name>.<ext>, class names in data.yaml (and
// classes.txt). See docs/formats.md for what is kept and dropped.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

#include <string>
#include <vector>

namespace florence::formats {

/// The YOLO label layouts.
enum class YoloVariant {
    Auto,    ///< reading only: 5 columns -> box, otherwise (odd, >= 7) polygon
    Detect,  ///< class cx cy w h
    Segment, ///< class x1 y1 ... xn yn (n >= 3)
    Obb,     ///< class x1 y1 x2 y2 x3 y3 x4 y4
};

/// Parses one label file. Coordinates are normalized and scaled by `width` x `height` (pixels) into
/// image pixels; labels are `names[class]`. Throws Error(BadInput) "YOLO label file '<file>' line <n>:
/// ..." for wrong column counts, non-numbers, NaN/inf, coordinates outside 0..1, class ids outside
/// names, more than 100 000 objects.
std::vector<Shape> parseYoloLabels(const std::string &text, const std::string &fileName, YoloVariant variant,
                                   const std::vector<std::string> &names, int width, int height);

/// What a data.yaml says (the subset Florence Studio reads).
struct YoloDataYaml
{
    std::string path;                     ///< `path:` ("" when absent)
    std::vector<std::string> train, val, test; ///< split folders (one each, or a list)
    std::vector<std::string> names;       ///< class names in id order
};

/// Parses the data.yaml subset: top-level `path`, `train`, `val`, `test` (scalars or lists) and `names`
/// (block list, block map `0: name`, flow list or flow map); other keys are ignored. No anchors, tags or
/// multi-document streams. Throws Error(BadInput) "YOLO data.yaml '<file>' line <n>: ..." for names that
/// are not ids 0..n-1, bad quoting, tabs in indentation, more than 100 000 names.
YoloDataYaml parseYoloDataYaml(const std::string &text, const std::string &fileName);

/// Reads a YOLO dataset folder (data.yaml or classes.txt; images/ and labels/ trees, or images with
/// their .txt next to them). Throws Error(BadInput) naming the file and line; see parseYoloLabels.
Dataset readYolo(const std::string &input, const ImportOptions &options);

/// Builds a YOLO export (variant "detect", "segment" or "obb").
ExportResult writeYolo(const Dataset &dataset, const ExportOptions &options);

} // namespace florence::formats
