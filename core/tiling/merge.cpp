#include "tiling/merge.h"

#include "common/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace florence {

namespace {

/// A shape on its way through the merge, with where it came from and which sides were cut.
struct Item
{
    Shape shape;
    Box bb;                   ///< bounding box, image pixels
    std::set<int> tiles;      ///< indices of the tiles whose pieces it holds
    int firstTile = 0;
    int order = 0;            ///< index within its first tile
    bool cutL = false, cutT = false, cutR = false, cutB = false;
    bool alive = true;

    bool cut() const { return cutL || cutT || cutR || cutB; }
};

double area(const Box &b)
{
    return std::max(0.0, b.width()) * std::max(0.0, b.height());
}

Box intersect(const Box &a, const Box &b)
{
    return Box{std::max(a.x1, b.x1), std::max(a.y1, b.y1), std::min(a.x2, b.x2), std::min(a.y2, b.y2)};
}

Box unite(const Box &a, const Box &b)
{
    return Box{std::min(a.x1, b.x1), std::min(a.y1, b.y1), std::max(a.x2, b.x2), std::max(a.y2, b.y2)};
}

double iou(const Box &a, const Box &b)
{
    const Box i = intersect(a, b);
    if (i.x2 <= i.x1 || i.y2 <= i.y1)
        return 0.0;
    const double inter = area(i);
    const double uni = area(a) + area(b) - inter;
    return uni > 0.0 ? inter / uni : 0.0;
}

/// Overlap of [a0, a1] and [b0, b1] divided by the shorter of the two (0 when either is empty).
double overlap1d(double a0, double a1, double b0, double b1)
{
    const double shorter = std::min(a1 - a0, b1 - b0);
    if (shorter <= 0.0)
        return 0.0;
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0)) / shorter;
}

bool disjoint(const std::set<int> &a, const std::set<int> &b)
{
    for (int t : a)
        if (b.count(t))
            return false;
    return true;
}

bool sameKindAndLabel(const Item &a, const Item &b)
{
    return a.shape.kind == b.shape.kind && a.shape.label == b.shape.label;
}

/// Buckets of item indices by the grid cells (kCell pixels) their bounding boxes cover, so that
/// the pairwise rules look at neighbours only (a dense page has ~10^4 pieces: all pairs take
/// seconds, neighbours milliseconds).
class SpatialIndex
{
public:
    static constexpr double kCell = 256.0;

    explicit SpatialIndex(const std::vector<Item> &items)
    {
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].alive)
                forCells(items[i].bb, 0.0, [&](long long key) { m_cells[key].push_back(i); });
    }

    /// Indices of the items whose boxes share a cell with `box` grown by `margin`, ascending.
    std::vector<std::size_t> near(const Box &box, double margin) const
    {
        std::vector<std::size_t> out;
        forCells(box, margin, [&](long long key) {
            if (auto it = m_cells.find(key); it != m_cells.end())
                out.insert(out.end(), it->second.begin(), it->second.end());
        });
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

private:
    template <typename Fn>
    static void forCells(const Box &b, double margin, Fn &&fn)
    {
        // Coordinates are clamped to a sane range first: model output is not validated here.
        auto cell = [](double v) { return (long long)std::floor(std::clamp(v, -1e7, 1e7) / kCell); };
        const long long x0 = cell(b.x1 - margin), x1 = cell(b.x2 + margin);
        const long long y0 = cell(b.y1 - margin), y1 = cell(b.y2 + margin);
        for (long long y = y0; y <= y1; ++y)
            for (long long x = x0; x <= x1; ++x)
                fn(y * 1000003LL + x);
    }

    std::map<long long, std::vector<std::size_t>> m_cells;
};

/// Score of a joined or fused shape: the area-weighted mean of the scores present.
std::optional<double> combinedScore(const Item &a, const Item &b)
{
    const double wa = std::max(1.0, area(a.bb)), wb = std::max(1.0, area(b.bb));
    if (a.shape.score && b.shape.score)
        return (*a.shape.score * wa + *b.shape.score * wb) / (wa + wb);
    return a.shape.score ? a.shape.score : b.shape.score;
}

/// The two corners of a quad ring with the smallest (or largest) coordinate along x (or y).
std::vector<Point> extremeCorners(const Ring &ring, bool alongX, bool smallest)
{
    std::vector<Point> pts = ring;
    std::sort(pts.begin(), pts.end(), [&](const Point &p, const Point &q) {
        const double a = alongX ? p.x : p.y, b = alongX ? q.x : q.y;
        return smallest ? a < b : a > b;
    });
    pts.resize(std::min<std::size_t>(2, pts.size()));
    return pts;
}

/// The quad spanning two pieces of one line, corners in Florence's order (top-left, top-right,
/// bottom-right, bottom-left). `horizontal`: `first` is the left piece, else the upper one.
Ring joinQuads(const Ring &first, const Ring &second, bool horizontal)
{
    if (first.size() != 4 || second.size() != 4)
        return {};
    std::vector<Point> lead = extremeCorners(first, horizontal, true);
    std::vector<Point> tail = extremeCorners(second, horizontal, false);
    auto byOther = [&](const Point &p, const Point &q) { return horizontal ? p.y < q.y : p.x < q.x; };
    std::sort(lead.begin(), lead.end(), byOther);
    std::sort(tail.begin(), tail.end(), byOther);
    if (horizontal) // lead: left top, left bottom; tail: right top, right bottom
        return {lead[0], tail[0], tail[1], lead[1]};
    // lead: top left, top right; tail: bottom left, bottom right
    return {lead[0], lead[1], tail[1], tail[0]};
}

/// Rasterises rings into a mask covering `frame` at `scale` pixels per image pixel.
cv::Mat rasterise(const std::vector<Ring> &rings, const Box &frame, double scale, int w, int h)
{
    cv::Mat mask = cv::Mat::zeros(h, w, CV_8U);
    std::vector<std::vector<cv::Point>> polys;
    for (const Ring &ring : rings) {
        if (ring.size() < 3)
            continue;
        std::vector<cv::Point> poly;
        for (const Point &p : ring)
            poly.emplace_back(int(std::lround((p.x - frame.x1) * scale)), int(std::lround((p.y - frame.y1) * scale)));
        polys.push_back(std::move(poly));
    }
    if (!polys.empty())
        cv::fillPoly(mask, polys, cv::Scalar(255));
    return mask;
}

/// Whether two polygons touch (after growing by `tolerance` pixels), and their union's outer rings.
bool unitePolygons(const std::vector<Ring> &a, const std::vector<Ring> &b, double tolerance, std::vector<Ring> *out)
{
    Box frame{1e300, 1e300, -1e300, -1e300};
    for (const auto *rings : {&a, &b})
        for (const Ring &ring : *rings)
            for (const Point &p : ring)
                frame = Box{std::min(frame.x1, p.x), std::min(frame.y1, p.y), std::max(frame.x2, p.x), std::max(frame.y2, p.y)};
    if (!(frame.x2 >= frame.x1) || !(frame.y2 >= frame.y1))
        return false;
    const double pad = tolerance + 2.0;
    frame = Box{frame.x1 - pad, frame.y1 - pad, frame.x2 + pad, frame.y2 + pad};
    // At most 2048 mask pixels a side: a union of huge polygons is drawn coarser, never unbounded.
    const double scale = std::min(1.0, 2048.0 / std::max(frame.width(), frame.height()));
    const int w = std::max(1, int(std::ceil(frame.width() * scale))), h = std::max(1, int(std::ceil(frame.height() * scale)));
    cv::Mat ma = rasterise(a, frame, scale, w, h), mb = rasterise(b, frame, scale, w, h);
    const int grow = std::max(1, int(std::lround(tolerance * scale)));
    cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * grow + 1, 2 * grow + 1));
    cv::Mat da;
    cv::dilate(ma, da, kernel);
    cv::Mat touch;
    cv::bitwise_and(da, mb, touch);
    if (cv::countNonZero(touch) == 0)
        return false;
    if (!out)
        return true;
    // Union, closed over the gap the tolerance bridged, then its outer contours.
    cv::Mat uni;
    cv::bitwise_or(ma, mb, uni);
    cv::morphologyEx(uni, uni, cv::MORPH_CLOSE, kernel);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(uni, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    out->clear();
    for (const auto &c : contours) {
        if (c.size() < 3)
            continue;
        Ring ring;
        for (const cv::Point &p : c)
            ring.push_back(Point{p.x / scale + frame.x1, p.y / scale + frame.y1});
        out->push_back(std::move(ring));
    }
    return !out->empty();
}

/// Joins `b` into `a` when they are two cut pieces of one object facing each other across a
/// border; returns whether it did.
bool tryJoin(Item &a, Item &b, const MergeOptions &o)
{
    if (!sameKindAndLabel(a, b) || !disjoint(a.tiles, b.tiles))
        return false;
    const double tol = o.edgeTolerance;
    // l left of r (a piece joined before may already span r's columns: <=), cut on l's right and
    // r's left, touching or overlapping, rows aligned.
    auto horizontal = [&](const Item &l, const Item &r) {
        return l.cutR && r.cutL && l.bb.x1 <= r.bb.x1 && l.bb.x2 <= r.bb.x2 && r.bb.x1 <= l.bb.x2 + tol
               && overlap1d(l.bb.y1, l.bb.y2, r.bb.y1, r.bb.y2) >= o.alignThreshold;
    };
    auto vertical = [&](const Item &t, const Item &btm) {
        return t.cutB && btm.cutT && t.bb.y1 <= btm.bb.y1 && t.bb.y2 <= btm.bb.y2 && btm.bb.y1 <= t.bb.y2 + tol
               && overlap1d(t.bb.x1, t.bb.x2, btm.bb.x1, btm.bb.x2) >= o.alignThreshold;
    };
    Item *first = nullptr, *second = nullptr;
    bool alongX = true;
    if (horizontal(a, b)) {
        first = &a, second = &b;
    } else if (horizontal(b, a)) {
        first = &b, second = &a;
    } else if (vertical(a, b)) {
        first = &a, second = &b, alongX = false;
    } else if (vertical(b, a)) {
        first = &b, second = &a, alongX = false;
    } else {
        return false;
    }

    Shape joined = first->shape;
    switch (joined.kind) {
    case ShapeKind::Box:
        joined.box = unite(first->bb, second->bb);
        break;
    case ShapeKind::Quad: {
        Ring ring = joinQuads(first->shape.rings.empty() ? Ring{} : first->shape.rings.front(),
                              second->shape.rings.empty() ? Ring{} : second->shape.rings.front(), alongX);
        if (ring.size() != 4)
            return false;
        joined.rings = {ring};
        if (alongX)
            joined.text = joinLineText(first->shape.text, second->shape.text);
        else // a line cut through its height: the piece with more of the glyphs reads better
            joined.text = first->bb.height() >= second->bb.height() ? first->shape.text : second->shape.text;
        break;
    }
    case ShapeKind::Polygon: {
        std::vector<Ring> rings;
        if (!unitePolygons(first->shape.rings, second->shape.rings, tol, &rings))
            return false;
        joined.rings = std::move(rings);
        break;
    }
    }
    joined.score = combinedScore(*first, *second);
    Item merged;
    merged.shape = std::move(joined);
    merged.bb = merged.shape.kind == ShapeKind::Box ? merged.shape.box : merged.shape.boundingBox();
    merged.tiles = first->tiles;
    merged.tiles.insert(second->tiles.begin(), second->tiles.end());
    const Item &earlier = (a.firstTile < b.firstTile || (a.firstTile == b.firstTile && a.order < b.order)) ? a : b;
    merged.firstTile = earlier.firstTile;
    merged.order = earlier.order;
    if (alongX) {
        merged.cutL = first->cutL, merged.cutR = second->cutR;
        merged.cutT = first->cutT || second->cutT, merged.cutB = first->cutB || second->cutB;
    } else {
        merged.cutT = first->cutT, merged.cutB = second->cutB;
        merged.cutL = first->cutL || second->cutL, merged.cutR = first->cutR || second->cutR;
    }
    a = std::move(merged);
    b.alive = false;
    return true;
}

/// Ranks duplicates: scored higher first, then not cut, then larger, then earlier.
bool better(const Item &a, const Item &b)
{
    const double sa = a.shape.score.value_or(-1.0), sb = b.shape.score.value_or(-1.0);
    if (sa != sb)
        return sa > sb;
    if (a.cut() != b.cut())
        return !a.cut();
    if (a.shape.kind == ShapeKind::Quad && a.shape.text.size() != b.shape.text.size())
        return a.shape.text.size() > b.shape.text.size();
    const double aa = area(a.bb), ab = area(b.bb);
    if (aa != ab)
        return aa > ab;
    return a.firstTile != b.firstTile ? a.firstTile < b.firstTile : a.order < b.order;
}

bool similarText(const std::string &a, const std::string &b, double threshold)
{
    if (a.find(b) != std::string::npos || b.find(a) != std::string::npos)
        return true;
    const std::size_t longer = std::max(a.size(), b.size());
    return longer == 0 || 1.0 - double(editDistance(a, b)) / double(longer) >= threshold;
}

} // namespace

const char *toString(BoxMerge merge)
{
    return merge == BoxMerge::Wbf ? "wbf" : "nms";
}

BoxMerge boxMergeFromString(const std::string &name)
{
    if (name == "nms")
        return BoxMerge::Nms;
    if (name == "wbf")
        return BoxMerge::Wbf;
    throw Error(ErrorKind::BadInput, "unknown box merge '" + name + "' (expected nms or wbf)");
}

std::size_t editDistance(const std::string &a0, const std::string &b0)
{
    const std::string a = a0.substr(0, 4096), b = b0.substr(0, 4096);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::size_t textOverlap(const std::string &a, const std::string &b, std::size_t minLength)
{
    const std::size_t most = std::min({a.size(), b.size(), std::size_t(4096)});
    for (std::size_t n = most; n >= std::max<std::size_t>(1, minLength); --n) {
        // Whole UTF-8 characters only: the overlap must not start on a continuation byte.
        if ((static_cast<unsigned char>(a[a.size() - n]) & 0xC0) == 0x80)
            continue;
        if (n < b.size() && (static_cast<unsigned char>(b[n]) & 0xC0) == 0x80)
            continue;
        if (a.compare(a.size() - n, n, b, 0, n) == 0)
            return n;
    }
    return 0;
}

std::string joinLineText(const std::string &left, const std::string &right)
{
    if (left.empty())
        return right;
    if (right.empty())
        return left;
    const std::size_t n = textOverlap(left, right);
    if (n > 0)
        return left + right.substr(n);
    const bool space = left.back() == ' ' || right.front() == ' ';
    return left + (space ? "" : " ") + right;
}

std::vector<Shape> mergeTileShapes(const std::vector<TileShapes> &tiles, int imageWidth, int imageHeight,
                                   const MergeOptions &o, MergeStats *stats)
{
    MergeStats st;
    std::vector<Item> items;
    for (std::size_t t = 0; t < tiles.size(); ++t) {
        const Tile &tile = tiles[t].tile;
        const PixelRect &r = tile.rect;
        for (std::size_t k = 0; k < tiles[t].shapes.size(); ++k) {
            Item it;
            it.shape = tiles[t].shapes[k];
            it.bb = it.shape.kind == ShapeKind::Box ? it.shape.box.normalized() : it.shape.boundingBox();
            it.tiles = {int(t)};
            it.firstTile = int(t);
            it.order = int(k);
            if (!tile.fullImage) {
                // At least two of the model's location bins (side / 1000 each) of this tile.
                const double tol = std::max(o.edgeTolerance, 2.0 * std::max(r.width, r.height) / 1000.0);
                it.cutL = r.x > 0 && it.bb.x1 <= r.x + tol;
                it.cutT = r.y > 0 && it.bb.y1 <= r.y + tol;
                it.cutR = r.right() < imageWidth && it.bb.x2 >= r.right() - tol;
                it.cutB = r.bottom() < imageHeight && it.bb.y2 >= r.bottom() - tol;
            }
            items.push_back(std::move(it));
        }
    }
    st.input = int(items.size());

    // 1. Cut pieces inside a larger shape of another tile.
    const SpatialIndex index(items);
    for (Item &a : items) {
        if (!a.cut())
            continue;
        const double aa = area(a.bb);
        for (std::size_t bi : index.near(a.bb, 0.0)) {
            const Item &b = items[bi];
            if (&a == &b || !b.alive || !sameKindAndLabel(a, b) || !disjoint(a.tiles, b.tiles) || area(b.bb) <= aa)
                continue;
            if (aa <= 0.0 || area(intersect(a.bb, b.bb)) / aa >= o.containThreshold) {
                if (aa <= 0.0 && !(a.bb.x1 >= b.bb.x1 && a.bb.x2 <= b.bb.x2 && a.bb.y1 >= b.bb.y1 && a.bb.y2 <= b.bb.y2))
                    continue;
                a.alive = false;
                ++st.contained;
                break;
            }
        }
    }

    // 2. Join cut pieces across borders until nothing joins (bounded: each join removes one item).
    for (bool changed = true; changed;) {
        changed = false;
        const SpatialIndex passIndex(items); // rebuilt each pass: joined boxes grow
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!items[i].alive || !items[i].cut())
                continue;
            for (std::size_t j : passIndex.near(items[i].bb, 2.0 * o.edgeTolerance + 1.0)) {
                if (i == j || !items[j].alive || !items[j].cut() || !items[i].alive)
                    continue;
                if (tryJoin(items[i], items[j], o)) {
                    ++st.joined;
                    changed = true;
                }
            }
        }
    }

    // 3. Duplicates from different tiles.
    std::vector<std::size_t> rank;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].alive)
            rank.push_back(i);
    std::sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) { return better(items[a], items[b]); });
    std::vector<std::size_t> position(items.size(), 0); // rank of each item
    for (std::size_t r = 0; r < rank.size(); ++r)
        position[rank[r]] = r;
    const SpatialIndex joinedIndex(items);
    for (std::size_t ri = 0; ri < rank.size(); ++ri) {
        Item &lead = items[rank[ri]];
        if (!lead.alive)
            continue;
        std::vector<Item *> cluster;
        for (std::size_t oi : joinedIndex.near(lead.bb, 0.0)) {
            Item &other = items[oi];
            if (oi == rank[ri] || position[oi] <= ri || !other.alive || !sameKindAndLabel(lead, other) || !disjoint(lead.tiles, other.tiles))
                continue;
            if (iou(lead.bb, other.bb) < o.iouThreshold)
                continue;
            if (lead.shape.kind == ShapeKind::Quad && !similarText(lead.shape.text, other.shape.text, o.textSimilarity))
                continue;
            cluster.push_back(&other);
        }
        if (cluster.empty())
            continue;
        if (lead.shape.kind == ShapeKind::Box && o.boxMerge == BoxMerge::Wbf) {
            double w = lead.shape.score.value_or(1.0), sx1 = lead.bb.x1 * w, sy1 = lead.bb.y1 * w, sx2 = lead.bb.x2 * w,
                   sy2 = lead.bb.y2 * w, wsum = w, ssum = lead.shape.score.value_or(0.0);
            int scored = lead.shape.score ? 1 : 0;
            for (const Item *c : cluster) {
                const double cw = c->shape.score.value_or(1.0);
                sx1 += c->bb.x1 * cw, sy1 += c->bb.y1 * cw, sx2 += c->bb.x2 * cw, sy2 += c->bb.y2 * cw, wsum += cw;
                if (c->shape.score) {
                    ssum += *c->shape.score;
                    ++scored;
                }
            }
            if (wsum > 0.0) {
                lead.shape.box = Box{sx1 / wsum, sy1 / wsum, sx2 / wsum, sy2 / wsum};
                lead.bb = lead.shape.box;
            }
            if (scored)
                lead.shape.score = ssum / scored;
        }
        for (Item *c : cluster) {
            c->alive = false;
            lead.tiles.insert(c->tiles.begin(), c->tiles.end());
            if (c->firstTile < lead.firstTile || (c->firstTile == lead.firstTile && c->order < lead.order)) {
                lead.firstTile = c->firstTile;
                lead.order = c->order;
            }
            ++st.duplicates;
        }
    }

    std::vector<Item *> alive;
    for (Item &it : items)
        if (it.alive)
            alive.push_back(&it);
    std::stable_sort(alive.begin(), alive.end(), [](const Item *a, const Item *b) {
        return a->firstTile != b->firstTile ? a->firstTile < b->firstTile : a->order < b->order;
    });
    std::vector<Shape> out;
    out.reserve(alive.size());
    for (Item *it : alive)
        out.push_back(std::move(it->shape));
    st.output = int(out.size());
    if (stats)
        *stats = st;
    return out;
}

} // namespace florence
