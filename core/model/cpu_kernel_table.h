#pragma once
// The table of decoder-step kernels one instruction-set path provides (internal to core/model).
//
// Plain C++ only: this header is included by the per-instruction-set translation units
// (cpu_kernels_avx512.cpp, cpu_kernels_avx2.cpp, cpu_kernels_portable.cpp), which are compiled with
// their own -m flags and must not instantiate inline functions of shared headers (libtorch, the
// standard library's templates): the linker keeps one copy of such a function for the whole
// program, and an AVX-512 copy would then run on every CPU.

#include <cstdint>

namespace florence::kernels {

/// Positions per block of cross-attention keys (the blocked layout attendSharedHead reads).
constexpr std::int64_t kKeyBlock = 64;

/// Arguments of the single-query attention kernels: query q (beams, heads, d), already scaled;
/// row j of beam b starts at base + j * posStride + slot(j, b) * slotStride + h * d, where
/// slot(j, b) = slots[j * beams + b] (slots == nullptr: slot 0).
struct AttendArgs
{
    const float *q;
    std::int64_t beams, heads, d, length, posStride, slotStride;
    const std::int32_t *slots;
};

/// Arguments of the window-attention kernel (the vision tower's DaViT WindowAttention), one window
/// and one head: token i's query, key and value rows (d floats each) start at q, k and v +
/// rows[i] * stride, its output row at out + rows[i] * outStride. scratch holds
/// windowScratchFloats(n, d) floats (the calling thread's own).
struct WindowArgs
{
    std::int64_t n, d;
    const std::int64_t *rows;
    const float *q, *k, *v;
    std::int64_t stride;
    float scale;
    float *out;
    std::int64_t outStride;
    float *scratch;
};

/// Columns of the window kernel's padded buffers: a multiple of the widest vector (16 floats).
constexpr std::int64_t padTo16(std::int64_t n) { return (n + 15) / 16 * 16; }

/// Floats of scratch the window kernel needs for n tokens of head dimension d: the scaled queries
/// (n, d), the keys transposed (d, padTo16(n)), the values (n, padTo16(d)) and the scores of a row
/// tile (8, padTo16(n)).
constexpr std::int64_t windowScratchFloats(std::int64_t n, std::int64_t d)
{
    return n * d + d * padTo16(n) + n * padTo16(d) + 8 * padTo16(n);
}

/// Tokens per block of the channel-attention score kernel (its keys are converted to float64 a
/// block at a time into the caller's scratch of kChannelBlock * padTo16(cg) doubles).
constexpr std::int64_t kChannelBlock = 64;

/// bfloat16 values are passed as their raw 16 bits.
using Bf16 = std::uint16_t;

/// One instruction-set path: every kernel of cpu_kernels.cpp, written for that path's vector width.
/// The ranges [n0, n1), [j0, j1), [h0, h1) are the caller's parallel chunk.
struct KernelTable
{
    const char *name; ///< "avx512", "avx2" or "portable"
    /// y[m, n] = sum_k x[m, k] w[n, k] (+ b[n]) for m < M and n in [n0, n1); x (M, K), w (N, K),
    /// y (M, N), all row-major; b may be null. Each y[m, n] gets the same bits whatever M, n0 and n1
    /// are (its x row and weight row decide them alone).
    void (*dotRowsF32)(int M, const float *x, std::int64_t K, const float *w, const float *b, float *y,
                       std::int64_t N, std::int64_t n0, std::int64_t n1);
    void (*dotRowsBF16)(int M, const float *x, std::int64_t K, const Bf16 *w, const Bf16 *b, float *y,
                        std::int64_t N, std::int64_t n0, std::int64_t n1);

    /// scores[b, h, j] = q[b, h] . K_j for positions [j0, j1), all beams and heads.
    void (*scorePositionsF32)(const AttendArgs &a, const float *K, float *scores, std::int64_t j0, std::int64_t j1);
    void (*scorePositionsBF16)(const AttendArgs &a, const Bf16 *K, float *scores, std::int64_t j0, std::int64_t j1);

    /// acc[b, h] += sum_j p[b, h, j] V_j for positions [j0, j1), all beams and heads.
    void (*mixPositionsF32)(const AttendArgs &a, const float *V, const float *p, float *acc, std::int64_t j0,
                            std::int64_t j1);
    void (*mixPositionsBF16)(const AttendArgs &a, const Bf16 *V, const float *p, float *acc, std::int64_t j0,
                             std::int64_t j1);

    /// Cross-attention of head h for the beams of a, on the calling thread:
    ///   out[b, h] = sum_j softmax_j(q[b, h] . K[h, j]) V[h, j]
    /// keys KB in blocks of kKeyBlock positions, (heads, ceil(length / kKeyBlock), headDim,
    /// kKeyBlock), zero-padded; values V (heads, length, headDim); scratch holds (beams, heads,
    /// length) floats (head h's rows are used).
    void (*attendSharedHeadF32)(const AttendArgs &a, const float *KB, const float *V, float *scratch, float *out,
                                std::int64_t h);
    void (*attendSharedHeadBF16)(const AttendArgs &a, const Bf16 *KB, const Bf16 *V, float *scratch, float *out,
                                 std::int64_t h);

    /// Attention inside one window for one head, on the calling thread:
    ///   out_i = sum_j softmax_j((scale * q_i) . k_j) v_j, i, j < n
    /// (the query is rounded to float after scaling, as the reference's q * scale is).
    void (*windowAttentionF32)(const WindowArgs &a);

    /// Channel attention (the vision tower's DaViT ChannelAttention), one group: accumulates in
    /// float64, token by token in order,
    ///   scores[i, j] += sum_t q[t, i] k[t, j], i, j < cg, t < tokens,
    /// q and k rows at q + t * stride and k + t * stride; scores (cg, padTo16(cg)) row-major
    /// (padding columns stay 0 when they start at 0); scratch kChannelBlock * padTo16(cg) doubles.
    void (*channelScoresF32)(const float *q, const float *k, std::int64_t stride, std::int64_t tokens,
                             std::int64_t cg, double *scores, double *scratch);
    /// out[t, i] = sum_j attnT[j, i] v[t, j] for t < tokens, i < cg (j in order); attnT (cg,
    /// padTo16(cg)) row-major, zero-padded; v rows at v + t * vStride, out rows at out + t * outStride.
    void (*channelMixF32)(const float *attnT, std::int64_t cg, const float *v, std::int64_t vStride, std::int64_t tokens,
                          float *out, std::int64_t outStride);

    /// Depthwise 3 x 3 convolution, stride 1, zero padding 1, plus its input (DaViT's ConvPosEnc
    /// with the block's residual), channels last, rows [h0, h1) of one (H, W, C) image:
    ///   out[h, w, c] = (bias[c] + sum_{dy, dx} wt[(3 dy + dx) C + c] x[h + dy - 1, w + dx - 1, c])
    ///                  + x[h, w, c]
    /// (the taps in order dy, dx; taps outside the image skipped).
    void (*depthwise3x3ResidualF32)(const float *x, std::int64_t H, std::int64_t W, std::int64_t C, const float *wt,
                                    const float *bias, float *out, std::int64_t h0, std::int64_t h1);

    /// x[i] = gelu(x[i]) = x/2 (1 + erf(x/sqrt 2)) in place for i < n, with erf as ATen's vectorised
    /// CPU kernels compute it (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7) and the kernels' exp.
    void (*geluF32)(float *x, std::int64_t n);

    /// Sum of x[0..n): the streaming-read loop of the benchmark's bandwidth measurement.
    float (*sumF32)(const float *x, std::int64_t n);
};

/// The paths compiled into this binary (the x86 ones only where FLORENCE_KERNELS_X86 is defined).
/// Constant-initialized tables: taking their address runs no code of the path.
extern const KernelTable kAvx512Kernels;
extern const KernelTable kAvx2Kernels;
extern const KernelTable kPortableKernels;

} // namespace florence::kernels
