#pragma once
// DOTA (Dataset for Object deTection in Aerial images): one labelTxt/<name>.txt per images/<name>.<ext>,
// each object a line `x1 y1 x2 y2 x3 y3 x4 y4 category difficult` in image pixels, optional
// `imagesource:` and `gsd:` header lines; train/ val/ test/ folders each holding images/ and labelTxt/.
// See docs/formats.md for what is kept and dropped.

#include "annotate/formats/dataset.h"
#include "annotate/formats/registry.h"

#include <string>
#include <vector>

namespace florence::formats {

/// Parses one DOTA label file into quads (label = category). `difficult` receives the number of
/// objects marked difficult (the flag is not kept). Throws Error(BadInput) "DOTA label file '<file>'
/// line <n>: ..." for wrong column counts, non-numbers, NaN/inf, |coordinate| > 1e9, a difficult
/// flag other than 0/1, more than 100 000 objects.
std::vector<Shape> parseDotaLabels(const std::string &text, const std::string &fileName, std::size_t *difficult = nullptr);

/// Reads a DOTA folder (images/ + labelTxt/, or train/ val/ test/ each holding them). Every label
/// file must have its image.
Dataset readDota(const std::string &input, const ImportOptions &options);

/// Builds a DOTA export (flat images/ + labelTxt/ when there is one split, else per split folder).
ExportResult writeDota(const Dataset &dataset, const ExportOptions &options);

} // namespace florence::formats
