#pragma once
// Hyperparameters of a Florence-2 model, filled from the model folder's config.json
// (Florence2Config with nested `vision_config` (DaViT) and `text_config` (BART)).
// Defaults are the reference's defaults; nothing here is specific to base or large.

#include "io/checkpoint_layout.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace florence {

/// DaViT vision tower + image feature head (`vision_config` in config.json).
struct VisionConfig
{
    std::vector<int> dimEmbed;          ///< dim_embed: channels per stage
    std::vector<int> numHeads;          ///< num_heads: window-attention heads per stage
    std::vector<int> numGroups;         ///< num_groups: channel-attention groups per stage
    std::vector<int> depths;            ///< depths: (spatial, channel) block pairs per stage
    std::vector<int> patchSize;         ///< patch_size: ConvEmbed kernel per stage
    std::vector<int> patchStride;       ///< patch_stride
    std::vector<int> patchPadding;      ///< patch_padding
    std::vector<bool> patchPrenorm;     ///< patch_prenorm: LayerNorm before (true) or after the conv
    int windowSize = 12;                ///< window_size of spatial (window) attention
    double mlpRatio = 4.0;              ///< MLP hidden = dim * mlp_ratio (not in config.json; DaViT default)
    int projectionDim = 1024;           ///< projection_dim: output width of image_projection
    std::string imagePosEmbedType = "learned_abs_2d"; ///< image_pos_embed.type
    int imagePosEmbedMax = 50;          ///< image_pos_embed.max_pos_embeddings
    std::string temporalEmbedType = "COSINE"; ///< visual_temporal_embedding.type
    int temporalEmbedMax = 100;         ///< visual_temporal_embedding.max_temporal_embeddings
    std::vector<std::string> imageFeatureSource = {"spatial_avg_pool", "temporal_avg_pool"}; ///< image_feature_source

    int numStages() const { return int(dimEmbed.size()); }
};

/// BART language model (`text_config` in config.json) plus the generation defaults it carries.
struct TextConfig
{
    int vocabSize = 51289;              ///< vocab_size (rows of `shared`)
    int dModel = 1024;                  ///< d_model
    int encoderLayers = 12;             ///< encoder_layers
    int decoderLayers = 12;             ///< decoder_layers
    int encoderAttentionHeads = 16;     ///< encoder_attention_heads
    int decoderAttentionHeads = 16;     ///< decoder_attention_heads
    int encoderFfnDim = 4096;           ///< encoder_ffn_dim
    int decoderFfnDim = 4096;           ///< decoder_ffn_dim
    int maxPositionEmbeddings = 1024;   ///< max_position_embeddings (learned rows = this + 2)
    std::string activationFunction = "gelu"; ///< activation_function ("gelu" = exact erf GELU)
    bool scaleEmbedding = false;        ///< scale_embedding: multiply token embeddings by sqrt(d_model)
    int padTokenId = 1;                 ///< pad_token_id
    int bosTokenId = 0;                 ///< bos_token_id
    int eosTokenId = 2;                 ///< eos_token_id
    int decoderStartTokenId = 2;        ///< decoder_start_token_id
    int forcedBosTokenId = 0;           ///< forced_bos_token_id (-1: none)
    int forcedEosTokenId = 2;           ///< forced_eos_token_id (-1: none)
    // Generation defaults the reference's generate() takes from text_config:
    int numBeams = 3;                   ///< num_beams
    int noRepeatNgramSize = 3;          ///< no_repeat_ngram_size (0: off)
    bool earlyStopping = true;          ///< early_stopping
    double lengthPenalty = 1.0;         ///< length_penalty
    int minLength = 0;                  ///< min_length
};

/// The whole model configuration.
struct FlorenceConfig
{
    VisionConfig vision;
    TextConfig text;
    int projectionDim = 1024;           ///< top-level projection_dim (= text d_model in real models)
    std::string torchDtype = "float32"; ///< torch_dtype as declared (the reference still computes in fp32)
    /// Layout config.json describes (vision_config.model_type "davit"/"florence_vision",
    /// text_config.model_type "florence2_language"/"bart", auto_map), or nullopt when it gives no hint.
    std::optional<io::CheckpointLayout> layout;
    /// tie_word_embeddings: lm_head shares `shared` (true) or is its own tensor (fine-tunes). Remote:
    /// text_config's, else the top level's; native: the top level's, else text_config's; default true.
    bool tieWordEmbeddings = true;
    /// image_token_id of the native layout (`<image>`, 51289 in florence-community), -1 when absent.
    int imageTokenId = -1;
    /// What parsing found beyond the plain fields (layout, generation_config.json used or not), one
    /// human-readable line each; the loader copies them into its log.
    std::vector<std::string> notes;
};

/// Parses config.json text. `fileName` is used in messages. Throws Error(ModelFormat) naming the
/// file and the field when a required field is missing, has the wrong type, or the stage lists
/// disagree in length; absent optional fields keep the defaults above.
FlorenceConfig parseFlorenceConfig(const std::string &jsonText, const std::string &fileName);

/// Reads and parses `<modelDir>/config.json`, then `<modelDir>/generation_config.json` when present:
/// the native layout (transformers' own generate) takes num_beams, no_repeat_ngram_size,
/// early_stopping, length_penalty, min_length, the forced BOS/EOS and decoder start ids from it
/// (fields it lacks keep text_config's); the remote-code layout ignores it like the reference
/// (generation reads text_config) and a note says so when it differs. Throws Error(Io/ModelFormat)
/// naming the file and field.
FlorenceConfig loadFlorenceConfig(const std::string &modelDir);

/// Tokens the image features put in front of the prompt for a height x width model input: the
/// DaViT grid after every ConvEmbed (floor((n + 2 * padding - kernel) / stride) + 1 per stage),
/// then one token per "spatial_avg_pool" source and the whole grid per "temporal_avg_pool" or
/// "last_frame" source (577 = 1 + 24 * 24 for Florence-2 at 768 x 768).
int imageTokenCount(const VisionConfig &vision, int height, int width);

/// Applies the generation fields of a generation_config.json text to `cfg.text` (see
/// loadFlorenceConfig); returns a note per field that changed a value. Throws Error(ModelFormat)
/// naming the file and field.
std::vector<std::string> applyGenerationConfig(FlorenceConfig &cfg, const std::string &jsonText, const std::string &fileName);

} // namespace florence
