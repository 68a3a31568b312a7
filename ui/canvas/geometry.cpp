#include "canvas/geometry.h"

#include "convert.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace florence::ui {

namespace {

QPointF nearestOnSegment(const QPointF &a, const QPointF &b, const QPointF &p)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    if (len2 <= 0)
        return a;
    const double t = std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0);
    return a + t * ab;
}

} // namespace

std::optional<EdgeHit> nearestEdge(const Shape &shape, const QPointF &p, double tolerance)
{
    if (shape.kind == ShapeKind::Box)
        return std::nullopt;
    std::optional<EdgeHit> best;
    for (int r = 0; r < int(shape.rings.size()); ++r) {
        const Ring &ring = shape.rings[std::size_t(r)];
        const int n = int(ring.size());
        for (int i = 0; i < n && n >= 2; ++i) {
            const QPointF q = nearestOnSegment(toQt(ring[std::size_t(i)]), toQt(ring[std::size_t((i + 1) % n)]), p);
            const double d = QLineF(p, q).length();
            if (d <= tolerance && (!best || d < best->distance))
                best = EdgeHit{r, i, q, d};
        }
    }
    return best;
}

Shape withVertexInserted(const Shape &shape, int ring, int edge, const QPointF &p)
{
    Shape out = shape;
    Ring &r = out.rings.at(std::size_t(ring));
    r.insert(r.begin() + edge + 1, fromQt(p));
    return out;
}

Shape withVertexRemoved(const Shape &shape, int ring, int vertex)
{
    Shape out = shape;
    Ring &r = out.rings.at(std::size_t(ring));
    r.erase(r.begin() + vertex);
    return out;
}

Shape withVertexMoved(const Shape &shape, int ring, int vertex, const QPointF &p)
{
    Shape out = shape;
    out.rings.at(std::size_t(ring)).at(std::size_t(vertex)) = fromQt(p);
    return out;
}

Box withBoxHandleMoved(const Box &box, BoxHandle handle, const QPointF &p)
{
    Box b = box.normalized();
    switch (handle) {
    case TopLeft: b.x1 = p.x(); b.y1 = p.y(); break;
    case Top: b.y1 = p.y(); break;
    case TopRight: b.x2 = p.x(); b.y1 = p.y(); break;
    case Right: b.x2 = p.x(); break;
    case BottomRight: b.x2 = p.x(); b.y2 = p.y(); break;
    case Bottom: b.y2 = p.y(); break;
    case BottomLeft: b.x1 = p.x(); b.y2 = p.y(); break;
    case Left: b.x1 = p.x(); break;
    }
    return b.normalized();
}

QPointF boxHandlePosition(const Box &box, BoxHandle handle)
{
    const Box b = box.normalized();
    const double cx = (b.x1 + b.x2) / 2, cy = (b.y1 + b.y2) / 2;
    switch (handle) {
    case TopLeft: return {b.x1, b.y1};
    case Top: return {cx, b.y1};
    case TopRight: return {b.x2, b.y1};
    case Right: return {b.x2, cy};
    case BottomRight: return {b.x2, b.y2};
    case Bottom: return {cx, b.y2};
    case BottomLeft: return {b.x1, b.y2};
    case Left: return {b.x1, cy};
    }
    return {b.x1, b.y1};
}

QPointF clampedTo(const QPointF &p, const QRectF &bounds)
{
    if (bounds.isEmpty())
        return p;
    return QPointF(std::clamp(p.x(), bounds.left(), bounds.right()), std::clamp(p.y(), bounds.top(), bounds.bottom()));
}

QPointF clampedDelta(const QRectF &rect, const QPointF &delta, const QRectF &bounds)
{
    if (bounds.isEmpty())
        return delta;
    auto axis = [](double lo, double hi, double d, double blo, double bhi) {
        if (hi - lo > bhi - blo)
            return 0.0;
        return std::clamp(d, blo - lo, bhi - hi);
    };
    return QPointF(axis(rect.left(), rect.right(), delta.x(), bounds.left(), bounds.right()),
                   axis(rect.top(), rect.bottom(), delta.y(), bounds.top(), bounds.bottom()));
}

} // namespace florence::ui
