#pragma once
// The inverse of post-processing: the answer text Florence-2 should generate for a task, built from
// an image's reviewed shapes and captions (training targets, the `suffix` of a fine-tuning example).
//
// Design note: every coordinate goes through the processor's own quantizers (tasks/quantizer.h:
// BoxQuantizer / CoordinatesQuantizer 'floor' mode), so post-processing the answer gives back each
// shape within one location bin ((bin + 0.5) * size / 1000 lies within size / 1000 of the original
// coordinate). The answer formats are those the reference post-processor parses:
//   <OD>, <OPEN_VOCABULARY_DETECTION>, <CAPTION_TO_PHRASE_GROUNDING>, <DENSE_REGION_CAPTION>:
//       label<loc_x1><loc_y1><loc_x2><loc_y2> per box;   <REGION_PROPOSAL>: the four loc tokens only;
//   <OCR_WITH_REGION>: text + 8 loc tokens (the quad's corners in stored order) per line;
//   <REFERRING_EXPRESSION_SEGMENTATION>, <REGION_TO_SEGMENTATION>: <loc_x><loc_y>... per ring,
//       rings joined by <sep>;
//   <REGION_TO_CATEGORY> / <REGION_TO_DESCRIPTION>: label / text + the region's four loc tokens (what the
//       released checkpoints answer); <REGION_TO_OCR>, captions and <OCR>: plain text.
// Labels and texts lose '<' and '>' (they would start a special token and break parsing) and
// surrounding whitespace; everything else, non-ASCII included, is kept (the post-processor itself
// drops non-ASCII from description labels, so such labels do not round-trip exactly).

#include "annotate/annotation.h"
#include "tasks/task.h"

#include <string>
#include <vector>

namespace florence {

/// One training example of an image: the processor text (task token + input) and the answer.
struct TaskAnswer
{
    Task task = Task::Caption;
    std::string input;   ///< the task's input: text, or a region as four <loc_N> tokens; empty for None
    std::string suffix;  ///< the answer the model should generate (without <s> and </s>)
    /// The processor text: task token followed by the input ("<OD>", "<CAPTION_TO_PHRASE_GROUNDING>a car").
    std::string prefix() const;
};

/// A label or text made safe for an answer: '<' and '>' removed, surrounding whitespace stripped.
std::string answerLabel(const std::string &text);

/// "label<loc_x1><loc_y1><loc_x2><loc_y2>" of a box in image pixels (width x height image).
/// Throws Error(BadInput) for a non-positive image size or a non-finite coordinate.
std::string boxAnswer(const std::string &label, const Box &box, int width, int height);
/// "<loc_x><loc_y>..." of the rings of a polygon joined by "<sep>". Throws as boxAnswer.
std::string polygonAnswer(const std::vector<Ring> &rings, int width, int height);
/// "text<loc_x1><loc_y1>...<loc_x4><loc_y4>" of an OCR quad (one ring of four points). Throws
/// Error(BadInput) when the shape is not a quad, and as boxAnswer.
std::string quadAnswer(const Shape &quad, int width, int height);

/// Every example `image` yields for `tasks`, in task order then shape/caption order. Shapes and
/// captions that give a task nothing are skipped (an image without boxes yields no <OD> example).
/// Captions feed <CAPTION> (manual ones and origin <CAPTION>), <DETAILED_CAPTION>,
/// <MORE_DETAILED_CAPTION> and <OCR> by their origin; phrase grounding uses each <CAPTION>-task
/// caption with the labelled boxes whose label occurs in it (case-insensitive). Coordinates are
/// `image`'s pixels; image.width/height must be known (> 0), else Error(BadInput) naming the path.
std::vector<TaskAnswer> answersForImage(const ImageRecord &image, const std::vector<Task> &tasks);

} // namespace florence
