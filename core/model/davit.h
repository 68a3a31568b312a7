#pragma once
// DaViT vision tower of Florence-2 (modeling_florence2.py: DaViT, ConvEmbed, SpatialBlock,
// ChannelBlock, WindowAttention, ChannelAttention, DepthWiseConv2d, Mlp, PreNorm).
// Internal header (libtorch).
//
// Design note: tokens stay in one layout from the first conv to the last block, (B, H, W, C)
// contiguous (= the reference's (B, H*W, C) and a channels-last NCHW view), so the convolutions
// (oneDNN through at::conv2d on the channels-last view) and the token-wise layers never copy
// between layouts. Window attention computes qkv on the unpartitioned tokens and does the window
// partition as one permute of the qkv tensor, runs all windows and heads as one batched matmul
// (split over threads, one BLAS call per window/head each), and merges windows with one permute
// before the projection (per token, so it commutes with window_reverse). q is scaled after the qkv
// projection like the reference (same rounding; the channel-attention softmax is sensitive).

#include "model/config.h"
#include "model/layers.h"

#include <atomic>
#include <type_traits>
#include <vector>

namespace florence {

/// Ports DepthWiseConv2d: a depthwise kxk convolution on (B, H, W, C) tokens (member name `dw`).
struct DepthWiseConv2d
{
    at::Tensor dw_weight; ///< (C, 1, k, k)
    at::Tensor dw_bias;   ///< (C)
    int padding = 1;
    int stride = 1;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, int kernel, int padding, int stride);
    /// (B, H, W, C) -> (B, H', W', C)
    at::Tensor operator()(const at::Tensor &x) const;
    /// x + (*this)(x) (PreNorm without a norm): one fused pass on the CPU for the 3 x 3, stride 1,
    /// padding 1 convolutions of float32 runs.
    at::Tensor plusInput(const at::Tensor &x) const;
};

/// Ports Mlp: net.fc1 -> GELU (exact) -> net.fc2.
struct Mlp
{
    struct
    {
        Linear fc1;
        Linear fc2;
    } net;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, std::int64_t hidden);
    at::Tensor operator()(const at::Tensor &x) const;
};

/// Ports WindowAttention: multi-head self-attention inside non-overlapping windows (padded to
/// a multiple of the window size at the right/bottom, then cropped).
struct WindowAttention
{
    Linear qkv;  ///< (3C, C)
    Linear proj; ///< (C, C)
    int numHeads = 1;
    int windowSize = 7;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, int numHeads, int windowSize);
    /// (B, H, W, C) normalised tokens -> (B, H, W, C) attention output (no residual)
    at::Tensor operator()(const at::Tensor &x) const;
};

/// Ports ChannelAttention: attention between channels within each group; q is scaled by
/// N^-0.5 with N the number of tokens, softmax over channels.
struct ChannelAttention
{
    Linear qkv;  ///< (3C, C)
    Linear proj; ///< (C, C)
    int groups = 1;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, int groups);
    /// (B, H, W, C) normalised tokens -> (B, H, W, C) attention output (no residual)
    at::Tensor operator()(const at::Tensor &x) const;
};

/// Ports PreNorm: `x + fn(norm(x))` (norm optional; the depthwise convs have none).
template <typename Fn>
struct PreNorm
{
    bool hasNorm = true;
    LayerNorm norm;
    Fn fn;

    at::Tensor operator()(const at::Tensor &x) const
    {
        if constexpr (std::is_same_v<Fn, DepthWiseConv2d>)
            if (!hasNorm)
                return fn.plusInput(x);
        at::Tensor y = fn(hasNorm ? norm(x) : x);
        return y.add_(x);
    }
};

/// Ports SpatialBlock: conv1 (dw-conv pos-enc) -> window_attn -> conv2 -> ffn, each residual.
struct SpatialBlock
{
    PreNorm<DepthWiseConv2d> conv1;
    PreNorm<WindowAttention> window_attn;
    PreNorm<DepthWiseConv2d> conv2;
    PreNorm<Mlp> ffn;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, int numHeads, int windowSize, double mlpRatio);
    at::Tensor operator()(at::Tensor x) const;
};

/// Ports ChannelBlock: conv1 -> channel_attn -> conv2 -> ffn, each residual.
struct ChannelBlock
{
    PreNorm<DepthWiseConv2d> conv1;
    PreNorm<ChannelAttention> channel_attn;
    PreNorm<DepthWiseConv2d> conv2;
    PreNorm<Mlp> ffn;

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, int groups, double mlpRatio);
    at::Tensor operator()(at::Tensor x) const;
};

/// Ports ConvEmbed: strided conv patch embedding with a LayerNorm before (pre_norm, on tokens)
/// or after the conv.
struct ConvEmbed
{
    at::Tensor proj_weight; ///< (Cout, Cin, k, k)
    at::Tensor proj_bias;   ///< (Cout)
    LayerNorm norm;         ///< over Cin when preNorm, else over Cout
    bool preNorm = false;
    int stride = 4;
    int padding = 3;

    void load(WeightReader &w, const std::string &prefix, std::int64_t in, std::int64_t out, int kernel, int stride,
              int padding, bool preNorm);
    /// First stage: an NCHW image (B, Cin, H, W); later stages: tokens (B, H, W, Cin).
    /// Returns tokens (B, H', W', Cout).
    at::Tensor operator()(const at::Tensor &x, bool isImage) const;
};

/// One (spatial_block, channel_block) pair of a stage (`blocks.<stage>.<j>`).
struct DaViTBlockPair
{
    SpatialBlock spatial_block;
    ChannelBlock channel_block;
};

/// Outputs collected along the tower for tests, each (B, H*W, C).
struct DaViTTrace
{
    std::vector<at::Tensor> convEmbedOut; ///< per stage, after ConvEmbed (incl. its norm)
    std::vector<at::Tensor> blocksOut;    ///< per stage, after its blocks
};

/// Ports DaViT.forward_features_unpool (the head and final norm are deleted by Florence-2).
class DaViT
{
public:
    /// Takes every `<prefix>.convs.*` and `<prefix>.blocks.*` tensor; sizes from `cfg`.
    void load(WeightReader &w, const std::string &prefix, const VisionConfig &cfg);
    /// pixelValues (B, 3, H, W) in the run dtype/device -> tokens (B, h, w, C_last).
    /// `cancel` is checked before every block (Error(Cancelled)).
    at::Tensor operator()(const at::Tensor &pixelValues, DaViTTrace *trace = nullptr,
                          const std::atomic<bool> *cancel = nullptr) const;

    std::vector<ConvEmbed> convs;
    std::vector<std::vector<DaViTBlockPair>> blocks;
};

} // namespace florence
