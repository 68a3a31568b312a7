#include "model/bart_encoder.h"

#include "common/error.h"

namespace florence {

namespace {

// Florence2EncoderLayer's float16 guard: clamp when inf/nan appeared.
at::Tensor clampHalf(const at::Tensor &x)
{
    if (x.scalar_type() != at::kHalf || !(at::isinf(x).any().item<bool>() || at::isnan(x).any().item<bool>()))
        return x;
    const double v = 65504.0 - 1000.0;
    return at::clamp(x, -v, v);
}

} // namespace

void BartEncoderLayer::load(WeightReader &w, const std::string &prefix, const TextConfig &cfg)
{
    const std::int64_t D = cfg.dModel;
    self_attn.load(w, prefix + ".self_attn", D, cfg.encoderAttentionHeads, /*cross=*/false);
    self_attn_layer_norm.load(w, prefix + ".self_attn_layer_norm", D);
    fc1.load(w, prefix + ".fc1", D, cfg.encoderFfnDim);
    fc2.load(w, prefix + ".fc2", cfg.encoderFfnDim, D);
    final_layer_norm.load(w, prefix + ".final_layer_norm", D);
}

at::Tensor BartEncoderLayer::operator()(const at::Tensor &x, Activation act, const std::vector<std::int64_t> &lengths) const
{
    at::Tensor a = lengths.empty() ? self_attn.encoderSelfAttention(x) : self_attn.encoderSelfAttention(x, lengths);
    const at::Tensor h = self_attn_layer_norm(a.add_(x));
    at::Tensor f = fc1(h);
    f = fc2(applyActivation_(f, act));
    return clampHalf(final_layer_norm(f.add_(h)));
}

void BartEncoder::load(WeightReader &w, const std::string &prefix, const TextConfig &cfg)
{
    const std::int64_t D = cfg.dModel;
    embed_positions = w.take(prefix + ".embed_positions.weight", {cfg.maxPositionEmbeddings + 2, D});
    layernorm_embedding.load(w, prefix + ".layernorm_embedding", D);
    layers.assign(cfg.encoderLayers, BartEncoderLayer());
    for (int i = 0; i < cfg.encoderLayers; ++i)
        layers[i].load(w, prefix + ".layers." + std::to_string(i), cfg);
    activation = activationFromName(cfg.activationFunction);
}

at::Tensor BartEncoder::operator()(const at::Tensor &inputsEmbeds, const std::atomic<bool> *cancel) const
{
    return (*this)(inputsEmbeds, {}, cancel);
}

at::Tensor BartEncoder::operator()(const at::Tensor &inputsEmbeds, const std::vector<std::int64_t> &lengths,
                                   const std::atomic<bool> *cancel) const
{
    const std::int64_t S = inputsEmbeds.size(1), maxPos = embed_positions.size(0) - 2;
    if (S > maxPos)
        throw Error(ErrorKind::BadInput, "encoder input has " + std::to_string(S)
                                             + " tokens (image features + prompt), more than max_position_embeddings "
                                             + std::to_string(maxPos));
    // positions 0..S-1 use rows 2..S+1 (Florence2LearnedPositionalEmbedding offset 2)
    at::Tensor h = layernorm_embedding(inputsEmbeds + embed_positions.narrow(0, 2, S));
    for (const BartEncoderLayer &layer : layers) {
        throwIfCancelled(cancel, "in the text encoder");
        h = layer(h, activation, lengths);
    }
    return h;
}

} // namespace florence
