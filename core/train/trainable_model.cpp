#include "train/trainable_model.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "model/parameters.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace florence {

DropoutConfig loadDropoutConfig(const std::string &modelDir)
{
    const std::string path = modelDir + "/config.json";
    const nlohmann::json j = JsonFieldReader("config file", path, ErrorKind::ModelFormat).parse(readTextFile(path));
    DropoutConfig d;
    const auto text = j.find("text_config");
    if (text == j.end() || !text->is_object())
        return d;
    auto read = [&](const char *field, double &out) {
        const auto it = text->find(field);
        if (it == text->end() || it->is_null())
            return;
        if (!it->is_number() || it->get<double>() < 0.0 || it->get<double>() >= 1.0)
            throw Error(ErrorKind::ModelFormat, path + ": text_config." + field + " must be a number in [0, 1)");
        out = it->get<double>();
    };
    read("dropout", d.dropout);
    read("attention_dropout", d.attentionDropout);
    read("activation_dropout", d.activationDropout);
    return d;
}

TrainableFlorence::TrainableFlorence(const FlorenceConfig &cfg, const StateDict &weights, DropoutConfig dropout,
                                     at::Device device)
    : m_cfg(cfg)
    , m_dropout(dropout)
    , m_device(device)
{
    for (const ParameterSpec &spec : florenceParameters(cfg)) {
        if (spec.name == kEncoderEmbedTokensKey || spec.name == kDecoderEmbedTokensKey)
            continue; // served by shared (tied in the reference)
        const auto it = weights.find(spec.name);
        if (it == weights.end())
            throw Error(ErrorKind::ModelFormat, "training: the weights lack '" + spec.name + "'");
        if (it->second.sizes() != at::IntArrayRef(spec.shape))
            throw Error(ErrorKind::ModelFormat, "training: '" + spec.name + "' has shape "
                                                    + shapeString(it->second.sizes()) + ", expected "
                                                    + shapeToString(spec.shape));
        at::Tensor t = it->second.to(device, at::kFloat, /*non_blocking=*/false, /*copy=*/true).contiguous();
        m_index[spec.name] = m_named.size();
        m_named.emplace_back(spec.name, t);
    }
}

const at::Tensor &TrainableFlorence::tensor(const std::string &key) const
{
    const auto it = m_index.find(key);
    if (it == m_index.end())
        throw Error(ErrorKind::BadInput, "training: no parameter '" + key + "'");
    return m_named[it->second].second;
}

bool TrainableFlorence::isParameterKey(const std::string &key)
{
    return key != kFinalLogitsBiasKey && key != kTemporalEmbedKey;
}

at::Tensor TrainableFlorence::linear(const at::Tensor &x, const std::string &prefix, bool bias) const
{
    return at::linear(x, p(prefix + ".weight"), bias ? p(prefix + ".bias") : at::Tensor());
}

at::Tensor TrainableFlorence::layerNorm(const at::Tensor &x, const std::string &prefix) const
{
    return at::layer_norm(x, {x.size(-1)}, p(prefix + ".weight"), p(prefix + ".bias"), 1e-5);
}

at::Tensor TrainableFlorence::drop(const at::Tensor &x, double prob) const
{
    return (m_training && prob > 0.0) ? at::dropout(x, prob, true) : x;
}

// ---- DaViT (tokens kept as (B, H, W, C)) --------------------------------------------------

at::Tensor TrainableFlorence::depthwise(const at::Tensor &x, const std::string &prefix) const
{
    const std::int64_t C = x.size(3);
    // (B, H, W, C) -> (B, C, H, W): the reference's transpose(1, 2).view(B, C, H, W)
    const at::Tensor nchw = x.permute({0, 3, 1, 2}).contiguous();
    const at::Tensor y = at::conv2d(nchw, p(prefix + ".dw.weight"), p(prefix + ".dw.bias"), {1, 1}, {1, 1}, {1, 1}, C);
    return y.permute({0, 2, 3, 1}); // (B, C, H, W) -> (B, H, W, C)
}

at::Tensor TrainableFlorence::mlp(const at::Tensor &x, const std::string &prefix) const
{
    return linear(at::gelu(linear(x, prefix + ".net.fc1")), prefix + ".net.fc2");
}

at::Tensor TrainableFlorence::windowAttention(const at::Tensor &x, const std::string &prefix, int heads) const
{
    const std::int64_t B = x.size(0), H = x.size(1), W = x.size(2), C = x.size(3);
    const std::int64_t ws = m_cfg.vision.windowSize;
    const std::int64_t padR = (ws - W % ws) % ws, padB = (ws - H % ws) % ws;
    const at::Tensor xp = (padR || padB) ? at::constant_pad_nd(x, {0, 0, 0, padR, 0, padB}) : x;
    const std::int64_t Hp = H + padB, Wp = W + padR, nH = Hp / ws, nW = Wp / ws, N = ws * ws, hd = C / heads;
    // window_partition: (B, nH, ws, nW, ws, C) -> (B, nH, nW, ws, ws, C) -> (B*nH*nW, N, C)
    const at::Tensor windows = xp.reshape({B, nH, ws, nW, ws, C}).permute({0, 1, 3, 2, 4, 5}).reshape({-1, N, C});
    const std::int64_t Bw = windows.size(0);
    // (Bw, N, 3C) -> (Bw, N, 3, heads, hd) -> (3, Bw, heads, N, hd)
    const at::Tensor qkv = linear(windows, prefix + ".qkv").reshape({Bw, N, 3, heads, hd}).permute({2, 0, 3, 1, 4});
    const at::Tensor q = qkv[0] * std::pow(double(hd), -0.5);
    const at::Tensor attn = at::softmax(at::matmul(q, qkv[1].transpose(-2, -1)), -1); // (Bw, heads, N, N)
    // (Bw, heads, N, hd) -> (Bw, N, heads, hd) -> (Bw, N, C)
    at::Tensor out = at::matmul(attn, qkv[2]).transpose(1, 2).reshape({Bw, N, C});
    out = linear(out, prefix + ".proj");
    // window_reverse: (B, nH, nW, ws, ws, C) -> (B, nH, ws, nW, ws, C) -> (B, Hp, Wp, C)
    out = out.reshape({B, nH, nW, ws, ws, C}).permute({0, 1, 3, 2, 4, 5}).reshape({B, Hp, Wp, C});
    if (padR || padB)
        out = out.narrow(1, 0, H).narrow(2, 0, W);
    return out;
}

at::Tensor TrainableFlorence::channelAttention(const at::Tensor &x, const std::string &prefix, int groups) const
{
    const std::int64_t B = x.size(0), H = x.size(1), W = x.size(2), C = x.size(3), N = H * W, Cg = C / groups;
    // (B, N, 3C) -> (B, N, 3, G, Cg) -> (3, B, G, N, Cg)
    const at::Tensor qkv = linear(x.reshape({B, N, C}), prefix + ".qkv").reshape({B, N, 3, groups, Cg}).permute({2, 0, 3, 1, 4});
    const at::Tensor q = qkv[0] * std::pow(double(N), -0.5); // N tokens, not channels
    const at::Tensor attn = at::softmax(at::matmul(q.transpose(-1, -2), qkv[1]), -1); // (B, G, Cg, Cg)
    // (attn @ v^T)^T: (B, G, Cg, N) -> (B, G, N, Cg) -> (B, N, G, Cg) -> (B, N, C)
    const at::Tensor out = at::matmul(attn, qkv[2].transpose(-1, -2)).transpose(-1, -2).transpose(1, 2).reshape({B, N, C});
    return linear(out, prefix + ".proj").reshape({B, H, W, C});
}

at::Tensor TrainableFlorence::visionTokens(const at::Tensor &pixelValues) const
{
    const VisionConfig &vc = m_cfg.vision;
    at::Tensor x = pixelValues.to(m_device, at::kFloat);
    for (int i = 0; i < vc.numStages(); ++i) {
        const std::string conv = "vision_tower.convs." + std::to_string(i);
        at::Tensor nchw;
        if (i == 0) {
            nchw = x; // (B, 3, H, W)
        } else {
            const at::Tensor t = vc.patchPrenorm[i] ? layerNorm(x, conv + ".norm") : x;
            nchw = t.permute({0, 3, 1, 2}).contiguous(); // (B, H, W, C) -> (B, C, H, W)
        }
        at::Tensor y = at::conv2d(nchw, p(conv + ".proj.weight"), p(conv + ".proj.bias"), {vc.patchStride[i], vc.patchStride[i]},
                                  {vc.patchPadding[i], vc.patchPadding[i]});
        x = y.permute({0, 2, 3, 1}); // (B, C, H', W') -> (B, H', W', C)
        if (!vc.patchPrenorm[i])
            x = layerNorm(x, conv + ".norm");
        for (int j = 0; j < vc.depths[i]; ++j) {
            const std::string b = "vision_tower.blocks." + std::to_string(i) + "." + std::to_string(j);
            const std::string s = b + ".spatial_block", c = b + ".channel_block";
            x = x + depthwise(x, s + ".conv1.fn");
            x = x + windowAttention(layerNorm(x, s + ".window_attn.norm"), s + ".window_attn.fn", vc.numHeads[i]);
            x = x + depthwise(x, s + ".conv2.fn");
            x = x + mlp(layerNorm(x, s + ".ffn.norm"), s + ".ffn.fn");
            x = x + depthwise(x, c + ".conv1.fn");
            x = x + channelAttention(layerNorm(x, c + ".channel_attn.norm"), c + ".channel_attn.fn", vc.numGroups[i]);
            x = x + depthwise(x, c + ".conv2.fn");
            x = x + mlp(layerNorm(x, c + ".ffn.norm"), c + ".ffn.fn");
        }
    }
    return x;
}

at::Tensor TrainableFlorence::imageFeatures(const at::Tensor &tokens) const
{
    const std::int64_t B = tokens.size(0), h = tokens.size(1), w = tokens.size(2), C = tokens.size(3), N = h * w;
    const std::int64_t side = std::int64_t(std::sqrt(double(N)));
    if (side * side != N)
        throw Error(ErrorKind::BadInput, "image feature map " + std::to_string(h) + "x" + std::to_string(w) + " is not square");
    const at::Tensor rows = p("image_pos_embed.row_embeddings.weight");
    const at::Tensor cols = p("image_pos_embed.column_embeddings.weight");
    if (side > rows.size(0))
        throw Error(ErrorKind::BadInput, "image feature map side " + std::to_string(side)
                                             + " exceeds image_pos_embed.max_pos_embeddings " + std::to_string(rows.size(0)));
    // cat([x_emb repeated over rows, y_emb repeated over columns], -1): (side, side, C)
    const at::Tensor xEmb = cols.narrow(0, 0, side).unsqueeze(0).expand({side, side, cols.size(1)});
    const at::Tensor yEmb = rows.narrow(0, 0, side).unsqueeze(1).expand({side, side, rows.size(1)});
    at::Tensor x = tokens.to(m_device, at::kFloat).reshape({B, side, side, C}) + at::cat({xEmb, yEmb}, -1).unsqueeze(0);
    x = x.reshape({B, N, C}) + p(kTemporalEmbedKey)[0]; // temporal embedding of frame 0
    std::vector<at::Tensor> parts;
    for (const std::string &s : m_cfg.vision.imageFeatureSource)
        parts.push_back(s == "spatial_avg_pool" ? x.mean(1, true) : x); // (B, 1, C) or (B, N, C) for T = 1
    const at::Tensor feats = parts.size() == 1 ? parts[0] : at::cat(parts, 1);
    return layerNorm(at::matmul(feats, p("image_projection")), "image_proj_norm");
}

// ---- BART ---------------------------------------------------------------------------------

at::Tensor TrainableFlorence::bartAttention(const at::Tensor &x, const at::Tensor &kvSource, const std::string &prefix,
                                            int heads, bool causal) const
{
    const std::int64_t B = x.size(0), T = x.size(1), D = x.size(2), S = kvSource.size(1), d = D / heads;
    const double scaling = std::pow(double(d), -0.5);
    // (B, T, D) -> (B, T, H, d) -> (B, H, T, d)
    const at::Tensor q = (linear(x, prefix + ".q_proj") * scaling).view({B, T, heads, d}).transpose(1, 2);
    const at::Tensor k = linear(kvSource, prefix + ".k_proj").view({B, S, heads, d}).transpose(1, 2);
    const at::Tensor v = linear(kvSource, prefix + ".v_proj").view({B, S, heads, d}).transpose(1, 2);
    at::Tensor attn = at::matmul(q, k.transpose(-1, -2)); // (B, H, T, S)
    if (causal) {
        const at::Tensor mask = at::full({T, S}, -std::numeric_limits<float>::infinity(), attn.options()).triu(1);
        attn = attn + mask;
    }
    attn = drop(at::softmax(attn, -1), m_dropout.attentionDropout);
    // (B, H, T, d) -> (B, T, H, d) -> (B, T, D)
    const at::Tensor out = at::matmul(attn, v).transpose(1, 2).reshape({B, T, D});
    return linear(out, prefix + ".out_proj");
}

namespace {

at::Tensor activation(const at::Tensor &x, const std::string &name)
{
    if (name == "gelu")
        return at::gelu(x);
    if (name == "gelu_new" || name == "gelu_pytorch_tanh")
        return at::gelu(x, "tanh");
    if (name == "relu")
        return at::relu(x);
    throw Error(ErrorKind::ModelFormat, "unsupported activation_function '" + name + "'");
}

} // namespace

at::Tensor TrainableFlorence::encode(const at::Tensor &imageFeatures, const at::Tensor &inputIds) const
{
    const TextConfig &tc = m_cfg.text;
    const std::string pre = "language_model.model.encoder";
    at::Tensor h = imageFeatures;
    if (inputIds.numel()) {
        // shared(input_ids), unscaled (inputs_embeds are passed to the encoder)
        const at::Tensor text = at::embedding(p(kSharedEmbeddingKey), inputIds.to(m_device));
        h = at::cat({imageFeatures, text}, 1);
    }
    const std::int64_t S = h.size(1);
    if (S > tc.maxPositionEmbeddings)
        throw Error(ErrorKind::BadInput, "encoder input of " + std::to_string(S) + " tokens exceeds max_position_embeddings "
                                             + std::to_string(tc.maxPositionEmbeddings));
    h = h + p(pre + ".embed_positions.weight").narrow(0, 2, S); // learned positions, offset 2
    h = drop(layerNorm(h, pre + ".layernorm_embedding"), m_dropout.dropout);
    for (int i = 0; i < tc.encoderLayers; ++i) {
        const std::string l = pre + ".layers." + std::to_string(i);
        at::Tensor r = h;
        h = drop(bartAttention(h, h, l + ".self_attn", tc.encoderAttentionHeads, false), m_dropout.dropout);
        h = layerNorm(r + h, l + ".self_attn_layer_norm");
        r = h;
        h = drop(activation(linear(h, l + ".fc1"), tc.activationFunction), m_dropout.activationDropout);
        h = drop(linear(h, l + ".fc2"), m_dropout.dropout);
        h = layerNorm(r + h, l + ".final_layer_norm");
    }
    return h;
}

at::Tensor TrainableFlorence::decodeLogits(const at::Tensor &encoderHidden, const at::Tensor &decoderInputIds) const
{
    const TextConfig &tc = m_cfg.text;
    const std::string pre = "language_model.model.decoder";
    const std::int64_t T = decoderInputIds.size(1);
    if (T > tc.maxPositionEmbeddings)
        throw Error(ErrorKind::BadInput, "decoder input of " + std::to_string(T) + " tokens exceeds max_position_embeddings "
                                             + std::to_string(tc.maxPositionEmbeddings));
    at::Tensor h = at::embedding(p(kSharedEmbeddingKey), decoderInputIds.to(m_device));
    if (tc.scaleEmbedding)
        h = h * std::sqrt(double(tc.dModel));
    h = h + p(pre + ".embed_positions.weight").narrow(0, 2, T);
    h = drop(layerNorm(h, pre + ".layernorm_embedding"), m_dropout.dropout);
    for (int i = 0; i < tc.decoderLayers; ++i) {
        const std::string l = pre + ".layers." + std::to_string(i);
        at::Tensor r = h;
        h = drop(bartAttention(h, h, l + ".self_attn", tc.decoderAttentionHeads, true), m_dropout.dropout);
        h = layerNorm(r + h, l + ".self_attn_layer_norm");
        r = h;
        h = drop(bartAttention(h, encoderHidden, l + ".encoder_attn", tc.decoderAttentionHeads, false), m_dropout.dropout);
        h = layerNorm(r + h, l + ".encoder_attn_layer_norm");
        r = h;
        h = drop(activation(linear(h, l + ".fc1"), tc.activationFunction), m_dropout.activationDropout);
        h = drop(linear(h, l + ".fc2"), m_dropout.dropout);
        h = layerNorm(r + h, l + ".final_layer_norm");
    }
    // lm_head(h) + final_logits_bias
    return at::linear(h, p(kLmHeadKey)) + p(kFinalLogitsBiasKey);
}

at::Tensor TrainableFlorence::shiftTokensRight(const at::Tensor &labels, std::int64_t padId, std::int64_t startId)
{
    at::Tensor shifted = at::empty_like(labels);
    shifted.narrow(1, 1, labels.size(1) - 1).copy_(labels.narrow(1, 0, labels.size(1) - 1));
    shifted.select(1, 0).fill_(startId);
    return shifted.masked_fill(shifted == -100, padId);
}

at::Tensor TrainableFlorence::loss(const at::Tensor &imageFeatures, const at::Tensor &inputIds, const at::Tensor &labels) const
{
    const TextConfig &tc = m_cfg.text;
    const at::Tensor decoderIds = shiftTokensRight(labels, tc.padTokenId, tc.decoderStartTokenId);
    const at::Tensor logits = decodeLogits(encode(imageFeatures, inputIds), decoderIds); // (B, T, V)
    // CrossEntropyLoss(): mean over labels != -100
    return at::cross_entropy_loss(logits.reshape({-1, logits.size(-1)}), labels.to(m_device).reshape({-1}), {},
                                  at::Reduction::Mean, -100);
}

} // namespace florence
