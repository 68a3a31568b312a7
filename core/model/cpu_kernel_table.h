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

    /// Sum of x[0..n): the streaming-read loop of the benchmark's bandwidth measurement.
    float (*sumF32)(const float *x, std::int64_t n);
};

/// The paths compiled into this binary (the x86 ones only where FLORENCE_KERNELS_X86 is defined).
/// Constant-initialized tables: taking their address runs no code of the path.
extern const KernelTable kAvx512Kernels;
extern const KernelTable kAvx2Kernels;
extern const KernelTable kPortableKernels;

} // namespace florence::kernels
