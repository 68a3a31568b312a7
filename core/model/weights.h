#pragma once
// Checkpoint tensors by their original PyTorch state-dict names, and the validated access the
// model classes use to take their parameters from it. Internal header (libtorch).

#include <ATen/ATen.h>

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace florence {

/// A state dict: original key ("language_model.model.shared.weight") -> tensor (any float dtype,
/// any device). Tied keys may share storage.
using StateDict = std::unordered_map<std::string, at::Tensor>;

/// Where and in which precision the model runs.
struct RunOptions
{
    at::ScalarType dtype = at::kFloat;  ///< compute dtype: kFloat (default), kBFloat16, kHalf (CUDA), kDouble (slow; numerical checks)
    at::Device device = at::kCPU;       ///< kCPU or a CUDA device (needs a CUDA build of libtorch)
};

/// Hands out checkpoint tensors to the model classes: checks presence and shape, converts to the
/// run dtype/device, and remembers which keys were used.
class WeightReader
{
public:
    WeightReader(const StateDict &weights, RunOptions run);

    /// The tensor stored under `key`, converted to the run dtype/device, contiguous.
    /// Throws Error(ModelFormat) naming the key when it is absent, not floating point, or its
    /// shape differs from `shape` ("expected [64, 24], got [24, 64]").
    at::Tensor take(const std::string &key, std::vector<std::int64_t> shape);
    /// Like take() but keeps the stored dtype (float32 stays float32), on the run device.
    at::Tensor takeFloat(const std::string &key, std::vector<std::int64_t> shape);
    /// Whether `key` is present.
    bool has(const std::string &key) const { return m_weights.count(key) != 0; }
    /// Keys of the state dict that no take() asked for (sorted).
    std::vector<std::string> unusedKeys() const;

    const RunOptions &run() const { return m_run; }
    /// Tensor options of the run dtype/device.
    at::TensorOptions options() const { return at::TensorOptions().dtype(m_run.dtype).device(m_run.device); }

private:
    const at::Tensor &check(const std::string &key, const std::vector<std::int64_t> &shape);

    const StateDict &m_weights;
    RunOptions m_run;
    std::set<std::string> m_used;
};

/// "[64, 24]" for messages: shapeToString() (model/parameters.h) of a tensor's sizes.
std::string shapeString(at::IntArrayRef shape);

} // namespace florence
