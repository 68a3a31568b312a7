#include "annotate/formats/shape_convert.h"

#include <opencv2/imgproc.hpp>

namespace florence::formats::detail {

Ring boxCorners(const Box &b)
{
    const Box n = b.normalized();
    return {{n.x1, n.y1}, {n.x2, n.y1}, {n.x2, n.y2}, {n.x1, n.y2}};
}

Ring quadFor(const Shape &shape, ExportSummary &summary, const std::string &formatName)
{
    switch (shape.kind) {
    case ShapeKind::Quad:
        return shape.rings.at(0);
    case ShapeKind::Box:
        summary.convert("box -> its 4 corners (lossless): " + formatName + " writes quadrilaterals");
        return boxCorners(shape.box);
    case ShapeKind::Polygon:
        break;
    }
    std::vector<cv::Point2f> points;
    for (const Ring &r : shape.rings)
        for (const Point &p : r)
            points.emplace_back(float(p.x), float(p.y));
    summary.convert("polygon -> minimum-area rotated rectangle: " + formatName + " holds quadrilaterals only");
    const cv::RotatedRect rect = cv::minAreaRect(points);
    cv::Point2f corners[4];
    rect.points(corners);
    Ring out;
    for (const cv::Point2f &c : corners)
        out.push_back({double(c.x), double(c.y)});
    return out;
}

Box boxFor(const Shape &shape, ExportSummary &summary, const std::string &formatName)
{
    if (shape.kind == ShapeKind::Quad)
        summary.convert("quad -> its bounding box (rotation lost): " + formatName + " holds axis-aligned boxes only");
    else if (shape.kind == ShapeKind::Polygon)
        summary.convert("polygon -> its bounding box: " + formatName + " holds axis-aligned boxes only");
    return shape.boundingBox().normalized();
}

std::vector<Ring> ringsFor(const Shape &shape, ExportSummary &summary, const std::string &formatName)
{
    if (shape.kind == ShapeKind::Box) {
        summary.convert("box -> 4-point polygon (lossless): " + formatName + " writes polygons");
        return {boxCorners(shape.box)};
    }
    return shape.rings;
}

std::string tokenLabel(const std::string &label, ExportSummary &summary, const std::string &formatName)
{
    if (label.empty()) {
        summary.convert("empty label -> 'unlabeled': " + formatName + " needs a class name");
        return "unlabeled";
    }
    std::string out = label;
    bool changed = false;
    for (char &c : out)
        if (c == ' ' || c == '\t') {
            c = '_';
            changed = true;
        }
    if (changed)
        summary.convert("spaces in label '" + label + "' -> '_': " + formatName + " separates fields by spaces");
    return out;
}

std::string pathWithinSplit(const std::string &path, const std::string &split)
{
    const std::size_t slash = path.find('/');
    if (slash == std::string::npos)
        return path;
    const std::string first = path.substr(0, slash);
    const bool same = first == split
                      || (split == "val" && (first == "valid" || first == "validation"));
    return same ? path.substr(slash + 1) : path;
}

} // namespace florence::formats::detail
