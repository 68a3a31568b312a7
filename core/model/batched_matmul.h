#pragma once
// Batched matrix products for the attention of the vision tower and the BART layers. Internal
// header (libtorch).

#include <ATen/ATen.h>

namespace florence {

/// Batched matmul a (N, M, K) @ b (N, K, P) -> (N, M, P) that splits the batch over the intra-op
/// threads on the CPU (ATen's CPU bmm walks the batch on one thread).
at::Tensor parallelBmm(const at::Tensor &a, const at::Tensor &b);

} // namespace florence
