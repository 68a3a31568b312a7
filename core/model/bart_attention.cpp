#include "model/bart_attention.h"

#include "model/batched_matmul.h"

#include <cmath>
#include <limits>

namespace florence {

namespace {

// Rows that use the hand-written single-query kernels (CPU, float32/bfloat16 storage).
bool useOneQueryKernel(const at::Tensor &x, const at::Tensor &kv, std::int64_t T)
{
    return T == 1 && x.is_cpu() && cpuKernelsEnabled() && (kv.scalar_type() == at::kFloat || kv.scalar_type() == at::kBFloat16);
}

} // namespace

void BartAttention::load(WeightReader &w, const std::string &prefix, std::int64_t dim, std::int64_t heads, bool cross)
{
    numHeads = heads;
    headDim = dim / heads;
    scaling = std::pow(double(headDim), -0.5);
    Linear q, k, v;
    q.load(w, prefix + ".q_proj", dim, dim);
    k.load(w, prefix + ".k_proj", dim, dim);
    v.load(w, prefix + ".v_proj", dim, dim);
    out_proj.load(w, prefix + ".out_proj", dim, dim);
    if (cross) {
        q_proj = q;
        kv.weight = at::cat({k.weight, v.weight}, 0);
        kv.bias = at::cat({k.bias, v.bias}, 0);
    } else {
        qkv.weight = at::cat({q.weight, k.weight, v.weight}, 0);
        qkv.bias = at::cat({q.bias, k.bias, v.bias}, 0);
    }
}

at::Tensor BartAttention::encoderSelfAttention(const at::Tensor &x) const
{
    const std::int64_t B = x.size(0), S = x.size(1), D = x.size(2), H = numHeads, d = headDim;
    // (B, S, 3D) = (B, S, 3, H, d) -> (3, B, H, S, d)
    const at::Tensor qkvp = qkv(x).view({B, S, 3, H, d}).permute({2, 0, 3, 1, 4}).contiguous();
    const at::Tensor q = qkvp[0].view({B * H, S, d}).mul_(scaling);
    const at::Tensor k = qkvp[1].view({B * H, S, d});
    const at::Tensor v = qkvp[2].view({B * H, S, d});
    at::Tensor attn = parallelBmm(q, k.transpose(1, 2)); // (B*H, S, S)
    attn = at::_softmax(attn, -1, false);
    const at::Tensor out = parallelBmm(attn, v); // (B*H, S, d)
    // (B, H, S, d) -> (B, S, H, d) -> (B, S, D)
    return out_proj(out.view({B, H, S, d}).permute({0, 2, 1, 3}).reshape({B, S, D}));
}

at::Tensor BartAttention::decoderSelfAttention(const at::Tensor &x, KvCache &cache, std::int64_t layer) const
{
    const std::int64_t B = x.size(0), T = x.size(1), D = x.size(2), H = numHeads, d = headDim;
    const std::int64_t len = cache.length(), first = len - T;
    // (B, T, 3D) -> (B, T, 3, H, d)
    const at::Tensor qkvv = qkv(x).view({B, T, 3, H, d});
    const at::Tensor q = qkvv.select(2, 0) * scaling; // (B, T, H, d)
    at::Tensor keys = cache.keys(layer), values = cache.values(layer); // (capacity, B, H, d)
    keys.narrow(0, first, T).copy_(qkvv.select(2, 1).transpose(0, 1));   // (T, B, H, d)
    values.narrow(0, first, T).copy_(qkvv.select(2, 2).transpose(0, 1)); // (T, B, H, d)

    at::Tensor out; // (B, T, D)
    if (useOneQueryKernel(x, keys, T)) {
        const at::Tensor qf = q.reshape({B, H, d}).to(at::kFloat).contiguous();
        out = attendOneQuery(qf, keys, values, len, B * H * d, H * d, cache.slots()).view({B, T, D}).to(x.scalar_type());
    } else {
        // (len, B, H, d) -> (B, H, len, d) -> (B*H, len, d)
        const at::Tensor k = cache.history(layer, 0).permute({1, 2, 0, 3}).reshape({B * H, len, d});
        const at::Tensor v = cache.history(layer, 1).permute({1, 2, 0, 3}).reshape({B * H, len, d});
        const at::Tensor qh = q.permute({0, 2, 1, 3}).reshape({B * H, T, d}); // (B*H, T, d)
        at::Tensor attn = parallelBmm(qh, k.transpose(1, 2));                  // (B*H, T, len)
        if (T > 1) {
            // query i (position first + i) sees keys j <= first + i
            const at::Tensor mask =
                at::full({T, len}, -std::numeric_limits<float>::infinity(), attn.options()).triu(first + 1);
            attn.add_(mask);
        }
        attn = at::_softmax(attn, -1, false);
        // (B*H, T, d) -> (B, H, T, d) -> (B, T, H, d) -> (B, T, D)
        out = parallelBmm(attn, v).view({B, H, T, d}).permute({0, 2, 1, 3}).reshape({B, T, D});
    }
    return out_proj(out);
}

std::pair<at::Tensor, at::Tensor> BartAttention::crossKeyValues(const at::Tensor &encoderHidden) const
{
    const std::int64_t S = encoderHidden.size(1), H = numHeads, d = headDim;
    // (1, S, D) -> (S, 2D) = (S, 2, H, d)
    const at::Tensor kvp = kv(encoderHidden.reshape({S, -1})).view({S, 2, H, d});
    // keys (S, H, d) -> (H, d, S); values (S, H, d)
    return {kvp.select(1, 0).permute({1, 2, 0}).contiguous(), kvp.select(1, 1).contiguous()};
}

at::Tensor BartAttention::crossAttention(const at::Tensor &x, const at::Tensor &keys, const at::Tensor &values) const
{
    const std::int64_t B = x.size(0), T = x.size(1), D = x.size(2), H = numHeads, d = headDim;
    const at::Tensor q = q_proj(x).mul_(scaling); // (B, T, D)
    at::Tensor out;                 // (B, T, D)
    if (useOneQueryKernel(x, keys, T)) {
        const at::Tensor qf = q.reshape({B, H, d}).to(at::kFloat).contiguous();
        out = attendOneQueryShared(qf, keys, values).view({B, T, D}).to(x.scalar_type());
    } else {
        const at::Tensor qh = q.reshape({B * T, H, d}).permute({1, 0, 2}); // (H, B*T, d)
        at::Tensor attn = parallelBmm(qh, keys);                            // (H, B*T, d) @ (H, d, S)
        attn = at::_softmax(attn, -1, false);
        const at::Tensor o = parallelBmm(attn, values.permute({1, 0, 2})); // (H, B*T, d)
        out = o.permute({1, 0, 2}).reshape({B, T, D});                     // (B*T, H, d) -> (B, T, D)
    }
    return out_proj(out);
}

} // namespace florence
