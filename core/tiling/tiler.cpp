#include "tiling/tiler.h"

#include "common/error.h"
#include "image/image_header.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

namespace florence {

namespace {

constexpr int kMinTile = 64;
constexpr int kMaxGrid = 256;

/// Start positions of `count` tiles of side `side` spread over [0, length): the first at 0, the
/// last ending at `length`, the others evenly in between (rounded).
std::vector<int> spread(int length, int side, int count)
{
    std::vector<int> starts;
    if (count <= 1 || side >= length) {
        starts.push_back(0);
        return starts;
    }
    const double step = double(length - side) / double(count - 1);
    for (int i = 0; i < count; ++i)
        starts.push_back(i + 1 == count ? length - side : int(std::lround(i * step)));
    return starts;
}

/// One axis of a plan: tile side and start positions.
struct Axis
{
    int side = 0;
    std::vector<int> starts;
};

Axis planAxis(int length, const TilingOptions &o, int gridCount)
{
    Axis a;
    if (gridCount > 0) {
        // N tiles of one side T with overlap O cover N*T - (N-1)*O = length.
        double side;
        if (o.overlap > 0.0 && o.overlap < 1.0)
            side = double(length) / (gridCount - (gridCount - 1) * o.overlap);
        else
            side = (double(length) + double(gridCount - 1) * o.overlap) / gridCount;
        a.side = std::clamp(int(std::ceil(side)), 1, length);
        a.starts = spread(length, a.side, a.side >= length ? 1 : gridCount);
        return a;
    }
    a.side = std::min(o.tileSize, length);
    if (a.side >= length) {
        a.starts = {0};
        return a;
    }
    const int overlap = overlapPixels(o, a.side);
    const int stride = a.side - overlap; // > side / 2 by validate()
    const long long count = 1 + ((long long)(length - a.side) + stride - 1) / stride;
    a.starts = spread(length, a.side, int(count));
    return a;
}

} // namespace

void TilingOptions::validate() const
{
    if (gridCols == 0 && gridRows == 0) {
        if (tileSize < kMinTile || tileSize > kMaxImageSide)
            throw Error(ErrorKind::BadInput, "tile size: expected " + std::to_string(kMinTile) + ".."
                                                 + std::to_string(kMaxImageSide) + " pixels, got " + std::to_string(tileSize));
    } else if (gridCols < 1 || gridRows < 1 || gridCols > kMaxGrid || gridRows > kMaxGrid) {
        throw Error(ErrorKind::BadInput, "tile grid: expected 1.." + std::to_string(kMaxGrid) + " columns and rows, got "
                                             + std::to_string(gridCols) + "x" + std::to_string(gridRows));
    }
    if (!std::isfinite(overlap) || overlap < 0.0 || (overlap < 1.0 && overlap >= 0.5)
        || (overlap >= 1.0 && gridCols == 0 && overlap * 2.0 >= tileSize) || overlap > kMaxImageSide)
        throw Error(ErrorKind::BadInput, "tile overlap: expected 0, a fraction below 0.5 or pixels below half the tile ("
                                             + std::to_string(tileSize / 2) + "), got " + std::to_string(overlap));
}

int overlapPixels(const TilingOptions &options, int tileSide)
{
    if (options.overlap <= 0.0)
        return 0;
    const double px = options.overlap < 1.0 ? options.overlap * tileSide : options.overlap;
    // Never half a tile or more: the stride must stay positive and larger than the overlap.
    return std::clamp(int(std::lround(px)), 0, std::max(0, (tileSide - 1) / 2));
}

std::vector<Tile> planTiles(int width, int height, const TilingOptions &options)
{
    options.validate();
    if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide)
        throw Error(ErrorKind::BadInput, "cannot tile an image of " + std::to_string(width) + "x" + std::to_string(height)
                                             + " pixels");
    const Axis cols = planAxis(width, options, options.gridCols);
    const Axis rows = planAxis(height, options, options.gridRows);
    std::vector<Tile> tiles;
    tiles.reserve(cols.starts.size() * rows.starts.size() + 1);
    for (std::size_t r = 0; r < rows.starts.size(); ++r)
        for (std::size_t c = 0; c < cols.starts.size(); ++c)
            tiles.push_back(Tile{PixelRect{cols.starts[c], rows.starts[r], cols.side, rows.side}, int(r), int(c), false});
    if (options.fullPass && tiles.size() > 1)
        tiles.push_back(Tile{PixelRect{0, 0, width, height}, -1, -1, true});
    return tiles;
}

std::pair<int, int> parseGrid(const std::string &text, const std::string &what)
{
    auto bad = [&] {
        return Error(ErrorKind::BadInput, what + ": expected COLUMNSxROWS with 1.." + std::to_string(kMaxGrid)
                                              + " each (e.g. 3x4), got '" + text + "'");
    };
    const auto x = text.find_first_of("xX");
    if (x == std::string::npos || x == 0 || x + 1 >= text.size() || x > 3 || text.size() - x - 1 > 3)
        throw bad();
    const std::string a = text.substr(0, x), b = text.substr(x + 1);
    if (a.find_first_not_of("0123456789") != std::string::npos || b.find_first_not_of("0123456789") != std::string::npos)
        throw bad();
    const int cols = std::stoi(a), rows = std::stoi(b);
    if (cols < 1 || rows < 1 || cols > kMaxGrid || rows > kMaxGrid)
        throw bad();
    return {cols, rows};
}

double parseOverlap(const std::string &text, const std::string &what)
{
    auto bad = [&] {
        return Error(ErrorKind::BadInput, what + ": expected pixels (e.g. 128), a fraction below 0.5 (e.g. 0.1) or a "
                                                 "percentage (e.g. 10%), got '" + text + "'");
    };
    std::string t = text;
    const bool percent = !t.empty() && t.back() == '%';
    if (percent)
        t.pop_back();
    if (t.empty() || t.size() > 16 || t.find_first_not_of("0123456789.") != std::string::npos
        || std::count(t.begin(), t.end(), '.') > 1 || t == ".")
        throw bad();
    double v = std::strtod(t.c_str(), nullptr);
    if (percent)
        v /= 100.0;
    if (!std::isfinite(v) || v < 0.0 || (v > 0.0 && v < 1.0 && v >= 0.5) || (percent && v >= 0.5)
        || (v >= 1.0 && v != std::floor(v)) || v > kMaxImageSide)
        throw bad();
    return v;
}

RgbImage cropImage(const RgbImage &image, const PixelRect &rect)
{
    const int x0 = std::clamp(rect.x, 0, image.width), y0 = std::clamp(rect.y, 0, image.height);
    // right()/bottom() in 64 bits: a hostile rectangle must not overflow.
    const int x1 = int(std::clamp<long long>((long long)rect.x + rect.width, x0, image.width));
    const int y1 = int(std::clamp<long long>((long long)rect.y + rect.height, y0, image.height));
    if (x1 <= x0 || y1 <= y0)
        throw Error(ErrorKind::BadInput, "crop " + std::to_string(rect.x) + "," + std::to_string(rect.y) + " "
                                             + std::to_string(rect.width) + "x" + std::to_string(rect.height)
                                             + " lies outside the " + std::to_string(image.width) + "x"
                                             + std::to_string(image.height) + " image");
    RgbImage out;
    out.width = x1 - x0;
    out.height = y1 - y0;
    out.pixels.resize(std::size_t(out.width) * std::size_t(out.height) * 3);
    const std::size_t rowBytes = std::size_t(out.width) * 3;
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.pixels.data() + std::size_t(y) * rowBytes,
                    image.pixels.data() + (std::size_t(y0 + y) * std::size_t(image.width) + std::size_t(x0)) * 3, rowBytes);
    return out;
}

Shape shapeToImage(const Shape &shape, const PixelRect &crop)
{
    Shape s = shape;
    const double dx = crop.x, dy = crop.y;
    s.box = Box{s.box.x1 + dx, s.box.y1 + dy, s.box.x2 + dx, s.box.y2 + dy};
    for (Ring &ring : s.rings)
        for (Point &p : ring) {
            p.x += dx;
            p.y += dy;
        }
    return s;
}

void translateResult(PostprocessResult &result, double dx, double dy)
{
    for (PostprocessInstance &inst : result.instances) {
        for (std::size_t i = 0; i < 4; ++i)
            inst.box[i] = float(inst.box[i] + (i % 2 ? dy : dx));
        for (std::size_t i = 0; i < 8; ++i)
            inst.quad[i] = float(inst.quad[i] + (i % 2 ? dy : dx));
        for (auto &ring : inst.rings)
            for (std::size_t i = 0; i < ring.size(); ++i)
                ring[i] = float(ring[i] + (i % 2 ? dy : dx));
    }
}

PixelRect regionCropRect(const Box &region, int imageWidth, int imageHeight, double margin)
{
    const Box r = region.normalized();
    if (!std::isfinite(r.x1) || !std::isfinite(r.y1) || !std::isfinite(r.x2) || !std::isfinite(r.y2) || r.x2 <= 0.0
        || r.y2 <= 0.0 || r.x1 >= imageWidth || r.y1 >= imageHeight || imageWidth <= 0 || imageHeight <= 0)
        throw Error(ErrorKind::BadInput, "the region does not intersect the " + std::to_string(imageWidth) + "x"
                                             + std::to_string(imageHeight) + " image");
    if (!std::isfinite(margin) || margin < 0.0)
        throw Error(ErrorKind::BadInput, "region crop margin: expected >= 0, got " + std::to_string(margin));
    const double side = std::max(r.width(), r.height());
    const double m = std::max(16.0, margin < 1.0 ? margin * side : margin);
    const int x0 = int(std::clamp(std::floor(r.x1 - m), 0.0, double(imageWidth - 1)));
    const int y0 = int(std::clamp(std::floor(r.y1 - m), 0.0, double(imageHeight - 1)));
    const int x1 = int(std::clamp(std::ceil(r.x2 + m), double(x0 + 1), double(imageWidth)));
    const int y1 = int(std::clamp(std::ceil(r.y2 + m), double(y0 + 1), double(imageHeight)));
    return PixelRect{x0, y0, x1 - x0, y1 - y0};
}

Box regionInCrop(const Box &region, const PixelRect &crop)
{
    const Box r = region.normalized();
    return Box{r.x1 - crop.x, r.y1 - crop.y, r.x2 - crop.x, r.y2 - crop.y};
}

} // namespace florence
