#include "canvas/canvas_view.h"

#include "canvas/canvas_scene.h"
#include "canvas/tools/abstract_tool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace florence::ui {

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setBackgroundBrush(QColor(48, 48, 52));
    setTransformationAnchor(QGraphicsView::NoAnchor); // zoomBy() anchors itself
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setDragMode(QGraphicsView::NoDrag);
    connect(scene, &QGraphicsScene::sceneRectChanged, this, [this] {
        if (m_fitting)
            fitToWindow();
    });
}

void CanvasView::applyZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    m_scene->setViewScale(zoom);
    Q_EMIT zoomChanged(zoom);
}

void CanvasView::zoomBy(double factor, const QPoint &viewportPos)
{
    m_fitting = false;
    const QPointF anchor = mapToScene(viewportPos);
    applyZoom(zoom() * factor);
    const QPoint moved = mapFromScene(anchor);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + moved.x() - viewportPos.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + moved.y() - viewportPos.y());
}

void CanvasView::setZoom(double zoom)
{
    const double current = this->zoom();
    zoomBy(zoom / current, viewport()->rect().center());
}

void CanvasView::zoomIn()
{
    zoomBy(1.25, viewport()->rect().center());
}

void CanvasView::zoomOut()
{
    zoomBy(1 / 1.25, viewport()->rect().center());
}

void CanvasView::fitToWindow()
{
    m_fitting = true;
    const QRectF image = m_scene->imageRect();
    if (image.isEmpty() || viewport()->width() < 2 || viewport()->height() < 2)
        return;
    const double zoom = std::min((viewport()->width() - 8) / image.width(), (viewport()->height() - 8) / image.height());
    applyZoom(zoom);
    centerOn(image.center());
}

void CanvasView::showRect(const QRectF &rect)
{
    const QRectF image = m_scene->imageRect();
    if (viewport()->width() < 2 || viewport()->height() < 2)
        return;
    m_fitting = false;
    const double fit = image.isEmpty() ? kMinZoom
                                       : std::min((viewport()->width() - 8) / image.width(),
                                                  (viewport()->height() - 8) / image.height());
    const double want = std::min(viewport()->width() / std::max(1.0, 3 * rect.width()),
                                 viewport()->height() / std::max(1.0, 3 * rect.height()));
    applyZoom(std::clamp(want, fit, std::max(fit, 4.0)));
    centerOn(rect.center());
}

void CanvasView::actualSize()
{
    setZoom(1.0);
}

bool CanvasView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool toolKey = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter
            || key->key() == Qt::Key_Backspace || key->key() == Qt::Key_Escape;
        if (toolKey && m_scene->tool() && m_scene->tool()->isDrawing()) {
            event->accept(); // delivered as a key press to the scene's tool
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.25, steps), event->position().toPoint());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    setFocus(Qt::MouseFocusReason);
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    reportCursor(pos);
    if (m_panning) {
        const QPoint delta = pos - m_panLast;
        m_panLast = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? QCursor(Qt::OpenHandCursor) : QCursor(Qt::ArrowCursor));
        if (!m_spaceHeld && m_scene->tool())
            viewport()->setCursor(m_scene->tool()->cursor());
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = false;
            if (m_scene->tool())
                viewport()->setCursor(m_scene->tool()->cursor());
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitting)
        fitToWindow();
}

void CanvasView::leaveEvent(QEvent *event)
{
    Q_EMIT cursorPixelChanged(QPoint(), false);
    QGraphicsView::leaveEvent(event);
}

void CanvasView::reportCursor(const QPoint &viewportPos)
{
    const QPointF p = mapToScene(viewportPos);
    const QRectF image = m_scene->imageRect();
    const QPoint pixel(int(std::floor(p.x())), int(std::floor(p.y())));
    Q_EMIT cursorPixelChanged(pixel, image.contains(p) && p.x() < image.right() && p.y() < image.bottom());
}

} // namespace florence::ui
