#pragma once
// The box tool: press, drag, release draws an axis-aligned box.

#include "canvas/tools/abstract_tool.h"

class QGraphicsRectItem;

namespace florence::ui {

/// Draws boxes with the default label. Boxes smaller than kMinSide image pixels or 3 screen
/// pixels are dropped (a click is not a box).
class BoxTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit BoxTool(CanvasScene *scene, QObject *parent = nullptr);
    ~BoxTool() override;

    void cancel() override;
    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;

    static constexpr double kMinSide = 1.0;

private:
    QGraphicsRectItem *m_preview = nullptr;
    QPointF m_start;
};

} // namespace florence::ui
