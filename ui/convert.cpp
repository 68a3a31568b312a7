#include "convert.h"

#include <cstring>

namespace florence::ui {

QImage toQImage(const RgbImage &image)
{
    if (image.empty())
        return QImage();
    QImage out(image.width, image.height, QImage::Format_RGB888);
    if (out.isNull())
        return out; // allocation failed
    const std::size_t rowBytes = std::size_t(image.width) * 3;
    for (int y = 0; y < image.height; ++y)
        std::memcpy(out.scanLine(y), image.pixels.data() + std::size_t(y) * rowBytes, rowBytes);
    return out;
}

QPolygonF toQt(const Ring &ring)
{
    QPolygonF poly;
    poly.reserve(int(ring.size()));
    for (const Point &p : ring)
        poly << toQt(p);
    return poly;
}

QPainterPath shapePath(const Shape &shape)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    if (shape.kind == ShapeKind::Box) {
        path.addRect(toQt(shape.box));
        return path;
    }
    for (const Ring &ring : shape.rings) {
        if (ring.empty())
            continue;
        path.addPolygon(toQt(ring));
        path.closeSubpath();
    }
    return path;
}

Shape translated(const Shape &shape, const QPointF &delta)
{
    Shape out = shape;
    if (out.kind == ShapeKind::Box) { // `box` is unused (and compared) for other kinds: leave it
        out.box.x1 += delta.x();
        out.box.x2 += delta.x();
        out.box.y1 += delta.y();
        out.box.y2 += delta.y();
    }
    for (Ring &ring : out.rings)
        for (Point &p : ring) {
            p.x += delta.x();
            p.y += delta.y();
        }
    return out;
}

} // namespace florence::ui
