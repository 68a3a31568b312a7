#pragma once
// The polygon and quad tools: click the vertices one by one.

#include "canvas/tools/abstract_tool.h"

#include <QPolygonF>

class QGraphicsPathItem;

namespace florence::ui {

/// Draws a polygon: each click adds a vertex; double-click, Enter, right-click or a click on the
/// first vertex closes it (>= 3 vertices); Backspace removes the last vertex; Escape cancels.
class PolygonTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit PolygonTool(CanvasScene *scene, QObject *parent = nullptr);
    ~PolygonTool() override;

    void cancel() override;
    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClicked(QGraphicsSceneMouseEvent *event) override;
    bool keyPressed(QKeyEvent *event) override;

    /// Vertices placed so far (image pixels).
    const QPolygonF &points() const { return m_points; }
    bool isDrawing() const override { return !m_points.isEmpty(); }

protected:
    /// Number of vertices that completes the shape at once (0: no limit).
    virtual int vertexLimit() const { return 0; }
    /// Kind of the shapes the tool draws.
    virtual ShapeKind shapeKind() const { return ShapeKind::Polygon; }
    /// Turns the finished vertices into a shape and commits it.
    void commit(const QPolygonF &points);
    /// Closes the shape when it has enough vertices.
    void finish();
    void updatePreview(const QPointF &cursor);

    QPolygonF m_points;
    QGraphicsPathItem *m_preview = nullptr;
    QPointF m_cursor;
};

/// Draws a quad (OCR line): four clicks, or press-drag-release for an axis-aligned quad.
class QuadTool : public PolygonTool
{
    Q_OBJECT

public:
    explicit QuadTool(CanvasScene *scene, QObject *parent = nullptr);

    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClicked(QGraphicsSceneMouseEvent *event) override;

protected:
    int vertexLimit() const override { return 4; }
    ShapeKind shapeKind() const override { return ShapeKind::Quad; }

private:
    bool m_pressed = false;
    bool m_dragging = false;
    QPointF m_pressPos;
};

} // namespace florence::ui
