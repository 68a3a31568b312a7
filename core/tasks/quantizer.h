#pragma once
// Coordinate quantizers of Florence-2: pixels <-> 1000 location bins written as <loc_N> tokens.
// Ports BoxQuantizer and CoordinatesQuantizer ('floor' mode, bins (1000, 1000)) of
// processing_florence2.py, with torch's float32 arithmetic.

#include "annotate/annotation.h"

#include <array>
#include <cstdint>
#include <string>

namespace florence {

/// Number of location bins per axis (<loc_0> ... <loc_999>).
constexpr int kLocationBins = 1000;

/// Bin of one coordinate: floor(value / (size / 1000)) clamped to 0..999, computed in float32 as
/// BoxQuantizer.quantize does on a float32 tensor. `value` in image pixels, `size` the image width
/// (for x) or height (for y) in pixels. Throws Error(BadInput) for a non-finite value or size <= 0.
int quantizeCoordinate(double value, int size);

/// BoxQuantizer.quantize for one box (x1, y1, x2, y2 in image pixels) of an image `width` x
/// `height` pixels: the four bins in (x1, y1, x2, y2) order. Throws as quantizeCoordinate.
std::array<int, 4> quantizeBox(const Box &box, int width, int height);
/// The region prompt of a box: "<loc_x1><loc_y1><loc_x2><loc_y2>". Throws as quantizeCoordinate.
std::string boxToLocationTokens(const Box &box, int width, int height);

/// CoordinatesQuantizer.quantize for one point in image pixels: (x bin, y bin).
std::array<int, 2> quantizePoint(const Point &point, int width, int height);
/// "<loc_x><loc_y>" of a point. Throws as quantizeCoordinate.
std::string pointToLocationTokens(const Point &point, int width, int height);

/// Pixel coordinate of a bin: (bin + 0.5) * size / 1000 in float32, exactly as torch computes
/// it (bin converted to float32, size / 1000 computed in double then rounded to float32). Bins are
/// not clamped: <loc_1500> lies outside the image, as in the reference.
float dequantizeCoordinate(std::int64_t bin, int size);
/// BoxQuantizer.dequantize of (x1, y1, x2, y2) bins for an image `width` x `height`.
std::array<float, 4> dequantizeBox(const std::array<std::int64_t, 4> &bins, int width, int height);
/// CoordinatesQuantizer.dequantize of one (x, y) bin pair.
std::array<float, 2> dequantizePoint(std::int64_t xBin, std::int64_t yBin, int width, int height);

} // namespace florence
