#include "model/parameters.h"

#include "common/error.h"

#include <cmath>

namespace florence {

namespace {

using Shape = std::vector<std::int64_t>;

/// Appends keys below one module prefix, in the order the Python module registers them.
class SpecList
{
public:
    explicit SpecList(std::vector<ParameterSpec> &out)
        : m_out(out)
    {
    }

    void add(const std::string &name, Shape shape, ParamRole role, const std::string &tiedTo = {})
    {
        m_out.push_back({name, std::move(shape), role, tiedTo});
    }
    /// nn.Linear(in, out) (bias=True): weight [out, in], bias [out].
    void linear(const std::string &prefix, std::int64_t in, std::int64_t out)
    {
        add(prefix + ".weight", {out, in}, ParamRole::Weight);
        add(prefix + ".bias", {out}, ParamRole::Bias);
    }
    /// nn.LayerNorm(dim): weight [dim], bias [dim].
    void layerNorm(const std::string &prefix, std::int64_t dim)
    {
        add(prefix + ".weight", {dim}, ParamRole::NormWeight);
        add(prefix + ".bias", {dim}, ParamRole::NormBias);
    }
    /// nn.Conv2d(in, out, k, groups) (bias=True): weight [out, in / groups, k, k], bias [out].
    void conv2d(const std::string &prefix, std::int64_t in, std::int64_t out, std::int64_t k, std::int64_t groups)
    {
        add(prefix + ".weight", {out, in / groups, k, k}, ParamRole::Weight);
        add(prefix + ".bias", {out}, ParamRole::Bias);
    }

private:
    std::vector<ParameterSpec> &m_out;
};

/// DaViT SpatialBlock / ChannelBlock: conv1 (DepthWiseConv2d 3x3), <attn> (PreNorm(LayerNorm,
/// WindowAttention|ChannelAttention)), conv2, ffn (PreNorm(LayerNorm, Mlp)).
void davitBlock(SpecList &s, const std::string &prefix, const std::string &attnName, std::int64_t dim,
                std::int64_t mlpHidden)
{
    s.conv2d(prefix + ".conv1.fn.dw", dim, dim, 3, dim);
    s.layerNorm(prefix + "." + attnName + ".norm", dim);
    s.linear(prefix + "." + attnName + ".fn.qkv", dim, 3 * dim);
    s.linear(prefix + "." + attnName + ".fn.proj", dim, dim);
    s.conv2d(prefix + ".conv2.fn.dw", dim, dim, 3, dim);
    s.layerNorm(prefix + ".ffn.norm", dim);
    s.linear(prefix + ".ffn.fn.net.fc1", dim, mlpHidden);
    s.linear(prefix + ".ffn.fn.net.fc2", mlpHidden, dim);
}

/// Florence2Attention: k_proj, v_proj, q_proj, out_proj (registration order), all [d, d] with bias.
void bartAttention(SpecList &s, const std::string &prefix, std::int64_t d)
{
    for (const char *proj : {"k_proj", "v_proj", "q_proj", "out_proj"})
        s.linear(prefix + "." + proj, d, d);
}

[[noreturn]] void configError(const std::string &field, const std::string &what)
{
    throw Error(ErrorKind::ModelFormat, "config field '" + field + "': " + what);
}

} // namespace

void validateVisionConfig(const VisionConfig &vc)
{
    if (vc.numStages() == 0)
        configError("vision_config.dim_embed", "empty list");
    if (vc.imagePosEmbedType != "learned_abs_2d")
        configError("vision_config.image_pos_embed.type",
                    "'" + vc.imagePosEmbedType + "' is not implemented by the reference (expected 'learned_abs_2d')");
    if (vc.temporalEmbedType != "COSINE")
        configError("vision_config.visual_temporal_embedding.type",
                    "'" + vc.temporalEmbedType + "' is not implemented by the reference (expected 'COSINE')");
    if (vc.dimEmbed.back() % 2 != 0)
        configError("vision_config.dim_embed", "the last stage width " + std::to_string(vc.dimEmbed.back())
                                                   + " must be even for the COSINE temporal embedding");
    for (const std::string &s : vc.imageFeatureSource)
        if (s != "spatial_avg_pool" && s != "temporal_avg_pool" && s != "last_frame")
            configError("vision_config.image_feature_source", "'" + s + "' is not supported");
}

std::vector<ParameterSpec> florenceParameters(const FlorenceConfig &cfg)
{
    const VisionConfig &vc = cfg.vision;
    const TextConfig &tc = cfg.text;
    validateVisionConfig(vc);
    const std::int64_t dimOut = vc.dimEmbed.back();

    std::vector<ParameterSpec> out;
    SpecList s(out);
    const std::int64_t proj = vc.projectionDim;

    // Florence2ForConditionalGeneration's own parameter comes first in state_dict().
    s.add("image_projection", {dimOut, proj}, ParamRole::Weight);

    // DaViT: convs (ConvEmbed per stage), then blocks (stage i: depths[i] x (spatial, channel)).
    for (int i = 0; i < vc.numStages(); ++i) {
        const std::int64_t in = i == 0 ? 3 : vc.dimEmbed[size_t(i) - 1];
        const std::int64_t dim = vc.dimEmbed[size_t(i)];
        const std::string p = "vision_tower.convs." + std::to_string(i);
        s.conv2d(p + ".proj", in, dim, vc.patchSize[size_t(i)], 1);
        s.layerNorm(p + ".norm", vc.patchPrenorm[size_t(i)] ? in : dim); // ConvEmbed: dim_norm
    }
    for (int i = 0; i < vc.numStages(); ++i) {
        const std::int64_t dim = vc.dimEmbed[size_t(i)];
        const auto mlpHidden = std::int64_t(double(dim) * vc.mlpRatio); // int(dim * mlp_ratio)
        for (int j = 0; j < vc.depths[size_t(i)]; ++j) {
            const std::string p = "vision_tower.blocks." + std::to_string(i) + "." + std::to_string(j);
            davitBlock(s, p + ".spatial_block", "window_attn", dim, mlpHidden);
            davitBlock(s, p + ".channel_block", "channel_attn", dim, mlpHidden);
        }
    }

    s.layerNorm("image_proj_norm", proj);
    // LearnedAbsolutePositionEmbedding2D(embedding_dim=dimOut, num_pos=max_pos_embeddings)
    s.add("image_pos_embed.row_embeddings.weight", {vc.imagePosEmbedMax, dimOut / 2}, ParamRole::Embedding);
    s.add("image_pos_embed.column_embeddings.weight", {vc.imagePosEmbedMax, dimOut - dimOut / 2}, ParamRole::Embedding);
    s.add(kTemporalEmbedKey, {vc.temporalEmbedMax, dimOut}, ParamRole::CosineTable);

    // Florence2LanguageForConditionalGeneration: final_logits_bias buffer, model, lm_head.
    const std::int64_t d = tc.dModel;
    const std::int64_t vocab = tc.vocabSize;
    const std::int64_t positions = std::int64_t(tc.maxPositionEmbeddings) + 2; // learned positions, offset 2
    s.add(kFinalLogitsBiasKey, {1, vocab}, ParamRole::LogitsBias);
    s.add(kSharedEmbeddingKey, {vocab, d}, ParamRole::Embedding);

    const std::string enc = "language_model.model.encoder";
    s.add(kEncoderEmbedTokensKey, {vocab, d}, ParamRole::Embedding, kSharedEmbeddingKey);
    s.add(enc + ".embed_positions.weight", {positions, d}, ParamRole::Embedding);
    for (int l = 0; l < tc.encoderLayers; ++l) {
        const std::string p = enc + ".layers." + std::to_string(l);
        bartAttention(s, p + ".self_attn", d);
        s.layerNorm(p + ".self_attn_layer_norm", d);
        s.linear(p + ".fc1", d, tc.encoderFfnDim);
        s.linear(p + ".fc2", tc.encoderFfnDim, d);
        s.layerNorm(p + ".final_layer_norm", d);
    }
    s.layerNorm(enc + ".layernorm_embedding", d);

    const std::string dec = "language_model.model.decoder";
    s.add(kDecoderEmbedTokensKey, {vocab, d}, ParamRole::Embedding, kSharedEmbeddingKey);
    s.add(dec + ".embed_positions.weight", {positions, d}, ParamRole::Embedding);
    for (int l = 0; l < tc.decoderLayers; ++l) {
        const std::string p = dec + ".layers." + std::to_string(l);
        bartAttention(s, p + ".self_attn", d);
        s.layerNorm(p + ".self_attn_layer_norm", d);
        bartAttention(s, p + ".encoder_attn", d);
        s.layerNorm(p + ".encoder_attn_layer_norm", d);
        s.linear(p + ".fc1", d, tc.decoderFfnDim);
        s.linear(p + ".fc2", tc.decoderFfnDim, d);
        s.layerNorm(p + ".final_layer_norm", d);
    }
    s.layerNorm(dec + ".layernorm_embedding", d);

    s.add(kLmHeadKey, {vocab, d}, ParamRole::Embedding, kSharedEmbeddingKey);
    return out;
}

std::string shapeToString(const std::vector<std::int64_t> &shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

} // namespace florence
