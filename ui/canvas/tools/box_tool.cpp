#include "canvas/tools/box_tool.h"

#include "convert.h"

#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>

namespace florence::ui {

BoxTool::BoxTool(CanvasScene *scene, QObject *parent)
    : AbstractTool(scene, parent)
{
}

BoxTool::~BoxTool()
{
    cancel();
}

void BoxTool::cancel()
{
    delete m_preview;
    m_preview = nullptr;
}

void BoxTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    cancel();
    m_start = clamped(event->scenePos());
    m_preview = new QGraphicsRectItem(QRectF(m_start, m_start));
    QPen pen(QColor(255, 210, 0), 2);
    pen.setCosmetic(true);
    m_preview->setPen(pen);
    m_preview->setZValue(2000);
    scene()->addItem(m_preview);
}

void BoxTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (m_preview)
        m_preview->setRect(QRectF(m_start, clamped(event->scenePos())).normalized());
}

void BoxTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_preview)
        return;
    const QRectF rect = QRectF(m_start, clamped(event->scenePos())).normalized();
    cancel();
    const double minDevice = scene()->toImagePixels(3.0);
    if (rect.width() < std::max(kMinSide, minDevice) || rect.height() < std::max(kMinSide, minDevice))
        return;
    Shape shape;
    shape.kind = ShapeKind::Box;
    shape.box = fromQt(rect);
    commitShape(std::move(shape));
}

} // namespace florence::ui
