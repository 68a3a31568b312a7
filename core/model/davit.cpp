#include "model/davit.h"

#include "common/error.h"
#include "model/batched_matmul.h"
#include "model/cpu_kernel_table.h"
#include "model/cpu_kernels.h"


#include <cmath>

namespace florence {

// ---- DepthWiseConv2d ----------------------------------------------------------------------

void DepthWiseConv2d::load(WeightReader &w, const std::string &prefix, std::int64_t dim, int kernel, int pad,
                           int str)
{
    dw_weight = w.take(prefix + ".dw.weight", {dim, 1, kernel, kernel}).contiguous(at::MemoryFormat::ChannelsLast);
    dw_bias = w.take(prefix + ".dw.bias", {dim});
    padding = pad;
    stride = str;
}

at::Tensor DepthWiseConv2d::operator()(const at::Tensor &x) const
{
    // (B, H, W, C) -> NCHW view with channels-last strides, no copy
    const at::Tensor nchw = x.permute({0, 3, 1, 2});
    at::Tensor y = at::conv2d(nchw, dw_weight, dw_bias, {stride, stride}, {padding, padding}, {1, 1}, x.size(3));
    // (B, C, H', W') channels-last -> (B, H', W', C)
    return y.permute({0, 2, 3, 1}).contiguous();
}

at::Tensor DepthWiseConv2d::plusInput(const at::Tensor &x) const
{
    if (x.is_cpu() && cpuKernelsEnabled() && x.scalar_type() == at::kFloat && dw_weight.size(2) == 3
        && dw_weight.size(3) == 3 && padding == 1 && stride == 1)
        return depthwise3x3PlusInput(x, dw_weight, dw_bias);
    return (*this)(x).add_(x);
}

// ---- Mlp ----------------------------------------------------------------------------------

void Mlp::load(WeightReader &w, const std::string &prefix, std::int64_t dim, std::int64_t hidden)
{
    net.fc1.load(w, prefix + ".net.fc1", dim, hidden);
    net.fc2.load(w, prefix + ".net.fc2", hidden, dim);
}

at::Tensor Mlp::operator()(const at::Tensor &x) const
{
    // Tokens are independent: chunks of rows keep the (rows, 4C) hidden tensor small.
    const std::int64_t C = x.size(-1), hidden = net.fc1.outFeatures();
    const at::Tensor x2 = x.reshape({-1, C}); // (rows, C)
    const std::int64_t rows = x2.size(0);
    const std::int64_t chunk = evenChunk(rows, std::max<std::int64_t>(1, kChunkBytes / (hidden * x.element_size())));
    at::Tensor out = at::empty({rows, C}, x.options());
    for (std::int64_t r0 = 0; r0 < rows; r0 += chunk) {
        const std::int64_t n = std::min(chunk, rows - r0);
        at::Tensor h = net.fc1(x2.narrow(0, r0, n)); // (n, 4C)
        if (h.is_cpu() && cpuKernelsEnabled() && h.scalar_type() == at::kFloat)
            geluInPlace(h); // nn.GELU(): exact erf form, vectorised for this CPU
        else
            at::gelu_(h);
        net.fc2.forwardInto(h, out.narrow(0, r0, n));
    }
    return out.view(x.sizes());
}

// ---- WindowAttention ----------------------------------------------------------------------

void WindowAttention::load(WeightReader &w, const std::string &prefix, std::int64_t dim, int heads, int window)
{
    qkv.load(w, prefix + ".qkv", dim, 3 * dim);
    proj.load(w, prefix + ".proj", dim, dim);
    numHeads = heads;
    windowSize = window;
}

at::Tensor WindowAttention::operator()(const at::Tensor &x) const
{
    const std::int64_t B = x.size(0), H = x.size(1), W = x.size(2), C = x.size(3);
    const std::int64_t ws = windowSize;
    const std::int64_t padR = (ws - W % ws) % ws, padB = (ws - H % ws) % ws;
    // Zero padding at the right and bottom, as F.pad(x, (0, 0, 0, pad_r, 0, pad_b)).
    const at::Tensor xp = (padR || padB) ? at::constant_pad_nd(x, {0, 0, 0, padR, 0, padB}) : x; // (B, Hp, Wp, C)
    const std::int64_t Wp = W + padR, nH = (H + padB) / ws, nW = Wp / ws;
    const std::int64_t heads = numHeads, hd = C / heads, N = ws * ws;
    const double scale = std::pow(double(hd), -0.5);

    // Rows of windows are independent: process a few at a time (~8k tokens) so the score matrices
    // stay small and in cache.
    const std::int64_t rowsPerChunk = evenChunk(nH, std::max<std::int64_t>(1, 8192 / (B * ws * Wp)));
    // The CPU kernel (float32) keeps each window's scores in cache; elsewhere ATen's bmm and softmax.
    const bool fused = x.is_cpu() && cpuKernelsEnabled() && x.scalar_type() == at::kFloat;
    at::Tensor result = at::empty({B, H, W, C}, x.options());
    for (std::int64_t r0 = 0; r0 < nH; r0 += rowsPerChunk) {
        const std::int64_t nr = std::min(rowsPerChunk, nH - r0);
        const std::int64_t nb = B * nr * nW * heads;
        const at::Tensor qkvOut = qkv(xp.narrow(1, r0 * ws, nr * ws)); // (B, nr*ws, Wp, 3C)
        at::Tensor merged; // (B, nr*ws, Wp, C)
        if (fused) {
            merged = windowAttention(qkvOut, heads, ws, scale);
        } else {
            // (B, nr*ws, Wp, 3C) = (B, nr, ws, nW, ws, 3, heads, hd) -> (3, B, nr, nW, heads, ws, ws, hd)
            const at::Tensor qkvp =
                qkvOut.view({B, nr, ws, nW, ws, 3, heads, hd}).permute({5, 0, 1, 3, 6, 2, 4, 7}).contiguous();
            // q * head_dim^-0.5 before q @ k^T, rounded as the reference does
            const at::Tensor q = qkvp[0].view({nb, N, hd}).mul_(scale);
            const at::Tensor k = qkvp[1].view({nb, N, hd});
            const at::Tensor v = qkvp[2].view({nb, N, hd});
            const at::Tensor attn = at::_softmax(parallelBmm(q, k.transpose(1, 2)), -1, false); // (nb, N, N)
            const at::Tensor out = parallelBmm(attn, v);                                          // (nb, N, hd)
            // (B, nr, nW, heads, ws, ws, hd) -> (B, nr, ws, nW, ws, heads, hd) = (B, nr*ws, Wp, C)
            merged = out.view({B, nr, nW, heads, ws, ws, hd}).permute({0, 1, 4, 2, 5, 3, 6}).reshape({B, nr * ws, Wp, C});
        }
        // crop the padding (the projection is per token, so it commutes with window_reverse and the crop)
        const std::int64_t rows = std::min(nr * ws, H - r0 * ws);
        if (rows < nr * ws || padR)
            merged = merged.narrow(1, 0, rows).narrow(2, 0, W);
        at::Tensor dst = result.narrow(1, r0 * ws, rows); // (B, rows, W, C)
        if (B == 1 && merged.is_contiguous())
            proj.forwardInto(merged.view({-1, C}), dst.view({-1, C}));
        else
            dst.copy_(proj(merged));
    }
    return result;
}

// ---- ChannelAttention ---------------------------------------------------------------------

void ChannelAttention::load(WeightReader &w, const std::string &prefix, std::int64_t dim, int g)
{
    qkv.load(w, prefix + ".qkv", dim, 3 * dim);
    proj.load(w, prefix + ".proj", dim, dim);
    groups = g;
}

at::Tensor ChannelAttention::operator()(const at::Tensor &x) const
{
    const std::int64_t B = x.size(0), H = x.size(1), W = x.size(2), C = x.size(3);
    const std::int64_t N = H * W, G = groups, Cg = C / G;
    const double scale = std::pow(double(N), -0.5); // N tokens, not channels
    // q^T k sums over all N tokens and feeds a sharp softmax: in float32 its rounding error is the
    // largest error source of the whole tower (it moved the fixtures' logits by up to 7e-4 where
    // the reference stays within 1e-4 of exact arithmetic), so scores and softmax are computed one
    // precision step up (float64 for float32 runs; a few ms for the base model).
    const at::ScalarType wide = x.scalar_type() == at::kFloat || x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    // Two passes over chunks of tokens, so no (N, 3C) tensor is ever allocated: the scores
    // accumulate over the chunks, v is kept, then attn @ v^T and the projection run per chunk.
    const std::int64_t chunk = evenChunk(N, std::max<std::int64_t>(1, kChunkBytes / (3 * C * x.element_size())));
    // The CPU kernels (float32) read q and k in place and accumulate in float64 in registers;
    // elsewhere ATen with float64 copies of q and k.
    const bool fused = x.is_cpu() && cpuKernelsEnabled() && x.scalar_type() == at::kFloat;
    at::Tensor result = at::empty({B, N, C}, x.options());
    for (std::int64_t b = 0; b < B; ++b) {
        const at::Tensor xb = x[b].reshape({N, C});
        at::Tensor v = at::empty({N, C}, x.options());
        at::Tensor attn; // (G, Cg, Cg), x's dtype
        if (fused) {
            at::Tensor scores = at::zeros({G, Cg, kernels::padTo16(Cg)}, x.options().dtype(at::kDouble));
            for (std::int64_t t0 = 0; t0 < N; t0 += chunk) {
                const std::int64_t n = std::min(chunk, N - t0);
                const at::Tensor qkvc = qkv(xb.narrow(0, t0, n)).view({n, 3 * C}); // (n, 3C)
                channelAttentionScores(qkvc, G, scores, v.narrow(0, t0, n));
            }
            // scale * (q^T k) in float64: the reference's (q * scale)^T k up to float64 rounding
            attn = at::_softmax(scores.narrow(2, 0, Cg).mul_(scale), -1, false).to(x.scalar_type());
        } else {
            at::Tensor scores = at::zeros({G, Cg, Cg}, x.options().dtype(wide));
            for (std::int64_t t0 = 0; t0 < N; t0 += chunk) {
                const std::int64_t n = std::min(chunk, N - t0);
                const at::Tensor qkvc = qkv(xb.narrow(0, t0, n)).view({n, 3, G, Cg}); // (n, 3, G, Cg)
                // (n, G, Cg) -> (G, n, Cg)
                const at::Tensor q = qkvc.select(1, 0).permute({1, 0, 2}).to(wide).mul_(scale);
                const at::Tensor k = qkvc.select(1, 1).permute({1, 0, 2}).to(wide);
                scores.add_(parallelBmm(q.transpose(1, 2), k)); // (G, Cg, n) @ (G, n, Cg) -> (G, Cg, Cg)
                v.narrow(0, t0, n).copy_(qkvc.select(1, 2).reshape({n, C}));
            }
            attn = at::_softmax(scores, -1, false).to(x.scalar_type()); // softmax over channels
        }
        for (std::int64_t t0 = 0; t0 < N; t0 += chunk) {
            const std::int64_t n = std::min(chunk, N - t0);
            at::Tensor o; // (n, C)
            if (fused) {
                o = channelAttentionMix(attn, v.narrow(0, t0, n));
            } else {
                const at::Tensor vc = v.narrow(0, t0, n).view({n, G, Cg}).permute({1, 0, 2}); // (G, n, Cg)
                // (attn @ v^T)^T = v @ attn^T: (G, n, Cg) -> (n, G, Cg) -> (n, C)
                o = parallelBmm(vc, attn.transpose(1, 2)).permute({1, 0, 2}).reshape({n, C});
            }
            proj.forwardInto(o, result[b].narrow(0, t0, n));
        }
    }
    return result.view({B, H, W, C});
}

// ---- Blocks -------------------------------------------------------------------------------

namespace {

// The parts SpatialBlock and ChannelBlock share: conv1, conv2 (dw-conv, no norm) and ffn.
template <typename Block>
void loadConvsAndFfn(Block &b, WeightReader &w, const std::string &prefix, std::int64_t dim, double mlpRatio)
{
    b.conv1.hasNorm = false;
    b.conv1.fn.load(w, prefix + ".conv1.fn", dim, 3, 1, 1);
    b.conv2.hasNorm = false;
    b.conv2.fn.load(w, prefix + ".conv2.fn", dim, 3, 1, 1);
    b.ffn.norm.load(w, prefix + ".ffn.norm", dim);
    b.ffn.fn.load(w, prefix + ".ffn.fn", dim, std::int64_t(double(dim) * mlpRatio));
}

} // namespace

void SpatialBlock::load(WeightReader &w, const std::string &prefix, std::int64_t dim, int heads, int window,
                        double mlpRatio)
{
    loadConvsAndFfn(*this, w, prefix, dim, mlpRatio);
    window_attn.norm.load(w, prefix + ".window_attn.norm", dim);
    window_attn.fn.load(w, prefix + ".window_attn.fn", dim, heads, window);
}

at::Tensor SpatialBlock::operator()(at::Tensor x) const
{
    return ffn(conv2(window_attn(conv1(x))));
}

void ChannelBlock::load(WeightReader &w, const std::string &prefix, std::int64_t dim, int groups, double mlpRatio)
{
    loadConvsAndFfn(*this, w, prefix, dim, mlpRatio);
    channel_attn.norm.load(w, prefix + ".channel_attn.norm", dim);
    channel_attn.fn.load(w, prefix + ".channel_attn.fn", dim, groups);
}

at::Tensor ChannelBlock::operator()(at::Tensor x) const
{
    return ffn(conv2(channel_attn(conv1(x))));
}

// ---- ConvEmbed ----------------------------------------------------------------------------

void ConvEmbed::load(WeightReader &w, const std::string &prefix, std::int64_t in, std::int64_t out, int kernel,
                     int str, int pad, bool pre)
{
    proj_weight = w.take(prefix + ".proj.weight", {out, in, kernel, kernel}).contiguous(at::MemoryFormat::ChannelsLast);
    proj_bias = w.take(prefix + ".proj.bias", {out});
    norm.load(w, prefix + ".norm", pre ? in : out);
    preNorm = pre;
    stride = str;
    padding = pad;
}

at::Tensor ConvEmbed::operator()(const at::Tensor &x, bool isImage) const
{
    at::Tensor nchw;
    if (isImage) {
        nchw = x.contiguous(); // (B, Cin, H, W), NCHW like the reference's pixel_values
    } else {
        // The reference normalises (B, H*W, Cin) tokens before the conv only when pre_norm is set.
        const at::Tensor t = preNorm ? norm(x) : x;
        nchw = t.permute({0, 3, 1, 2}); // (B, H, W, Cin) -> channels-last NCHW view
    }
    at::Tensor y = at::conv2d(nchw, proj_weight, proj_bias, {stride, stride}, {padding, padding});
    y = y.permute({0, 2, 3, 1}).contiguous(); // (B, Cout, H', W') -> (B, H', W', Cout)
    if (!preNorm)
        y = norm(y);
    return y;
}

// ---- DaViT --------------------------------------------------------------------------------

void DaViT::load(WeightReader &w, const std::string &prefix, const VisionConfig &cfg)
{
    const int stages = cfg.numStages();
    convs.assign(stages, ConvEmbed());
    blocks.assign(stages, {});
    for (int i = 0; i < stages; ++i) {
        const std::int64_t in = i == 0 ? 3 : cfg.dimEmbed[i - 1];
        const std::int64_t dim = cfg.dimEmbed[i];
        convs[i].load(w, prefix + ".convs." + std::to_string(i), in, dim, cfg.patchSize[i], cfg.patchStride[i],
                      cfg.patchPadding[i], cfg.patchPrenorm[i]);
        blocks[i].resize(cfg.depths[i]);
        for (int j = 0; j < cfg.depths[i]; ++j) {
            const std::string p = prefix + ".blocks." + std::to_string(i) + "." + std::to_string(j);
            blocks[i][j].spatial_block.load(w, p + ".spatial_block", dim, cfg.numHeads[i], cfg.windowSize, cfg.mlpRatio);
            blocks[i][j].channel_block.load(w, p + ".channel_block", dim, cfg.numGroups[i], cfg.mlpRatio);
        }
    }
}

at::Tensor DaViT::operator()(const at::Tensor &pixelValues, DaViTTrace *trace, const std::atomic<bool> *cancel) const
{
    at::Tensor x = pixelValues;
    for (size_t i = 0; i < convs.size(); ++i) {
        x = convs[i](x, i == 0); // (B, h, w, C)
        if (trace)
            trace->convEmbedOut.push_back(x.reshape({x.size(0), -1, x.size(3)}));
        for (const DaViTBlockPair &pair : blocks[i]) {
            throwIfCancelled(cancel, "in the vision encoder");
            x = pair.spatial_block(x);
            throwIfCancelled(cancel, "in the vision encoder");
            x = pair.channel_block(x);
        }
        if (trace)
            trace->blocksOut.push_back(x.reshape({x.size(0), -1, x.size(3)}));
    }
    return x;
}

} // namespace florence
