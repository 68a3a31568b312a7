#include "train/adamw.h"

#include <cmath>

namespace florence {

AdamW::AdamW(std::vector<at::Tensor> params, double beta1, double beta2, double eps, double weightDecay)
    : m_params(std::move(params))
    , m_beta1(beta1)
    , m_beta2(beta2)
    , m_eps(eps)
    , m_weightDecay(weightDecay)
{
    for (const at::Tensor &p : m_params) {
        m_expAvg.push_back(at::zeros_like(p, at::MemoryFormat::Preserve));
        m_expAvgSq.push_back(at::zeros_like(p, at::MemoryFormat::Preserve));
        m_steps.push_back(0);
    }
}

void AdamW::step(double lr)
{
    at::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        at::Tensor param = m_params[i];
        const at::Tensor grad = param.grad();
        if (!grad.defined())
            continue;
        const std::int64_t t = ++m_steps[i];
        param.mul_(1.0 - lr * m_weightDecay);
        m_expAvg[i].mul_(m_beta1).add_(grad, 1.0 - m_beta1);
        m_expAvgSq[i].mul_(m_beta2).addcmul_(grad, grad, 1.0 - m_beta2);
        const double biasCorrection1 = 1.0 - std::pow(m_beta1, double(t));
        const double biasCorrection2 = 1.0 - std::pow(m_beta2, double(t));
        const double stepSize = lr / biasCorrection1;
        const at::Tensor denom = (m_expAvgSq[i].sqrt() / std::sqrt(biasCorrection2)).add_(m_eps);
        param.addcdiv_(m_expAvg[i], denom, -stepSize);
    }
}

void AdamW::zeroGrad()
{
    for (at::Tensor &p : m_params)
        p.mutable_grad() = at::Tensor();
}

double clipGradNorm(const std::vector<at::Tensor> &params, double maxNorm)
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> norms;
    for (const at::Tensor &p : params)
        if (p.grad().defined())
            norms.push_back(at::norm(p.grad(), 2));
    if (norms.empty())
        return 0.0;
    const at::Tensor total = at::norm(at::stack(norms), 2);
    const at::Tensor coef = at::clamp_max(maxNorm / (total + 1e-6), 1.0);
    for (const at::Tensor &p : params)
        if (p.grad().defined())
            p.grad().mul_(coef);
    return total.item<double>();
}

} // namespace florence
