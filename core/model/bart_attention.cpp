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

namespace {

// Scaled dot-product attention of the encoder on projected rows p (B, S, 3D) -> (B, S, D) before out_proj.
at::Tensor encoderAttentionCore(const at::Tensor &p, std::int64_t H, std::int64_t d, double scaling)
{
    const std::int64_t B = p.size(0), S = p.size(1), D = H * d;
    // (B, S, 3D) = (B, S, 3, H, d) -> (3, B, H, S, d)
    const at::Tensor qkvp = p.reshape({B, S, 3, H, d}).permute({2, 0, 3, 1, 4}).contiguous();
    const at::Tensor q = qkvp[0].view({B * H, S, d}).mul_(scaling);
    const at::Tensor k = qkvp[1].view({B * H, S, d});
    const at::Tensor v = qkvp[2].view({B * H, S, d});
    at::Tensor attn = parallelBmm(q, k.transpose(1, 2)); // (B*H, S, S)
    attn = at::_softmax(attn, -1, false);
    const at::Tensor out = parallelBmm(attn, v); // (B*H, S, d)
    // (B, H, S, d) -> (B, S, H, d) -> (B, S, D)
    return out.view({B, H, S, d}).permute({0, 2, 1, 3}).reshape({B, S, D});
}

} // namespace

at::Tensor BartAttention::encoderSelfAttention(const at::Tensor &x) const
{
    return out_proj(encoderAttentionCore(qkv(x), numHeads, headDim, scaling));
}

at::Tensor BartAttention::encoderSelfAttention(const at::Tensor &x, const std::vector<std::int64_t> &lengths) const
{
    const std::int64_t B = x.size(0), S = x.size(1), D = x.size(2);
    TORCH_CHECK(std::int64_t(lengths.size()) == B, "encoderSelfAttention: one length per sequence expected");
    bool padded = false;
    for (std::int64_t l : lengths) {
        TORCH_CHECK(l >= 1 && l <= S, "encoderSelfAttention: length out of range");
        padded = padded || l < S;
    }
    if (!padded)
        return encoderSelfAttention(x);
    const at::Tensor p = qkv(x); // (B, S, 3D), one GEMM for the whole batch
    at::Tensor out = at::zeros({B, S, D}, p.options());
    for (std::int64_t i = 0; i < B; ++i) {
        // sequence i alone: its queries over its own keys (the padded keys masked out)
        const at::Tensor pi = p.narrow(0, i, 1).narrow(1, 0, lengths[i]); // (1, S_i, 3D)
        out.narrow(0, i, 1).narrow(1, 0, lengths[i]).copy_(encoderAttentionCore(pi, numHeads, headDim, scaling));
    }
    return out_proj(out);
}

at::Tensor BartAttention::decoderSelfAttention(const at::Tensor &x, KvCache &cache, std::int64_t layer) const
{
    const std::int64_t B = x.size(0), T = x.size(1), D = x.size(2), H = numHeads, d = headDim;
    const std::int64_t len = cache.length(), first = len - T;
    const std::vector<std::int64_t> groups = cache.groupRows();
    // (B, T, 3D) -> (B, T, 3, H, d)
    const at::Tensor qkvv = qkv(x, groups).view({B, T, 3, H, d});
    const at::Tensor q = qkvv.select(2, 0) * scaling; // (B, T, H, d)
    const at::Tensor keys = cache.keys(layer), values = cache.values(layer); // (capacity, slots, H, d)
    cache.write(layer, 0, first, qkvv.select(2, 1).transpose(0, 1)); // (T, B, H, d)
    cache.write(layer, 1, first, qkvv.select(2, 2).transpose(0, 1)); // (T, B, H, d)

    at::Tensor out; // (B, T, D)
    if (useOneQueryKernel(x, keys, T)) {
        const at::Tensor qf = q.reshape({B, H, d}).to(at::kFloat).contiguous();
        out = attendOneQuery(qf, keys, values, len, cache.physicalSlots() * H * d, H * d, cache.slots())
                  .view({B, T, D})
                  .to(x.scalar_type());
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
    return out_proj(out, groups);
}

std::pair<at::Tensor, at::Tensor> BartAttention::crossKeyValues(const at::Tensor &encoderHidden) const
{
    const std::int64_t S = encoderHidden.size(1), H = numHeads, d = headDim;
    // (1, S, D) -> (S, 2D) = (S, 2, H, d)
    const at::Tensor kvp = kv(encoderHidden.reshape({S, -1})).view({S, 2, H, d});
    // values (S, H, d) -> (H, S, d); keys (S, H, d) -> blocked (H, S/64, d, 64) for the CPU
    // kernel (cpu_kernels.h), (H, d, S) elsewhere
    const at::Tensor values = kvp.select(1, 1).permute({1, 0, 2}).contiguous();
    const at::Tensor keys = kvp.select(1, 0);
    if (useOneQueryKernel(encoderHidden, keys, 1))
        return {blockCrossKeys(keys), values};
    return {keys.permute({1, 2, 0}).contiguous(), values};
}

at::Tensor BartAttention::crossAttention(const at::Tensor &x, const KvCache &cache, std::int64_t layer) const
{
    const std::vector<std::int64_t> groups = cache.groupRows();
    const at::Tensor q = q_proj(x, groups).mul_(scaling); // (B, T, D)
    if (groups.size() == 1) {
        const KvGroup &g = cache.groups().front();
        return out_proj(attendCross(q, g.crossKeys[layer], g.crossValues[layer]));
    }
    // each request's rows over its own encoder output (padded encoder positions never attended)
    const KvGroup &g0 = cache.groups().front();
    if (g0.crossKeys[layer].dim() == 4 && useOneQueryKernel(q, g0.crossKeys[layer], q.size(1))) {
        std::vector<at::Tensor> keys, values;
        for (const KvGroup &g : cache.groups()) {
            keys.push_back(g.crossKeys[layer]);
            values.push_back(g.crossValues[layer]);
        }
        const std::int64_t B = q.size(0), D = q.size(2);
        const at::Tensor qf = q.reshape({B, numHeads, headDim}).to(at::kFloat).contiguous();
        return out_proj(attendOneQuerySharedGroups(qf, keys, values, groups).view({B, 1, D}).to(q.scalar_type()), groups);
    }
    std::vector<at::Tensor> parts;
    std::int64_t r0 = 0;
    for (const KvGroup &g : cache.groups()) {
        parts.push_back(attendCross(q.narrow(0, r0, g.rows), g.crossKeys[layer], g.crossValues[layer]));
        r0 += g.rows;
    }
    return out_proj(at::cat(parts, 0), groups);
}

at::Tensor BartAttention::attendCross(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values) const
{
    const std::int64_t B = q.size(0), T = q.size(1), D = q.size(2), H = numHeads, d = headDim;
    at::Tensor out;                 // (B, T, D)
    const bool blocked = keys.dim() == 4; // crossKeyValues: blocked for the CPU kernel
    if (blocked && useOneQueryKernel(q, keys, T)) {
        const at::Tensor qf = q.reshape({B, H, d}).to(at::kFloat).contiguous();
        out = attendOneQueryShared(qf, keys, values).view({B, T, D}).to(q.scalar_type());
    } else {
        const at::Tensor keysT = blocked ? unblockCrossKeys(keys, values.size(1)) : keys; // (H, d, S)
        const at::Tensor qh = q.reshape({B * T, H, d}).permute({1, 0, 2}); // (H, B*T, d)
        at::Tensor attn = parallelBmm(qh, keysT);                           // (H, B*T, d) @ (H, d, S)
        attn = at::_softmax(attn, -1, false);
        const at::Tensor o = parallelBmm(attn, values); // (H, B*T, S) @ (H, S, d)
        out = o.permute({1, 0, 2}).reshape({B, T, D});                     // (B*T, H, d) -> (B, T, D)
    }
    return out;
}

} // namespace florence
