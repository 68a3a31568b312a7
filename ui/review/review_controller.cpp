#include "review/review_controller.h"

#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"

#include <algorithm>

namespace florence::ui {

ReviewController::ReviewController(Document *document, CanvasScene *scene, CanvasView *view,
                                   std::function<void(int)> showImage, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_scene(scene)
    , m_view(view)
    , m_showImage(std::move(showImage))
{
}

int ReviewController::currentImage() const
{
    return m_scene->imageIndex();
}

namespace {

/// The project's review queue, reading the document's images in place.
std::vector<QueueItem> queueOf(const Document *document, QueueOrder order)
{
    return reviewQueue(std::size_t(document->imageCount()),
                       [document](std::size_t i) -> const ImageRecord & { return document->image(int(i)); }, order);
}

} // namespace

int ReviewController::selectedQueuePosition(const std::vector<QueueItem> &queue) const
{
    const int image = currentImage();
    if (image < 0)
        return -1;
    int best = -1;
    for (ShapeId id : m_scene->selectedIds()) {
        const int index = m_document->shapeIndex(image, id);
        const auto it = std::find(queue.begin(), queue.end(), QueueItem{std::size_t(image), std::size_t(index)});
        if (index >= 0 && it != queue.end())
            best = std::max(best, int(it - queue.begin()));
    }
    return best;
}

bool ReviewController::reviewSelection(bool accept)
{
    const int image = currentImage();
    if (image < 0)
        return false;
    QVector<ShapeId> ids;
    for (ShapeId id : m_scene->selectedIds())
        if (const Shape *s = m_document->shape(image, id); s && s->pending)
            ids << id;
    if (ids.isEmpty()) {
        Q_EMIT message(tr("Select a suggestion first (N walks through them)."));
        return false;
    }
    // The suggestion to go on with: the first after the selection in the queue that stays pending.
    const std::vector<QueueItem> queue = queueOf(m_document, m_order);
    const int at = selectedQueuePosition(queue);
    int nextImage = -1;
    ShapeId nextId = 0;
    for (std::size_t i = std::size_t(at + 1); at >= 0 && i < queue.size(); ++i) {
        const ShapeId id = m_document->shapeIds(int(queue[i].image))[queue[i].shape];
        if (int(queue[i].image) == image && ids.contains(id))
            continue;
        nextImage = int(queue[i].image);
        nextId = id;
        break;
    }
    if (accept)
        m_document->acceptSuggestions(image, ids);
    else
        m_document->rejectSuggestions(image, ids);
    if (nextId != 0)
        focusShape(nextImage, nextId);
    else if (m_document->pendingCount() == 0)
        Q_EMIT message(tr("All suggestions reviewed."));
    return true;
}

bool ReviewController::acceptSelected()
{
    return reviewSelection(true);
}

bool ReviewController::rejectSelected()
{
    return reviewSelection(false);
}

bool ReviewController::acceptAboveThreshold()
{
    const int image = currentImage();
    return image >= 0 && m_document->acceptAboveRejectRest(image, m_document->scoreThreshold());
}

bool ReviewController::rejectAllOnImage()
{
    const int image = currentImage();
    if (image < 0)
        return false;
    QVector<ShapeId> ids;
    const std::vector<ShapeId> &all = m_document->shapeIds(image);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (m_document->image(image).shapes[i].pending)
            ids << all[i];
    return m_document->rejectSuggestions(image, ids);
}

bool ReviewController::nextSuggestion()
{
    const std::vector<QueueItem> queue = queueOf(m_document, m_order);
    const int at = selectedQueuePosition(queue);
    const std::size_t next = std::size_t(at + 1);
    if (next >= queue.size()) {
        Q_EMIT message(queue.empty() ? tr("No suggestions to review.") : tr("That was the last suggestion."));
        return false;
    }
    focusShape(int(queue[next].image), m_document->shapeIds(int(queue[next].image))[queue[next].shape]);
    return true;
}

bool ReviewController::previousSuggestion()
{
    const std::vector<QueueItem> queue = queueOf(m_document, m_order);
    const int at = selectedQueuePosition(queue);
    const int previous = at < 0 ? int(queue.size()) - 1 : at - 1;
    if (previous < 0) {
        Q_EMIT message(queue.empty() ? tr("No suggestions to review.") : tr("That was the first suggestion."));
        return false;
    }
    const QueueItem &q = queue[std::size_t(previous)];
    focusShape(int(q.image), m_document->shapeIds(int(q.image))[q.shape]);
    return true;
}

void ReviewController::focusShape(int image, ShapeId id)
{
    if (image != currentImage())
        m_showImage(image);
    const Shape *shape = m_document->shape(image, id);
    if (!shape || currentImage() != image)
        return;
    m_scene->selectIds({id});
    const Box b = shape->boundingBox().normalized();
    m_view->showRect(QRectF(QPointF(b.x1, b.y1), QPointF(b.x2, b.y2)));
}

bool ReviewController::nextImage(ImageFilter filter)
{
    const int count = m_document->imageCount();
    const int start = currentImage();
    for (int step = 1; step <= count; ++step) {
        const int i = ((start < 0 ? -1 : start) + step) % count;
        const ImageRecord &r = m_document->image(i);
        bool match = false;
        switch (filter) {
        case ImageFilter::WithSuggestions: match = florence::pendingCount(r) > 0; break;
        case ImageFilter::WithoutAnnotations: match = r.shapes.empty() && r.captions.empty(); break;
        case ImageFilter::NotReviewed: match = r.status != ImageStatus::Reviewed; break;
        }
        if (match && i != start) {
            m_showImage(i);
            return true;
        }
    }
    switch (filter) {
    case ImageFilter::WithSuggestions: Q_EMIT message(tr("No other image has suggestions to review.")); break;
    case ImageFilter::WithoutAnnotations: Q_EMIT message(tr("Every other image has annotations.")); break;
    case ImageFilter::NotReviewed: Q_EMIT message(tr("Every other image is reviewed.")); break;
    }
    return false;
}

QString ReviewController::statusText() const
{
    const int total = m_document->pendingCount();
    if (total == 0)
        return {};
    const int image = currentImage();
    const int here = image >= 0 ? m_document->pendingCount(image) : 0;
    return tr("%1 %2", "the project's suggestions, then those of this image in brackets (no space before a full-width bracket)")
        .arg(tr("%n suggestion(s) to review", nullptr, total), tr("(%n on this image)", nullptr, here));
}

} // namespace florence::ui
