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
#include <type_traits>

#pragma GCC diagnostic ignored "-Wpsabi" // the vector helpers are always inlined; the ABI note is moot

namespace florence::kernels {
namespace {

#define FLORENCE_INLINE inline __attribute__((always_inline))
#define FLORENCE_INLINE_LAMBDA __attribute__((always_inline))

template <int W>
struct Simd;
template <>
struct Simd<16>
{
    typedef float F __attribute__((vector_size(64)));
    typedef std::uint16_t H __attribute__((vector_size(32)));
    typedef std::uint32_t U __attribute__((vector_size(64)));
    typedef std::int32_t I __attribute__((vector_size(64)));
    typedef double D __attribute__((vector_size(64)));
};
template <>
struct Simd<8>
{
    typedef float F __attribute__((vector_size(32)));
    typedef std::uint16_t H __attribute__((vector_size(16)));
    typedef std::uint32_t U __attribute__((vector_size(32)));
    typedef std::int32_t I __attribute__((vector_size(32)));
    typedef double D __attribute__((vector_size(32)));
};
template <>
struct Simd<4>
{
    typedef float F __attribute__((vector_size(16)));
    typedef std::uint16_t H __attribute__((vector_size(8)));
    typedef std::uint32_t U __attribute__((vector_size(16)));
    typedef std::int32_t I __attribute__((vector_size(16)));
    typedef double D __attribute__((vector_size(16)));
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

// How far ahead of the multiply-adds dotRows asks for weights: the next block of weight rows, read
// while the current one is multiplied (one prefetch per cache line, into L2: measured a little
// faster than into L1, and ~10 % faster than none, at 3 and 24 rows). Without prefetching a single
// thread streamed the weights at 60-75 % of what a plain read loop gets. With few row tiles (a
// memory-bound call) the first tile asks for the whole next block, as early as possible; from
// kSpreadTiles tiles on (a compute-bound call: 24 rows of 8 requests) every tile asks for its share
// of the lines, so the reads overlap all of the block's multiply-adds instead of being bunched
// into the first tile's (projections of a base step at 24 rows, avx512, 2 threads: 26.7 -> 24.5 ms;
// spreading at 2 tiles was slower, 14.0 -> 15.2 ms at 6 rows). Only a hint: no arithmetic changes.
constexpr std::int64_t kSpreadTiles = 4;

// Register tiles: R input rows x C weight rows, one W-lane accumulator per output. Every output
// y[m, n] is the same sequence of operations whatever tile, call or batch it is computed in: one
// accumulator over k in steps of W (a fused multiply-add per step), the horizontal-sum tree, the
// k % W tail in order, then the bias. So a row's bits depend only on its own x row and the weights
// (batched decoding gives exactly the single-request bits), and the tile shape is free to follow
// the registers: R x C accumulators + C weight vectors + 1 x vector.
template <int W>
struct Tiles;
template <>
struct Tiles<16> // 32 zmm registers
{
    static constexpr int kRows = 4;
    static constexpr int kCols = 6;
    static constexpr int kColsFew = 8; // blocks when the call has at most 2 rows (memory-bound GEMV)
    static constexpr int kBeams = 4;        // cross-attention: beams per pass
    static constexpr int kMixChunks = 4;    // vectors of output channels per pass (headDim 64: all)
    static constexpr int kScoreVectors = 4; // vectors of key positions per pass (a whole key block)
};
template <>
struct Tiles<8> // 16 ymm registers
{
    // 4 x 3: 12 accumulators + 3 weight vectors + 1 x vector = 16 registers, 7 loads per 12 FMAs.
    // (3 x 4 needed 17: the compiler turned loads into memory operands, 16 per 12 FMAs; projections
    // of a base step at 24 rows, 2 threads, machine C: 36.8 -> 30.8 ms, 3 rows unchanged.)
    static constexpr int kRows = 4;
    static constexpr int kCols = 3;
    static constexpr int kColsFew = 6;
    static constexpr int kBeams = 3;
    static constexpr int kMixChunks = 4;
    static constexpr int kScoreVectors = 4;
};
template <>
struct Tiles<4> // 16 xmm (SSE2) or 32 (NEON) registers
{
    // as Tiles<8> (SSE2 has no FMA and needs a temporary: 17 either way, 4 x 3 measured no slower)
    static constexpr int kRows = 4;
    static constexpr int kCols = 3;
    static constexpr int kColsFew = 6;
    static constexpr int kBeams = 3;
    static constexpr int kMixChunks = 4;
    static constexpr int kScoreVectors = 4;
};

template <int W, int R, int C, typename WT>
FLORENCE_INLINE void dotTile(const float *x, std::int64_t K, const WT *w, const WT *b, float *y, std::int64_t N,
                             std::int64_t n, const WT *prefetch, std::int64_t pk0, std::int64_t pk1)
{
    typedef typename Simd<W>::F F;
    const std::int64_t kv = K - K % W;
    const WT *wr = w + n * K;
    F acc[R][C];
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c)
            acc[r][c] = F{};
    auto step = [&](std::int64_t k, bool ask) FLORENCE_INLINE_LAMBDA {
        if (ask && (k * std::int64_t(sizeof(WT))) % 64 == 0)
            for (int c = 0; c < C; ++c)
                __builtin_prefetch(prefetch + c * K + k, 0, 2); // never faults; to L2 (prefetcht1)
        F wv[C];
        for (int c = 0; c < C; ++c)
            wv[c] = load<W>(wr + c * K + k);
        for (int r = 0; r < R; ++r) {
            const F xv = load<W>(x + r * K + k);
            for (int c = 0; c < C; ++c)
                acc[r][c] += xv * wv[c];
        }
    };
    // the same k order in three stretches: before, during and after this tile's prefetch share
    const std::int64_t a0 = prefetch ? imin(pk0, kv) : kv, a1 = prefetch ? imin(pk1, kv) : kv;
    std::int64_t k = 0;
#pragma GCC unroll 2
    for (; k < a0; k += W)
        step(k, false);
#pragma GCC unroll 2
    for (; k < a1; k += W)
        step(k, true);
#pragma GCC unroll 2
    for (; k < kv; k += W)
        step(k, false);
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) {
            float s = hsum(acc[r][c]);
            for (std::int64_t k = kv; k < K; ++k)
                s += x[r * K + k] * toFloat(wr[c * K + k]);
            y[r * N + n + c] = b ? s + toFloat(b[n + c]) : s;
        }
}

// Rows [0, M) against the weight rows of one block [n, n + C): tiles of at most kRows rows.
template <int W, int C, typename WT>
FLORENCE_INLINE void dotBlock(int M, const float *x, std::int64_t K, const WT *w, const WT *b, float *y,
                              std::int64_t N, std::int64_t n, const WT *prefetch)
{
    constexpr int RM = Tiles<W>::kRows;
    constexpr std::int64_t kLine = 64 / std::int64_t(sizeof(WT)); // weights per cache line
    const std::int64_t allTiles = (M + RM - 1) / RM, lines = (K + kLine - 1) / kLine;
    const std::int64_t tiles = allTiles >= kSpreadTiles ? allTiles : 1;
    for (int m = 0, t = 0; m < M; ++t) {
        const int rows = M - m >= RM ? RM : M - m;
        const float *xm = x + std::int64_t(m) * K;
        float *ym = y + std::int64_t(m) * N;
        // tile t asks for its share of the next block's cache lines, so that the reads are spread
        // over the whole block's multiply-adds instead of bunched into the first tile's
        const std::int64_t pk0 = t < tiles ? lines * t / tiles * kLine : K;
        const std::int64_t pk1 = t < tiles ? lines * (t + 1) / tiles * kLine : K;
        switch (rows) {
        case 1: dotTile<W, 1, C>(xm, K, w, b, ym, N, n, prefetch, pk0, pk1); break;
        case 2: if constexpr (RM >= 2) dotTile<W, 2, C>(xm, K, w, b, ym, N, n, prefetch, pk0, pk1); break;
        case 3: if constexpr (RM >= 3) dotTile<W, 3, C>(xm, K, w, b, ym, N, n, prefetch, pk0, pk1); break;
        default: if constexpr (RM >= 4) dotTile<W, RM, C>(xm, K, w, b, ym, N, n, prefetch, pk0, pk1); break;
        }
        m += rows;
    }
}

template <int W, int C, typename WT>
FLORENCE_INLINE void dotBlocks(int M, const float *x, std::int64_t K, const WT *w, const WT *b, float *y,
                               std::int64_t N, std::int64_t n0, std::int64_t n1)
{
    std::int64_t n = n0;
    for (; n + C <= n1; n += C) {
        const WT *next = n + 2 * C <= n1 ? w + (n + C) * K : nullptr;
        dotBlock<W, C>(M, x, K, w, b, y, N, n, next);
    }
    for (; n < n1; ++n)
        dotBlock<W, 1, WT>(M, x, K, w, b, y, N, n, nullptr);
}

// y[m, n] = sum_k x[m, k] w[n, k] (+ b[n]) for m < M and n in [n0, n1): every weight row is read
// from memory once per call; blocks of C weight rows stay in L1 while every row tile uses them.
template <int W, typename WT>
void dotRowsAny(int M, const float *x, std::int64_t K, const WT *w, const WT *b, float *y, std::int64_t N,
                std::int64_t n0, std::int64_t n1)
{
    if (M <= 2)
        dotBlocks<W, Tiles<W>::kColsFew>(M, x, K, w, b, y, N, n0, n1);
    else
        dotBlocks<W, Tiles<W>::kCols>(M, x, K, w, b, y, N, n0, n1);
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

// Cross-attention (keys and values shared by all beams of a request), one head at a time with
// every beam's accumulators in registers. Tiles<W>::kBeams beams per pass. Both kernels prefetch
// 16 KiB ahead (for headDim 64), one software prefetch per cache line: the hardware prefetcher
// alone left them waiting on memory (a batched step reads 3.6 MB of keys and values per request
// and layer, from memory, not the cache).
constexpr std::int64_t kMixAhead = 64; // value rows
//
// acc[b][g] += s[b][i] * row[g * W] for NB beams and G vectors; prefetches `ahead` (one hint per
// cache line) unless it is null.
template <int W, int NB, int G, typename T>
FLORENCE_INLINE void broadcastFma(typename Simd<W>::F (&acc)[NB][G], const T *row, const float *const (&s)[NB],
                                  std::int64_t i, const T *ahead)
{
    typedef typename Simd<W>::F F;
    constexpr int kLine = 64 / (W * int(sizeof(T))) > 0 ? 64 / (W * int(sizeof(T))) : 1; // vectors per line
    if (ahead)
        for (int g = 0; g < G; g += kLine)
            __builtin_prefetch(ahead + g * W, 0, 3); // never faults
    F v[G];
    for (int g = 0; g < G; ++g)
        v[g] = load<W>(row + g * W);
    for (int b = 0; b < NB; ++b) {
        const float w = s[b][i];
        for (int g = 0; g < G; ++g)
            acc[b][g] += w * v[g];
    }
}

// fn(std::integral_constant<int, nb>, b0) for the beams in passes of at most NBMAX.
template <int NBMAX, typename Fn>
FLORENCE_INLINE void forBeamPasses(std::int64_t beams, Fn &&fn)
{
    for (std::int64_t b0 = 0; b0 < beams; b0 += NBMAX) {
        switch (imin(NBMAX, beams - b0)) {
        case 1: fn(std::integral_constant<int, 1>{}, b0); break;
        case 2: if constexpr (NBMAX >= 2) fn(std::integral_constant<int, 2>{}, b0); break;
        case 3: if constexpr (NBMAX >= 3) fn(std::integral_constant<int, 3>{}, b0); break;
        default: if constexpr (NBMAX >= 4) fn(std::integral_constant<int, NBMAX>{}, b0); break;
        }
    }
}

// out[b, h] = sum_j p[b, h, j] V[h, j] for heads [h0, h1); V (heads, length, headDim): each
// head's rows are one contiguous stream. kMixChunks vectors of output channels per pass; each
// output channel is a sum over j in order.
template <int W, int NB, typename T>
FLORENCE_INLINE void mixHeadBeams(const AttendArgs &a, const T *Vh, const float *p, float *out, std::int64_t h,
                                  std::int64_t b0)
{
    typedef typename Simd<W>::F F;
    constexpr int CG = Tiles<W>::kMixChunks;
    const std::int64_t H = a.heads, L = a.length, d = a.d;
    const std::int64_t dv = d - d % W;
    const float *pb[NB]; // p rows of the beams
    float *ob[NB];
    for (int b = 0; b < NB; ++b) {
        pb[b] = p + ((b0 + b) * H + h) * L;
        ob[b] = out + ((b0 + b) * H + h) * d;
    }
    std::int64_t c = 0;
    for (; c + CG * W <= dv; c += CG * W) {
        F acc[NB][CG];
        for (int b = 0; b < NB; ++b)
            for (int g = 0; g < CG; ++g)
                acc[b][g] = F{};
        const bool first = c == 0 && b0 == 0; // prefetch kMixAhead rows ahead in the first pass over the head
        for (std::int64_t j = 0; j < L; ++j)
            broadcastFma<W>(acc, Vh + j * d + c, pb, j, first ? Vh + (j + kMixAhead) * d : nullptr);
        for (int b = 0; b < NB; ++b)
            for (int g = 0; g < CG; ++g)
                store<W>(ob[b] + c + g * W, acc[b][g]);
    }
    for (; c < dv; c += W) {
        F acc[NB];
        for (int b = 0; b < NB; ++b)
            acc[b] = F{};
        for (std::int64_t j = 0; j < L; ++j) {
            const F v = load<W>(Vh + j * d + c);
            for (int b = 0; b < NB; ++b)
                acc[b] += pb[b][j] * v;
        }
        for (int b = 0; b < NB; ++b)
            store<W>(ob[b] + c, acc[b]);
    }
    for (; c < d; ++c)
        for (int b = 0; b < NB; ++b) {
            float s = 0.f;
            for (std::int64_t j = 0; j < L; ++j)
                s += pb[b][j] * toFloat(Vh[j * d + c]);
            ob[b][c] = s;
        }
}

template <int W, typename T>
void mixHeads(const AttendArgs &a, const T *V, const float *p, float *out, std::int64_t h0, std::int64_t h1)
{
    constexpr int NB = Tiles<W>::kBeams;
    for (std::int64_t h = h0; h < h1; ++h) {
        const T *Vh = V + h * a.length * a.d;
        forBeamPasses<NB>(a.beams, [&](auto nb, std::int64_t b0) { mixHeadBeams<W, decltype(nb)::value>(a, Vh, p, out, h, b0); });
    }
}

// scores[b, h, j] = sum_i q[b, h, i] K[h, j, i] for heads [h0, h1), keys stored in blocks of
// kKeyBlock positions, (heads, blocks, headDim, kKeyBlock) zero-padded: a block is one contiguous
// 16 KiB stream (headDim 64) and W positions are one vector, so no horizontal sums. Each score is
// a sum over i in order.
template <int W, int NB, typename T>
FLORENCE_INLINE void scoreHeadBeams(const AttendArgs &a, const T *Kh, float *scores, std::int64_t h, std::int64_t b0)
{
    typedef typename Simd<W>::F F;
    constexpr std::int64_t KB = kKeyBlock;
    constexpr int JG = Tiles<W>::kScoreVectors; // vectors of positions per pass
    static_assert(KB % (JG * W) == 0, "a key block is a whole number of passes");
    const std::int64_t H = a.heads, L = a.length, d = a.d;
    const std::int64_t blocks = (L + KB - 1) / KB;
    const float *qb[NB];
    float *sb[NB];
    for (int b = 0; b < NB; ++b) {
        qb[b] = a.q + ((b0 + b) * H + h) * d;
        sb[b] = scores + ((b0 + b) * H + h) * L;
    }
    for (std::int64_t blk = 0; blk < blocks; ++blk) {
        const T *kb = Kh + blk * d * KB;
        for (std::int64_t j0 = 0; j0 < KB && blk * KB + j0 < L; j0 += JG * W) {
            F acc[NB][JG];
            for (int b = 0; b < NB; ++b)
                for (int g = 0; g < JG; ++g)
                    acc[b][g] = F{};
            for (std::int64_t i = 0; i < d; ++i) // prefetch: the same row of the next block (the next head's first after the last)
                broadcastFma<W>(acc, kb + i * KB + j0, qb, i, b0 == 0 ? kb + d * KB + i * KB + j0 : nullptr);
            const std::int64_t j = blk * KB + j0, valid = imin(JG * W, L - j);
            for (int b = 0; b < NB; ++b) {
                if (valid == JG * W) {
                    for (int g = 0; g < JG; ++g)
                        store<W>(sb[b] + j + g * W, acc[b][g]);
                } else {
                    float tmp[JG * W];
                    for (int g = 0; g < JG; ++g)
                        store<W>(tmp + g * W, acc[b][g]);
                    std::memcpy(sb[b] + j, tmp, std::size_t(valid) * sizeof(float));
                }
            }
        }
    }
}

template <int W, typename T>
void scoreKeyBlocks(const AttendArgs &a, const T *KB, float *scores, std::int64_t h0, std::int64_t h1)
{
    constexpr int NB = Tiles<W>::kBeams;
    const std::int64_t blocks = (a.length + kKeyBlock - 1) / kKeyBlock;
    for (std::int64_t h = h0; h < h1; ++h) {
        const T *Kh = KB + h * blocks * a.d * kKeyBlock;
        forBeamPasses<NB>(a.beams, [&](auto nb, std::int64_t b0) { scoreHeadBeams<W, decltype(nb)::value>(a, Kh, scores, h, b0); });
    }
}


// ---- softmax ---------------------------------------------------------------------------------

// exp(x) for x <= 0 (softmax arguments after the maximum is subtracted): Cephes' expf (round x/ln 2
// to n, a degree-5 polynomial on the remainder, times 2^n), ~1 ulp; below -87.3 it gives the
// smallest normal float instead of a subnormal or 0 (a probability of 1e-38 either way).
template <int W>
FLORENCE_INLINE typename Simd<W>::F expNonPositive(typename Simd<W>::F x)
{
    typedef typename Simd<W>::F F;
    typedef typename Simd<W>::I I;
    const F lo = F{} - 87.33654f;
    x = x < lo ? lo : x;
    const F magic = F{} + 12582912.0f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    const F n = (x * 1.44269504088896341f + magic) - magic;
    const F r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
    F p = F{} + 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    const I bits = (__builtin_convertvector(n, I) + 127) << 23;
    F scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// p[0..L) = softmax(s[0..L)) in place.
template <int W>
FLORENCE_INLINE void softmaxRow(float *s, std::int64_t L)
{
    typedef typename Simd<W>::F F;
    const std::int64_t Lv = L - L % W;
    float m = -__builtin_inff();
    if (Lv > 0) {
        F mv = load<W>(s);
        for (std::int64_t j = W; j < Lv; j += W) {
            const F v = load<W>(s + j);
            mv = v > mv ? v : mv;
        }
        for (int i = 0; i < W; ++i)
            m = mv[i] > m ? mv[i] : m;
    }
    for (std::int64_t j = Lv; j < L; ++j)
        m = s[j] > m ? s[j] : m;
    F sv = F{};
    for (std::int64_t j = 0; j < Lv; j += W) {
        const F e = expNonPositive<W>(load<W>(s + j) - m);
        store<W>(s + j, e);
        sv += e;
    }
    float sum = hsum(sv);
    for (std::int64_t j = Lv; j < L; ++j) {
        F t = F{} + (s[j] - m);
        const float e = expNonPositive<W>(t)[0];
        s[j] = e;
        sum += e;
    }
    const float inv = 1.0f / sum;
    for (std::int64_t j = 0; j < Lv; j += W)
        store<W>(s + j, F(load<W>(s + j) * inv));
    for (std::int64_t j = Lv; j < L; ++j)
        s[j] *= inv;
}

// One head of one request's cross-attention on the calling thread: its beams' scores
// (scoreKeyBlocks), their softmax, the mixing of the values (mixHeads). `scratch` is laid out as
// the scores of all heads, (beams, heads, length); only head h's rows are touched.
template <int W, typename T>
void attendSharedHead(const AttendArgs &a, const T *KB, const T *V, float *scratch, float *out, std::int64_t h)
{
    scoreKeyBlocks<W, T>(a, KB, scratch, h, h + 1);
    for (std::int64_t b = 0; b < a.beams; ++b)
        softmaxRow<W>(scratch + (b * a.heads + h) * a.length, a.length);
    mixHeads<W, T>(a, V, scratch, out, h, h + 1);
}

// ---- window attention (vision tower) -----------------------------------------------------------

// Design note: DaViT's window attention is many small attentions (base: 144 tokens, head dim 32,
// ~4000 window-heads per image). Done with ATen it is a bmm writing every score matrix to memory
// (16 MB per chunk of windows), a softmax reading and writing it again, a second bmm, and two
// 8-dimensional permute copies of q/k/v and the output (~0.3 s of a 1.9 s vision pass, base, two
// threads). Here one window-head is gathered into L1-sized buffers and finished there: scores of a
// tile of query rows, their softmax, their mix of the values, written straight into the output.

// acc[r][u] += sum_{e < K} a(r, e) b(e, u) for r < R, u < CB: broadcast multiply-adds, e in order
// (one accumulator per output). a(r, e) is a scalar, b(e, u) a vector.
template <int W, int R, int CB, typename A, typename B>
FLORENCE_INLINE void broadcastMultiplyAdd(typename Simd<W>::F (&acc)[R][CB], std::int64_t K, A &&a, B &&b)
{
    typedef typename Simd<W>::F F;
    for (std::int64_t e = 0; e < K; ++e) {
        F bv[CB];
        for (int u = 0; u < CB; ++u)
            bv[u] = b(e, u);
        for (int r = 0; r < R; ++r) {
            const F ab = F{} + a(r, e);
            for (int u = 0; u < CB; ++u)
                acc[r][u] += ab * bv[u];
        }
    }
}

// o[col .. col + W) = v, cut at column `end` (a head's or group's last column).
template <int W>
FLORENCE_INLINE void storeUpTo(float *o, std::int64_t col, std::int64_t end, typename Simd<W>::F v)
{
    if (col + W <= end) {
        store<W>(o + col, v);
        return;
    }
    float tmp[W];
    store<W>(tmp, v);
    for (std::int64_t e = col; e < end; ++e)
        o[e] = tmp[e - col];
}

// S[r, j] = Q[r] . KT[:, j] for r < R and the CB vectors of columns from column c * W: broadcast
// multiply-adds over the head dimension, one accumulator per score, in order.
template <int W, int R, int CB>
FLORENCE_INLINE void windowScoreBlock(const float *Q, std::int64_t d, const float *KT, std::int64_t np, float *S,
                                      std::int64_t c)
{
    typename Simd<W>::F acc[R][CB] = {};
    broadcastMultiplyAdd<W, R, CB>(
        acc, d, [&](int r, std::int64_t e) FLORENCE_INLINE_LAMBDA { return Q[r * d + e]; },
        [&](std::int64_t e, int u) FLORENCE_INLINE_LAMBDA { return load<W>(KT + e * np + (c + u) * W); });
    for (int r = 0; r < R; ++r)
        for (int u = 0; u < CB; ++u)
            store<W>(S + r * np + (c + u) * W, acc[r][u]);
}

// out[r] (columns from c * W, CB vectors) = sum_j S[r, j] V[j] for j < n; written to the output rows
// (only the head's d columns).
template <int W, int R, int CB>
FLORENCE_INLINE void windowMixBlock(const WindowArgs &a, std::int64_t i0, const float *S, std::int64_t np,
                                    const float *V, std::int64_t dp, std::int64_t c)
{
    typename Simd<W>::F acc[R][CB] = {};
    broadcastMultiplyAdd<W, R, CB>(
        acc, a.n, [&](int r, std::int64_t j) FLORENCE_INLINE_LAMBDA { return S[r * np + j]; },
        [&](std::int64_t j, int u) FLORENCE_INLINE_LAMBDA { return load<W>(V + j * dp + (c + u) * W); });
    for (int r = 0; r < R; ++r)
        for (int u = 0; u < CB; ++u)
            storeUpTo<W>(a.out + a.rows[i0 + r] * a.outStride, (c + u) * W, a.d, acc[r][u]);
}

// Query rows [i0, i0 + R): scores, softmax, mix.
template <int W, int R>
FLORENCE_INLINE void windowRows(const WindowArgs &a, const float *Q, const float *KT, const float *V, float *S,
                                std::int64_t i0)
{
    const std::int64_t np = padTo16(a.n), dp = padTo16(a.d), nv = np / W, dv = (a.d + W - 1) / W;
    std::int64_t c = 0;
    for (; c + 3 <= nv; c += 3)
        windowScoreBlock<W, R, 3>(Q + i0 * a.d, a.d, KT, np, S, c);
    for (; c < nv; ++c)
        windowScoreBlock<W, R, 1>(Q + i0 * a.d, a.d, KT, np, S, c);
    for (int r = 0; r < R; ++r)
        softmaxRow<W>(S + r * np, a.n);
    c = 0;
    for (; c + 2 <= dv; c += 2)
        windowMixBlock<W, R, 2>(a, i0, S, np, V, dp, c);
    for (; c < dv; ++c)
        windowMixBlock<W, R, 1>(a, i0, S, np, V, dp, c);
}

template <int W>
void windowAttention(const WindowArgs &a)
{
    const std::int64_t n = a.n, d = a.d, np = padTo16(n), dp = padTo16(d);
    float *Q = a.scratch, *KT = Q + n * d, *V = KT + d * np, *S = V + n * dp;
    for (std::int64_t i = 0; i < n; ++i) {
        const float *q = a.q + a.rows[i] * a.stride, *k = a.k + a.rows[i] * a.stride, *v = a.v + a.rows[i] * a.stride;
        for (std::int64_t e = 0; e < d; ++e) {
            Q[i * d + e] = q[e] * a.scale;
            KT[e * np + i] = k[e];
        }
        std::memcpy(V + i * dp, v, sizeof(float) * std::size_t(d));
        std::memset(V + i * dp + d, 0, sizeof(float) * std::size_t(dp - d));
    }
    for (std::int64_t e = 0; e < d; ++e)
        std::memset(KT + e * np + n, 0, sizeof(float) * std::size_t(np - n));
    // Row tiles: R x 3 score accumulators + 3 key vectors + 1 broadcast fit the registers (32 zmm;
    // 16 ymm / xmm).
    constexpr int R = W == 16 ? 8 : 4;
    std::int64_t i0 = 0;
    for (; i0 + R <= n; i0 += R)
        windowRows<W, R>(a, Q, KT, V, S, i0);
    for (; i0 < n; ++i0)
        windowRows<W, 1>(a, Q, KT, V, S, i0);
}

// ---- channel attention (vision tower) ---------------------------------------------------------

// Design note: DaViT's channel attention sums q^T k over every token of the image (36864 at the
// base model's first stage) and is computed in float64 (see ChannelAttention). With ATen that
// took a permuted float64 copy of q and k and a dgemm; here the float32 rows are read in place,
// keys converted to float64 a block at a time, and each score accumulates token by token in
// registers (a float32 x float32 product is exact in float64, so only the sums round).

// scores[i0 + r, (c + u) * DW ...] += sum over the block's tokens, for r < R, u < CB.
template <int W, int R, int CB>
FLORENCE_INLINE void channelScoreTile(const float *q, std::int64_t stride, std::int64_t tokens, const double *kd,
                                      std::int64_t cgp, double *scores, std::int64_t i0, std::int64_t c)
{
    typedef typename Simd<W>::D D;
    constexpr int DW = W / 2;
    D acc[R][CB];
    for (int r = 0; r < R; ++r)
        for (int u = 0; u < CB; ++u)
            std::memcpy(&acc[r][u], scores + (i0 + r) * cgp + (c + u) * DW, sizeof(D));
    for (std::int64_t t = 0; t < tokens; ++t) {
        D qb[R];
        for (int r = 0; r < R; ++r)
            qb[r] = D{} + double(q[t * stride + i0 + r]);
        for (int u = 0; u < CB; ++u) {
            D kv;
            std::memcpy(&kv, kd + t * cgp + (c + u) * DW, sizeof(D));
            for (int r = 0; r < R; ++r)
                acc[r][u] += qb[r] * kv;
        }
    }
    for (int r = 0; r < R; ++r)
        for (int u = 0; u < CB; ++u)
            std::memcpy(scores + (i0 + r) * cgp + (c + u) * DW, &acc[r][u], sizeof(D));
}

template <int W, int R>
FLORENCE_INLINE void channelScoreRows(const float *q, std::int64_t stride, std::int64_t tokens, const double *kd,
                                      std::int64_t cg, std::int64_t cgp, double *scores, std::int64_t i0)
{
    constexpr int DW = W / 2, CB = W == 16 ? 4 : 2;
    const std::int64_t nv = (cg + DW - 1) / DW;
    std::int64_t c = 0;
    for (; c + CB <= nv; c += CB)
        channelScoreTile<W, R, CB>(q, stride, tokens, kd, cgp, scores, i0, c);
    for (; c < nv; ++c)
        channelScoreTile<W, R, 1>(q, stride, tokens, kd, cgp, scores, i0, c);
}

template <int W>
void channelScores(const float *q, const float *k, std::int64_t stride, std::int64_t tokens, std::int64_t cg,
                   double *scores, double *scratch)
{
    const std::int64_t cgp = padTo16(cg);
    constexpr int R = W == 16 ? 6 : 4; // R x CB accumulators + R broadcasts + 1 key vector
    for (std::int64_t t0 = 0; t0 < tokens; t0 += kChannelBlock) {
        const std::int64_t nt = imin(kChannelBlock, tokens - t0);
        for (std::int64_t t = 0; t < nt; ++t) {
            const float *kr = k + (t0 + t) * stride;
            double *kd = scratch + t * cgp;
            for (std::int64_t j = 0; j < cg; ++j)
                kd[j] = double(kr[j]);
            for (std::int64_t j = cg; j < cgp; ++j)
                kd[j] = 0.0;
        }
        const float *qb = q + t0 * stride;
        std::int64_t i0 = 0;
        for (; i0 + R <= cg; i0 += R)
            channelScoreRows<W, R>(qb, stride, nt, scratch, cg, cgp, scores, i0);
        for (; i0 < cg; ++i0)
            channelScoreRows<W, 1>(qb, stride, nt, scratch, cg, cgp, scores, i0);
    }
}

// out[t0 + r, (c + u) * W ...] for r < R, u < CB.
template <int W, int R, int CB>
FLORENCE_INLINE void channelMixTile(const float *attnT, std::int64_t cg, std::int64_t cgp, const float *v,
                                    std::int64_t vStride, float *out, std::int64_t outStride, std::int64_t t0,
                                    std::int64_t c)
{
    typename Simd<W>::F acc[R][CB] = {};
    broadcastMultiplyAdd<W, R, CB>(
        acc, cg, [&](int r, std::int64_t j) FLORENCE_INLINE_LAMBDA { return v[(t0 + r) * vStride + j]; },
        [&](std::int64_t j, int u) FLORENCE_INLINE_LAMBDA { return load<W>(attnT + j * cgp + (c + u) * W); });
    for (int r = 0; r < R; ++r)
        for (int u = 0; u < CB; ++u)
            storeUpTo<W>(out + (t0 + r) * outStride, (c + u) * W, cg, acc[r][u]);
}

template <int W, int R>
FLORENCE_INLINE void channelMixRows(const float *attnT, std::int64_t cg, const float *v, std::int64_t vStride,
                                    float *out, std::int64_t outStride, std::int64_t t0)
{
    const std::int64_t cgp = padTo16(cg), nv = (cg + W - 1) / W;
    std::int64_t c = 0;
    for (; c + 2 <= nv; c += 2)
        channelMixTile<W, R, 2>(attnT, cg, cgp, v, vStride, out, outStride, t0, c);
    for (; c < nv; ++c)
        channelMixTile<W, R, 1>(attnT, cg, cgp, v, vStride, out, outStride, t0, c);
}

template <int W>
void channelMix(const float *attnT, std::int64_t cg, const float *v, std::int64_t vStride, std::int64_t tokens,
                float *out, std::int64_t outStride)
{
    constexpr int R = W == 16 ? 8 : 4; // R x 2 accumulators + 2 attention vectors + 1 broadcast
    std::int64_t t0 = 0;
    for (; t0 + R <= tokens; t0 += R)
        channelMixRows<W, R>(attnT, cg, v, vStride, out, outStride, t0);
    for (; t0 < tokens; ++t0)
        channelMixRows<W, 1>(attnT, cg, v, vStride, out, outStride, t0);
}

// ---- depthwise 3 x 3 convolution (vision tower) ----------------------------------------------

// One output pixel's channels [c, c + n) (n = W or the tail, through a zero-padded copy).
template <int W>
FLORENCE_INLINE typename Simd<W>::F depthwisePixel(const float *x, std::int64_t H, std::int64_t Wd, std::int64_t C,
                                                   const float *wt, const float *bias, std::int64_t h, std::int64_t w,
                                                   std::int64_t c)
{
    typedef typename Simd<W>::F F;
    F acc = load<W>(bias + c);
    for (std::int64_t dy = 0; dy < 3; ++dy) {
        const std::int64_t hh = h + dy - 1;
        if (hh < 0 || hh >= H)
            continue;
        for (std::int64_t dx = 0; dx < 3; ++dx) {
            const std::int64_t ww = w + dx - 1;
            if (ww < 0 || ww >= Wd)
                continue;
            acc += load<W>(wt + (dy * 3 + dx) * C + c) * load<W>(x + (hh * Wd + ww) * C + c);
        }
    }
    return acc + load<W>(x + (h * Wd + w) * C + c);
}

template <int W>
void depthwise3x3Residual(const float *x, std::int64_t H, std::int64_t Wd, std::int64_t C, const float *wt,
                          const float *bias, float *out, std::int64_t h0, std::int64_t h1)
{
    const std::int64_t cv = C - C % W;
    for (std::int64_t h = h0; h < h1; ++h)
        for (std::int64_t w = 0; w < Wd; ++w) {
            float *o = out + (h * Wd + w) * C;
            for (std::int64_t c = 0; c < cv; c += W)
                store<W>(o + c, depthwisePixel<W>(x, H, Wd, C, wt, bias, h, w, c));
            for (std::int64_t c = cv; c < C; ++c) { // the tail, in the same order
                float acc = bias[c];
                for (std::int64_t dy = 0; dy < 3; ++dy) {
                    const std::int64_t hh = h + dy - 1;
                    if (hh < 0 || hh >= H)
                        continue;
                    for (std::int64_t dx = 0; dx < 3; ++dx) {
                        const std::int64_t ww = w + dx - 1;
                        if (ww >= 0 && ww < Wd)
                            acc += wt[(dy * 3 + dx) * C + c] * x[(hh * Wd + ww) * C + c];
                    }
                }
                o[c] = acc + x[(h * Wd + w) * C + c];
            }
        }
}

// ---- GELU (vision tower MLP) -----------------------------------------------------------------

// gelu(x) = x/2 (1 + erf(x / sqrt 2)) with the erf of ATen's vectorised kernels (what PyTorch's
// nn.GELU() runs on x86 CPUs): erf(a) = sign(a) (1 - r(t) t exp(-a^2)), t = 1 / (1 + p |a|), r a
// degree-4 polynomial (Abramowitz-Stegun 7.1.26); exp is the kernels' expNonPositive.
template <int W>
FLORENCE_INLINE typename Simd<W>::F geluVec(typename Simd<W>::F x)
{
    typedef typename Simd<W>::F F;
    typedef typename Simd<W>::U U;
    const F a = x * 0.70710678118654752440f; // x * M_SQRT1_2
    U bits;
    std::memcpy(&bits, &a, sizeof bits);
    const U sign = bits & 0x80000000u;
    const U absBits = bits & 0x7fffffffu;
    F absA;
    std::memcpy(&absA, &absBits, sizeof absA);
    const F t = 1.0f / (absA * 0.3275911f + 1.0f);
    F r = t * 1.061405429f + -1.453152027f;
    r = r * t + 1.421413741f;
    r = r * t + -0.284496736f;
    r = r * t + 0.254829592f;
    const F e = expNonPositive<W>(F{} - a * a);
    const F m = (F{} - e) * t;   // -exp(-a^2) t
    const F y = m * r + 1.0f;    // 1 - r t exp(-a^2)
    U ybits;
    std::memcpy(&ybits, &y, sizeof ybits);
    ybits ^= sign;
    F erfA;
    std::memcpy(&erfA, &ybits, sizeof erfA);
    return x * 0.5f * (erfA + 1.0f);
}

template <int W>
void gelu(float *x, std::int64_t n)
{
    const std::int64_t nv = n - n % W;
    for (std::int64_t i = 0; i < nv; i += W)
        store<W>(x + i, geluVec<W>(load<W>(x + i)));
    if (nv < n) {
        float tmp[W] = {};
        for (std::int64_t i = nv; i < n; ++i)
            tmp[i - nv] = x[i];
        store<W>(tmp, geluVec<W>(load<W>(tmp)));
        for (std::int64_t i = nv; i < n; ++i)
            x[i] = tmp[i - nv];
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
    t.dotRowsF32 = &dotRowsAny<W, float>;
    t.dotRowsBF16 = &dotRowsAny<W, Bf16>;
    t.scorePositionsF32 = &scorePositions<W, float>;
    t.scorePositionsBF16 = &scorePositions<W, Bf16>;
    t.mixPositionsF32 = &mixPositions<W, float>;
    t.mixPositionsBF16 = &mixPositions<W, Bf16>;
    t.attendSharedHeadF32 = &attendSharedHead<W, float>;
    t.attendSharedHeadBF16 = &attendSharedHead<W, Bf16>;
    t.windowAttentionF32 = &windowAttention<W>;
    t.channelScoresF32 = &channelScores<W>;
    t.channelMixF32 = &channelMix<W>;
    t.geluF32 = &gelu<W>;
    t.depthwise3x3ResidualF32 = &depthwise3x3Residual<W>;
    t.sumF32 = &sum<W>;
    return t;
}

#undef FLORENCE_INLINE

} // namespace
} // namespace florence::kernels
