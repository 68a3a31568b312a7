#pragma once
// Geometry conversions between what a shape is and what a format can hold (box -> four corners,
// polygon -> minimum-area rotated rectangle, ...), each noted in the export summary. Not a public header.

#include "annotate/annotation.h"
#include "annotate/formats/dataset.h"

#include <string>
#include <vector>

namespace florence::formats::detail {

/// The four corners of a box, clockwise from the top-left (x1,y1), (x2,y1), (x2,y2), (x1,y2).
Ring boxCorners(const Box &box);

/// A quad for `shape`: its own ring for a Quad, the corners of a Box, the minimum-area rotated
/// rectangle around every point of a Polygon (noted in `summary` as converted, with `formatName`).
Ring quadFor(const Shape &shape, ExportSummary &summary, const std::string &formatName);

/// The normalized bounding box of `shape`; quads and polygons are noted as converted.
Box boxFor(const Shape &shape, ExportSummary &summary, const std::string &formatName);

/// Rings for `shape`: a Box as its 4 corners (noted), a Quad as its ring, a Polygon's rings.
std::vector<Ring> ringsFor(const Shape &shape, ExportSummary &summary, const std::string &formatName);

/// `label` with spaces and tabs replaced by '_' (noted when changed) and "" written as "unlabeled"
/// (noted), for formats whose fields are whitespace-separated.
std::string tokenLabel(const std::string &label, ExportSummary &summary, const std::string &formatName);

/// `path` without a leading split folder ("train/a.jpg" -> "a.jpg" when split is "train"; "valid/"
/// and "validation/" count as "val").
std::string pathWithinSplit(const std::string &path, const std::string &split);

} // namespace florence::formats::detail
