#include "canvas/tools/abstract_tool.h"

#include "canvas/geometry.h"
#include "convert.h"

#include <QKeyEvent>

namespace florence::ui {

AbstractTool::AbstractTool(CanvasScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
}

bool AbstractTool::keyPressed(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        cancel();
        return true;
    }
    return false;
}

QPointF AbstractTool::clamped(const QPointF &p) const
{
    return clampedTo(p, m_scene->imageRect());
}

void AbstractTool::commitShape(Shape shape)
{
    shape.label = toStd(m_scene->defaultLabel());
    shape.origin = kManualOrigin;
    const QVector<ShapeId> ids = document()->addAnnotations(image(), {std::move(shape)});
    m_scene->selectIds(ids);
}

} // namespace florence::ui
