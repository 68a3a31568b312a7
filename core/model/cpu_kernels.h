#pragma once
// Hand-written CPU kernels for the memory-bound parts of a decoder step. Internal header (libtorch).
//
// Design note: a decoder step multiplies 1..8 rows (one per beam) by every weight matrix and reads
// every cached key/value once, so it is bound by memory traffic, not arithmetic. OpenBLAS' sgemm
// reaches only ~8 GB/s for 3 rows of lm_head on the 2-core dev machine; smallRowsLinear() streams
// each weight row once and computes all row dot products from it, and reads bfloat16 weights
// directly when the model runs in bf16. attendOneQuery() is single-query attention that reads
// the keys/values through a per-position slot table, so beams that share history share cached
// rows and beam reordering never moves cache data (see model/kv_cache.h). Both are compiled for
// x86-64-v4 / v3 / baseline and picked at run time (GCC target_clones).

#include <ATen/ATen.h>

#include <cstdint>

namespace florence {

/// Whether the model uses these kernels on the CPU (default true). Off, the CPU runs the generic
/// ATen path that other devices use: for tests of that path and for comparisons. Process-wide.
void setCpuKernelsEnabled(bool enabled);
bool cpuKernelsEnabled();

/// Largest row count smallRowsLinear() handles.
constexpr std::int64_t kSmallRows = 8;

/// y (M, N) = x (M, K) W^T + b for 1 <= M <= kSmallRows on the CPU. x float32 contiguous; W
/// (N, K) float32 or bfloat16 contiguous; b (N) or undefined. Returns float32 (M, N).
at::Tensor smallRowsLinear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

/// Single-query multi-head attention on the CPU, one query per (beam b, head h):
///   out[b, h] = softmax_j(q[b, h] . K_j) V_j, j < length,
/// where row j of beam b starts at base + j * posStride + slot(j, b) * slotStride + h * headDim and
/// slot(j, b) = slots[j * beams + b] (slots == nullptr: slot 0, e.g. cross-attention keys shared by
/// all beams). q: float32 contiguous (beams, heads, headDim), already scaled; keys/values: float32
/// or bfloat16 tensors (any shape) holding the rows; returns float32 (beams, heads, headDim).
at::Tensor attendOneQuery(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values, std::int64_t length,
                          std::int64_t posStride, std::int64_t slotStride, const std::int32_t *slots);

/// Single-query attention over keys shared by all beams (cross-attention), with the keys stored
/// transposed per head, keysT (heads, headDim, length), so scores need no horizontal sums:
///   out[b, h] = softmax_j(q[b, h] . keysT[h, :, j]) values[j, h], values (length, heads, headDim).
/// q: float32 contiguous (beams, heads, headDim), already scaled; keys/values float32 or bfloat16
/// contiguous. Returns float32 (beams, heads, headDim).
at::Tensor attendOneQueryShared(const at::Tensor &q, const at::Tensor &keysT, const at::Tensor &values);

} // namespace florence
