#pragma once
// BART decoder of Florence-2's language model with its cache (modeling_florence2.py:
// Florence2Decoder, Florence2DecoderLayer; post-LN layers, no final LayerNorm).
// Internal header (libtorch).

#include "model/bart_attention.h"
#include "model/config.h"

#include <vector>

namespace florence {

/// Ports Florence2DecoderLayer: self-attention, cross-attention, FFN, each followed by add + LN.
struct BartDecoderLayer
{
    BartAttention self_attn;
    LayerNorm self_attn_layer_norm;
    BartAttention encoder_attn;
    LayerNorm encoder_attn_layer_norm;
    Linear fc1;
    Linear fc2;
    LayerNorm final_layer_norm;

    void load(WeightReader &w, const std::string &prefix, const TextConfig &cfg);
    at::Tensor operator()(const at::Tensor &x, KvCache &cache, std::int64_t layer, Activation act) const;
};

/// Ports Florence2Decoder.forward with past_key_values (incremental decoding).
class BartDecoder
{
public:
    /// Takes `<prefix>.embed_tokens.weight` (V, D), `<prefix>.embed_positions.weight`,
    /// `<prefix>.layernorm_embedding.*` and `<prefix>.layers.<i>.*`.
    void load(WeightReader &w, const std::string &prefix, const TextConfig &cfg);
    /// A cache for `beams` beams and up to `capacity` decoder positions, in the run dtype/device.
    KvCache makeCache(std::int64_t beams, std::int64_t capacity) const;
    /// A cache for batched decoding: one group of groupRows[g] rows per request.
    KvCache makeCache(const std::vector<std::int64_t> &groupRows, std::int64_t capacity) const;
    /// Fills the cross-attention keys/values of cache group `group` from that request's encoder
    /// output (1, S, D) (without padding).
    void prepareCrossAttention(const at::Tensor &encoderHidden, KvCache &cache, std::size_t group = 0) const;
    /// Runs token ids (beams, T) at positions [cache.length(), cache.length() + T), extending the
    /// cache. Returns the last hidden state (beams, T, D). Throws Error(BadInput) for token ids
    /// outside the vocabulary or positions past max_position_embeddings.
    at::Tensor operator()(const at::Tensor &ids, KvCache &cache) const;

    at::Tensor embed_tokens;    ///< (V, D)
    double embedScale = 1.0;    ///< sqrt(D) when scale_embedding, else 1
    at::Tensor embed_positions; ///< (max_pos + 2, D)
    LayerNorm layernorm_embedding;
    std::vector<BartDecoderLayer> layers;
    Activation activation = Activation::Gelu;
    std::int64_t numHeads = 1;
};

/// Checks token ids (any shape, int64, CPU or device) against the vocabulary size; throws
/// Error(BadInput) naming the first bad id and `what`.
void checkTokenIds(const at::Tensor &ids, std::int64_t vocabSize, const std::string &what);

} // namespace florence
