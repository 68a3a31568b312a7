#include "model/bart_decoder.h"

#include "common/error.h"

#include <cmath>

namespace florence {

void checkTokenIds(const at::Tensor &ids, std::int64_t vocabSize, const std::string &what)
{
    if (ids.numel() == 0)
        return;
    const at::Tensor bad = ((ids < 0) | (ids >= vocabSize)).reshape({-1});
    if (!bad.any().item<bool>())
        return;
    const std::int64_t i = bad.nonzero()[0][0].item<std::int64_t>();
    throw Error(ErrorKind::BadInput, what + ": token id " + std::to_string(ids.reshape({-1})[i].item<std::int64_t>())
                                         + " at index " + std::to_string(i) + " is outside the vocabulary [0, "
                                         + std::to_string(vocabSize) + ")");
}

void BartDecoderLayer::load(WeightReader &w, const std::string &prefix, const TextConfig &cfg)
{
    const std::int64_t D = cfg.dModel;
    self_attn.load(w, prefix + ".self_attn", D, cfg.decoderAttentionHeads, /*cross=*/false);
    self_attn_layer_norm.load(w, prefix + ".self_attn_layer_norm", D);
    encoder_attn.load(w, prefix + ".encoder_attn", D, cfg.decoderAttentionHeads, /*cross=*/true);
    encoder_attn_layer_norm.load(w, prefix + ".encoder_attn_layer_norm", D);
    fc1.load(w, prefix + ".fc1", D, cfg.decoderFfnDim);
    fc2.load(w, prefix + ".fc2", cfg.decoderFfnDim, D);
    final_layer_norm.load(w, prefix + ".final_layer_norm", D);
}

at::Tensor BartDecoderLayer::operator()(const at::Tensor &x, KvCache &cache, std::int64_t layer, Activation act) const
{
    at::Tensor a = self_attn.decoderSelfAttention(x, cache, layer);
    at::Tensor h = self_attn_layer_norm(a.add_(x));
    at::Tensor c = encoder_attn.crossAttention(h, cache, layer);
    h = encoder_attn_layer_norm(c.add_(h));
    const std::vector<std::int64_t> groups = cache.groupRows();
    at::Tensor f = fc1(h, groups);
    if (groups.size() == 1) {
        applyActivation_(f, act);
    } else {
        // per request: ATen's vectorised activations treat a tensor's tail elements apart, so
        // each group's slice gets exactly the elementwise results of a run alone
        std::int64_t r0 = 0;
        for (std::int64_t g : groups) {
            at::Tensor part = f.narrow(0, r0, g);
            applyActivation_(part, act);
            r0 += g;
        }
    }
    f = fc2(f, groups);
    return final_layer_norm(f.add_(h));
}

void BartDecoder::load(WeightReader &w, const std::string &prefix, const TextConfig &cfg)
{
    const std::int64_t D = cfg.dModel;
    embed_tokens = w.take(prefix + ".embed_tokens.weight", {cfg.vocabSize, D});
    embedScale = cfg.scaleEmbedding ? std::sqrt(double(D)) : 1.0;
    embed_positions = w.take(prefix + ".embed_positions.weight", {cfg.maxPositionEmbeddings + 2, D});
    layernorm_embedding.load(w, prefix + ".layernorm_embedding", D);
    layers.assign(cfg.decoderLayers, BartDecoderLayer());
    for (int i = 0; i < cfg.decoderLayers; ++i)
        layers[i].load(w, prefix + ".layers." + std::to_string(i), cfg);
    activation = activationFromName(cfg.activationFunction);
    numHeads = cfg.decoderAttentionHeads;
}

KvCache BartDecoder::makeCache(std::int64_t beams, std::int64_t capacity) const
{
    const std::int64_t D = embed_tokens.size(1);
    return KvCache(std::int64_t(layers.size()), beams, numHeads, D / numHeads, capacity, embed_tokens.options());
}

KvCache BartDecoder::makeCache(const std::vector<std::int64_t> &groupRows, std::int64_t capacity) const
{
    const std::int64_t D = embed_tokens.size(1);
    return KvCache(std::int64_t(layers.size()), groupRows, numHeads, D / numHeads, capacity, embed_tokens.options());
}

void BartDecoder::prepareCrossAttention(const at::Tensor &encoderHidden, KvCache &cache, std::size_t group) const
{
    TORCH_CHECK(encoderHidden.dim() == 3 && encoderHidden.size(0) == 1, "prepareCrossAttention: batch 1 expected");
    TORCH_CHECK(group < cache.groups().size(), "prepareCrossAttention: no such cache group");
    KvGroup &g = cache.groups()[group];
    g.crossKeys.clear();
    g.crossValues.clear();
    for (const BartDecoderLayer &layer : layers) {
        auto kv = layer.encoder_attn.crossKeyValues(encoderHidden);
        g.crossKeys.push_back(kv.first);
        g.crossValues.push_back(kv.second);
    }
}

at::Tensor BartDecoder::operator()(const at::Tensor &ids, KvCache &cache) const
{
    const std::int64_t B = ids.size(0), T = ids.size(1), D = embed_tokens.size(1);
    const std::int64_t maxPos = embed_positions.size(0) - 2;
    if (cache.length() + T > maxPos)
        throw Error(ErrorKind::BadInput, "decoder position " + std::to_string(cache.length() + T - 1)
                                             + " exceeds max_position_embeddings " + std::to_string(maxPos));
    TORCH_CHECK(B == cache.beams(), "decoder: ids batch does not match the cache's beams");
    const std::int64_t first = cache.append(T);
    at::Tensor h = at::embedding(embed_tokens, ids.reshape({-1})).view({B, T, D}); // (B, T, D)
    if (embedScale != 1.0)
        h = h * embedScale;
    // positions first..first+T-1 use rows +2 (Florence2LearnedPositionalEmbedding offset 2)
    h = layernorm_embedding(h + embed_positions.narrow(0, first + 2, T));
    for (size_t i = 0; i < layers.size(); ++i)
        h = layers[i](h, cache, std::int64_t(i), activation);
    return h;
}

} // namespace florence
