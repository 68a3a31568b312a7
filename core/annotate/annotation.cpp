#include "annotate/annotation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace florence {

Box Box::normalized() const
{
    return Box{std::min(x1, x2), std::min(y1, y2), std::max(x1, x2), std::max(y1, y2)};
}

const char *toString(ShapeKind kind)
{
    switch (kind) {
    case ShapeKind::Box: return "box";
    case ShapeKind::Quad: return "quad";
    case ShapeKind::Polygon: return "polygon";
    }
    return "box";
}

std::optional<ShapeKind> shapeKindFromString(const std::string &name)
{
    for (ShapeKind k : {ShapeKind::Box, ShapeKind::Quad, ShapeKind::Polygon})
        if (name == toString(k))
            return k;
    return std::nullopt;
}

Box Shape::boundingBox() const
{
    if (kind == ShapeKind::Box)
        return box.normalized();
    double minX = std::numeric_limits<double>::infinity(), minY = minX;
    double maxX = -std::numeric_limits<double>::infinity(), maxY = maxX;
    for (const Ring &ring : rings)
        for (const Point &p : ring) {
            minX = std::min(minX, p.x);
            minY = std::min(minY, p.y);
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
    if (minX > maxX)
        return Box{};
    return Box{minX, minY, maxX, maxY};
}

double Shape::area() const
{
    if (kind == ShapeKind::Box) {
        const Box b = box.normalized();
        return b.width() * b.height();
    }
    double total = 0.0;
    for (const Ring &ring : rings) {
        double twice = 0.0;
        for (size_t i = 0; i < ring.size(); ++i) {
            const Point &a = ring[i];
            const Point &b = ring[(i + 1) % ring.size()];
            twice += a.x * b.y - b.x * a.y;
        }
        total += std::abs(twice) * 0.5;
    }
    return total;
}

bool Shape::operator==(const Shape &o) const
{
    return kind == o.kind && box == o.box && rings == o.rings && label == o.label && text == o.text
        && score == o.score && origin == o.origin && provenance == o.provenance && pending == o.pending;
}

const char *toString(ImageStatus status)
{
    switch (status) {
    case ImageStatus::None: return "none";
    case ImageStatus::PreAnnotated: return "pre-annotated";
    case ImageStatus::Edited: return "edited";
    case ImageStatus::Reviewed: return "reviewed";
    }
    return "none";
}

std::optional<ImageStatus> imageStatusFromString(const std::string &name)
{
    for (ImageStatus s : {ImageStatus::None, ImageStatus::PreAnnotated, ImageStatus::Edited, ImageStatus::Reviewed})
        if (name == toString(s))
            return s;
    return std::nullopt;
}

bool ImageRecord::operator==(const ImageRecord &o) const
{
    return path == o.path && width == o.width && height == o.height && status == o.status && shapes == o.shapes
        && captions == o.captions && doneTasks == o.doneTasks && rejected == o.rejected;
}

} // namespace florence
