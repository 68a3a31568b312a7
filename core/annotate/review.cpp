#include "annotate/review.h"

#include <algorithm>
#include <tuple>

namespace florence {

double boxIou(const Box &a, const Box &b)
{
    const Box p = a.normalized();
    const Box q = b.normalized();
    const double w = std::min(p.x2, q.x2) - std::max(p.x1, q.x1);
    const double h = std::min(p.y2, q.y2) - std::max(p.y1, q.y1);
    if (w <= 0.0 || h <= 0.0)
        return 0.0;
    const double inter = w * h;
    const double uni = p.width() * p.height() + q.width() * q.height() - inter;
    return uni > 0.0 ? inter / uni : 0.0;
}

const char *toString(SuggestionDiff diff)
{
    switch (diff) {
    case SuggestionDiff::New: return "new";
    case SuggestionDiff::Duplicate: return "duplicate";
    case SuggestionDiff::LabelConflict: return "conflict";
    case SuggestionDiff::Missed: return "missed";
    }
    return "new";
}

std::vector<DiffEntry> diffSuggestions(const std::vector<Shape> &shapes, double iou)
{
    std::vector<std::size_t> accepted;
    std::vector<Box> boxes(shapes.size());
    bool anyPending = false;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        boxes[i] = shapes[i].boundingBox();
        if (shapes[i].pending)
            anyPending = true;
        else
            accepted.push_back(i);
    }
    std::vector<bool> found(shapes.size(), false);
    std::vector<DiffEntry> out;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        if (!shapes[i].pending)
            continue;
        DiffEntry e;
        e.shape = i;
        double bestSame = 0.0, bestOther = 0.0;
        std::optional<std::size_t> same, other;
        for (std::size_t a : accepted) {
            const double v = boxIou(boxes[i], boxes[a]);
            if (v < iou || v <= 0.0)
                continue;
            found[a] = true;
            if (shapes[a].label == shapes[i].label) {
                if (v > bestSame)
                    bestSame = v, same = a;
            } else if (v > bestOther) {
                bestOther = v, other = a;
            }
        }
        if (same) {
            e.kind = SuggestionDiff::Duplicate, e.match = same, e.iou = bestSame;
        } else if (other) {
            e.kind = SuggestionDiff::LabelConflict, e.match = other, e.iou = bestOther;
        }
        out.push_back(e);
    }
    if (anyPending)
        for (std::size_t a : accepted)
            if (!found[a])
                out.push_back(DiffEntry{a, SuggestionDiff::Missed, std::nullopt, 0.0});
    std::stable_sort(out.begin(), out.end(), [](const DiffEntry &x, const DiffEntry &y) { return x.shape < y.shape; });
    return out;
}

std::vector<QueueItem> reviewQueue(const std::vector<ImageRecord> &images, QueueOrder order)
{
    return reviewQueue(images.size(), [&](std::size_t i) -> const ImageRecord & { return images[i]; }, order);
}

std::vector<QueueItem> reviewQueue(std::size_t count, const std::function<const ImageRecord &(std::size_t)> &image,
                                   QueueOrder order)
{
    std::vector<QueueItem> items;
    for (std::size_t i = 0; i < count; ++i) {
        const std::vector<Shape> &shapes = image(i).shapes;
        for (std::size_t s = 0; s < shapes.size(); ++s)
            if (shapes[s].pending)
                items.push_back({i, s});
    }
    const auto shapeOf = [&](const QueueItem &q) -> const Shape & { return image(q.image).shapes[q.shape]; };
    // No score sorts as -1: least known first.
    const auto scoreOf = [&](const QueueItem &q) { return shapeOf(q).score.value_or(-1.0); };
    switch (order) {
    case QueueOrder::ByImage: break; // already in image, shape order
    case QueueOrder::LowestScore:
        std::stable_sort(items.begin(), items.end(),
                         [&](const QueueItem &a, const QueueItem &b) { return scoreOf(a) < scoreOf(b); });
        break;
    case QueueOrder::ByLabel:
        std::stable_sort(items.begin(), items.end(), [&](const QueueItem &a, const QueueItem &b) {
            return std::forward_as_tuple(shapeOf(a).label, scoreOf(a)) < std::forward_as_tuple(shapeOf(b).label, scoreOf(b));
        });
        break;
    }
    return items;
}

ReviewStats reviewStats(const std::vector<ImageRecord> &images)
{
    ReviewStats stats;
    for (const ImageRecord &image : images) {
        for (const Shape &s : image.shapes) {
            if (s.origin == kManualOrigin)
                continue;
            ReviewCounts &c = stats.perLabel[s.label];
            if (s.pending) {
                ++c.pending, ++stats.total.pending;
            } else {
                ++c.accepted, ++stats.total.accepted;
                if (s.score)
                    stats.acceptedScores.push_back(*s.score);
            }
        }
        for (const Shape &s : image.rejected) {
            ++stats.perLabel[s.label].rejected, ++stats.total.rejected;
            if (s.score)
                stats.rejectedScores.push_back(*s.score);
        }
    }
    return stats;
}

int pendingCount(const ImageRecord &image)
{
    return int(std::count_if(image.shapes.begin(), image.shapes.end(), [](const Shape &s) { return s.pending; }));
}

std::vector<ImageRecord> acceptedOnly(const std::vector<ImageRecord> &images, std::size_t *dropped)
{
    std::vector<ImageRecord> out = images;
    std::size_t count = 0;
    for (ImageRecord &image : out) {
        const auto end = std::remove_if(image.shapes.begin(), image.shapes.end(), [](const Shape &s) { return s.pending; });
        count += std::size_t(image.shapes.end() - end);
        image.shapes.erase(end, image.shapes.end());
    }
    if (dropped)
        *dropped = count;
    return out;
}

} // namespace florence
