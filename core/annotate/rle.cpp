#include "annotate/rle.h"

#include "common/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace florence {

namespace {
constexpr std::uint64_t kMaxMaskPixels = std::uint64_t(1) << 28; // the image decoder's limit
}

std::vector<std::uint32_t> decodeRleCounts(const std::string &compressed)
{
    std::vector<std::uint32_t> counts;
    counts.reserve(compressed.size());
    std::size_t p = 0;
    while (p < compressed.size()) {
        std::int64_t x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            if (p >= compressed.size())
                throw Error(ErrorKind::BadInput, "RLE counts string ends inside a run (run " + std::to_string(counts.size() + 1) + ")");
            const int c = int(static_cast<unsigned char>(compressed[p])) - 48;
            if (c < 0 || c > 63)
                throw Error(ErrorKind::BadInput, "RLE counts string has an invalid character at offset " + std::to_string(p));
            if (k >= 7) // 35 bits: far beyond any 2^28-pixel mask
                throw Error(ErrorKind::BadInput, "RLE counts string has a run longer than any mask at offset " + std::to_string(p));
            x |= std::int64_t(c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10))
                x |= -(std::int64_t(1) << (5 * k)); // sign extension, as `x |= -1 << 5*k`
        }
        if (counts.size() > 2)
            x += counts[counts.size() - 2];
        if (x < 0 || x > std::int64_t(kMaxMaskPixels))
            throw Error(ErrorKind::BadInput, "RLE run " + std::to_string(counts.size() + 1) + " has length " + std::to_string(x));
        counts.push_back(std::uint32_t(x));
    }
    return counts;
}

std::string rleProblem(const RleMask &rle)
{
    if (rle.height <= 0 || rle.width <= 0)
        return "the mask size " + std::to_string(rle.height) + "x" + std::to_string(rle.width) + " is empty";
    const std::uint64_t pixels = std::uint64_t(rle.height) * std::uint64_t(rle.width);
    if (pixels > kMaxMaskPixels)
        return "the mask size " + std::to_string(rle.height) + "x" + std::to_string(rle.width) + " is too large";
    std::uint64_t covered = 0;
    for (const std::uint32_t c : rle.counts)
        covered += c;
    if (covered != pixels)
        return "the runs cover " + std::to_string(covered) + " pixels; a " + std::to_string(rle.height) + "x"
               + std::to_string(rle.width) + " mask has " + std::to_string(pixels);
    return {};
}

std::vector<Ring> rleToRings(const RleMask &rle)
{
    // Rows of the column-major runs are columns of the image: decode into a width x height matrix
    // and transpose.
    cv::Mat columns(rle.width, rle.height, CV_8UC1, cv::Scalar(0));
    std::uint8_t *data = columns.ptr<std::uint8_t>();
    std::size_t at = 0;
    bool one = false;
    for (const std::uint32_t run : rle.counts) {
        if (one)
            std::fill(data + at, data + at + run, std::uint8_t(1));
        at += run;
        one = !one;
    }
    const cv::Mat mask = columns.t();
    return maskToRings(mask.ptr<std::uint8_t>(), rle.height, rle.width, int(mask.step));
}

std::vector<Ring> maskToRings(const std::uint8_t *mask, int height, int width, int stride)
{
    // findContours takes a non-const Mat (it used to modify its input); copy the view.
    cv::Mat binary = cv::Mat(height, width, CV_8UC1, const_cast<std::uint8_t *>(mask), std::size_t(stride)).clone();
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(binary, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<std::pair<double, Ring>> rings;
    for (const auto &contour : contours) {
        Ring ring;
        for (const cv::Point &p : contour)
            ring.push_back(Point{p.x + 0.5, p.y + 0.5});
        double twiceArea = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Point &a = ring[i];
            const Point &b = ring[(i + 1) % ring.size()];
            twiceArea += a.x * b.y - b.x * a.y;
        }
        // One pixel, or a line one pixel thin traced back and forth: no area through the centres,
        // so the pixels' own squares (their bounding box) instead.
        if (std::abs(twiceArea) < 1e-9) {
            const cv::Rect r = cv::boundingRect(contour);
            const double x1 = r.x, y1 = r.y, x2 = r.x + r.width, y2 = r.y + r.height;
            ring = {Point{x1, y1}, Point{x2, y1}, Point{x2, y2}, Point{x1, y2}};
            twiceArea = 2.0 * r.width * r.height;
        }
        rings.emplace_back(std::abs(twiceArea), std::move(ring));
    }
    std::stable_sort(rings.begin(), rings.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<Ring> out;
    out.reserve(rings.size());
    for (auto &r : rings)
        out.push_back(std::move(r.second));
    return out;
}

// --- polygon rasterization (pycocotools maskApi.c rleFrPoly) ------------------------------------
//
// Design note (issue 17, finding 6): COCO `area` of a polygon is the number of pixels pycocotools
// fills for it, not the shoelace sum, which for a self-intersecting model polygon counts the loops
// with their signs and can exceed the image (2,067,421 px^2 on an 800x600 image). The port below
// follows rleFrPoly step by step (including C's truncating int casts) but streams the upsampled
// boundary instead of storing it, handles a zero-length edge without C's 0/0, and first clips
// rings that reach far outside the image to a window around it: Sutherland-Hodgman against a
// convex window replaces each outside excursion by a path along the window edge, which keeps the
// crossing parity of every point inside the window, hence the filled pixels of the image.

namespace {

constexpr double kPolyScale = 5.0; // rleFrPoly's upsampling factor

/// Clips `ring` to the half-plane where `inside(p)` holds; `cross(a, b)` is the crossing point.
template <typename Inside, typename Cross> Ring clipHalfPlane(const Ring &ring, Inside inside, Cross cross)
{
    Ring out;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const Point &a = ring[i];
        const Point &b = ring[(i + 1) % ring.size()];
        const bool ina = inside(a), inb = inside(b);
        if (ina)
            out.push_back(a);
        if (ina != inb)
            out.push_back(cross(a, b));
    }
    return out;
}

Ring clipToWindow(const Ring &ring, double x0, double y0, double x1, double y1)
{
    const auto atX = [](const Point &a, const Point &b, double x) {
        return Point{x, a.y + (b.y - a.y) * ((x - a.x) / (b.x - a.x))};
    };
    const auto atY = [](const Point &a, const Point &b, double y) {
        return Point{a.x + (b.x - a.x) * ((y - a.y) / (b.y - a.y)), y};
    };
    Ring r = clipHalfPlane(ring, [&](const Point &p) { return p.x >= x0; }, [&](const Point &a, const Point &b) { return atX(a, b, x0); });
    r = clipHalfPlane(r, [&](const Point &p) { return p.x <= x1; }, [&](const Point &a, const Point &b) { return atX(a, b, x1); });
    r = clipHalfPlane(r, [&](const Point &p) { return p.y >= y0; }, [&](const Point &a, const Point &b) { return atY(a, b, y0); });
    r = clipHalfPlane(r, [&](const Point &p) { return p.y <= y1; }, [&](const Point &a, const Point &b) { return atY(a, b, y1); });
    return r;
}

/// Column-major start indices of the boundary crossings of `ring` (rleFrPoly's `a` before sorting).
/// Work is linear in the ring's upsampled perimeter, at most 5 * 3 * (width + height) per edge.
std::vector<std::uint64_t> polygonCrossings(Ring ring, int height, int width)
{
    const double h = height, w = width;
    bool far = false;
    for (const Point &p : ring)
        far |= !(p.x >= -w - 1 && p.x <= 2 * w + 1 && p.y >= -h - 1 && p.y <= 2 * h + 1); // also NaN
    if (far) {
        for (Point &p : ring) // NaN/inf cannot be clipped: put them on the window's corner
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                p = Point{std::isfinite(p.x) ? p.x : -w - 1, std::isfinite(p.y) ? p.y : -h - 1};
        ring = clipToWindow(ring, -w - 1, -h - 1, 2 * w + 1, 2 * h + 1);
    }
    std::vector<std::uint64_t> a;
    const std::size_t k = ring.size();
    if (k < 3)
        return a;
    std::vector<int> x(k + 1), y(k + 1);
    for (std::size_t j = 0; j < k; ++j) {
        x[j] = int(kPolyScale * ring[j].x + .5); // C truncation, as rleFrPoly
        y[j] = int(kPolyScale * ring[j].y + .5);
    }
    x[k] = x[0];
    y[k] = y[0];
    bool havePrev = false;
    int pu = 0, pv = 0;
    const auto visit = [&](int u, int v) {
        if (havePrev && u != pu) {
            double xd = double(u < pu ? u : u - 1);
            xd = (xd + .5) / kPolyScale - .5;
            if (std::floor(xd) == xd && xd >= 0 && xd <= w - 1) {
                double yd = double(v < pv ? v : pv);
                yd = (yd + .5) / kPolyScale - .5;
                yd = yd < 0 ? 0 : (yd > h ? h : yd);
                yd = std::ceil(yd);
                a.push_back(std::uint64_t(xd) * std::uint64_t(height) + std::uint64_t(yd));
            }
        }
        havePrev = true;
        pu = u;
        pv = v;
    };
    for (std::size_t j = 0; j < k; ++j) {
        int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
        const int dx = std::abs(xe - xs), dy = std::abs(ys - ye);
        if (dx == 0 && dy == 0) { // rleFrPoly computes 0/0 here; the point's v is never used
            visit(xs, ys);
            continue;
        }
        const bool flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
        if (flip) {
            std::swap(xs, xe);
            std::swap(ys, ye);
        }
        const double s = dx >= dy ? double(ye - ys) / dx : double(xe - xs) / dy;
        if (dx >= dy)
            for (int d = 0; d <= dx; ++d) {
                const int t = flip ? dx - d : d;
                visit(t + xs, int(ys + s * t + .5));
            }
        else
            for (int d = 0; d <= dy; ++d) {
                const int t = flip ? dy - d : d;
                visit(int(xs + s * t + .5), t + ys);
            }
    }
    return a;
}

} // namespace

namespace {

/// rleFrPoly's runs (0s first) in 64 bits: height * width may exceed 2^32 here.
std::vector<std::uint64_t> polygonRuns(const Ring &ring, int height, int width)
{
    std::vector<std::uint64_t> a = polygonCrossings(ring, height, width);
    a.push_back(std::uint64_t(height) * std::uint64_t(width));
    std::sort(a.begin(), a.end());
    std::uint64_t p = 0;
    for (std::uint64_t &v : a) {
        const std::uint64_t t = v;
        v -= p;
        p = t;
    }
    // Runs of length 0 merge their neighbours (rleFrPoly's last loop).
    std::vector<std::uint64_t> counts;
    std::size_t j = 0;
    counts.push_back(a[j++]);
    while (j < a.size()) {
        if (a[j] > 0) {
            counts.push_back(a[j++]);
        } else {
            ++j;
            if (j < a.size())
                counts.back() += a[j++];
        }
    }
    return counts;
}

/// Upsampled boundary steps rleFrPoly takes for `ring` (its `m`), saturating; rings far outside
/// the image are counted after clipping, bounded by their vertex count times the window size.
double polygonSteps(const Ring &ring, int height, int width)
{
    double steps = 0;
    const double limit = kPolyScale * 3.0 * (double(width) + double(height) + 2.0);
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const Point &a = ring[i];
        const Point &b = ring[(i + 1) % ring.size()];
        const double d = std::max(std::abs(a.x - b.x), std::abs(a.y - b.y)) * kPolyScale;
        steps += (std::isfinite(d) ? std::min(d, limit) : limit) + 1.0;
    }
    return steps;
}

} // namespace

RleMask rleFromPolygon(const Ring &ring, int height, int width)
{
    if (height < 1 || width < 1 || std::uint64_t(height) * std::uint64_t(width) > kMaxMaskPixels)
        throw Error(ErrorKind::BadInput, "rleFromPolygon: a " + std::to_string(height) + "x" + std::to_string(width)
                                             + " mask is empty or larger than 2^28 pixels");
    RleMask rle;
    rle.height = height;
    rle.width = width;
    for (std::uint64_t c : polygonRuns(ring, height, width))
        rle.counts.push_back(std::uint32_t(c));
    return rle;
}

double polygonPixelArea(const std::vector<Ring> &rings, int height, int width)
{
    if (height < 1 || width < 1)
        return 0.0;
    // A hostile polygon (100,000 points zigzagging across a 2^20-wide image) would take hours to
    // rasterize, as in pycocotools; past this budget (an outline of ~800,000 px, ~30 ms; a polygon
    // around a whole 16384^2 image needs 330,000 steps) the area is the shoelace sum capped by the image.
    constexpr double kMaxSteps = 4e6;
    double steps = 0;
    for (const Ring &ring : rings)
        steps += polygonSteps(ring, height, width);
    if (steps > kMaxSteps) {
        Shape s;
        s.kind = ShapeKind::Polygon;
        s.rings = rings;
        return std::min(s.area(), double(height) * double(width));
    }
    // Union of the rings' masks (pycocotools merge), on column-major runs of 1s.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;
    for (const Ring &ring : rings) {
        const std::vector<std::uint64_t> counts = polygonRuns(ring, height, width);
        std::uint64_t pos = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            if (i % 2 == 1 && counts[i] > 0)
                runs.emplace_back(pos, pos + counts[i]);
            pos += counts[i];
        }
    }
    std::sort(runs.begin(), runs.end());
    std::uint64_t area = 0, end = 0;
    for (const auto &r : runs) {
        const std::uint64_t begin = std::max(r.first, end);
        if (r.second > begin) {
            area += r.second - begin;
            end = r.second;
        }
    }
    return double(area);
}

} // namespace florence
