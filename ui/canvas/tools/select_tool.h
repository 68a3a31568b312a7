#pragma once
// The select tool: select (click, ctrl-click, rubber band), move, resize boxes, drag/insert/delete vertices.

#include "canvas/tools/abstract_tool.h"

#include <memory>

namespace florence::ui {

class DragStrategy;

/// Selection and editing tool. Each drag is handled by one strategy object chosen at the press
/// (move shapes, drag a handle, rubber band), as in Krita's KoInteractionStrategy; a drag pushes
/// merging commands, so it is one undo step. Double-click on a polygon edge inserts a vertex;
/// Shift+drag starts a rubber band anywhere (adding to the selection).
class SelectTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit SelectTool(CanvasScene *scene, QObject *parent = nullptr);
    ~SelectTool() override;

    void activate() override;
    void deactivate() override;
    void cancel() override;
    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClicked(QGraphicsSceneMouseEvent *event) override;
    bool keyPressed(QKeyEvent *event) override;
    QCursor cursor() const override { return Qt::ArrowCursor; }

    /// Inserts a vertex on the polygon edge nearest to `scenePos` (within a few screen pixels) of the
    /// shape under it. Returns false when there is no polygon edge there.
    bool insertVertexAt(const QPointF &scenePos);
    /// Moves the selected shapes by `delta` image pixels as one step (arrow keys).
    void nudge(const QPointF &delta);

private:
    std::unique_ptr<DragStrategy> m_strategy;
};

} // namespace florence::ui
