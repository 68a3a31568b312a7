#pragma once
// The whole Florence-2 network (modeling_florence2.py: Florence2ForConditionalGeneration with
// Florence2LanguageForConditionalGeneration inside): vision tower, image features, BART encoder
// and decoder, lm_head + final_logits_bias. Internal header (libtorch); generation lives in
// core/generate/.

#include "model/bart_decoder.h"
#include "model/bart_encoder.h"
#include "model/config.h"
#include "model/davit.h"
#include "model/image_features.h"

#include <string>
#include <vector>

namespace florence {

/// The Florence-2 network built from a config and a state dict with the original key names.
class Florence2Model
{
public:
    /// Validates and takes every tensor the network uses (presence, shape; messages name the key,
    /// expected vs got) and converts them to `run`. The state dict needs the tied keys filled in
    /// (language_model.model.decoder.embed_tokens.weight; language_model.lm_head.weight is used
    /// as stored). Throws Error(ModelFormat). `weights` may be released afterwards.
    Florence2Model(const FlorenceConfig &cfg, const StateDict &weights, RunOptions run = {});

    const FlorenceConfig &config() const { return m_cfg; }
    const RunOptions &run() const { return m_run; }
    /// State-dict keys the network does not use (e.g. the tied encoder.embed_tokens).
    const std::vector<std::string> &unusedKeys() const { return m_unused; }

    /// pixelValues (B, 3, H, W) float (any float dtype/device; converted) -> image features
    /// (B, 1 + h*w, D). Throws Error(BadInput) for a wrong shape, Error(Cancelled) when *cancel is
    /// set (checked before every vision block). `trace` collects tower outputs.
    at::Tensor encodeImage(const at::Tensor &pixelValues, DaViTTrace *trace = nullptr,
                           const std::atomic<bool> *cancel = nullptr) const;
    /// shared(input_ids), unscaled: ids (B, L) int64 -> (B, L, D). Throws Error(BadInput) for ids
    /// outside the vocabulary.
    at::Tensor embedText(const at::Tensor &inputIds) const;
    /// BART encoder on cat(imageFeatures, textEmbeds) along dim 1 -> (B, S, D); Error(Cancelled)
    /// when *cancel is set (checked before every layer).
    at::Tensor encode(const at::Tensor &imageFeatures, const at::Tensor &textEmbeds,
                      const std::atomic<bool> *cancel = nullptr) const;
    /// The encoder on a batch of prompts of different lengths: imageFeatures (B, I, D), textEmbeds
    /// (B, L, D) right-padded, textLengths[i] real tokens of prompt i. Returns (B, I + L, D) where
    /// row i's first I + textLengths[i] positions equal encode() of that request alone (padded
    /// positions masked as keys; see BartEncoder); the rest is meaningless. On the CPU each
    /// request's rows are exactly encode() of it alone (one sequence at a time); the rest is 0.
    at::Tensor encodeBatch(const at::Tensor &imageFeatures, const at::Tensor &textEmbeds,
                           const std::vector<std::int64_t> &textLengths, const std::atomic<bool> *cancel = nullptr) const;

    /// A decoder cache for `beams` beams and `capacity` positions with the cross-attention
    /// keys/values of encoderHidden (1, S, D) filled in.
    KvCache makeDecoderCache(const at::Tensor &encoderHidden, std::int64_t beams, std::int64_t capacity) const;
    /// A decoder cache for batched decoding: request g has beams[g] rows and the cross-attention
    /// keys/values of encoderHidden[g] (1, S_g, D), each without padding.
    KvCache makeDecoderCache(const std::vector<at::Tensor> &encoderHidden, const std::vector<std::int64_t> &beams,
                             std::int64_t capacity) const;
    /// Decoder on ids (beams, T) appended to the cache -> hidden (beams, T, D).
    at::Tensor decode(const at::Tensor &ids, KvCache &cache) const;
    /// Raw logits h @ lm_head^T + final_logits_bias as float32: (..., D) -> (..., V), with the
    /// suppressed ids (see suppressTokens) at -inf.
    at::Tensor logits(const at::Tensor &hidden) const;
    /// logits() for hidden (R, ..., D) whose first dimension holds consecutive groups of
    /// groupRows[g] rows (batched decoding): each group gets the bits of logits() on it alone.
    at::Tensor logits(const at::Tensor &hidden, const std::vector<std::int64_t> &groupRows) const;
    /// Ids that generation must never produce get -inf logits: every id >= `firstInvalid` (rows of
    /// a vocabulary padded beyond the tokenizer, e.g. the native layout's 51328 rows for 51290
    /// tokens) and `ids` (the native `<image>` token). firstInvalid >= V and no ids: nothing masked.
    /// -inf adds exactly nothing to log_softmax, so the other scores keep their values.
    void suppressTokens(std::int64_t firstInvalid, std::vector<std::int64_t> ids);
    /// Number of ids suppressTokens masks.
    std::int64_t suppressedCount() const;

    DaViT vision_tower;
    ImageFeatureHead imageHead;
    at::Tensor shared; ///< language_model.model.shared.weight (V, D)
    BartEncoder encoder;
    BartDecoder decoder;
    Linear lm_head; ///< weight = language_model.lm_head.weight, bias = final_logits_bias

private:
    FlorenceConfig m_cfg;
    RunOptions m_run;
    std::int64_t m_firstInvalid = -1;           ///< -1: no padded rows
    std::vector<std::int64_t> m_suppressedIds;  ///< inside [0, m_firstInvalid)
    std::vector<std::string> m_unused;
};

} // namespace florence
