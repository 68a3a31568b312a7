#pragma once
// The image under the annotations, painted tile by tile from the pyramid level that fits the zoom.

#include "canvas/image_pyramid.h"

#include <QGraphicsItem>

#include <memory>

namespace florence::ui {

/// Graphics item showing an ImagePyramid at scene coordinates (0,0)-(width,height), one scene unit
/// per image pixel. Paints only the exposed tiles of one level; pixels are sharp (nearest) when
/// zoomed in past 100 % and filtered when zoomed out.
class ImageItem : public QGraphicsItem
{
public:
    explicit ImageItem(QGraphicsItem *parent = nullptr);

    /// Shows `pyramid` (nullptr: nothing, e.g. while decoding or after an error); `size` is the
    /// image size in pixels used for the bounding rect when there are no pixels yet.
    void setPyramid(std::shared_ptr<const ImagePyramid> pyramid, const QSize &size);
    const ImagePyramid *pyramid() const { return m_pyramid.get(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Side of a tile in level pixels.
    static constexpr int kTileSide = 512;

private:
    std::shared_ptr<const ImagePyramid> m_pyramid;
    QSize m_size;
};

} // namespace florence::ui
