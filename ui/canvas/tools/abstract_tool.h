#pragma once
// Base of the canvas tools: one class per tool, receiving the scene's forwarded mouse and key
// events (Tiled's AbstractTool / Krita's tool + interaction strategy split).

#include "canvas/canvas_scene.h"

#include <QCursor>
#include <QObject>

class QGraphicsSceneMouseEvent;
class QKeyEvent;

namespace florence::ui {

/// A canvas tool. Tools never change shapes directly: they push undo commands on the document.
class AbstractTool : public QObject
{
    Q_OBJECT

public:
    explicit AbstractTool(CanvasScene *scene, QObject *parent = nullptr);

    /// Called when the tool becomes / stops being the active one.
    virtual void activate() {}
    virtual void deactivate() { cancel(); }
    /// Drops any gesture in progress (Escape, image switch, tool switch).
    virtual void cancel() {}

    /// Scene events (positions in image pixels: event->scenePos()).
    virtual void mousePressed(QGraphicsSceneMouseEvent *event) = 0;
    virtual void mouseMoved(QGraphicsSceneMouseEvent *event) = 0;
    virtual void mouseReleased(QGraphicsSceneMouseEvent *event) = 0;
    virtual void mouseDoubleClicked(QGraphicsSceneMouseEvent *event) { mousePressed(event); }
    /// Returns true when the key was used.
    virtual bool keyPressed(QKeyEvent *event);
    /// True while a shape is half drawn: Enter, Backspace and Escape then belong to the tool, not
    /// to the window's shortcuts (accept / reject suggestion).
    virtual bool isDrawing() const { return false; }

    /// Cursor over the canvas while the tool is active.
    virtual QCursor cursor() const { return Qt::CrossCursor; }

protected:
    CanvasScene *scene() const { return m_scene; }
    Document *document() const { return m_scene->document(); }
    int image() const { return m_scene->imageIndex(); }
    /// `p` clamped into the current image.
    QPointF clamped(const QPointF &p) const;
    /// Adds a drawn shape (default label, manual origin) to the current image as one undo step and
    /// selects it.
    void commitShape(Shape shape);

private:
    CanvasScene *m_scene;
};

} // namespace florence::ui
