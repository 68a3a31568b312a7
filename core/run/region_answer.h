#pragma once
// How the answer of a region task lands on the shape that gave the region — one rule for the GUI
// (a region drawn or selected by the user) and for chains (detect, then segment/describe each box):
//   <REGION_TO_CATEGORY>      sets the label,
//   <REGION_TO_DESCRIPTION>   sets the text,
//   <REGION_TO_OCR>           sets the text,
//   <REGION_TO_SEGMENTATION>  replaces the geometry by the polygon (every ring of the answer: one
//                             object), label and text kept.
// Texts lose their <loc_N> tokens (a region answer may repeat the region). The score: a shape that
// already has one (a detection's confidence that the object is there) keeps it; otherwise the
// shape takes the answer's score, when the run computed one. The origin records the model step:
// the region task token, after the shape's own origin when it has one ("<OD>+<REGION_TO_SEGMENTATION>").

#include "annotate/annotation.h"
#include "pipeline.h"

#include <optional>
#include <string>

namespace florence {

/// `text` without <loc_N> tokens and without surrounding whitespace; inner runs of whitespace
/// become one space.
std::string stripLocationTokens(const std::string &text);

/// The shape that replaces `region` once the region task of `answer` (answer.task) answered;
/// std::nullopt when the answer carries nothing to attach (an empty text, a segmentation without a
/// polygon, a task that is not a region task): the caller then keeps `region` as it is.
std::optional<Shape> attachRegionAnswer(const Shape &region, const RunResult &answer);

} // namespace florence
