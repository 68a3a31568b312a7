#include "model/cpu_kernels.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <vector>

// The vector helpers are always inlined into the target_clones functions; the ABI note is moot.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace florence {

namespace {
std::atomic<bool> g_cpuKernels{true};
} // namespace

void setCpuKernelsEnabled(bool enabled)
{
    g_cpuKernels = enabled;
}

bool cpuKernelsEnabled()
{
    return g_cpuKernels;
}

// ---- smallRowsLinear ------------------------------------------------------------------------
namespace {

typedef float V16f __attribute__((vector_size(64)));
typedef float V8f __attribute__((vector_size(32)));
typedef float V4f __attribute__((vector_size(16)));
typedef std::uint16_t V16u16 __attribute__((vector_size(32)));
typedef std::uint32_t V16u32 __attribute__((vector_size(64)));

inline __attribute__((always_inline)) V16f load16(const float *p)
{
    V16f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline __attribute__((always_inline)) V16f load16(const c10::BFloat16 *p)
{
    V16u16 h;
    std::memcpy(&h, p, sizeof h);
    const V16u32 w = __builtin_convertvector(h, V16u32) << 16;
    V16f f;
    std::memcpy(&f, &w, sizeof f);
    return f;
}

// Horizontal sum as a tree (a serial 16-add chain costs ~64 cycles of latency per dot product).
inline __attribute__((always_inline)) float hsum(V16f v)
{
    const V8f a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    const V4f b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
    return (b[0] + b[2]) + (b[1] + b[3]);
}

inline float toFloat(float v) { return v; }
inline float toFloat(c10::BFloat16 v) { return static_cast<float>(v); }

// y[m, n] = sum_k x[m, k] w[n, k] (+ b[n]) for n in [n0, n1): every weight row is read once.
// (Walking 2 or 4 rows together for more independent accumulators measured slower: the loop is
// bound by memory, not by FMA latency.)
template <int M, typename WT, typename BT>
inline __attribute__((always_inline)) void dotRows(const float *x, std::int64_t K, const WT *w, const BT *b,
                                                   float *y, std::int64_t N, std::int64_t n0, std::int64_t n1)
{
    const std::int64_t k16 = K - K % 16;
    for (std::int64_t n = n0; n < n1; ++n) {
        const WT *wr = w + n * K;
        V16f acc[M];
        for (int m = 0; m < M; ++m)
            acc[m] = V16f{};
        for (std::int64_t k = 0; k < k16; k += 16) {
            const V16f wv = load16(wr + k);
            for (int m = 0; m < M; ++m)
                acc[m] += wv * load16(x + m * K + k);
        }
        for (int m = 0; m < M; ++m) {
            float s = hsum(acc[m]);
            for (std::int64_t k = k16; k < K; ++k)
                s += x[m * K + k] * toFloat(wr[k]);
            y[m * N + n] = b ? s + toFloat(b[n]) : s;
        }
    }
}

template <typename WT, typename BT>
inline __attribute__((always_inline)) void dotRowsDispatch(int M, const float *x, std::int64_t K, const WT *w,
                                                           const BT *b, float *y, std::int64_t N, std::int64_t n0,
                                                           std::int64_t n1)
{
    switch (M) {
    case 1: dotRows<1>(x, K, w, b, y, N, n0, n1); break;
    case 2: dotRows<2>(x, K, w, b, y, N, n0, n1); break;
    case 3: dotRows<3>(x, K, w, b, y, N, n0, n1); break;
    case 4: dotRows<4>(x, K, w, b, y, N, n0, n1); break;
    case 5: dotRows<5>(x, K, w, b, y, N, n0, n1); break;
    case 6: dotRows<6>(x, K, w, b, y, N, n0, n1); break;
    case 7: dotRows<7>(x, K, w, b, y, N, n0, n1); break;
    default: dotRows<8>(x, K, w, b, y, N, n0, n1); break;
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FLORENCE_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define FLORENCE_CLONES
#endif

FLORENCE_CLONES void dotRowsF32(int M, const float *x, std::int64_t K, const float *w, const float *b, float *y,
                                std::int64_t N, std::int64_t n0, std::int64_t n1)
{
    dotRowsDispatch(M, x, K, w, b, y, N, n0, n1);
}

FLORENCE_CLONES void dotRowsBF16(int M, const float *x, std::int64_t K, const c10::BFloat16 *w,
                                 const c10::BFloat16 *b, float *y, std::int64_t N, std::int64_t n0, std::int64_t n1)
{
    dotRowsDispatch(M, x, K, w, b, y, N, n0, n1);
}

// Heads per parallel chunk (1: parallel; for attendOneQuery: whether its position chunks run in
// parallel): small attentions run on the calling thread, since an OpenMP region per call costs
// more than it saves whenever the other core is busy. The threshold (2^19 multiply-adds, base's
// self-attention from t~110 on) keeps early decoder steps on one thread and splits the long ones,
// which are bound by reading the cache (2^22 kept base single-threaded up to t~900).
std::int64_t headGrain(std::int64_t beams, std::int64_t heads, std::int64_t length, std::int64_t d)
{
    constexpr std::int64_t kParallelWork = std::int64_t(1) << 19; // multiply-adds of scores + mixing
    return 2 * beams * heads * length * d < kParallelWork ? heads : 1;
}

} // namespace

at::Tensor smallRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    TORCH_CHECK(x.dim() == 2 && x.scalar_type() == at::kFloat && x.is_contiguous(), "smallRowsLinear: bad x");
    TORCH_CHECK(weight.dim() == 2 && weight.is_contiguous() && weight.size(1) == x.size(1), "smallRowsLinear: bad W");
    TORCH_CHECK(x.size(0) >= 1 && x.size(0) <= kSmallRows, "smallRowsLinear: too many rows");
    const int M = int(x.size(0));
    const std::int64_t K = x.size(1), N = weight.size(0);
    at::Tensor y = at::empty({M, N}, x.options());
    const float *xp = x.data_ptr<float>();
    float *yp = y.data_ptr<float>();
    const std::int64_t grain = std::max<std::int64_t>(16, 32768 / std::max<std::int64_t>(K, 1));
    if (weight.scalar_type() == at::kFloat) {
        const at::Tensor b = bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
        const float *wp = weight.data_ptr<float>();
        const float *bp = b.defined() ? b.data_ptr<float>() : nullptr;
        at::parallel_for(0, N, grain, [&](std::int64_t n0, std::int64_t n1) {
            dotRowsF32(M, xp, K, wp, bp, yp, N, n0, n1);
        });
    } else {
        TORCH_CHECK(weight.scalar_type() == at::kBFloat16, "smallRowsLinear: weight must be float32 or bfloat16");
        const at::Tensor b = bias.defined() ? bias.to(at::kBFloat16).contiguous() : at::Tensor();
        const c10::BFloat16 *wp = weight.data_ptr<c10::BFloat16>();
        const c10::BFloat16 *bp = b.defined() ? b.data_ptr<c10::BFloat16>() : nullptr;
        at::parallel_for(0, N, grain, [&](std::int64_t n0, std::int64_t n1) {
            dotRowsBF16(M, xp, K, wp, bp, yp, N, n0, n1);
        });
    }
    return y;
}


// ---- attendOneQuery -----------------------------------------------------------------------
namespace {

template <typename T>
inline __attribute__((always_inline)) float dotRow(const float *q, const T *row, std::int64_t d)
{
    const std::int64_t d16 = d - d % 16;
    V16f acc = V16f{};
    for (std::int64_t i = 0; i < d16; i += 16)
        acc += load16(q + i) * load16(row + i);
    float s = hsum(acc);
    for (std::int64_t i = d16; i < d; ++i)
        s += q[i] * toFloat(row[i]);
    return s;
}

struct AttendArgs
{
    const float *q;
    std::int64_t beams, heads, d, length, posStride, slotStride;
    const std::int32_t *slots;
};

// Row of position j for beam b, head h.
template <typename T>
inline __attribute__((always_inline)) const T *rowOf(const AttendArgs &a, const T *base, std::int64_t j,
                                                     std::int64_t b, std::int64_t h)
{
    const std::int64_t slot = a.slots ? a.slots[j * a.beams + b] : 0;
    return base + j * a.posStride + slot * a.slotStride + h * a.d;
}

// Self-attention over the cache walks it in memory order: position, slot, head. (Head-major order
// jumps a whole position row, beams x heads x headDim floats = 9 KiB for base, between consecutive
// rows: every row is on a new page, where the hardware prefetcher stops, and the t~512 decoder step
// of base measured 1.23x the t~32 step that way, 1.12x position-major (median of 5 runs); both
// with the parallel threshold below.)

// scores[b, h, j] = q[b, h] . K_j for positions [j0, j1), all beams and heads. Beams that share a
// cached row (same slot) read it from memory once.
template <typename T>
inline __attribute__((always_inline)) void scorePositions(const AttendArgs &a, const T *K, float *scores,
                                                          std::int64_t j0, std::int64_t j1)
{
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    for (std::int64_t j = j0; j < j1; ++j)
        for (std::int64_t b = 0; b < B; ++b) {
            const T *row = rowOf(a, K, j, b, 0);
            for (std::int64_t h = 0; h < H; ++h)
                scores[(b * H + h) * L + j] = dotRow(a.q + (b * H + h) * d, row + h * d, d);
        }
}

// acc[b, h] += sum_j p[b, h, j] V_j over positions [j0, j1), all beams and heads; acc (beams,
// heads, headDim) stays in L1 while the cache streams by.
template <typename T>
inline __attribute__((always_inline)) void mixPositions(const AttendArgs &a, const T *V, const float *p, float *acc,
                                                        std::int64_t j0, std::int64_t j1)
{
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t d16 = d - d % 16;
    for (std::int64_t j = j0; j < j1; ++j)
        for (std::int64_t b = 0; b < B; ++b) {
            const T *row = rowOf(a, V, j, b, 0);
            for (std::int64_t h = 0; h < H; ++h) {
                const float w = p[(b * H + h) * L + j];
                const T *v = row + h * d;
                float *o = acc + (b * H + h) * d;
                for (std::int64_t c = 0; c < d16; c += 16) {
                    const V16f sum = load16(o + c) + w * load16(v + c);
                    std::memcpy(o + c, &sum, sizeof sum);
                }
                for (std::int64_t c = d16; c < d; ++c)
                    o[c] += w * toFloat(v[c]);
            }
        }
}

// out[b, h] = sum_j p[b, h, j] V_j for heads [h0, h1). The accumulators of 16 output channels of
// up to 8 beams stay in registers while the positions are walked (one cache line of each row).
template <typename T>
inline __attribute__((always_inline)) void mixHeads(const AttendArgs &a, const T *V, const float *p, float *out,
                                                    std::int64_t h0, std::int64_t h1)
{
    constexpr int kMaxBeams = 8;
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t d16 = d - d % 16;
    for (std::int64_t h = h0; h < h1; ++h) {
        for (std::int64_t b0 = 0; b0 < B; b0 += kMaxBeams) {
            const std::int64_t nb = std::min<std::int64_t>(kMaxBeams, B - b0);
            for (std::int64_t c = 0; c < d16; c += 16) {
                V16f acc[kMaxBeams];
                for (std::int64_t b = 0; b < nb; ++b)
                    acc[b] = V16f{};
                for (std::int64_t j = 0; j < L; ++j)
                    for (std::int64_t b = 0; b < nb; ++b)
                        acc[b] += p[((b0 + b) * H + h) * L + j] * load16(rowOf(a, V, j, b0 + b, h) + c);
                for (std::int64_t b = 0; b < nb; ++b)
                    std::memcpy(out + ((b0 + b) * H + h) * d + c, &acc[b], sizeof(V16f));
            }
            for (std::int64_t c = d16; c < d; ++c)
                for (std::int64_t b = 0; b < nb; ++b) {
                    float s = 0.f;
                    for (std::int64_t j = 0; j < L; ++j)
                        s += p[((b0 + b) * H + h) * L + j] * toFloat(rowOf(a, V, j, b0 + b, h)[c]);
                    out[((b0 + b) * H + h) * d + c] = s;
                }
        }
    }
}

// scores[b, h, j] = sum_i q[b, h, i] keysT[h, i, j] for heads [h0, h1): 16 positions per vector,
// one broadcast FMA per (i, beam), no horizontal sums.
template <typename T>
inline __attribute__((always_inline)) void scoreHeadsT(const AttendArgs &a, const T *KT, float *scores,
                                                       std::int64_t h0, std::int64_t h1)
{
    constexpr int kMaxBeams = 8;
    const std::int64_t B = a.beams, L = a.length, d = a.d, H = a.heads;
    const std::int64_t L16 = L - L % 16;
    for (std::int64_t h = h0; h < h1; ++h) {
        const T *kh = KT + h * d * L;
        for (std::int64_t b0 = 0; b0 < B; b0 += kMaxBeams) {
            const std::int64_t nb = std::min<std::int64_t>(kMaxBeams, B - b0);
            for (std::int64_t j = 0; j < L16; j += 16) {
                V16f acc[kMaxBeams];
                for (std::int64_t b = 0; b < nb; ++b)
                    acc[b] = V16f{};
                for (std::int64_t i = 0; i < d; ++i) {
                    const V16f kv = load16(kh + i * L + j);
                    for (std::int64_t b = 0; b < nb; ++b)
                        acc[b] += a.q[((b0 + b) * H + h) * d + i] * kv;
                }
                for (std::int64_t b = 0; b < nb; ++b)
                    std::memcpy(scores + ((b0 + b) * H + h) * L + j, &acc[b], sizeof(V16f));
            }
            for (std::int64_t j = L16; j < L; ++j)
                for (std::int64_t b = 0; b < nb; ++b) {
                    float s = 0.f;
                    for (std::int64_t i = 0; i < d; ++i)
                        s += a.q[((b0 + b) * H + h) * d + i] * toFloat(kh[i * L + j]);
                    scores[((b0 + b) * H + h) * L + j] = s;
                }
        }
    }
}

FLORENCE_CLONES void scoreHeadsTF32(const AttendArgs &a, const float *KT, float *s, std::int64_t h0, std::int64_t h1)
{
    scoreHeadsT(a, KT, s, h0, h1);
}

FLORENCE_CLONES void scoreHeadsTBF16(const AttendArgs &a, const c10::BFloat16 *KT, float *s, std::int64_t h0,
                                     std::int64_t h1)
{
    scoreHeadsT(a, KT, s, h0, h1);
}

FLORENCE_CLONES void scorePositionsF32(const AttendArgs &a, const float *K, float *s, std::int64_t j0, std::int64_t j1)
{
    scorePositions(a, K, s, j0, j1);
}

FLORENCE_CLONES void scorePositionsBF16(const AttendArgs &a, const c10::BFloat16 *K, float *s, std::int64_t j0,
                                        std::int64_t j1)
{
    scorePositions(a, K, s, j0, j1);
}

FLORENCE_CLONES void mixPositionsF32(const AttendArgs &a, const float *V, const float *p, float *acc, std::int64_t j0,
                                     std::int64_t j1)
{
    mixPositions(a, V, p, acc, j0, j1);
}

FLORENCE_CLONES void mixPositionsBF16(const AttendArgs &a, const c10::BFloat16 *V, const float *p, float *acc,
                                      std::int64_t j0, std::int64_t j1)
{
    mixPositions(a, V, p, acc, j0, j1);
}

FLORENCE_CLONES void mixHeadsF32(const AttendArgs &a, const float *V, const float *p, float *out, std::int64_t h0,
                                 std::int64_t h1)
{
    mixHeads(a, V, p, out, h0, h1);
}

FLORENCE_CLONES void mixHeadsBF16(const AttendArgs &a, const c10::BFloat16 *V, const float *p, float *out,
                                  std::int64_t h0, std::int64_t h1)
{
    mixHeads(a, V, p, out, h0, h1);
}

} // namespace

at::Tensor attendOneQuery(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values, std::int64_t length,
                          std::int64_t posStride, std::int64_t slotStride, const std::int32_t *slots)
{
    TORCH_CHECK(q.dim() == 3 && q.scalar_type() == at::kFloat && q.is_contiguous(), "attendOneQuery: bad q");
    TORCH_CHECK(keys.scalar_type() == values.scalar_type() && keys.is_contiguous() && values.is_contiguous(),
                "attendOneQuery: bad keys/values");
    TORCH_CHECK(length >= 1, "attendOneQuery: empty history");
    const AttendArgs a{q.data_ptr<float>(), q.size(0), q.size(1), q.size(2), length, posStride, slotStride, slots};
    at::Tensor scores = at::empty({a.beams, a.heads, length}, q.options());
    float *sp = scores.data_ptr<float>();
    const bool f32 = keys.scalar_type() == at::kFloat;
    TORCH_CHECK(f32 || keys.scalar_type() == at::kBFloat16, "attendOneQuery: keys must be float32 or bfloat16");
    // Positions in fixed chunks: each chunk's mixing sums into its own partial, and the partials
    // are added in chunk order, so the result does not depend on the thread count.
    constexpr std::int64_t kChunk = 64;
    const std::int64_t chunks = (length + kChunk - 1) / kChunk;
    const bool parallel = headGrain(a.beams, a.heads, length, a.d) == 1;
    at::parallel_for(0, chunks, parallel ? 1 : chunks, [&](std::int64_t c0, std::int64_t c1) {
        const std::int64_t j0 = c0 * kChunk, j1 = std::min(length, c1 * kChunk);
        if (f32)
            scorePositionsF32(a, keys.data_ptr<float>(), sp, j0, j1);
        else
            scorePositionsBF16(a, keys.data_ptr<c10::BFloat16>(), sp, j0, j1);
    });
    const at::Tensor probs = at::_softmax(scores, -1, false); // (beams, heads, length)
    const float *pp = probs.data_ptr<float>();
    const std::int64_t outSize = a.beams * a.heads * a.d;
    at::Tensor partials = at::zeros({chunks, outSize}, q.options());
    float *pa = partials.data_ptr<float>();
    at::parallel_for(0, chunks, parallel ? 1 : chunks, [&](std::int64_t c0, std::int64_t c1) {
        for (std::int64_t c = c0; c < c1; ++c) {
            const std::int64_t j0 = c * kChunk, j1 = std::min(length, j0 + kChunk);
            if (f32)
                mixPositionsF32(a, values.data_ptr<float>(), pp, pa + c * outSize, j0, j1);
            else
                mixPositionsBF16(a, values.data_ptr<c10::BFloat16>(), pp, pa + c * outSize, j0, j1);
        }
    });
    at::Tensor out = partials.narrow(0, 0, 1).view_as(q).clone();
    float *op = out.data_ptr<float>();
    for (std::int64_t c = 1; c < chunks; ++c)
        for (std::int64_t i = 0; i < outSize; ++i)
            op[i] += pa[c * outSize + i];
    return out;
}

at::Tensor attendOneQueryShared(const at::Tensor &q, const at::Tensor &keysT, const at::Tensor &values)
{
    TORCH_CHECK(q.dim() == 3 && q.scalar_type() == at::kFloat && q.is_contiguous(), "attendOneQueryShared: bad q");
    TORCH_CHECK(keysT.dim() == 3 && keysT.scalar_type() == values.scalar_type() && keysT.is_contiguous()
                    && values.is_contiguous(),
                "attendOneQueryShared: bad keys/values");
    const std::int64_t L = keysT.size(2), H = q.size(1), d = q.size(2);
    const AttendArgs a{q.data_ptr<float>(), q.size(0), H, d, L, H * d, 0, nullptr};
    at::Tensor scores = at::empty({a.beams, H, L}, q.options());
    float *sp = scores.data_ptr<float>();
    const bool f32 = keysT.scalar_type() == at::kFloat;
    TORCH_CHECK(f32 || keysT.scalar_type() == at::kBFloat16, "attendOneQueryShared: keys must be float32 or bfloat16");
    const std::int64_t grain = headGrain(a.beams, H, L, d);
    at::parallel_for(0, H, grain, [&](std::int64_t h0, std::int64_t h1) {
        if (f32)
            scoreHeadsTF32(a, keysT.data_ptr<float>(), sp, h0, h1);
        else
            scoreHeadsTBF16(a, keysT.data_ptr<c10::BFloat16>(), sp, h0, h1);
    });
    const at::Tensor probs = at::_softmax(scores, -1, false); // (beams, heads, length)
    const float *pp = probs.data_ptr<float>();
    at::Tensor out = at::empty_like(q);
    float *op = out.data_ptr<float>();
    at::parallel_for(0, H, grain, [&](std::int64_t h0, std::int64_t h1) {
        if (f32)
            mixHeadsF32(a, values.data_ptr<float>(), pp, op, h0, h1);
        else
            mixHeadsBF16(a, values.data_ptr<c10::BFloat16>(), pp, op, h0, h1);
    });
    return out;
}

} // namespace florence
