#include "canvas/items/image_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace florence::ui {

ImageItem::ImageItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setFlag(ItemUsesExtendedStyleOption); // exposedRect is the part to repaint
    setZValue(-1000);
}

void ImageItem::setPyramid(std::shared_ptr<const ImagePyramid> pyramid, const QSize &size)
{
    prepareGeometryChange();
    m_pyramid = std::move(pyramid);
    m_size = m_pyramid ? m_pyramid->size() : size;
    update();
}

QRectF ImageItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), QSizeF(m_size));
}

void ImageItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (!m_pyramid || m_pyramid->levels.empty())
        return;
    // Level k has scale 1/2^k; take the smallest level that still has >= 1 level pixel per device pixel.
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    int level = lod >= 1.0 ? 0 : int(std::floor(std::log2(1.0 / lod)));
    level = std::clamp(level, 0, int(m_pyramid->levels.size()) - 1);
    const QImage &image = m_pyramid->levels[std::size_t(level)];
    const double scale = double(m_size.width()) / image.width(); // item units per level pixel (~2^k)
    const double scaleY = double(m_size.height()) / image.height();

    painter->setRenderHint(QPainter::SmoothPixmapTransform, lod * scale < 1.0);
    const QRectF exposed = option->exposedRect.intersected(boundingRect());
    const int x0 = std::max(0, int(std::floor(exposed.left() / scale)) / kTileSide);
    const int y0 = std::max(0, int(std::floor(exposed.top() / scaleY)) / kTileSide);
    const int x1 = std::min((image.width() - 1) / kTileSide, int(std::ceil(exposed.right() / scale)) / kTileSide);
    const int y1 = std::min((image.height() - 1) / kTileSide, int(std::ceil(exposed.bottom() / scaleY)) / kTileSide);
    for (int ty = y0; ty <= y1; ++ty)
        for (int tx = x0; tx <= x1; ++tx) {
            const QRect source = QRect(tx * kTileSide, ty * kTileSide, kTileSide, kTileSide).intersected(image.rect());
            const QRectF target(source.x() * scale, source.y() * scaleY, source.width() * scale,
                                source.height() * scaleY);
            painter->drawImage(target, image, source);
        }
}

} // namespace florence::ui
