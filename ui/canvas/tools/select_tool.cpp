#include "canvas/tools/select_tool.h"

#include "canvas/geometry.h"
#include "convert.h"
#include "document/commands/shape_commands.h"

#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QUndoStack>

namespace florence::ui {

namespace {

constexpr double kDragThreshold = 3.0; ///< device pixels before a press becomes a move
constexpr double kEdgeTolerance = 8.0; ///< device pixels from an edge for vertex insertion

Box boundsOf(const std::vector<Shape> &shapes)
{
    QRectF r;
    for (const Shape &s : shapes)
        r |= toQt(s.boundingBox());
    return fromQt(r);
}

} // namespace

/// One drag of the select tool, from press to release.
///
/// Geometry drags follow Tiled (tool/objectselectiontool.cpp): while the mouse moves, the shapes are
/// changed in the document directly, without the undo stack; the release pushes one command from
/// the original to the final geometry, and Escape writes the original geometry back. The undo
/// stack is never touched by an aborted drag, so a batch result pushed meanwhile is not undone in
/// its place and Redo offers nothing stale (issue 17, finding 11).
class DragStrategy
{
public:
    virtual ~DragStrategy() = default;
    virtual void moveTo(const QPointF &scenePos, Qt::KeyboardModifiers modifiers) = 0;
    virtual void finish() {}
    /// Drops the drag, restoring what it changed.
    virtual void cancel() {}
};

namespace {

/// Dragging the selected shapes.
class MoveStrategy : public DragStrategy
{
public:
    MoveStrategy(CanvasScene *scene, const QPointF &press, ShapeId clicked)
        : m_scene(scene)
        , m_press(press)
        , m_clicked(clicked)
        , m_ids(scene->selectedIds())
        , m_gesture(scene->newGesture())
    {
        for (ShapeId id : m_ids)
            m_originals.push_back(*scene->document()->shape(scene->imageIndex(), id));
    }

    void moveTo(const QPointF &scenePos, Qt::KeyboardModifiers) override
    {
        QPointF delta = scenePos - m_press;
        if (!m_moved && QLineF(QPointF(), delta).length() * m_scene->viewScale() < kDragThreshold)
            return;
        delta = clampedDelta(toQt(boundsOf(m_originals)), delta, m_scene->imageRect());
        m_current.clear();
        for (const Shape &s : m_originals)
            m_current.push_back(translated(s, delta));
        m_scene->document()->setShapes(m_scene->imageIndex(), m_ids, m_current); // no undo step yet
        m_moved = true;
    }

    void finish() override
    {
        if (m_moved) {
            Document *doc = m_scene->document();
            doc->setShapes(m_scene->imageIndex(), m_ids, m_originals); // the command records old -> new
            doc->undoStack()->push(new MoveShapes(doc, m_scene->imageIndex(), m_ids, m_current, m_gesture));
        } else if (m_ids.size() > 1) {
            m_scene->selectIds({m_clicked}); // a plain click on one of several selected shapes
        }
    }

    void cancel() override
    {
        if (m_moved)
            m_scene->document()->setShapes(m_scene->imageIndex(), m_ids, m_originals);
        m_moved = false;
    }

private:
    CanvasScene *m_scene;
    QPointF m_press;
    ShapeId m_clicked;
    QVector<ShapeId> m_ids;
    std::vector<Shape> m_originals;
    std::vector<Shape> m_current; ///< geometry shown during the drag
    quint64 m_gesture;
    bool m_moved = false;
};

/// Dragging one handle: a vertex of a quad/polygon or a corner/edge of a box.
class HandleStrategy : public DragStrategy
{
public:
    HandleStrategy(CanvasScene *scene, const HandleRef &ref)
        : m_scene(scene)
        , m_ref(ref)
        , m_original(*scene->document()->shape(scene->imageIndex(), ref.id))
        , m_gesture(scene->newGesture())
    {
    }

    void moveTo(const QPointF &scenePos, Qt::KeyboardModifiers) override
    {
        const QPointF p = clampedTo(scenePos, m_scene->imageRect());
        Shape changed = m_original;
        if (m_ref.ring < 0)
            changed.box = withBoxHandleMoved(m_original.box, BoxHandle(m_ref.vertex), p);
        else
            changed = withVertexMoved(m_original, m_ref.ring, m_ref.vertex, p);
        m_current = changed;
        m_scene->document()->setShapes(m_scene->imageIndex(), {m_ref.id}, {changed}); // no undo step yet
        m_moved = true;
    }

    void finish() override
    {
        if (!m_moved)
            return;
        Document *doc = m_scene->document();
        doc->setShapes(m_scene->imageIndex(), {m_ref.id}, {m_original}); // the command records old -> new
        doc->undoStack()->push(new DragHandle(doc, m_scene->imageIndex(), m_ref.id, m_current, m_gesture));
    }

    void cancel() override
    {
        if (m_moved)
            m_scene->document()->setShapes(m_scene->imageIndex(), {m_ref.id}, {m_original});
        m_moved = false;
    }

private:
    CanvasScene *m_scene;
    HandleRef m_ref;
    Shape m_original;
    Shape m_current; ///< geometry shown during the drag
    quint64 m_gesture;
    bool m_moved = false;
};

/// Rubber-band selection of every visible shape the rectangle touches.
class RubberBandStrategy : public DragStrategy
{
public:
    RubberBandStrategy(CanvasScene *scene, const QPointF &press, bool add)
        : m_scene(scene)
        , m_press(press)
        , m_add(add)
        , m_before(scene->selectedIds())
    {
        m_rect = new QGraphicsRectItem;
        QPen pen(QColor(80, 160, 255), 1, Qt::DashLine);
        pen.setCosmetic(true);
        m_rect->setPen(pen);
        m_rect->setBrush(QColor(80, 160, 255, 40));
        m_rect->setZValue(2000);
        scene->addItem(m_rect);
    }
    ~RubberBandStrategy() override { delete m_rect; }

    void moveTo(const QPointF &scenePos, Qt::KeyboardModifiers) override
    {
        const QRectF r = QRectF(m_press, scenePos).normalized();
        m_rect->setRect(r);
        QVector<ShapeId> ids = m_add ? m_before : QVector<ShapeId>();
        for (QGraphicsItem *item : m_scene->items(r, Qt::IntersectsItemShape))
            if (auto *shape = qgraphicsitem_cast<ShapeItem *>(item); shape && shape->isVisible() && !ids.contains(shape->id()))
                ids << shape->id();
        m_scene->selectIds(ids);
    }

private:
    CanvasScene *m_scene;
    QPointF m_press;
    bool m_add;
    QVector<ShapeId> m_before;
    QGraphicsRectItem *m_rect;
};

} // namespace

SelectTool::SelectTool(CanvasScene *scene, QObject *parent)
    : AbstractTool(scene, parent)
{
}

SelectTool::~SelectTool() = default;

void SelectTool::activate()
{
    scene()->setHandlesVisible(true);
}

void SelectTool::deactivate()
{
    cancel();
    scene()->setHandlesVisible(false);
}

void SelectTool::cancel()
{
    if (m_strategy) {
        m_strategy->cancel();
        m_strategy.reset();
    }
}

void SelectTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_strategy) { // a drag whose release never came: keep its result as one step
        m_strategy->finish();
        m_strategy.reset();
    }
    const QPointF pos = event->scenePos();
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (event->modifiers() & Qt::ShiftModifier) {
        // Shift+drag: rubber band from anywhere (on a dense page every point is on some shape).
        scene()->setCurrentHandle({});
        m_strategy = std::make_unique<RubberBandStrategy>(scene(), pos, true);
        return;
    }
    if (HandleItem *handle = scene()->handleAt(pos)) {
        scene()->setCurrentHandle(handle->ref());
        m_strategy = std::make_unique<HandleStrategy>(scene(), handle->ref());
        return;
    }
    scene()->setCurrentHandle({});
    if (ShapeItem *item = scene()->shapeItemAt(pos)) {
        if (ctrl) {
            item->setSelected(!item->isSelected());
            return;
        }
        if (!item->isSelected())
            scene()->selectIds({item->id()});
        m_strategy = std::make_unique<MoveStrategy>(scene(), pos, item->id());
        return;
    }
    if (!ctrl)
        scene()->clearSelection();
    m_strategy = std::make_unique<RubberBandStrategy>(scene(), pos, ctrl);
}

void SelectTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (m_strategy) {
        m_strategy->moveTo(event->scenePos(), event->modifiers());
        return;
    }
    const QPointF pos = event->scenePos();
    if (HandleItem *handle = scene()->handleAt(pos))
        scene()->setViewCursor(handle->ref().ring < 0 ? Qt::SizeAllCursor : Qt::CrossCursor);
    else if (scene()->shapeItemAt(pos))
        scene()->setViewCursor(Qt::SizeAllCursor);
    else
        scene()->setViewCursor(cursor());
}

void SelectTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_strategy)
        return;
    m_strategy->finish();
    m_strategy.reset();
}

void SelectTool::mouseDoubleClicked(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_strategy.reset();
    if (!insertVertexAt(event->scenePos()))
        mousePressed(event);
}

bool SelectTool::insertVertexAt(const QPointF &scenePos)
{
    const double tolerance = scene()->toImagePixels(kEdgeTolerance);
    ShapeItem *best = nullptr;
    std::optional<EdgeHit> bestHit;
    for (QGraphicsItem *item : scene()->items(QRectF(scenePos - QPointF(tolerance, tolerance),
                                                     QSizeF(2 * tolerance, 2 * tolerance)))) {
        auto *shapeItem = qgraphicsitem_cast<ShapeItem *>(item);
        if (!shapeItem || !shapeItem->isVisible())
            continue;
        const auto hit = nearestEdge(shapeItem->annotation(), scenePos, tolerance);
        if (hit && (!bestHit || hit->distance < bestHit->distance)) {
            best = shapeItem;
            bestHit = hit;
        }
    }
    if (!best)
        return false;
    scene()->selectIds({best->id()});
    if (best->annotation().kind != ShapeKind::Polygon) {
        Q_EMIT scene()->message(tr("Vertices can only be inserted into polygons; a quad always has four."));
        return true;
    }
    const ShapeId id = best->id();
    document()->undoStack()->push(new InsertVertex(document(), image(), id,
                                                   withVertexInserted(best->annotation(), bestHit->ring,
                                                                      bestHit->edge, bestHit->point)));
    scene()->setCurrentHandle(HandleRef{id, bestHit->ring, bestHit->edge + 1});
    return true;
}

void SelectTool::nudge(const QPointF &delta)
{
    const QVector<ShapeId> ids = scene()->selectedIds();
    if (ids.isEmpty())
        return;
    std::vector<Shape> originals;
    for (ShapeId id : ids)
        originals.push_back(*document()->shape(image(), id));
    const QPointF d = clampedDelta(toQt(boundsOf(originals)), delta, scene()->imageRect());
    if (d.isNull())
        return;
    std::vector<Shape> moved;
    for (const Shape &s : originals)
        moved.push_back(translated(s, d));
    document()->undoStack()->push(new MoveShapes(document(), image(), ids, std::move(moved), 0));
}

bool SelectTool::keyPressed(QKeyEvent *event)
{
    const double step = (event->modifiers() & Qt::ShiftModifier) ? 10.0 : 1.0;
    switch (event->key()) {
    case Qt::Key_Escape:
        if (m_strategy)
            cancel();
        else
            scene()->clearSelection();
        return true;
    case Qt::Key_Left: nudge(QPointF(-step, 0)); return true;
    case Qt::Key_Right: nudge(QPointF(step, 0)); return true;
    case Qt::Key_Up: nudge(QPointF(0, -step)); return true;
    case Qt::Key_Down: nudge(QPointF(0, step)); return true;
    default: return false;
    }
}

} // namespace florence::ui
