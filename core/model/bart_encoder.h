#pragma once
// BART encoder of Florence-2's language model (modeling_florence2.py: Florence2Encoder,
// Florence2EncoderLayer; post-LN layers). Internal header (libtorch).

#include "model/bart_attention.h"
#include "model/config.h"

#include <atomic>
#include <vector>

namespace florence {

/// Ports Florence2EncoderLayer: x = LN(x + self_attn(x)); x = LN(x + fc2(act(fc1(x)))).
struct BartEncoderLayer
{
    BartAttention self_attn;
    LayerNorm self_attn_layer_norm;
    Linear fc1;
    Linear fc2;
    LayerNorm final_layer_norm;

    void load(WeightReader &w, const std::string &prefix, const TextConfig &cfg);
    /// `lengths` empty: no padding; else the real length of every (right-padded) sequence.
    at::Tensor operator()(const at::Tensor &x, Activation act, const std::vector<std::int64_t> &lengths = {}) const;
};

/// Ports Florence2Encoder.forward(inputs_embeds=...): + learned positions (offset 2),
/// layernorm_embedding, then the layers. The token embedding is not used here: Florence-2 passes
/// inputs_embeds = cat(image features, shared(input_ids)).
class BartEncoder
{
public:
    /// Takes `<prefix>.embed_positions.weight` (max_pos + 2, D), `<prefix>.layernorm_embedding.*`
    /// and `<prefix>.layers.<i>.*`.
    void load(WeightReader &w, const std::string &prefix, const TextConfig &cfg);
    /// inputsEmbeds (B, S, D) -> last hidden state (B, S, D). Throws Error(BadInput) when S exceeds
    /// max_position_embeddings.
    /// `cancel` is checked before every layer (Error(Cancelled)).
    at::Tensor operator()(const at::Tensor &inputsEmbeds, const std::atomic<bool> *cancel = nullptr) const;
    /// A right-padded batch: sequence i has lengths[i] real tokens (positions 0..lengths[i]-1, so
    /// the learned positions of its tokens are those of the sequence alone), and padded keys are
    /// masked in every layer. Rows of sequence i at or past lengths[i] are meaningless.
    at::Tensor operator()(const at::Tensor &inputsEmbeds, const std::vector<std::int64_t> &lengths,
                          const std::atomic<bool> *cancel = nullptr) const;

    at::Tensor embed_positions; ///< (max_pos + 2, D)
    LayerNorm layernorm_embedding;
    std::vector<BartEncoderLayer> layers;
    Activation activation = Activation::Gelu;
};

} // namespace florence
