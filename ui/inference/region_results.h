#pragma once
// How the answer of a region task lands on the shape that gave the region: REGION_TO_CATEGORY sets
// the label, REGION_TO_DESCRIPTION and REGION_TO_OCR set the text, REGION_TO_SEGMENTATION replaces
// the geometry by the polygon (label and text kept).

#include "inference/inference_types.h"

#include <optional>
#include <string>

namespace florence::ui {

/// `text` without <loc_N> tokens (a region answer may repeat the region) and without surrounding
/// whitespace; inner runs of whitespace become one space.
std::string stripLocationTokens(const std::string &text);

/// The shape that replaces `region` once region task `task` answered `answer`; std::nullopt when
/// the answer carries nothing to attach (an empty text, a segmentation without a polygon). A polygon
/// keeps every ring of the answer (one object), the region's label and text, and takes the answer's
/// score and origin = the task token.
std::optional<Shape> attachRegionAnswer(const Shape &region, Task task, const RegionAnswer &answer);

} // namespace florence::ui
