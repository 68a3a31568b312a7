#include "model/layers.h"

#include "common/error.h"

namespace florence {

void Linear::load(WeightReader &w, const std::string &prefix, std::int64_t in, std::int64_t out, bool withBias)
{
    weight = w.take(prefix + ".weight", {out, in});
    bias = withBias ? w.take(prefix + ".bias", {out}) : at::Tensor();
}

at::Tensor Linear::operator()(const at::Tensor &x) const
{
    const std::int64_t in = weight.size(1);
    std::vector<std::int64_t> outShape(x.sizes().begin(), x.sizes().end());
    outShape.back() = weight.size(0);
    const at::Tensor x2 = x.reshape({-1, in}); // (rows, in)
    const std::int64_t rows = x2.size(0);
    if (x2.is_cpu() && cpuKernelsEnabled() && rows >= 1 && rows <= kSmallRows
        && (weight.scalar_type() == at::kFloat || weight.scalar_type() == at::kBFloat16)) {
        at::Tensor y = smallRowsLinear(x2.to(at::kFloat).contiguous(), weight, bias); // (rows, out) float
        return y.to(x.scalar_type()).view(outShape);
    }
    at::Tensor y = bias.defined() ? at::addmm(bias, x2, weight.t()) : at::mm(x2, weight.t()); // (rows, out)
    return y.view(outShape);
}

at::Tensor Linear::operator()(const at::Tensor &x, const std::vector<std::int64_t> &groupRows) const
{
    if (groupRows.size() <= 1)
        return (*this)(x);
    const std::int64_t in = weight.size(1);
    std::vector<std::int64_t> outShape(x.sizes().begin(), x.sizes().end());
    outShape.back() = weight.size(0);
    const std::int64_t per = x.numel() / std::max<std::int64_t>(1, x.size(0) * in); // entries per first-dim row
    std::vector<std::int64_t> rows;
    bool small = true;
    for (std::int64_t g : groupRows) {
        rows.push_back(g * per);
        small = small && g * per <= kSmallRows;
    }
    if (x.is_cpu() && cpuKernelsEnabled() && small
        && (weight.scalar_type() == at::kFloat || weight.scalar_type() == at::kBFloat16)) {
        const at::Tensor x2 = x.reshape({-1, in}).to(at::kFloat).contiguous(); // (rows, in)
        return groupedRowsLinear(x2, weight, bias, rows).to(x.scalar_type()).view(outShape);
    }
    // Elsewhere (other devices, groups beyond kSmallRows): each group on its own, as run alone.
    std::vector<at::Tensor> parts;
    std::int64_t r0 = 0;
    for (std::int64_t g : groupRows) {
        parts.push_back((*this)(x.narrow(0, r0, g)));
        r0 += g;
    }
    return at::cat(parts, 0);
}

void Linear::forwardInto(const at::Tensor &x, at::Tensor out) const
{
    if (x.size(0) <= kSmallRows || !out.is_contiguous()) {
        out.copy_((*this)(x));
        return;
    }
    if (bias.defined())
        at::addmm_out(out, bias, x, weight.t());
    else
        at::mm_out(out, x, weight.t());
}

void LayerNorm::load(WeightReader &w, const std::string &prefix, std::int64_t dim)
{
    weight = w.take(prefix + ".weight", {dim});
    bias = w.take(prefix + ".bias", {dim});
}

at::Tensor LayerNorm::operator()(const at::Tensor &x) const
{
    return at::layer_norm(x, {weight.size(0)}, weight, bias, eps, /*cudnn_enable=*/true);
}

Activation activationFromName(const std::string &name)
{
    if (name == "gelu")
        return Activation::Gelu;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh")
        return Activation::GeluTanh;
    if (name == "relu")
        return Activation::Relu;
    throw Error(ErrorKind::ModelFormat, "unsupported activation_function '" + name + "' (expected gelu, gelu_new or relu)");
}

at::Tensor &applyActivation_(at::Tensor &x, Activation act)
{
    switch (act) {
    case Activation::Gelu:
        at::gelu_(x);
        break;
    case Activation::GeluTanh:
        at::gelu_(x, "tanh");
        break;
    case Activation::Relu:
        at::relu_(x);
        break;
    }
    return x;
}

void synchronizeDevice(const at::Tensor &t)
{
    if (t.defined() && !t.is_cpu())
        (void)t.reshape({-1}).slice(0, 0, 1).to(at::kCPU); // waits for the queued work on t's stream
}

} // namespace florence
