#pragma once
// Pillow's bicubic resize of 8-bit images (Image.resize(size, resample=BICUBIC)), bit for bit.

#include "image/decode.h"

#include <cstdint>
#include <vector>

namespace florence {

/// The filter taps of one resampling pass, as Pillow's precompute_coeffs() + normalize_coeffs_8bpc()
/// compute them: output sample i reads `count[i]` input samples starting at `first[i]`, weighted by
/// `weights[i * taps .. i * taps + count[i])`, 8-bit fixed point with 22 fractional bits.
struct ResampleTaps
{
    int taps = 0;                      ///< ksize: row length of `weights`
    std::vector<int> first;            ///< first input sample per output sample (Pillow's xmin)
    std::vector<int> count;            ///< number of input samples used (Pillow's xmax after `xmax -= xmin`)
    std::vector<std::int32_t> weights; ///< outSize * taps fixed-point weights, zero past `count`
};

/// Pillow's fixed-point precision for 8-bit images (PRECISION_BITS = 32 - 8 - 2 in Resample.c).
constexpr int kPilPrecisionBits = 22;

/// Taps of Pillow's bicubic filter (a = -0.5, support 2, scaled by the downscale factor so it
/// antialiases) for resizing `inSize` samples to `outSize`, box [0, inSize). Sizes in pixels, >= 1.
ResampleTaps bicubicTapsPil(int inSize, int outSize);

/// Resizes an RGB8 image to outWidth x outHeight exactly as Pillow's
/// `Image.resize((outWidth, outHeight), resample=Image.BICUBIC)` does on an RGB image: separable,
/// horizontal pass first into an intermediate 8-bit image (only the rows the vertical pass reads),
/// then the vertical pass; a pass is skipped when its dimension is unchanged (both skipped: a copy).
/// Each output sample is clip8((2^21 + sum(u8 * weight)) >> 22) with the int32 weights above.
///
/// `threads` <= 0 uses defaultThreadCount(). Sizes are in pixels; throws Error(BadInput) when the
/// source is empty or its pixel buffer has the wrong size, or when an output size is < 1 or > kMaxImageSide.
RgbImage resizeBicubicPil(const RgbImage &src, int outWidth, int outHeight, int threads = 0);

} // namespace florence
