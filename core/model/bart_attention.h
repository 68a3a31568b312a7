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
    /// Causal self-attention of the decoder for x (beams, T, D) at positions
    /// [cache.length() - T, cache.length()) (already reserved with cache.append(T)); writes the
    /// new keys/values into the cache. Returns (beams, T, D).
    at::Tensor decoderSelfAttention(const at::Tensor &x, KvCache &cache, std::int64_t layer) const;
    /// Cross-attention keys/values from the encoder output (1, S, D): keys transposed per head
    /// (heads, headDim, S), values (S, heads, headDim).
    std::pair<at::Tensor, at::Tensor> crossKeyValues(const at::Tensor &encoderHidden) const;
    /// Cross-attention of x (beams, T, D) over keys (heads, headDim, S) and values
    /// (S, heads, headDim) shared by the beams.
    at::Tensor crossAttention(const at::Tensor &x, const at::Tensor &keys, const at::Tensor &values) const;
};

} // namespace florence
