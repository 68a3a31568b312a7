#pragma once
// torch.optim.AdamW (torch 1.13, single-tensor path, amsgrad off, maximize off) and
// torch.nn.utils.clip_grad_norm_. Internal header (libtorch).

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// AdamW over a fixed list of parameters; state per parameter as torch keeps it.
class AdamW
{
public:
    /// `params` must require grad; their order defines the state order.
    AdamW(std::vector<at::Tensor> params, double beta1, double beta2, double eps, double weightDecay);

    /// One step with learning rate `lr`, exactly as torch 1.13's _single_tensor_adamw:
    /// p *= 1 - lr*wd; m = m*b1 + g*(1-b1); v = v*b2 + g*g*(1-b2);
    /// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). Parameters without a gradient
    /// are skipped (their step count stays).
    void step(double lr);
    /// Sets every gradient to undefined (optimizer.zero_grad(set_to_none=True)).
    void zeroGrad();

    const std::vector<at::Tensor> &params() const { return m_params; }
    std::vector<at::Tensor> &expAvg() { return m_expAvg; }
    std::vector<at::Tensor> &expAvgSq() { return m_expAvgSq; }
    std::vector<std::int64_t> &steps() { return m_steps; }

private:
    std::vector<at::Tensor> m_params, m_expAvg, m_expAvgSq;
    std::vector<std::int64_t> m_steps;
    double m_beta1, m_beta2, m_eps, m_weightDecay;
};

/// clip_grad_norm_(params, maxNorm) with the 2-norm: returns the total norm before clipping;
/// multiplies every gradient by min(1, maxNorm / (total + 1e-6)).
double clipGradNorm(const std::vector<at::Tensor> &params, double maxNorm);

} // namespace florence
