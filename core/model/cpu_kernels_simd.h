#pragma once
// The decoder-step kernels written once over a vector width W (floats per vector), instantiated by
// one translation unit per instruction-set path: cpu_kernels_avx512.cpp (W = 16, zmm registers),
// cpu_kernels_avx2.cpp (W = 8, ymm) and cpu_kernels_portable.cpp (W = 4, SSE2 / NEON / scalar).
// Include it from those files only.
//
// Design note: GCC's generic vectors are sized for the registers of the path they are compiled
// for, never wider. The previous single version used 16-float vectors everywhere with
// target_clones: its x86-64-v3 clone split each 512-bit vector into two ymm halves and shuffled
// them through the stack (issue 11: 4x off the memory bound on an AVX2-only EPYC). Everything here
// has internal linkage (anonymous namespace) and uses no inline function of a shared header, so
// nothing compiled with one path's -m flags can leak into another path or into generic code.

#include "model/cpu_kernel_table.h"

#include <cstdint>
#include <cstring>

#pragma GCC diagnostic ignored "-Wpsabi" // the vector helpers are always inlined; the ABI note is moot

namespace florence::kernels {
namespace {

#define FLORENCE_INLINE inline __attribute__((always_inline))

template <int W>
struct Simd;
template <>
struct Simd<16>
{
    typedef float F __attribute__((vector_size(64)));
    typedef std::uint16_t H __attribute__((vector_size(32)));
    typedef std::uint32_t U __attribute__((vector_size(64)));
};
template <>
struct Simd<8>
{
    typedef float F __attribute__((vector_size(32)));
    typedef std::uint16_t H __attribute__((vector_size(16)));
    typedef std::uint32_t U __attribute__((vector_size(32)));
};
template <>
struct Simd<4>
{
    typedef float F __attribute__((vector_size(16)));
    typedef std::uint16_t H __attribute__((vector_size(8)));
    typedef std::uint32_t U __attribute__((vector_size(16)));
};

constexpr std::int64_t imin(std::int64_t a, std::int64_t b) { return a < b ? a : b; }

FLORENCE_INLINE float toFloat(float v) { return v; }
FLORENCE_INLINE float toFloat(Bf16 v)
{
    const std::uint32_t bits = std::uint32_t(v) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

template <int W>
FLORENCE_INLINE typename Simd<W>::F load(const float *p)
{
    typename Simd<W>::F v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <int W>
FLORENCE_INLINE typename Simd<W>::F load(const Bf16 *p)
{
    typename Simd<W>::H h;
    std::memcpy(&h, p, sizeof h);
    const typename Simd<W>::U w = __builtin_convertvector(h, typename Simd<W>::U) << 16;
    typename Simd<W>::F f;
    std::memcpy(&f, &w, sizeof f);
    return f;
}

template <int W>
FLORENCE_INLINE void store(float *p, typename Simd<W>::F v)
{
    std::memcpy(p, &v, sizeof v);
}

// Horizontal sums as a tree (a serial chain of W adds costs W latencies per dot product).
FLORENCE_INLINE float hsum(Simd<4>::F v)
{
    return (v[0] + v[2]) + (v[1] + v[3]);
}
FLORENCE_INLINE float hsum(Simd<8>::F v)
{
    return hsum(Simd<4>::F(__builtin_shufflevector(v, v, 0, 1, 2, 3) + __builtin_shufflevector(v, v, 4, 5, 6, 7)));
}
FLORENCE_INLINE float hsum(Simd<16>::F v)
{
    return hsum(Simd<8>::F(__builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7)
                           + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15)));
}

// ---- dotRows -------------------------------------------------------------------------------

// How far ahead of the multiply-adds dotRows asks for weights (bytes): 4 KiB, a bit more than one
// row of base (768 floats). Without it a single thread streamed the weights at 60-75 % of what a
// plain read loop gets (one step of base, 3 beams, 1 thread, machine B, CPU time per step: avx512
// 40.5 -> 33.5 ms, avx2 46.5 -> 35.5 ms, portable 56 -> 39.5 ms; 1 KiB and 8 KiB were slower than
// 4 KiB, the non-temporal hint was slower than none). Only a hint: no arithmetic changes.
constexpr std::int64_t kPrefetchBytes = 4096;

// y[m, n] = sum_k x[m, k] w[n, k] (+ b[n]) for n in [n0, n1): every weight row is read once, in
// steps of U vectors with U accumulators per row. One accumulator per row suffices for 512-bit
// vectors; narrower ones need two to keep enough independent adds in flight.
template <int W, int U, int M, typename WT>
FLORENCE_INLINE void dotRows(const float *x, std::int64_t K, const WT *w, const WT *b, float *y, std::int64_t N,
                             std::int64_t n0, std::int64_t n1)
{
    typedef typename Simd<W>::F F;
    constexpr int S = W * U;
    const std::int64_t kv = K - K % S;
    for (std::int64_t n = n0; n < n1; ++n) {
        const WT *wr = w + n * K;
        F acc[M][U];
        for (int m = 0; m < M; ++m)
            for (int u = 0; u < U; ++u)
                acc[m][u] = F{};
        for (std::int64_t k = 0; k < kv; k += S) {
            __builtin_prefetch(wr + k + kPrefetchBytes / std::int64_t(sizeof(WT)), 0, 3); // never faults
            for (int u = 0; u < U; ++u) {
                const F wv = load<W>(wr + k + u * W);
                for (int m = 0; m < M; ++m)
                    acc[m][u] += wv * load<W>(x + m * K + k + u * W);
            }
        }
        for (int m = 0; m < M; ++m) {
            F a = acc[m][0];
            for (int u = 1; u < U; ++u)
                a += acc[m][u];
            float s = hsum(a);
            for (std::int64_t k = kv; k < K; ++k)
                s += x[m * K + k] * toFloat(wr[k]);
            y[m * N + n] = b ? s + toFloat(b[n]) : s;
        }
    }
}

// Accumulators per row: 512-bit vectors 1; narrower 2 while M rows x 2 accumulators + the weight
// vector fit the 16 registers of AVX2/SSE (M <= 4), else 1.
template <int W, typename WT>
void dotRowsAny(int M, const float *x, std::int64_t K, const WT *w, const WT *b, float *y, std::int64_t N,
                std::int64_t n0, std::int64_t n1)
{
    constexpr int U2 = W == 16 ? 1 : 2;
    switch (M) {
    case 1: dotRows<W, U2, 1>(x, K, w, b, y, N, n0, n1); break;
    case 2: dotRows<W, U2, 2>(x, K, w, b, y, N, n0, n1); break;
    case 3: dotRows<W, U2, 3>(x, K, w, b, y, N, n0, n1); break;
    case 4: dotRows<W, U2, 4>(x, K, w, b, y, N, n0, n1); break;
    case 5: dotRows<W, 1, 5>(x, K, w, b, y, N, n0, n1); break;
    case 6: dotRows<W, 1, 6>(x, K, w, b, y, N, n0, n1); break;
    case 7: dotRows<W, 1, 7>(x, K, w, b, y, N, n0, n1); break;
    default: dotRows<W, 1, 8>(x, K, w, b, y, N, n0, n1); break;
    }
}

// ---- attention -----------------------------------------------------------------------------

template <int W, typename T>
FLORENCE_INLINE float dotRow(const float *q, const T *row, std::int64_t d)
{
    typedef typename Simd<W>::F F;
    const std::int64_t dv = d - d % W;
    F acc = F{};
    for (std::int64_t i = 0; i < dv; i += W)
        acc += load<W>(q + i) * load<W>(row + i);
    float s = hsum(acc);
    for (std::int64_t i = dv; i < d; ++i)
        s += q[i] * toFloat(row[i]);
    return s;
}

// Row of position j for beam b, head h.
template <typename T>
FLORENCE_INLINE const T *rowOf(const AttendArgs &a, const T *base, std::int64_t j, std::int64_t b, std::int64_t h)
{
    const std::int64_t slot = a.slots ? a.slots[j * a.beams + b] : 0;
    return base + j * a.posStride + slot * a.slotStride + h * a.d;
}

// Self-attention over the cache walks it in memory order: position, slot, head. (Head-major order
// jumps a whole position row, beams x heads x headDim floats = 9 KiB for base, between consecutive
// rows: every row is on a new page, where the hardware prefetcher stops; the t~512 decoder step of
// base measured 1.23x the t~32 step that way, 1.12x position-major.)
template <int W, typename T>
void scorePositions(const AttendArgs &a, const T *K, float *scores, std::int64_t j0, std::int64_t j1)
{
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    for (std::int64_t j = j0; j < j1; ++j)
        for (std::int64_t b = 0; b < B; ++b) {
            const T *row = rowOf(a, K, j, b, 0);
            for (std::int64_t h = 0; h < H; ++h)
                scores[(b * H + h) * L + j] = dotRow<W>(a.q + (b * H + h) * d, row + h * d, d);
        }
}

// acc[b, h] += sum_j p[b, h, j] V_j over positions [j0, j1); acc (beams, heads, headDim) stays in
// L1 while the cache streams by.
template <int W, typename T>
void mixPositions(const AttendArgs &a, const T *V, const float *p, float *acc, std::int64_t j0, std::int64_t j1)
{
    typedef typename Simd<W>::F F;
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t dv = d - d % W;
    for (std::int64_t j = j0; j < j1; ++j)
        for (std::int64_t b = 0; b < B; ++b) {
            const T *row = rowOf(a, V, j, b, 0);
            for (std::int64_t h = 0; h < H; ++h) {
                const float w = p[(b * H + h) * L + j];
                const T *v = row + h * d;
                float *o = acc + (b * H + h) * d;
                for (std::int64_t c = 0; c < dv; c += W)
                    store<W>(o + c, F(load<W>(o + c) + w * load<W>(v + c)));
                for (std::int64_t c = dv; c < d; ++c)
                    o[c] += w * toFloat(v[c]);
            }
        }
}

// out[b, h] = sum_j p[b, h, j] V_j for heads [h0, h1). The accumulators of W output channels of up
// to 8 beams stay in registers while the positions are walked.
template <int W, typename T>
void mixHeads(const AttendArgs &a, const T *V, const float *p, float *out, std::int64_t h0, std::int64_t h1)
{
    typedef typename Simd<W>::F F;
    constexpr int kMaxBeams = 8;
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t dv = d - d % W;
    for (std::int64_t h = h0; h < h1; ++h) {
        for (std::int64_t b0 = 0; b0 < B; b0 += kMaxBeams) {
            const std::int64_t nb = imin(kMaxBeams, B - b0);
            for (std::int64_t c = 0; c < dv; c += W) {
                F acc[kMaxBeams];
                for (std::int64_t b = 0; b < nb; ++b)
                    acc[b] = F{};
                for (std::int64_t j = 0; j < L; ++j)
                    for (std::int64_t b = 0; b < nb; ++b)
                        acc[b] += p[((b0 + b) * H + h) * L + j] * load<W>(rowOf(a, V, j, b0 + b, h) + c);
                for (std::int64_t b = 0; b < nb; ++b)
                    store<W>(out + ((b0 + b) * H + h) * d + c, acc[b]);
            }
            for (std::int64_t c = dv; c < d; ++c)
                for (std::int64_t b = 0; b < nb; ++b) {
                    float s = 0.f;
                    for (std::int64_t j = 0; j < L; ++j)
                        s += p[((b0 + b) * H + h) * L + j] * toFloat(rowOf(a, V, j, b0 + b, h)[c]);
                    out[((b0 + b) * H + h) * d + c] = s;
                }
        }
    }
}

// scores[b, h, j] = sum_i q[b, h, i] keysT[h, i, j] for heads [h0, h1): W positions per vector,
// one broadcast multiply-add per (i, beam), no horizontal sums.
template <int W, typename T>
void scoreHeadsT(const AttendArgs &a, const T *KT, float *scores, std::int64_t h0, std::int64_t h1)
{
    typedef typename Simd<W>::F F;
    constexpr int kMaxBeams = 8;
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t Lv = L - L % W;
    for (std::int64_t h = h0; h < h1; ++h) {
        const T *kh = KT + h * d * L;
        for (std::int64_t b0 = 0; b0 < B; b0 += kMaxBeams) {
            const std::int64_t nb = imin(kMaxBeams, B - b0);
            for (std::int64_t j = 0; j < Lv; j += W) {
                F acc[kMaxBeams];
                for (std::int64_t b = 0; b < nb; ++b)
                    acc[b] = F{};
                for (std::int64_t i = 0; i < d; ++i) {
                    const F kv = load<W>(kh + i * L + j);
                    for (std::int64_t b = 0; b < nb; ++b)
                        acc[b] += a.q[((b0 + b) * H + h) * d + i] * kv;
                }
                for (std::int64_t b = 0; b < nb; ++b)
                    store<W>(scores + ((b0 + b) * H + h) * L + j, acc[b]);
            }
            for (std::int64_t j = Lv; j < L; ++j)
                for (std::int64_t b = 0; b < nb; ++b) {
                    float s = 0.f;
                    for (std::int64_t i = 0; i < d; ++i)
                        s += a.q[((b0 + b) * H + h) * d + i] * toFloat(kh[i * L + j]);
                    scores[((b0 + b) * H + h) * L + j] = s;
                }
        }
    }
}

// Sum of x[0..n) with four independent accumulators (the bandwidth measurement's read loop).
template <int W>
float sum(const float *x, std::int64_t n)
{
    typedef typename Simd<W>::F F;
    const std::int64_t nv = n - n % (4 * W);
    F a0 = F{}, a1 = F{}, a2 = F{}, a3 = F{};
    for (std::int64_t i = 0; i < nv; i += 4 * W) {
        a0 += load<W>(x + i);
        a1 += load<W>(x + i + W);
        a2 += load<W>(x + i + 2 * W);
        a3 += load<W>(x + i + 3 * W);
    }
    float s = hsum(F((a0 + a1) + (a2 + a3)));
    for (std::int64_t i = nv; i < n; ++i)
        s += x[i];
    return s;
}

// The table of one path. Function templates are instantiated here, in the including file.
template <int W>
constexpr KernelTable makeTable(const char *name)
{
    KernelTable t{};
    t.name = name;
    t.twoAccumulatorRows = W == 16 ? 0 : 4; // as dotRowsAny chooses
    t.dotRowsF32 = &dotRowsAny<W, float>;
    t.dotRowsBF16 = &dotRowsAny<W, Bf16>;
    t.scorePositionsF32 = &scorePositions<W, float>;
    t.scorePositionsBF16 = &scorePositions<W, Bf16>;
    t.mixPositionsF32 = &mixPositions<W, float>;
    t.mixPositionsBF16 = &mixPositions<W, Bf16>;
    t.scoreHeadsTF32 = &scoreHeadsT<W, float>;
    t.scoreHeadsTBF16 = &scoreHeadsT<W, Bf16>;
    t.mixHeadsF32 = &mixHeads<W, float>;
    t.mixHeadsBF16 = &mixHeads<W, Bf16>;
    t.sumF32 = &sum<W>;
    return t;
}

#undef FLORENCE_INLINE

} // namespace
} // namespace florence::kernels
