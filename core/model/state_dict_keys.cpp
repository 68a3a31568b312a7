#include "model/state_dict_keys.h"

namespace florence {

namespace {

void linear(std::vector<KeyShape> &out, const std::string &p, std::int64_t in, std::int64_t outDim, bool bias = true)
{
    out.push_back({p + ".weight", {outDim, in}});
    if (bias)
        out.push_back({p + ".bias", {outDim}});
}

void norm(std::vector<KeyShape> &out, const std::string &p, std::int64_t dim)
{
    out.push_back({p + ".weight", {dim}});
    out.push_back({p + ".bias", {dim}});
}

void davitBlock(std::vector<KeyShape> &out, const std::string &p, std::int64_t dim, std::int64_t hidden, bool spatial)
{
    out.push_back({p + ".conv1.fn.dw.weight", {dim, 1, 3, 3}});
    out.push_back({p + ".conv1.fn.dw.bias", {dim}});
    const std::string attn = p + (spatial ? ".window_attn" : ".channel_attn");
    norm(out, attn + ".norm", dim);
    linear(out, attn + ".fn.qkv", dim, 3 * dim);
    linear(out, attn + ".fn.proj", dim, dim);
    out.push_back({p + ".conv2.fn.dw.weight", {dim, 1, 3, 3}});
    out.push_back({p + ".conv2.fn.dw.bias", {dim}});
    norm(out, p + ".ffn.norm", dim);
    linear(out, p + ".ffn.fn.net.fc1", dim, hidden);
    linear(out, p + ".ffn.fn.net.fc2", hidden, dim);
}

void attention(std::vector<KeyShape> &out, const std::string &p, std::int64_t d)
{
    linear(out, p + ".k_proj", d, d);
    linear(out, p + ".v_proj", d, d);
    linear(out, p + ".q_proj", d, d);
    linear(out, p + ".out_proj", d, d);
}

} // namespace

std::vector<KeyShape> florenceStateDictShapes(const FlorenceConfig &cfg)
{
    std::vector<KeyShape> out;
    const VisionConfig &vc = cfg.vision;
    const std::int64_t c = vc.dimEmbed.back();
    out.push_back({"image_projection", {c, vc.projectionDim}});
    for (int i = 0; i < vc.numStages(); ++i) {
        const std::int64_t in = i == 0 ? 3 : vc.dimEmbed[i - 1], dim = vc.dimEmbed[i];
        const std::string p = "vision_tower.convs." + std::to_string(i);
        out.push_back({p + ".proj.weight", {dim, in, vc.patchSize[i], vc.patchSize[i]}});
        out.push_back({p + ".proj.bias", {dim}});
        norm(out, p + ".norm", vc.patchPrenorm[i] ? in : dim);
    }
    for (int i = 0; i < vc.numStages(); ++i) {
        const std::int64_t dim = vc.dimEmbed[i], hidden = std::int64_t(double(dim) * vc.mlpRatio);
        for (int j = 0; j < vc.depths[i]; ++j) {
            const std::string p = "vision_tower.blocks." + std::to_string(i) + "." + std::to_string(j);
            davitBlock(out, p + ".spatial_block", dim, hidden, true);
            davitBlock(out, p + ".channel_block", dim, hidden, false);
        }
    }
    norm(out, "image_proj_norm", vc.projectionDim);
    out.push_back({"image_pos_embed.row_embeddings.weight", {vc.imagePosEmbedMax, c / 2}});
    out.push_back({"image_pos_embed.column_embeddings.weight", {vc.imagePosEmbedMax, c - c / 2}});
    out.push_back({"visual_temporal_embed.pos_idx_to_embed", {vc.temporalEmbedMax, c}});

    const TextConfig &tc = cfg.text;
    const std::int64_t D = tc.dModel, V = tc.vocabSize, P = tc.maxPositionEmbeddings + 2;
    out.push_back({"language_model.final_logits_bias", {1, V}});
    out.push_back({"language_model.model.shared.weight", {V, D}});
    const std::string enc = "language_model.model.encoder";
    out.push_back({enc + ".embed_tokens.weight", {V, D}});
    out.push_back({enc + ".embed_positions.weight", {P, D}});
    for (int i = 0; i < tc.encoderLayers; ++i) {
        const std::string p = enc + ".layers." + std::to_string(i);
        attention(out, p + ".self_attn", D);
        norm(out, p + ".self_attn_layer_norm", D);
        linear(out, p + ".fc1", D, tc.encoderFfnDim);
        linear(out, p + ".fc2", tc.encoderFfnDim, D);
        norm(out, p + ".final_layer_norm", D);
    }
    norm(out, enc + ".layernorm_embedding", D);
    const std::string dec = "language_model.model.decoder";
    out.push_back({dec + ".embed_tokens.weight", {V, D}});
    out.push_back({dec + ".embed_positions.weight", {P, D}});
    for (int i = 0; i < tc.decoderLayers; ++i) {
        const std::string p = dec + ".layers." + std::to_string(i);
        attention(out, p + ".self_attn", D);
        norm(out, p + ".self_attn_layer_norm", D);
        attention(out, p + ".encoder_attn", D);
        norm(out, p + ".encoder_attn_layer_norm", D);
        linear(out, p + ".fc1", D, tc.decoderFfnDim);
        linear(out, p + ".fc2", tc.decoderFfnDim, D);
        norm(out, p + ".final_layer_norm", D);
    }
    norm(out, dec + ".layernorm_embedding", D);
    out.push_back({"language_model.lm_head.weight", {V, D}});
    return out;
}

std::vector<std::string> florenceTiedKeys()
{
    return {"language_model.model.encoder.embed_tokens.weight", "language_model.model.decoder.embed_tokens.weight",
            "language_model.lm_head.weight"};
}

} // namespace florence
