#include "canvas/canvas_scene.h"


#include "canvas/geometry.h"
#include "canvas/items/image_item.h"
#include "canvas/tools/abstract_tool.h"
#include "convert.h"
#include "document/commands/shape_commands.h"

#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QUndoStack>

namespace florence::ui {

namespace {

constexpr int kMaxShapesWithHandles = 20; ///< more selected shapes than this: no handles (speed)

} // namespace

CanvasScene::CanvasScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_imageItem(new ImageItem)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    addItem(m_imageItem);
    connect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSelectionChanged);
    connect(document, &Document::documentReset, this, [this] { setImageIndex(-1); });
    connect(document, &Document::shapesChanged, this, [this](int image) {
        if (image == m_image)
            rebuildItems();
    });
    connect(document, &Document::shapesModified, this, &CanvasScene::updateItems);
    connect(document, &Document::labelsChanged, this, &CanvasScene::updateVisibility);
    connect(document, &Document::scoreThresholdChanged, this, &CanvasScene::updateVisibility);
    connect(document, &Document::imageChanged, this, [this](int image) {
        if (image == m_image)
            updateSceneRect();
    });
}

CanvasScene::~CanvasScene()
{
    // Items are deleted by QGraphicsScene; stop reacting to selection changes while that happens.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSelectionChanged);
}

void CanvasScene::setImageIndex(int index)
{
    if (m_tool)
        m_tool->cancel();
    m_image = index;
    m_currentHandle = {};
    m_imageItem->setPyramid(nullptr, QSize());
    qDeleteAll(m_handles);
    m_handles.clear();
    rebuildItems();
    updateSceneRect();
    Q_EMIT imageIndexChanged(index);
}

void CanvasScene::setPyramid(std::shared_ptr<const ImagePyramid> pyramid)
{
    QSize size;
    if (m_image >= 0)
        size = QSize(m_document->image(m_image).width, m_document->image(m_image).height);
    m_imageItem->setPyramid(std::move(pyramid), size);
    updateSceneRect();
}

QRectF CanvasScene::imageRect() const
{
    if (m_imageItem->pyramid())
        return m_imageItem->boundingRect();
    if (m_image >= 0) {
        const ImageRecord &record = m_document->image(m_image);
        return QRectF(0, 0, record.width, record.height);
    }
    return QRectF();
}

void CanvasScene::updateSceneRect()
{
    QRectF rect = imageRect();
    if (rect.isEmpty())
        rect = QRectF(0, 0, 1, 1);
    // The scene is exactly the image: fitting shows no scroll bars, zooming in scrolls to every edge.
    setSceneRect(rect);
    if (!m_imageItem->pyramid())
        m_imageItem->setPyramid(nullptr, imageRect().size().toSize());
}

QVector<ShapeId> CanvasScene::selectedIds() const
{
    QVector<ShapeId> out;
    if (m_image < 0)
        return out;
    for (ShapeId id : m_document->shapeIds(m_image)) {
        const ShapeItem *item = m_items.value(id);
        if (item && item->isSelected())
            out << id;
    }
    return out;
}

void CanvasScene::selectIds(const QVector<ShapeId> &ids, bool add)
{
    QSignalBlocker blocker(this);
    if (!add)
        clearSelection();
    for (ShapeId id : ids)
        if (ShapeItem *item = m_items.value(id); item && item->isVisible())
            item->setSelected(true);
    blocker.unblock();
    onSelectionChanged();
}

ShapeItem *CanvasScene::shapeItemAt(const QPointF &scenePos) const
{
    // A label tag is drawn above its shape, on top of others: clicking it means that shape.
    for (QGraphicsItem *item : items(scenePos, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder))
        if (auto *shapeItem = qgraphicsitem_cast<ShapeItem *>(item))
            if (shapeItem->isVisible() && shapeItem->tagSceneRect().contains(scenePos))
                return shapeItem;
    ShapeItem *best = nullptr;
    double bestArea = 0;
    for (QGraphicsItem *item : items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder)) {
        auto *shapeItem = qgraphicsitem_cast<ShapeItem *>(item);
        if (!shapeItem || !shapeItem->isVisible())
            continue;
        const QRectF r = shapeItem->outline().boundingRect();
        const double area = r.width() * r.height();
        if (!best || area < bestArea) {
            best = shapeItem;
            bestArea = area;
        }
    }
    return best;
}

HandleItem *CanvasScene::handleAt(const QPointF &scenePos) const
{
    // Handles ignore transformations: compare in device pixels.
    HandleItem *best = nullptr;
    double bestDistance = HandleItem::kRadius + 2;
    for (HandleItem *handle : m_handles) {
        const double d = QLineF(handle->pos(), scenePos).length() * m_viewScale;
        if (handle->isVisible() && d <= bestDistance) {
            best = handle;
            bestDistance = d;
        }
    }
    return best;
}

void CanvasScene::setHandlesVisible(bool visible)
{
    m_handlesVisible = visible;
    updateHandles();
}

void CanvasScene::setCurrentHandle(const HandleRef &ref)
{
    m_currentHandle = ref;
    for (HandleItem *handle : m_handles)
        handle->setCurrent(handle->ref() == ref);
}

void CanvasScene::setViewScale(double scale)
{
    if (scale <= 0 || scale == m_viewScale)
        return;
    m_viewScale = scale;
    for (ShapeItem *item : std::as_const(m_items))
        item->setViewScale(scale);
}

void CanvasScene::setTool(AbstractTool *tool)
{
    if (m_tool == tool)
        return;
    if (m_tool)
        m_tool->deactivate();
    m_tool = tool;
    if (m_tool) {
        m_tool->activate();
        setViewCursor(m_tool->cursor());
    }
}

AbstractTool *CanvasScene::tool() const
{
    return m_tool;
}

void CanvasScene::setViewCursor(const QCursor &cursor)
{
    for (QGraphicsView *view : views())
        view->viewport()->setCursor(cursor);
}

bool CanvasScene::deleteSelection(QString *why)
{
    if (m_image < 0)
        return false;
    QUndoStack *stack = m_document->undoStack();
    if (m_currentHandle.valid() && m_currentHandle.ring >= 0) {
        const Shape *shape = m_document->shape(m_image, m_currentHandle.id);
        if (shape && m_currentHandle.ring < int(shape->rings.size())) {
            const Ring &ring = shape->rings[std::size_t(m_currentHandle.ring)];
            if (shape->kind == ShapeKind::Quad) {
                if (why)
                    *why = tr("A quad always has four vertices; delete the whole shape instead.");
                return false;
            }
            if (ring.size() <= 3) {
                if (why)
                    *why = tr("A polygon ring needs at least three vertices.");
                return false;
            }
            const HandleRef ref = m_currentHandle;
            stack->push(new RemoveVertex(m_document, m_image, ref.id, withVertexRemoved(*shape, ref.ring, ref.vertex)));
            setCurrentHandle({});
            return true;
        }
    }
    const QVector<ShapeId> ids = selectedIds();
    if (ids.isEmpty()) {
        if (why)
            *why = tr("Nothing is selected.");
        return false;
    }
    stack->push(new RemoveShapes(m_document, m_image, ids));
    return true;
}

void CanvasScene::rebuildItems()
{
    QSignalBlocker blocker(this);
    QHash<ShapeId, ShapeItem *> old;
    old.swap(m_items);
    if (m_image >= 0) {
        const ImageRecord &record = m_document->image(m_image);
        const std::vector<ShapeId> &ids = m_document->shapeIds(m_image);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            ShapeItem *item = old.take(ids[i]);
            if (!item) {
                item = new ShapeItem(ids[i]);
                item->setViewScale(m_viewScale);
                item->setAnnotation(record.shapes[i]);
                addItem(item);
            } else if (item->annotation() != record.shapes[i]) {
                item->setAnnotation(record.shapes[i]);
            }
            item->setZValue(double(i));
            m_items.insert(ids[i], item);
        }
    }
    qDeleteAll(old);
    updateReviewMarks();
    if (m_currentHandle.valid() && !m_items.contains(m_currentHandle.id))
        m_currentHandle = {};
    blocker.unblock();
    onSelectionChanged();
}

void CanvasScene::updateItems(int image, const QVector<ShapeId> &ids)
{
    if (image != m_image)
        return;
    for (ShapeId id : ids)
        if (ShapeItem *item = m_items.value(id))
            if (const Shape *shape = m_document->shape(m_image, id))
                item->setAnnotation(*shape);
    updateReviewMarks();
    updateHandles();
}

void CanvasScene::updateReviewMarks()
{
    if (m_image < 0)
        return;
    const ImageRecord &record = m_document->image(m_image);
    const std::vector<ShapeId> &ids = m_document->shapeIds(m_image);
    std::vector<QString> marks(ids.size());
    m_duplicates.clear();
    for (const DiffEntry &e : diffSuggestions(record.shapes)) {
        marks[e.shape] = diffMark(e.kind);
        if (e.kind == SuggestionDiff::Duplicate)
            m_duplicates.insert(ids[e.shape]);
    }
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ShapeItem *item = m_items.value(ids[i]))
            item->setReviewMark(marks[i]);
    updateVisibility();
}

QString CanvasScene::diffMark(SuggestionDiff diff)
{
    switch (diff) {
    case SuggestionDiff::New: return {};
    case SuggestionDiff::Duplicate: return tr("duplicate");
    case SuggestionDiff::LabelConflict: return tr("label conflict");
    case SuggestionDiff::Missed: return tr("not found");
    }
    return {};
}

void CanvasScene::setHideDuplicates(bool hide)
{
    if (hide == m_hideDuplicates)
        return;
    m_hideDuplicates = hide;
    updateVisibility();
}

bool CanvasScene::isItemShown(const ShapeItem *item) const
{
    return m_document->isShapeVisible(item->annotation()) && !(m_hideDuplicates && m_duplicates.contains(item->id()));
}

void CanvasScene::updateVisibility()
{
    bool changed = false;
    for (ShapeItem *item : std::as_const(m_items)) {
        const bool visible = isItemShown(item);
        if (item->isVisible() != visible) {
            item->setVisible(visible);
            if (!visible)
                item->setSelected(false);
            changed = true;
        }
    }
    if (changed)
        onSelectionChanged();
}

void CanvasScene::updateHandles()
{
    qDeleteAll(m_handles);
    m_handles.clear();
    const QVector<ShapeId> ids = selectedIds();
    if (!m_handlesVisible || ids.size() > kMaxShapesWithHandles)
        return;
    for (ShapeId id : ids) {
        const Shape *shape = m_document->shape(m_image, id);
        if (!shape)
            continue;
        auto add = [&](const HandleRef &ref, const QPointF &pos) {
            auto *handle = new HandleItem(ref);
            handle->setPos(pos);
            handle->setCurrent(ref == m_currentHandle);
            addItem(handle);
            m_handles << handle;
        };
        if (shape->kind == ShapeKind::Box) {
            for (int h = TopLeft; h <= Left; ++h)
                add(HandleRef{id, -1, h}, boxHandlePosition(shape->box, BoxHandle(h)));
        } else {
            for (int r = 0; r < int(shape->rings.size()); ++r)
                for (int v = 0; v < int(shape->rings[std::size_t(r)].size()); ++v)
                    add(HandleRef{id, r, v}, toQt(shape->rings[std::size_t(r)][std::size_t(v)]));
        }
    }
}

void CanvasScene::onSelectionChanged()
{
    const QVector<ShapeId> now = selectedIds();
    if (m_currentHandle.valid() && !now.contains(m_currentHandle.id))
        m_currentHandle = {};
    updateHandles();
    if (now != m_lastSelection) {
        m_lastSelection = now;
        Q_EMIT selectedIdsChanged();
    }
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_tool && m_image >= 0)
        m_tool->mousePressed(event);
    event->accept();
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_tool && m_image >= 0)
        m_tool->mouseMoved(event);
    event->accept();
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_tool && m_image >= 0)
        m_tool->mouseReleased(event);
    event->accept();
}

void CanvasScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_tool && m_image >= 0)
        m_tool->mouseDoubleClicked(event);
    event->accept();
}

void CanvasScene::keyPressEvent(QKeyEvent *event)
{
    if (m_tool && m_image >= 0 && m_tool->keyPressed(event)) {
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

} // namespace florence::ui
