#pragma once
// Turns a post-processed Florence-2 answer into editable annotations (shapes and captions).

#include "annotate/annotation.h"
#include "tasks/postprocess.h"

#include <string>
#include <vector>

namespace florence {

/// Annotations made from one answer.
struct ResultAnnotations
{
    std::vector<Shape> shapes;
    std::vector<Caption> captions;
    int droppedInstances = 0; ///< polygon instances with no ring of >= 3 points left
};

/// Converts `result` (coordinates in pixels of an image of imageWidth x imageHeight) into shapes:
/// - boxes (OD, dense region caption, region proposal, phrase grounding, OVD): corners ordered
///   (inverted boxes normalized); a degenerate box (zero width or height, both corners in one bin)
///   is widened to the size of one bin (size / 1000) so that it stays visible and selectable;
/// - OCR_WITH_REGION: quads, label "text", the transcription in Shape::text (without the leading
///   "</s>" the reference leaves in the first line);
/// - polygons (segmentation, OVD with <poly>): one Polygon shape per instance, rings with fewer
///   than 3 points dropped, an instance without any ring left dropped (counted);
/// - pure text (captions, OCR, region-to-category/description/OCR): one Caption.
/// Labels come from the answer; where the answer has none, `fallbackLabel` is used (e.g. the
/// referring expression the user typed, or "region" for proposals). Every shape and caption gets
/// origin = result.task and the instance's score when there is one.
ResultAnnotations annotationsFromResult(const PostprocessResult &result, int imageWidth, int imageHeight,
                                        const std::string &fallbackLabel = {});

} // namespace florence
