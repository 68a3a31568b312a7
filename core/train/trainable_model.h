#pragma once
// The differentiable Florence-2 forward used for fine-tuning: the full teacher-forced sequence
// through plain ATen ops, so libtorch autograd computes every parameter's gradient. Internal
// header (libtorch).
//
// Design note: the inference modules in core/model are built for decoding speed (fused qkv/kv
// matrices, in-place adds, hand-written single-query kernels, a KV cache, InferenceMode) and hold
// their own copies of the weights in fused layouts. Making them autograd-safe would change their
// results or their speed. Instead this file holds the parameters under the checkpoint's own key
// names (so gradients, optimizer state and the saved model.safetensors use the layout's names) and
// mirrors modeling_florence2.py line by line in the unfused form: DaViT (ConvEmbed, SpatialBlock with
// window attention, ChannelBlock with channel attention), the image feature head, the BART encoder
// and decoder (post-LN, eager attention), lm_head + final_logits_bias, and the loss of
// Florence2LanguageForConditionalGeneration. Dropout follows text_config (dropout,
// attention_dropout, activation_dropout) when `train(true)`; DaViT's drop_path is not applied
// (the vision tower is frozen by default; documented in docs/fine-tuning.md).
//
// Like the original forward, the encoder ignores the prompt's attention mask: right-padded prompt
// positions (id 1) are attended (training manifest, batch B).

#include "model/config.h"
#include "model/weights.h"

#include <ATen/ATen.h>

#include <string>
#include <utility>
#include <vector>

namespace florence {

/// Dropout probabilities of text_config (the reference's defaults are 0.1 each).
struct DropoutConfig
{
    double dropout = 0.1;            ///< text_config.dropout: embeddings, attention output, FFN output
    double attentionDropout = 0.1;   ///< text_config.attention_dropout: attention probabilities
    double activationDropout = 0.1;  ///< text_config.activation_dropout: after the FFN activation
};

/// Reads the dropout fields of `<modelDir>/config.json` (absent fields keep the defaults).
/// Throws Error(Io/ModelFormat) naming the file and field.
DropoutConfig loadDropoutConfig(const std::string &modelDir);

/// Florence2ForConditionalGeneration as trainable float32 parameters with autograd.
class TrainableFlorence
{
public:
    /// Copies (clones to float32, CPU or `device`) every tensor of `weights` that the network
    /// uses, by its original key; the tied encoder/decoder embed_tokens are served by `shared`.
    /// Throws Error(ModelFormat) naming a missing key.
    TrainableFlorence(const FlorenceConfig &cfg, const StateDict &weights, DropoutConfig dropout = {},
                      at::Device device = at::kCPU);

    const FlorenceConfig &config() const { return m_cfg; }
    /// Dropout on (true) or off (false, the default: eval mode).
    void train(bool on) { m_training = on; }
    bool training() const { return m_training; }
    at::Device device() const { return m_device; }

    /// Every parameter and buffer by key, in state_dict() order (tied embed_tokens keys omitted).
    const std::vector<std::pair<std::string, at::Tensor>> &namedTensors() const { return m_named; }
    /// The tensor under `key`; throws Error(BadInput) when unknown.
    const at::Tensor &tensor(const std::string &key) const;
    /// Whether `key` is a parameter of named_parameters() (false for the buffers
    /// final_logits_bias and visual_temporal_embed.pos_idx_to_embed).
    static bool isParameterKey(const std::string &key);

    /// DaViT: pixel values (B, 3, H, W) float -> tokens (B, h, w, C_last).
    at::Tensor visionTokens(const at::Tensor &pixelValues) const;
    /// Image feature head: tokens (B, h, w, C) -> image features (B, 1 + h*w, D).
    at::Tensor imageFeatures(const at::Tensor &tokens) const;
    /// BART encoder on cat(imageFeatures, shared(inputIds)): (B, S, D), no attention mask.
    at::Tensor encode(const at::Tensor &imageFeatures, const at::Tensor &inputIds) const;
    /// Teacher-forced decoder (causal, no cache) + lm_head: logits (B, T, V) float32.
    at::Tensor decodeLogits(const at::Tensor &encoderHidden, const at::Tensor &decoderInputIds) const;
    /// The loss of Florence2LanguageForConditionalGeneration.forward with labels (B, T) int64:
    /// decoder_input_ids = shiftTokensRight(labels), mean cross-entropy over labels != -100.
    at::Tensor loss(const at::Tensor &imageFeatures, const at::Tensor &inputIds, const at::Tensor &labels) const;

    /// shift_tokens_right(labels, pad_token_id, decoder_start_token_id): [start, labels[:-1]] with
    /// -100 replaced by the pad id.
    static at::Tensor shiftTokensRight(const at::Tensor &labels, std::int64_t padId, std::int64_t startId);

private:
    at::Tensor p(const std::string &key) const { return tensor(key); }
    at::Tensor linear(const at::Tensor &x, const std::string &prefix, bool bias = true) const;
    at::Tensor layerNorm(const at::Tensor &x, const std::string &prefix) const;
    at::Tensor drop(const at::Tensor &x, double prob) const;
    at::Tensor bartAttention(const at::Tensor &x, const at::Tensor &kvSource, const std::string &prefix, int heads,
                             bool causal) const;
    at::Tensor windowAttention(const at::Tensor &x, const std::string &prefix, int heads) const;
    at::Tensor channelAttention(const at::Tensor &x, const std::string &prefix, int groups) const;
    at::Tensor depthwise(const at::Tensor &x, const std::string &prefix) const;
    at::Tensor mlp(const at::Tensor &x, const std::string &prefix) const;

    FlorenceConfig m_cfg;
    DropoutConfig m_dropout;
    at::Device m_device;
    bool m_training = false;
    std::vector<std::pair<std::string, at::Tensor>> m_named;
    std::unordered_map<std::string, std::size_t> m_index;
};

} // namespace florence
