#pragma once
// The tile grid preview: while the Model panel's "Tiles" option is set, the tiles a tiled run will
// use (core's planTiles on the current image) are drawn over the image. Not interactive: it takes
// no mouse buttons, is never selected, and follows the scene rectangle (the image) by itself, so
// the canvas needs no change to host it.

#include "tiling/tiler.h"

#include <QGraphicsObject>
#include <QRect>
#include <QVector>

#include <optional>

namespace florence::ui {

/// Non-interactive overlay drawing the tile plan of the scene's image (scene units = image pixels).
class TileGridItem : public QGraphicsObject
{
    Q_OBJECT

public:
    explicit TileGridItem(QGraphicsItem *parent = nullptr);

    /// The tiling to preview; std::nullopt hides the grid.
    void setTiling(const std::optional<TilingOptions> &tiling);
    const std::optional<TilingOptions> &tiling() const { return m_tiling; }

    /// The tiles drawn now (image pixels, core's planTiles on the scene rectangle), in plan order;
    /// empty when hidden, without a scene, or when the options are invalid for this image.
    QVector<QRect> tiles() const { return m_tiles; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void replan();

    std::optional<TilingOptions> m_tiling;
    QVector<QRect> m_tiles;
    QRectF m_bounds;
};

} // namespace florence::ui
