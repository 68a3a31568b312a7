#pragma once
// Small building blocks shared by the model files: nn.Linear, nn.LayerNorm and the activation
// functions, plus a memory-bound kernel for linear layers on a few rows (the decoder step).
// Internal header (libtorch).

#include "model/cpu_kernels.h"
#include "model/weights.h"

#include <string>

namespace florence {

/// nn.Linear: y = x W^T + b, weight (out, in), optional bias (out).
struct Linear
{
    at::Tensor weight; ///< (out, in), run dtype
    at::Tensor bias;   ///< (out) or undefined

    /// Takes `<prefix>.weight` (out, in) and, when `withBias`, `<prefix>.bias` (out).
    void load(WeightReader &w, const std::string &prefix, std::int64_t in, std::int64_t out, bool withBias = true);
    std::int64_t inFeatures() const { return weight.size(1); }
    std::int64_t outFeatures() const { return weight.size(0); }
    /// x (..., in) -> (..., out). Few rows on the CPU use smallRowsLinear().
    at::Tensor operator()(const at::Tensor &x) const;
    /// x (R, ..., in) whose first dimension holds consecutive groups of groupRows[g] entries (one
    /// group per request of a batched decoding step) -> (R, ..., out), where every group's result
    /// has exactly the bits operator() gives for that group alone. On the CPU the weights are read
    /// once for all groups (groupedRowsLinear). One group is operator().
    at::Tensor operator()(const at::Tensor &x, const std::vector<std::int64_t> &groupRows) const;
    /// x (rows, in) -> out (rows, out), written into `out` (contiguous, e.g. a slice of a bigger
    /// result) without a temporary.
    void forwardInto(const at::Tensor &x, at::Tensor out) const;
};

/// nn.LayerNorm over the last dimension (eps 1e-5, the reference's default everywhere).
struct LayerNorm
{
    at::Tensor weight; ///< (dim)
    at::Tensor bias;   ///< (dim)
    double eps = 1e-5;

    /// Takes `<prefix>.weight` and `<prefix>.bias`, both (dim).
    void load(WeightReader &w, const std::string &prefix, std::int64_t dim);
    at::Tensor operator()(const at::Tensor &x) const;
};

/// Largest temporary (bytes) the vision blocks allocate per chunk of tokens: small enough to be
/// recycled by malloc instead of being mapped (and zero-filled by the kernel) on every call.
constexpr std::int64_t kChunkBytes = 16 << 20;

/// Rows per chunk when `rows` rows are processed in chunks of at most `maxRows` (>= 1): the fewest
/// chunks, of equal size (the last may be smaller by less than the chunk count), so that no chunk
/// is a small remainder (a GEMM over 256 of 2304 rows runs far below the others' rate).
constexpr std::int64_t evenChunk(std::int64_t rows, std::int64_t maxRows)
{
    const std::int64_t chunks = (rows + maxRows - 1) / maxRows;
    return chunks > 1 ? (rows + chunks - 1) / chunks : maxRows;
}

/// Activation functions of the reference (ACT2FN / nn.GELU).
enum class Activation { Gelu, GeluTanh, Relu };

/// Maps config `activation_function` ("gelu", "gelu_new", "relu"); throws Error(ModelFormat) otherwise.
Activation activationFromName(const std::string &name);
/// Applies the activation in place and returns x.
at::Tensor &applyActivation_(at::Tensor &x, Activation act);

/// Blocks the calling thread until queued device work is done (no-op on the CPU); for timings.
void synchronizeDevice(const at::Tensor &anyTensorOnDevice);

} // namespace florence
