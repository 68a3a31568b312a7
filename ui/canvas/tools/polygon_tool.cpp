#include "canvas/tools/polygon_tool.h"

#include "convert.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

namespace florence::ui {

namespace {

constexpr double kCloseDistance = 8.0; ///< device pixels from the first vertex that close a polygon
constexpr double kDragThreshold = 4.0; ///< device pixels before a quad press becomes a drag

} // namespace

PolygonTool::PolygonTool(CanvasScene *scene, QObject *parent)
    : AbstractTool(scene, parent)
{
}

PolygonTool::~PolygonTool()
{
    cancel();
}

void PolygonTool::cancel()
{
    m_points.clear();
    delete m_preview;
    m_preview = nullptr;
}

void PolygonTool::updatePreview(const QPointF &cursor)
{
    m_cursor = cursor;
    if (m_points.isEmpty()) {
        delete m_preview;
        m_preview = nullptr;
        return;
    }
    if (!m_preview) {
        m_preview = new QGraphicsPathItem;
        QPen pen(QColor(255, 210, 0), 2);
        pen.setCosmetic(true);
        m_preview->setPen(pen);
        m_preview->setBrush(QColor(255, 210, 0, 40));
        m_preview->setZValue(2000);
        scene()->addItem(m_preview);
    }
    QPainterPath path;
    path.addPolygon(QPolygonF(m_points) << cursor);
    path.closeSubpath();
    m_preview->setPath(path);
}

void PolygonTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        finish();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF p = clamped(event->scenePos());
    if (vertexLimit() == 0 && m_points.size() >= 3 && QLineF(p, m_points.first()).length() * scene()->viewScale() <= kCloseDistance) {
        finish();
        return;
    }
    m_points << p;
    if (vertexLimit() > 0 && m_points.size() >= vertexLimit())
        finish();
    else
        updatePreview(p);
}

void PolygonTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (!m_points.isEmpty())
        updatePreview(clamped(event->scenePos()));
}

void PolygonTool::mouseReleased(QGraphicsSceneMouseEvent *)
{
}

void PolygonTool::mouseDoubleClicked(QGraphicsSceneMouseEvent *event)
{
    // The first click of the double-click already added the vertex.
    if (event->button() == Qt::LeftButton && m_points.size() >= 3)
        finish();
}

bool PolygonTool::keyPressed(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish();
        return true;
    case Qt::Key_Backspace:
        if (m_points.isEmpty())
            return false;
        m_points.removeLast();
        updatePreview(m_cursor);
        return true;
    default:
        return AbstractTool::keyPressed(event);
    }
}

void PolygonTool::finish()
{
    const int needed = vertexLimit() > 0 ? vertexLimit() : 3;
    const QPolygonF points = m_points;
    cancel();
    if (points.size() >= needed)
        commit(points);
}

void PolygonTool::commit(const QPolygonF &points)
{
    Shape shape;
    shape.kind = shapeKind();
    Ring ring;
    for (const QPointF &p : points)
        ring.push_back(fromQt(p));
    shape.rings = {ring};
    commitShape(std::move(shape));
}

QuadTool::QuadTool(CanvasScene *scene, QObject *parent)
    : PolygonTool(scene, parent)
{
}

void QuadTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_points.isEmpty()) {
        // Could be the start of a drag: decide on move/release.
        m_pressed = true;
        m_dragging = false;
        m_pressPos = clamped(event->scenePos());
        return;
    }
    PolygonTool::mousePressed(event);
}

void QuadTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    const QPointF p = clamped(event->scenePos());
    if (m_pressed) {
        if (!m_dragging && QLineF(p, m_pressPos).length() * scene()->viewScale() < kDragThreshold)
            return;
        m_dragging = true;
        const QRectF r = QRectF(m_pressPos, p).normalized();
        m_points = QPolygonF{r.topLeft(), r.topRight(), r.bottomRight()};
        updatePreview(r.bottomLeft());
        return;
    }
    PolygonTool::mouseMoved(event);
}

void QuadTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        const QRectF r = QRectF(m_pressPos, clamped(event->scenePos())).normalized();
        cancel();
        const double minSide = std::max(1.0, scene()->toImagePixels(3.0));
        if (r.width() >= minSide && r.height() >= minSide)
            commit(QPolygonF{r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()});
        return;
    }
    m_points << m_pressPos; // a click: first vertex
    updatePreview(m_pressPos);
}

void QuadTool::mouseDoubleClicked(QGraphicsSceneMouseEvent *event)
{
    // A double-click is two vertex clicks for a quad.
    QuadTool::mousePressed(event);
}

} // namespace florence::ui
