#pragma once
// The one seam between core's plain geometry/image/string structs and Qt's types.

#include "annotate/annotation.h"
#include "image/decode.h"

#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <string>

namespace florence::ui {

/// Deep-copies an RGB8 core image into a QImage (Format_RGB888). Null QImage for an empty image
/// or when the allocation fails.
QImage toQImage(const RgbImage &image);

/// UTF-8 std::string <-> QString.
inline QString toQt(const std::string &s) { return QString::fromStdString(s); }
inline std::string toStd(const QString &s) { return s.toStdString(); }

inline QPointF toQt(const Point &p) { return QPointF(p.x, p.y); }
inline Point fromQt(const QPointF &p) { return Point{p.x(), p.y()}; }
/// Box (x1,y1,x2,y2) -> normalized QRectF.
inline QRectF toQt(const Box &b)
{
    const Box n = b.normalized();
    return QRectF(QPointF(n.x1, n.y1), QPointF(n.x2, n.y2));
}
inline Box fromQt(const QRectF &r)
{
    const QRectF n = r.normalized();
    return Box{n.left(), n.top(), n.right(), n.bottom()};
}
/// A ring (image pixels) as an open polygon (the closing edge is implied).
QPolygonF toQt(const Ring &ring);
/// The outline of a shape in image pixels: a rectangle for a box, one closed subpath per ring
/// otherwise (odd-even fill, so inner rings are holes).
QPainterPath shapePath(const Shape &shape);
/// The same shape moved by (dx, dy) image pixels, whatever its kind.
Shape translated(const Shape &shape, const QPointF &delta);

} // namespace florence::ui
