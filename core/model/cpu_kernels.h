#pragma once
// Hand-written CPU kernels for the memory-bound parts of a decoder step. Internal header (libtorch).
//
// Design note: a decoder step multiplies 1..8 rows (one per beam) by every weight matrix and reads
// every cached key/value once, so it is bound by memory traffic, not arithmetic. OpenBLAS' sgemm
// reaches only ~8 GB/s for 3 rows of lm_head on the 2-core dev machine, and sgemv reads the weights
// once per row (see bench/README.md); smallRowsLinear() streams each weight row once and computes
// all row dot products from it, and reads bfloat16 weights directly when the model runs in bf16.
// attendOneQuery() is single-query attention that reads the keys/values through a per-position
// slot table, so beams that share history share cached rows and beam reordering never moves cache
// data (see model/kv_cache.h).
//
// Every kernel exists once per instruction-set path, written for that path's vector width
// (cpu_kernels_simd.h, one translation unit per path with its own -m flags): "avx512" (512-bit),
// "avx2" (AVX2 + FMA, 256-bit) and "portable" (128-bit generic vectors: SSE2, NEON, or scalar code
// on any other CPU). The best path the CPU supports is selected once, at first use; the
// environment variable FLORENCE_CPU_KERNELS=avx512|avx2|portable forces one (tests and benchmarks
// run every path on one machine that way).

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// Whether the model uses these kernels on the CPU (default true). Off, the CPU runs the generic
/// ATen path that other devices use: for tests of that path and for comparisons. Process-wide.
void setCpuKernelsEnabled(bool enabled);
bool cpuKernelsEnabled();

/// The instruction-set paths of the kernels, narrowest first.
enum class CpuKernelPath { Portable, Avx2, Avx512 };

/// "portable", "avx2", "avx512".
const char *toString(CpuKernelPath path);

/// Parses a path name as toString() writes it; throws Error (bad input) naming `what` (e.g. the
/// environment variable) and the accepted names otherwise.
CpuKernelPath parseCpuKernelPath(const std::string &name, const std::string &what);

/// Whether this binary has the path and this CPU (and OS) can run it: portable always; avx2 needs
/// AVX2 and FMA; avx512 needs AVX-512 F/BW/VL/DQ besides.
bool cpuKernelPathSupported(CpuKernelPath path);

/// The supported paths, narrowest first (portable is always there).
std::vector<CpuKernelPath> supportedCpuKernelPaths();

/// The path the kernels use. On the first call: FLORENCE_CPU_KERNELS when set, else the widest
/// supported path. Throws Error (bad input) while FLORENCE_CPU_KERNELS names an unknown path or one
/// this CPU lacks (the message lists the CPU flags seen).
CpuKernelPath cpuKernelPath();

/// The path the environment variable FLORENCE_CPU_KERNELS asks for, given its value: the widest
/// supported path when null or empty; throws Error (bad input) naming the variable when it names an
/// unknown path or one this CPU lacks (the message lists the CPU flags seen).
CpuKernelPath cpuKernelPathFromEnvironment(const char *value);

/// Forces a path process-wide (tests, benchmarks); throws Error (bad input) when this CPU lacks it.
/// Not meant to change while a model runs on another thread.
void setCpuKernelPath(CpuKernelPath path);

/// Sum of x[0..n) on the current path's vectors, split into one contiguous part per libtorch
/// intra-op thread: the read loop of the benchmark's streaming-bandwidth measurement.
double streamSum(const float *x, std::int64_t n);

/// Largest row count smallRowsLinear() handles.
constexpr std::int64_t kSmallRows = 8;

/// y (M, N) = x (M, K) W^T + b for 1 <= M <= kSmallRows on the CPU. x float32 contiguous; W
/// (N, K) float32 or bfloat16 contiguous; b (N) or undefined. Returns float32 (M, N).
at::Tensor smallRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

/// smallRowsLinear() for rows in consecutive groups (batched decoding: one group per request, its
/// beams): x (R, K), groupRows[g] rows each (1 <= groupRows[g] <= kSmallRows, summing to R). Every
/// group's rows get exactly the bits smallRowsLinear() computes for that group alone (an output's
/// bits depend on its own x row and weight row only), and the weights are read from memory once for
/// all groups (a block of weight rows stays in the L1 cache while every row tile uses it). Returns
/// float32 (R, N).
at::Tensor groupedRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias,
                             const std::vector<std::int64_t> &groupRows);

/// Single-query multi-head attention on the CPU, one query per (beam b, head h):
///   out[b, h] = softmax_j(q[b, h] . K_j) V_j, j < length,
/// where row j of beam b starts at base + j * posStride + slot(j, b) * slotStride + h * headDim and
/// slot(j, b) = slots[j * beams + b] (slots == nullptr: slot 0, e.g. cross-attention keys shared by
/// all beams). q: float32 contiguous (beams, heads, headDim), already scaled; keys/values: float32
/// or bfloat16 tensors (any shape) holding the rows; returns float32 (beams, heads, headDim).
at::Tensor attendOneQuery(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values, std::int64_t length,
                          std::int64_t posStride, std::int64_t slotStride, const std::int32_t *slots);

/// Cross-attention keys (length, heads, headDim) in the blocked layout attendOneQueryShared reads:
/// (heads, ceil(length / 64), headDim, 64), positions zero-padded to whole blocks of 64. Each
/// block is one contiguous stream and 64 positions fill whole vectors, so scores need neither
/// strided reads nor horizontal sums.
at::Tensor blockCrossKeys(const at::Tensor &keys);

/// The blocked keys back as (heads, headDim, length) (a strided view; for the ATen path).
at::Tensor unblockCrossKeys(const at::Tensor &blocked, std::int64_t length);

/// Single-query attention over keys shared by all beams (cross-attention):
///   out[b, h] = softmax_j(q[b, h] . K[h, j]) values[h, j]
/// with keyBlocks = blockCrossKeys(K) and values (heads, length, headDim) (each head's rows one
/// contiguous stream). q: float32 contiguous (beams, heads, headDim), already scaled; keys/values
/// float32 or bfloat16 contiguous. Returns float32 (beams, heads, headDim).
at::Tensor attendOneQueryShared(const at::Tensor &q, const at::Tensor &keyBlocks, const at::Tensor &values);

/// attendOneQueryShared() for rows in consecutive groups, each with its own keys and values
/// (batched decoding: one group per request, its beams), in one parallel pass over every (group,
/// head); each group's rows get exactly the bits attendOneQueryShared() gives that group alone.
/// The softmax is computed in the kernel (a vectorised exp of ~1 ulp), not by ATen.
at::Tensor attendOneQuerySharedGroups(const at::Tensor &q, const std::vector<at::Tensor> &keyBlocks,
                                      const std::vector<at::Tensor> &values, const std::vector<std::int64_t> &groupRows);

/// The attention of the vision tower's window attention (DaViT WindowAttention) on the CPU, every
/// window and head in one parallel pass, each on one thread in cache-sized buffers (no score matrix
/// reaches memory): qkv (B, Hp, Wp, 3 C) float32, the qkv projection of the zero-padded map (Hp and
/// Wp multiples of windowSize), channels laid out (3, heads, headDim). Returns (B, Hp, Wp, C): per
/// token, softmax((q * scale) k^T) v of its window for every head, heads side by side (what
/// window_reverse of the reference's attention output gives). The softmax uses the kernels' exp
/// (~1 ulp).
at::Tensor windowAttention(const at::Tensor &qkv, std::int64_t heads, std::int64_t windowSize, double scale);

/// The first pass of the vision tower's channel attention (DaViT ChannelAttention) on the CPU: for
/// every group g, adds to scores[g] (G, Cg, padTo16(Cg)) float64 the sums over this chunk's tokens
/// of q[t, g, i] k[t, g, j] (exact float32 products, float64 sums in token order; padding columns
/// stay 0). qkv (n, 3C) float32 contiguous, channels laid out (3, G, Cg). Also copies the chunk's
/// values (the last C columns) into v (n, C) float32 contiguous, for the second pass. Parallel over
/// groups.
void channelAttentionScores(const at::Tensor &qkv, std::int64_t groups, at::Tensor &scores, at::Tensor v);

/// The second pass: out[t, g * Cg + i] = sum_j attn[g, i, j] v[t, g * Cg + j] (float32), attn (G,
/// Cg, Cg) float32, v (n, C) float32 with contiguous rows. Returns (n, C). Parallel over tokens.
at::Tensor channelAttentionMix(const at::Tensor &attn, const at::Tensor &v);

/// x = gelu(x) (the exact, erf form of nn.GELU()) in place on the CPU, float32 contiguous, with the
/// erf approximation ATen's vectorised kernels use (|error| < 1.5e-7); parallel.
void geluInPlace(at::Tensor &x);

/// x + depthwiseConv3x3(x) + bias on the CPU (DaViT's ConvPosEnc with the block's residual):
/// x (B, H, W, C) float32, weights (C, 1, 3, 3), bias (C); stride 1, zero padding 1. Returns
/// (B, H, W, C). Parallel over image rows; one pass over x instead of a convolution, a permuted
/// copy and an add.
at::Tensor depthwise3x3PlusInput(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

} // namespace florence

