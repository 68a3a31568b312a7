#pragma once
// The one seam between core's plain geometry/image structs and Qt's types.

#include "annotate/annotation.h"
#include "image/decode.h"

#include <QImage>
#include <QPointF>
#include <QRectF>

namespace florence::ui {

/// Deep-copies an RGB8 core image into a QImage (Format_RGB888). Null QImage for an empty image.
QImage toQImage(const RgbImage &image);

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

} // namespace florence::ui
