#include "tasks/quantizer.h"

#include "common/error.h"

#include <cmath>

namespace florence {
namespace {

void checkSize(int size, const char *what)
{
    if (size <= 0)
        throw Error(ErrorKind::BadInput, std::string("image ") + what + " must be positive, got " + std::to_string(size));
}

// size / bins in double (Python), then rounded to float32 as torch does for a scalar operand.
float sizePerBin(int size)
{
    return static_cast<float>(static_cast<double>(size) / kLocationBins);
}

} // namespace

int quantizeCoordinate(double value, int size)
{
    checkSize(size, "size");
    if (!std::isfinite(value))
        throw Error(ErrorKind::BadInput, "coordinate to quantize must be finite, got " + std::to_string(value));
    const float binned = std::floor(static_cast<float>(value) / sizePerBin(size));
    if (binned < 0.0f)
        return 0;
    if (binned > float(kLocationBins - 1))
        return kLocationBins - 1;
    return static_cast<int>(binned);
}

std::array<int, 4> quantizeBox(const Box &box, int width, int height)
{
    checkSize(width, "width");
    checkSize(height, "height");
    return {quantizeCoordinate(box.x1, width), quantizeCoordinate(box.y1, height), quantizeCoordinate(box.x2, width),
            quantizeCoordinate(box.y2, height)};
}

std::string boxToLocationTokens(const Box &box, int width, int height)
{
    std::string out;
    for (int bin : quantizeBox(box, width, height))
        out += "<loc_" + std::to_string(bin) + ">";
    return out;
}

std::array<int, 2> quantizePoint(const Point &point, int width, int height)
{
    checkSize(width, "width");
    checkSize(height, "height");
    return {quantizeCoordinate(point.x, width), quantizeCoordinate(point.y, height)};
}

std::string pointToLocationTokens(const Point &point, int width, int height)
{
    const auto bins = quantizePoint(point, width, height);
    return "<loc_" + std::to_string(bins[0]) + "><loc_" + std::to_string(bins[1]) + ">";
}

float dequantizeCoordinate(std::int64_t bin, int size)
{
    checkSize(size, "size");
    // (xmin + 0.5): int64 tensor + Python float -> float32; then * size_per_bin in float32.
    const float center = static_cast<float>(bin) + 0.5f;
    return center * sizePerBin(size);
}

std::array<float, 4> dequantizeBox(const std::array<std::int64_t, 4> &bins, int width, int height)
{
    return {dequantizeCoordinate(bins[0], width), dequantizeCoordinate(bins[1], height),
            dequantizeCoordinate(bins[2], width), dequantizeCoordinate(bins[3], height)};
}

std::array<float, 2> dequantizePoint(std::int64_t xBin, std::int64_t yBin, int width, int height)
{
    return {dequantizeCoordinate(xBin, width), dequantizeCoordinate(yBin, height)};
}

} // namespace florence
