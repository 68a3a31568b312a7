// Design note: a port of Pillow's libImaging/Resample.c for 8-bit RGB (ImagingResampleInner with
// the BICUBIC filter, ImagingResample{Horizontal,Vertical}_8bpc). The coefficients, bounds, the
// pass order and the rounding are Pillow's; only the loop order differs, which cannot change the
// result because every output is an exact int32 sum (|sum| < 2^31, integer addition is associative).
//
// Speed: the straightforward loop (per output pixel, per tap, three interleaved channels) does not
// vectorise. Both passes are written as "acc[j] += row[j] * weight" over contiguous bytes:
//  - vertical pass: rows of the intermediate image are contiguous already;
//  - horizontal pass: a block of kBlockRows source rows is transposed so that the kBlockRows * 3
//    samples of one source column are contiguous, then each output column accumulates whole
//    transposed columns.
// The compiler turns these loops into SIMD code (with an AVX2 clone where the CPU has it), and row
// blocks / output rows are split over threads. OpenCV's INTER_CUBIC (a = -0.75, no antialiasing,
// different rounding) is not an option: it does not reproduce the reference's pixels.
#include "image/resize_pil.h"

#include "common/error.h"
#include "common/threads.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>

namespace florence {

namespace {

/// Pillow's bicubic_filter with a = -0.5.
double bicubicFilter(double x)
{
    constexpr double a = -0.5;
    if (x < 0.0)
        x = -x;
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0)
        return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

constexpr double kBicubicSupport = 2.0;
constexpr int kBlockRows = 16;               ///< source rows transposed together in the horizontal pass
constexpr int kBlockLanes = kBlockRows * 3;  ///< samples per transposed column

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FLORENCE_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FLORENCE_SIMD_CLONES
#endif

/// out[j] = clip8((2^21 + sum_t rows[t * stride + j] * weights[t]) >> 22) for j < n.
/// `acc` is scratch space for n int32 values.
FLORENCE_SIMD_CLONES
void weightedRows(std::uint8_t *out, const std::uint8_t *rows, std::size_t stride, const std::int32_t *weights,
                  int count, int n, std::int32_t *acc)
{
    for (int j = 0; j < n; ++j)
        acc[j] = std::int32_t(1) << (kPilPrecisionBits - 1);
    for (int t = 0; t < count; ++t) {
        const std::uint8_t *row = rows + std::size_t(t) * stride;
        const std::int32_t w = weights[t];
        for (int j = 0; j < n; ++j)
            acc[j] += std::int32_t(row[j]) * w;
    }
    for (int j = 0; j < n; ++j) {
        const std::int32_t v = acc[j] >> kPilPrecisionBits; // arithmetic shift, as Pillow's clip8
        out[j] = std::uint8_t(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

/// Runs body(begin, end) over [0, n) split into contiguous chunks on up to `threads` threads.
template <typename Body> void parallelFor(int n, int threads, const Body &body)
{
    threads = std::max(1, std::min(threads, n));
    if (threads == 1) {
        body(0, n);
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(std::size_t(threads - 1));
    const int chunk = (n + threads - 1) / threads;
    for (int i = 1; i < threads; ++i) {
        const int b = std::min(n, i * chunk), e = std::min(n, (i + 1) * chunk);
        if (b < e)
            pool.emplace_back([&body, b, e] { body(b, e); });
    }
    body(0, std::min(n, chunk));
    for (std::thread &t : pool)
        t.join();
}

/// Horizontal pass (ImagingResampleHorizontal_8bpc) of rows [rowBegin, rowBegin + outRows) of `src`.
void resampleHorizontal(const std::uint8_t *src, int srcWidth, int rowBegin, int outRows, const ResampleTaps &taps,
                        std::uint8_t *dst, int threads)
{
    const int outWidth = int(taps.first.size());
    const int blocks = (outRows + kBlockRows - 1) / kBlockRows;
    const std::size_t srcStride = std::size_t(srcWidth) * 3;
    const std::size_t dstStride = std::size_t(outWidth) * 3;
    parallelFor(blocks, threads, [&](int blockBegin, int blockEnd) {
        std::vector<std::uint8_t> columns(std::size_t(srcWidth) * kBlockLanes);
        std::uint8_t result[kBlockLanes];
        std::int32_t acc[kBlockLanes];
        for (int block = blockBegin; block < blockEnd; ++block) {
            const int y0 = block * kBlockRows;
            const int rows = std::min(kBlockRows, outRows - y0);
            if (rows < kBlockRows)
                std::fill(columns.begin(), columns.end(), std::uint8_t(0));
            // columns[x][r * 3 + c] = src[rowBegin + y0 + r][x][c]
            for (int r = 0; r < rows; ++r) {
                const std::uint8_t *in = src + std::size_t(rowBegin + y0 + r) * srcStride;
                std::uint8_t *col = columns.data() + r * 3;
                for (int x = 0; x < srcWidth; ++x, in += 3, col += kBlockLanes) {
                    col[0] = in[0];
                    col[1] = in[1];
                    col[2] = in[2];
                }
            }
            for (int x = 0; x < outWidth; ++x) {
                weightedRows(result, columns.data() + std::size_t(taps.first[x]) * kBlockLanes, kBlockLanes,
                             taps.weights.data() + std::size_t(x) * taps.taps, taps.count[x], kBlockLanes, acc);
                for (int r = 0; r < rows; ++r)
                    std::memcpy(dst + std::size_t(y0 + r) * dstStride + std::size_t(x) * 3, result + r * 3, 3);
            }
        }
    });
}

/// Vertical pass (ImagingResampleVertical_8bpc); `taps.first` is relative to the first row of `src`.
void resampleVertical(const std::uint8_t *src, int width, const ResampleTaps &taps, std::uint8_t *dst, int threads)
{
    const int outHeight = int(taps.first.size());
    const std::size_t stride = std::size_t(width) * 3;
    parallelFor(outHeight, threads, [&](int begin, int end) {
        std::vector<std::int32_t> acc(stride);
        for (int y = begin; y < end; ++y)
            weightedRows(dst + std::size_t(y) * stride, src + std::size_t(taps.first[y]) * stride, stride,
                         taps.weights.data() + std::size_t(y) * taps.taps, taps.count[y], int(stride), acc.data());
    });
}

} // namespace

ResampleTaps bicubicTapsPil(int inSize, int outSize)
{
    if (inSize < 1 || outSize < 1)
        throw Error(ErrorKind::Internal, "bicubicTapsPil: sizes must be >= 1, got " + std::to_string(inSize) + " -> "
                                             + std::to_string(outSize));
    // precompute_coeffs(inSize, in0 = 0, in1 = inSize, outSize, &BICUBIC, ...); the box is float in Pillow.
    const float in0 = 0.0f, in1 = float(inSize);
    double filterscale = double(in1 - in0) / outSize;
    const double scale = filterscale;
    if (filterscale < 1.0)
        filterscale = 1.0;
    const double support = kBicubicSupport * filterscale;
    ResampleTaps t;
    t.taps = int(std::ceil(support)) * 2 + 1;
    t.first.resize(std::size_t(outSize));
    t.count.resize(std::size_t(outSize));
    t.weights.assign(std::size_t(outSize) * t.taps, 0);
    std::vector<double> k(std::size_t(t.taps));
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = in0 + (xx + 0.5) * scale;
        const double ss = 1.0 / filterscale;
        int xmin = int(center - support + 0.5); // truncation toward zero, as the C cast
        if (xmin < 0)
            xmin = 0;
        int xmax = int(center + support + 0.5);
        if (xmax > inSize)
            xmax = inSize;
        xmax -= xmin;
        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            const double w = bicubicFilter((x + xmin - center + 0.5) * ss);
            k[std::size_t(x)] = w;
            ww += w;
        }
        for (int x = 0; x < xmax; ++x)
            if (ww != 0.0)
                k[std::size_t(x)] /= ww;
        // normalize_coeffs_8bpc: round half away from zero to 22-bit fixed point.
        std::int32_t *out = t.weights.data() + std::size_t(xx) * t.taps;
        for (int x = 0; x < xmax; ++x) {
            const double v = k[std::size_t(x)];
            out[x] = v < 0 ? std::int32_t(-0.5 + v * (1 << kPilPrecisionBits))
                           : std::int32_t(0.5 + v * (1 << kPilPrecisionBits));
        }
        t.first[std::size_t(xx)] = xmin;
        t.count[std::size_t(xx)] = xmax;
    }
    return t;
}

RgbImage resizeBicubicPil(const RgbImage &src, int outWidth, int outHeight, int threads)
{
    if (src.empty() || src.pixels.size() != std::size_t(src.width) * std::size_t(src.height) * 3)
        throw Error(ErrorKind::BadInput, "resize: the source image is empty or its pixel buffer has "
                                             + std::to_string(src.pixels.size()) + " bytes for "
                                             + std::to_string(src.width) + "x" + std::to_string(src.height) + " RGB");
    if (outWidth < 1 || outHeight < 1 || outWidth > kMaxImageSide || outHeight > kMaxImageSide)
        throw Error(ErrorKind::BadInput, "resize: target size " + std::to_string(outWidth) + "x"
                                             + std::to_string(outHeight) + " is outside 1.." + std::to_string(kMaxImageSide));
    if (threads <= 0)
        threads = defaultThreadCount();

    // ImagingResampleInner with box (0, 0, width, height).
    const bool needHorizontal = outWidth != src.width;
    const bool needVertical = outHeight != src.height;
    RgbImage out;
    out.width = outWidth;
    out.height = outHeight;
    if (!needHorizontal && !needVertical) {
        out.pixels = src.pixels;
        return out;
    }
    ResampleTaps vertical = bicubicTapsPil(src.height, outHeight);
    // Rows of the source that the vertical pass reads.
    const int rowFirst = vertical.first.front();
    const int rowLast = vertical.first.back() + vertical.count.back();

    const std::uint8_t *verticalInput = src.pixels.data();
    std::vector<std::uint8_t> intermediate;
    if (needHorizontal) {
        const ResampleTaps horizontal = bicubicTapsPil(src.width, outWidth);
        const int rows = needVertical ? rowLast - rowFirst : src.height;
        const int first = needVertical ? rowFirst : 0;
        intermediate.resize(std::size_t(rows) * outWidth * 3);
        resampleHorizontal(src.pixels.data(), src.width, first, rows, horizontal, intermediate.data(), threads);
        if (!needVertical) {
            out.pixels = std::move(intermediate);
            return out;
        }
        for (int &f : vertical.first) // shift the bounds into the intermediate image
            f -= rowFirst;
        verticalInput = intermediate.data();
    }
    out.pixels.resize(std::size_t(outWidth) * outHeight * 3);
    resampleVertical(verticalInput, outWidth, vertical, out.pixels.data(), threads);
    return out;
}

} // namespace florence
