#pragma once
// BART multi-head attention of Florence-2's language model (modeling_florence2.py:
// Florence2Attention, eager implementation). Internal header (libtorch).
//
// The projections are fused: self-attention keeps one (3D, D) qkv matrix, cross-attention one
// (2D, D) kv matrix used once per generation to fill the cache. q is scaled by head_dim^-0.5
// after the projection, as in the reference.

#include "model/kv_cache.h"
#include "model/layers.h"

namespace florence {

/// Ports Florence2Attention (self-attention of the encoder/decoder, or decoder cross-attention).
struct BartAttention
{
    Linear qkv;      ///< self-attention: [q_proj; k_proj; v_proj], (3D, D)
    Linear q_proj;   ///< cross-attention only, (D, D)
    Linear kv;       ///< cross-attention: [k_proj; v_proj], (2D, D)
    Linear out_proj; ///< (D, D)
    std::int64_t numHeads = 1;
    std::int64_t headDim = 1;
    double scaling = 1.0; ///< head_dim^-0.5

    /// Takes `<prefix>.{q,k,v,out}_proj.{weight,bias}`; `cross` selects the fused layout.
    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, std::int64_t heads, bool cross);

    /// Bidirectional self-attention of the encoder (no mask): (B, S, D) -> (B, S, D).
    at::Tensor encoderSelfAttention(const at::Tensor &x) const;
    /// The same for a right-padded batch: sequence i has lengths[i] <= S real tokens, and its
    /// queries attend to those keys only (the key-padding mask, applied by restricting each
    /// sequence's attention to its own keys, which is exactly what a -inf mask computes and gives
    /// the bits of the unpadded sequence alone). Rows past lengths[i] come out as out_proj(0).
    at::Tensor encoderSelfAttention(const at::Tensor &x, const std::vector<std::int64_t> &lengths) const;
    /// Causal self-attention of the decoder for x (beams, T, D) at positions
    /// [cache.length() - T, cache.length()) (already reserved with cache.append(T)); writes the
    /// new keys/values into the cache. Returns (beams, T, D). The projections run per cache group
    /// (Linear with groups), so each request's rows get the bits of a run alone.
    at::Tensor decoderSelfAttention(const at::Tensor &x, KvCache &cache, std::int64_t layer) const;
    /// Cross-attention keys/values from the encoder output (1, S, D): keys transposed per head
    /// (heads, headDim, S), values (S, heads, headDim).
    std::pair<at::Tensor, at::Tensor> crossKeyValues(const at::Tensor &encoderHidden) const;
    /// Cross-attention of x (beams, T, D): each cache group's rows attend over that group's keys
    /// (heads, headDim, S_g) and values (S_g, heads, headDim) of `layer`, shared by its beams.
    at::Tensor crossAttention(const at::Tensor &x, const KvCache &cache, std::int64_t layer) const;
    /// Cross-attention core for rows q (beams, T, D), already projected and scaled, over one
    /// encoder output's keys/values -> (beams, T, D) before out_proj.
    at::Tensor attendCross(const at::Tensor &q, const at::Tensor &keys, const at::Tensor &values) const;
};

} // namespace florence
