#pragma once
// Geometry edits behind the canvas tools, on core shapes in image pixels (pure functions, tested
// without widgets).

#include "annotate/annotation.h"
#include "canvas/items/shape_item.h"

#include <QPointF>
#include <QRectF>

#include <optional>

namespace florence::ui {

/// The point of an edge of a quad/polygon nearest to a given point.
struct EdgeHit
{
    int ring = -1;
    int edge = -1;     ///< edge from vertex `edge` to vertex `edge + 1` (wrapping)
    QPointF point;     ///< nearest point on that edge, image pixels
    double distance = 0;
};

/// Nearest edge of any ring of `shape` within `tolerance` image pixels of `p`; nullopt if none
/// (boxes have no editable edges).
std::optional<EdgeHit> nearestEdge(const Shape &shape, const QPointF &p, double tolerance);

/// `shape` with a vertex inserted after vertex `edge` of ring `ring`, at `p`.
Shape withVertexInserted(const Shape &shape, int ring, int edge, const QPointF &p);
/// `shape` without vertex `vertex` of ring `ring`. Precondition: the ring keeps >= 3 vertices.
Shape withVertexRemoved(const Shape &shape, int ring, int vertex);
/// `shape` with vertex `vertex` of ring `ring` moved to `p`.
Shape withVertexMoved(const Shape &shape, int ring, int vertex, const QPointF &p);
/// `box` with the corner or edge `handle` moved to `p`, normalized.
Box withBoxHandleMoved(const Box &box, BoxHandle handle, const QPointF &p);
/// Position in image pixels of a box handle.
QPointF boxHandlePosition(const Box &box, BoxHandle handle);

/// `p` clamped into `bounds` (no clamping when bounds is empty).
QPointF clampedTo(const QPointF &p, const QRectF &bounds);
/// The delta closest to `delta` that keeps `rect` (moved by it) inside `bounds`, per axis; a rect
/// larger than bounds on an axis is not moved on it.
QPointF clampedDelta(const QRectF &rect, const QPointF &delta, const QRectF &bounds);

} // namespace florence::ui
