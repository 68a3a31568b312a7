#pragma once
// The review layer over model output: how pending suggestions relate to the shapes an image
// already has (the diff), the order in which a person walks them (the queue), and the numbers for
// choosing a confidence threshold (accepted vs rejected). Pure functions over annotation data; the
// GUI's undoable accept/reject commands and the CLI use them.
//
// Design note: suggestions are matched to accepted shapes by the IoU of their bounding boxes, for
// every kind. For quads and polygons this over-estimates the overlap of thin diagonal shapes, which
// only makes "duplicate" a little more generous; it keeps the diff O(n·m) with no rasterisation and
// gives the same answer the user sees from the boxes' outlines.

#include "annotate/annotation.h"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace florence {

/// Intersection over union of the bounding boxes of `a` and `b` (0 when either is empty).
double boxIou(const Box &a, const Box &b);

/// How a pending suggestion (or an accepted shape) relates to the other side.
enum class SuggestionDiff {
    New,           ///< a suggestion overlapping no accepted shape
    Duplicate,     ///< a suggestion overlapping an accepted shape of the same label
    LabelConflict, ///< a suggestion overlapping accepted shape(s) of other labels only
    Missed,        ///< an accepted shape no suggestion overlaps (the model did not find it)
};

/// "new", "duplicate", "conflict", "missed".
const char *toString(SuggestionDiff diff);

/// One classified shape of an image.
struct DiffEntry
{
    std::size_t shape = 0;            ///< index into the image's shapes
    SuggestionDiff kind = SuggestionDiff::New;
    std::optional<std::size_t> match; ///< the accepted shape matched (Duplicate, LabelConflict)
    double iou = 0.0;                 ///< IoU with `match`
};

/// Default IoU from which a suggestion counts as the same object as an accepted shape.
constexpr double kDiffIou = 0.5;

/// Classifies every pending shape of `shapes` against its accepted shapes (IoU >= `iou`, a same-label
/// match preferred over a higher-IoU other-label one), then every accepted shape no suggestion
/// matched as Missed — only when there is at least one suggestion (without model output nothing
/// was "missed"). Entries come in shape order.
std::vector<DiffEntry> diffSuggestions(const std::vector<Shape> &shapes, double iou = kDiffIou);

/// Orders of the review queue.
enum class QueueOrder {
    LowestScore, ///< least confident first (shapes without a score first), then image and shape order
    ByImage,     ///< image order, then shape order
    ByLabel,     ///< label (byte order), then lowest score first
};

/// One pending suggestion of a project.
struct QueueItem
{
    std::size_t image = 0;
    std::size_t shape = 0;
    bool operator==(const QueueItem &o) const { return image == o.image && shape == o.shape; }
};

/// Every pending shape of `images` in the given order.
std::vector<QueueItem> reviewQueue(const std::vector<ImageRecord> &images, QueueOrder order);
/// The same over `count` images reached through `image(i)` (no copy of a large project).
std::vector<QueueItem> reviewQueue(std::size_t count, const std::function<const ImageRecord &(std::size_t)> &image,
                                   QueueOrder order);

/// Review numbers of one label.
struct ReviewCounts
{
    int accepted = 0; ///< model shapes accepted (edited ones included)
    int rejected = 0;
    int pending = 0;
};

/// Review numbers of a project: counts per label and the scores of accepted and rejected suggestions.
struct ReviewStats
{
    std::map<std::string, ReviewCounts> perLabel;
    ReviewCounts total;
    std::vector<double> acceptedScores;
    std::vector<double> rejectedScores;
};

/// Counts model-made shapes only (origin != "manual"); hand-drawn shapes were never suggestions.
ReviewStats reviewStats(const std::vector<ImageRecord> &images);

/// Number of pending shapes of one image.
int pendingCount(const ImageRecord &image);

/// `images` without their pending suggestions, for exports and training data; `dropped` (optional)
/// receives how many were left out.
std::vector<ImageRecord> acceptedOnly(const std::vector<ImageRecord> &images, std::size_t *dropped = nullptr);

} // namespace florence
