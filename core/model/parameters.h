#pragma once
// The state-dict layout of Florence2ForConditionalGeneration (modeling_florence2.py), derived from a
// FlorenceConfig: every key the original model's state_dict() holds, with its shape, in the same order.
// The checkpoint loader validates files against this list and the random-model writer produces it;
// nothing here depends on libtorch or on the base/large sizes.

#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// How a parameter is initialised when a random model is written (what kind of tensor it is).
enum class ParamRole {
    Weight,         ///< Linear / Conv2d weight or image_projection: N(0, 0.02)
    Bias,           ///< Linear / Conv2d bias: about 0
    NormWeight,     ///< LayerNorm weight: about 1
    NormBias,       ///< LayerNorm bias: about 0
    Embedding,      ///< nn.Embedding table (tokens, learned positions): N(0, 0.02)
    LogitsBias,     ///< language_model.final_logits_bias: 0
    CosineTable,    ///< visual_temporal_embed.pos_idx_to_embed: the fixed sin/cos buffer
};

/// One state-dict entry: its key exactly as in the original state dict, its shape and its role.
struct ParameterSpec
{
    std::string name;                 ///< e.g. "vision_tower.convs.0.proj.weight"
    std::vector<std::int64_t> shape;  ///< PyTorch shape (Linear weights are [out, in])
    ParamRole role = ParamRole::Weight;
    std::string tiedTo;               ///< key whose tensor this one shares in the model ("" when none)
};

/// Key of the shared token embedding that the tied keys point to.
inline constexpr const char *kSharedEmbeddingKey = "language_model.model.shared.weight";
/// Keys tied to kSharedEmbeddingKey in Florence2LanguageForConditionalGeneration (_tied_weights_keys).
inline constexpr const char *kEncoderEmbedTokensKey = "language_model.model.encoder.embed_tokens.weight";
inline constexpr const char *kDecoderEmbedTokensKey = "language_model.model.decoder.embed_tokens.weight";
inline constexpr const char *kLmHeadKey = "language_model.lm_head.weight";
/// The buffers the original model fills itself when a checkpoint lacks them.
inline constexpr const char *kFinalLogitsBiasKey = "language_model.final_logits_bias";
inline constexpr const char *kTemporalEmbedKey = "visual_temporal_embed.pos_idx_to_embed";

/// Every state-dict key of Florence2ForConditionalGeneration for `cfg`, in state_dict() order
/// (image_projection, vision_tower.convs/blocks, image_proj_norm, image_pos_embed,
/// visual_temporal_embed, language_model.final_logits_bias, .model.shared/encoder/decoder, .lm_head).
/// The DaViT `norms`/`head` modules are not included: Florence2ForConditionalGeneration deletes them.
/// Throws Error(ModelFormat) naming the config field when the config asks for an embedding type
/// the reference does not implement (image_pos_embed.type other than "learned_abs_2d",
/// visual_temporal_embedding.type other than "COSINE").
std::vector<ParameterSpec> florenceParameters(const FlorenceConfig &cfg);

/// Throws Error(ModelFormat) naming the config field when the vision config asks for something the
/// reference does not implement (position/temporal embedding types, feature sources, an odd last
/// stage width, no stages). florenceParameters() and the image-feature head both check through here.
void validateVisionConfig(const VisionConfig &vision);


/// "[2, 3, 4]": a shape as written in error messages.
std::string shapeToString(const std::vector<std::int64_t> &shape);

} // namespace florence
