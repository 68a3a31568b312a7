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

/// Arguments of the single-query attention kernels: query q (beams, heads, d), already scaled;
/// row j of beam b starts at base + j * posStride + slot(j, b) * slotStride + h * d, where
/// slot(j, b) = slots[j * beams + b] (slots == nullptr: slot 0).
struct AttendArgs
{
    const float *q;
    std::int64_t beams, heads, d, length, posStride, slotStride;
    const std::int32_t *slots;
};

/// bfloat16 values are passed as their raw 16 bits.
using Bf16 = std::uint16_t;

/// One instruction-set path: every kernel of cpu_kernels.cpp, written for that path's vector width.
/// The ranges [n0, n1), [j0, j1), [h0, h1) are the caller's parallel chunk.
struct KernelTable
{
    const char *name; ///< "avx512", "avx2" or "portable"
    /// dotRows uses two accumulators per row for 1..twoAccumulatorRows rows and one above (0: one
    /// always). A row's result depends only on that choice, not on the other rows of the call.
    int twoAccumulatorRows;

    /// y[m, n] = sum_k x[m, k] w[n, k] (+ b[n]) for m < M <= 8 and n in [n0, n1); x (M, K), w (N, K),
    /// y (M, N), all row-major; b may be null.
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

    /// scores[b, h, j] = sum_i q[b, h, i] keysT[h, i, j] for heads [h0, h1) (keys transposed per head).
    void (*scoreHeadsTF32)(const AttendArgs &a, const float *KT, float *scores, std::int64_t h0, std::int64_t h1);
    void (*scoreHeadsTBF16)(const AttendArgs &a, const Bf16 *KT, float *scores, std::int64_t h0, std::int64_t h1);

    /// out[b, h] = sum_j p[b, h, j] V[j, h] for heads [h0, h1) (slot 0 for every beam).
    void (*mixHeadsF32)(const AttendArgs &a, const float *V, const float *p, float *out, std::int64_t h0,
                        std::int64_t h1);
    void (*mixHeadsBF16)(const AttendArgs &a, const Bf16 *V, const float *p, float *out, std::int64_t h0,
                         std::int64_t h1);

    /// Sum of x[0..n): the streaming-read loop of the benchmark's bandwidth measurement.
    float (*sumF32)(const float *x, std::int64_t n);
};

/// The paths compiled into this binary (the x86 ones only where FLORENCE_KERNELS_X86 is defined).
/// Constant-initialized tables: taking their address runs no code of the path.
extern const KernelTable kAvx512Kernels;
extern const KernelTable kAvx2Kernels;
extern const KernelTable kPortableKernels;

} // namespace florence::kernels
