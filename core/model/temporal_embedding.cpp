#include "model/temporal_embedding.h"

#include <cmath>

namespace florence {

std::vector<float> cosineTemporalTable(int maxLen, int dim)
{
    const double factor = std::log(10000.0);
    // -factor * arange(0, dim, 2) / dim -> float32 [ceil(dim/2)]
    const at::Tensor denominator = at::exp(at::arange(0, dim, 2, at::kLong).mul(-factor).div(dim));
    // arange(maxLen).reshape(maxLen, 1) * denominator -> [maxLen, ceil(dim/2)]
    const at::Tensor frequencies = at::arange(0, maxLen, at::kLong).reshape({maxLen, 1}).mul(denominator);
    at::Tensor table = at::zeros({maxLen, dim}, at::kFloat);
    table.slice(1, 0, dim, 2).copy_(at::sin(frequencies));
    table.slice(1, 1, dim, 2).copy_(at::cos(frequencies));
    const float *p = table.data_ptr<float>();
    return std::vector<float>(p, p + table.numel());
}

} // namespace florence
