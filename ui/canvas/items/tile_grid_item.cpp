#include "canvas/items/tile_grid_item.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace florence::ui {

TileGridItem::TileGridItem(QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setObjectName(QStringLiteral("tileGrid"));
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(QGraphicsItem::ItemIsSelectable, false);
    setFlag(QGraphicsItem::ItemIsFocusable, false);
    setZValue(500); // above the image (-1000), below the shapes (1000 and up)
    setVisible(false);
}

void TileGridItem::setTiling(const std::optional<TilingOptions> &tiling)
{
    m_tiling = tiling;
    replan();
}

QVariant TileGridItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSceneHasChanged) {
        if (QGraphicsScene *s = scene())
            connect(s, &QGraphicsScene::sceneRectChanged, this, &TileGridItem::replan, Qt::UniqueConnection);
        replan();
    }
    return QGraphicsObject::itemChange(change, value);
}

void TileGridItem::replan()
{
    QVector<QRect> tiles;
    const QRectF image = scene() ? scene()->sceneRect() : QRectF();
    // The scene is exactly the image (CanvasScene::updateSceneRect); 1x1 means no image.
    if (m_tiling && image.width() > 1 && image.height() > 1) {
        try {
            for (const Tile &t : planTiles(int(image.width()), int(image.height()), *m_tiling))
                if (!t.fullImage)
                    tiles << QRect(t.rect.x, t.rect.y, t.rect.width, t.rect.height);
        } catch (...) {
            tiles.clear(); // options invalid for this image: nothing to preview
        }
    }
    prepareGeometryChange();
    m_tiles = tiles;
    m_bounds = tiles.isEmpty() ? QRectF() : image;
    setVisible(!tiles.isEmpty());
    update();
}

QRectF TileGridItem::boundingRect() const
{
    return m_bounds;
}

void TileGridItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_tiles.isEmpty())
        return;
    painter->save();
    // A light tint per tile: the overlaps, covered twice or four times, show darker.
    for (const QRect &r : m_tiles)
        painter->fillRect(r, QColor(255, 170, 0, 28));
    QPen pen(QColor(255, 140, 0), 2.0, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    for (const QRect &r : m_tiles)
        painter->drawRect(QRectF(r));
    painter->restore();
}

} // namespace florence::ui
