#include "model/config.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"

#include <limits>

#include <nlohmann/json.hpp>

namespace florence {

namespace {

using nlohmann::json;

/// The config's field conventions on the core's one JSON field reader: fields named by a prefix
/// ("text_config.") and a key, integers in -1..2^30 (-1 = "none" in some configs), null = absent.
struct Reader
{
    JsonFieldReader fields;

    [[noreturn]] void fail(const std::string &field, const std::string &what) const { fields.fail(field, what); }

    const json &object(const json &parent, const std::string &key, const std::string &path) const
    {
        if (!parent.contains(key))
            fail(path, "missing (expected an object)");
        return fields.object(parent.at(key), path);
    }

    template <typename T> void number(const json &obj, const std::string &key, const std::string &prefix, T &out, bool required) const
    {
        const json *v = JsonFieldReader::optional(obj, key.c_str());
        if (!v) {
            if (required)
                fail(prefix + key, "missing (expected a number)");
            return;
        }
        if constexpr (std::is_integral_v<T>)
            out = T(fields.integer(*v, prefix + key, -1, std::int64_t(1) << 30));
        else
            out = T(fields.number(*v, prefix + key, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max()));
    }

    void boolean(const json &obj, const std::string &key, const std::string &prefix, bool &out) const
    {
        out = fields.boolean(obj, prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1), key.c_str(), out);
    }

    void string(const json &obj, const std::string &key, const std::string &prefix, std::string &out) const
    {
        if (const json *v = JsonFieldReader::optional(obj, key.c_str()))
            out = fields.string(*v, prefix + key);
    }

    template <typename T> std::vector<T> list(const json &obj, const std::string &key, const std::string &prefix) const
    {
        if (!obj.contains(key))
            fail(prefix + key, "missing (expected a list)");
        const json &v = fields.array(obj.at(key), prefix + key, 64);
        std::vector<T> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if constexpr (std::is_same_v<T, bool>)
                out.push_back(fields.boolean(v[i], JsonFieldReader::index(prefix + key, i)));
            else
                out.push_back(T(fields.integer(v[i], JsonFieldReader::index(prefix + key, i), 0, 65536)));
        }
        return out;
    }
};

} // namespace

FlorenceConfig parseFlorenceConfig(const std::string &jsonText, const std::string &fileName)
{
    const Reader r{JsonFieldReader("config file", fileName, ErrorKind::ModelFormat)};
    const json root = r.fields.parseObject(jsonText);

    FlorenceConfig cfg;
    r.number(root, "projection_dim", "", cfg.projectionDim, false);
    r.string(root, "torch_dtype", "", cfg.torchDtype);
    if (root.contains("dtype") && root.at("dtype").is_string() && !root.contains("torch_dtype"))
        r.string(root, "dtype", "", cfg.torchDtype); // transformers >= 4.56 writes "dtype"

    const json &v = r.object(root, "vision_config", "vision_config");
    const json &t = r.object(root, "text_config", "text_config");

    // Layout hints: every one found must agree.
    std::vector<std::pair<io::CheckpointLayout, std::string>> hints;
    const auto modelType = [](const json &o) {
        return o.contains("model_type") && o.at("model_type").is_string() ? o.at("model_type").get<std::string>()
                                                                          : std::string();
    };
    const std::string vType = modelType(v), tType = modelType(t);
    if (vType == "davit")
        hints.push_back({io::CheckpointLayout::Remote, "vision_config.model_type 'davit'"});
    else if (vType == "florence_vision")
        hints.push_back({io::CheckpointLayout::Native, "vision_config.model_type 'florence_vision'"});
    if (tType == "florence2_language")
        hints.push_back({io::CheckpointLayout::Remote, "text_config.model_type 'florence2_language'"});
    else if (tType == "bart")
        hints.push_back({io::CheckpointLayout::Native, "text_config.model_type 'bart'"});
    if (root.contains("auto_map"))
        hints.push_back({io::CheckpointLayout::Remote, "'auto_map' (remote code)"});
    if (v.contains("embed_dim") && !v.contains("dim_embed"))
        hints.push_back({io::CheckpointLayout::Native, "vision_config.embed_dim"});
    if (v.contains("dim_embed") && !v.contains("embed_dim"))
        hints.push_back({io::CheckpointLayout::Remote, "vision_config.dim_embed"});
    for (const auto &h : hints)
        if (h.first != hints.front().first)
            throw Error(ErrorKind::ModelFormat, "config file '" + fileName + "' mixes the two checkpoint layouts: "
                                                    + hints.front().second + " is the " + io::toString(hints.front().first)
                                                    + " layout but " + h.second + " is the " + io::toString(h.first)
                                                    + " layout");
    if (!hints.empty()) {
        cfg.layout = hints.front().first;
        std::string why;
        for (const auto &h : hints)
            why += (why.empty() ? "" : ", ") + h.second;
        cfg.notes.push_back(std::string("config.json describes the ") + io::toString(*cfg.layout) + " layout ("
                            + (*cfg.layout == io::CheckpointLayout::Native ? "transformers-native, florence-community"
                                                                            : "microsoft remote code")
                            + "): " + why);
    }
    const bool native = cfg.layout == io::CheckpointLayout::Native;

    VisionConfig &vc = cfg.vision;
    const std::string vp = "vision_config.";
    vc.dimEmbed = r.list<int>(v, v.contains("embed_dim") ? "embed_dim" : "dim_embed", vp);
    vc.numHeads = r.list<int>(v, "num_heads", vp);
    vc.numGroups = r.list<int>(v, "num_groups", vp);
    vc.depths = r.list<int>(v, "depths", vp);
    vc.patchSize = r.list<int>(v, "patch_size", vp);
    vc.patchStride = r.list<int>(v, "patch_stride", vp);
    vc.patchPadding = r.list<int>(v, "patch_padding", vp);
    vc.patchPrenorm = r.list<bool>(v, "patch_prenorm", vp);
    r.number(v, "window_size", vp, vc.windowSize, false);
    r.number(v, "mlp_ratio", vp, vc.mlpRatio, false);
    vc.projectionDim = cfg.projectionDim;
    r.number(v, "projection_dim", vp, vc.projectionDim, false);
    if (v.contains("image_pos_embed") && v.at("image_pos_embed").is_object()) {
        r.string(v.at("image_pos_embed"), "type", vp + "image_pos_embed.", vc.imagePosEmbedType);
        r.number(v.at("image_pos_embed"), "max_pos_embeddings", vp + "image_pos_embed.", vc.imagePosEmbedMax, false);
    }
    if (v.contains("visual_temporal_embedding") && v.at("visual_temporal_embedding").is_object()) {
        r.string(v.at("visual_temporal_embedding"), "type", vp + "visual_temporal_embedding.", vc.temporalEmbedType);
        r.number(v.at("visual_temporal_embedding"), "max_temporal_embeddings", vp + "visual_temporal_embedding.",
                 vc.temporalEmbedMax, false);
    }
    // Native names (Florence2VisionConfig): max_position_embeddings (older: max_pos_embeddings),
    // max_temporal_embeddings.
    for (const char *k : {"max_pos_embeddings", "max_position_embeddings"})
        r.number(v, k, vp, vc.imagePosEmbedMax, false);
    r.number(v, "max_temporal_embeddings", vp, vc.temporalEmbedMax, false);
    if (vc.imagePosEmbedMax <= 0 || vc.imagePosEmbedMax > 4096)
        r.fail(vp + "max_position_embeddings", "must be in 1..4096");
    if (vc.temporalEmbedMax <= 0 || vc.temporalEmbedMax > 4096)
        r.fail(vp + "max_temporal_embeddings", "must be in 1..4096");
    if (v.contains("image_feature_source")) {
        const json &src = v.at("image_feature_source");
        if (!src.is_array())
            r.fail(vp + "image_feature_source", "expected a list of strings");
        vc.imageFeatureSource.clear();
        for (const json &e : src) {
            if (!e.is_string())
                r.fail(vp + "image_feature_source", "expected a list of strings");
            vc.imageFeatureSource.push_back(e.get<std::string>());
        }
    }
    const size_t stages = vc.dimEmbed.size();
    if (stages == 0)
        r.fail(vp + "dim_embed", "empty list");
    const std::pair<const char *, size_t> lens[] = {
        {"num_heads", vc.numHeads.size()},     {"num_groups", vc.numGroups.size()},
        {"depths", vc.depths.size()},          {"patch_size", vc.patchSize.size()},
        {"patch_stride", vc.patchStride.size()}, {"patch_padding", vc.patchPadding.size()},
        {"patch_prenorm", vc.patchPrenorm.size()}};
    for (const auto &l : lens)
        if (l.second != stages)
            r.fail(vp + l.first, "has " + std::to_string(l.second) + " entries, expected " + std::to_string(stages)
                                     + " (one per stage, like dim_embed)");
    for (size_t i = 0; i < stages; ++i) {
        if (vc.dimEmbed[i] <= 0 || vc.numHeads[i] <= 0 || vc.numGroups[i] <= 0 || vc.patchSize[i] <= 0 || vc.patchStride[i] <= 0)
            r.fail(vp + "dim_embed", "stage " + std::to_string(i) + " has a zero dimension, head, group, patch or stride");
        if (vc.dimEmbed[i] % vc.numHeads[i] != 0)
            r.fail(vp + "num_heads", "stage " + std::to_string(i) + ": dim_embed " + std::to_string(vc.dimEmbed[i])
                                         + " is not divisible by num_heads " + std::to_string(vc.numHeads[i]));
        if (vc.dimEmbed[i] % vc.numGroups[i] != 0)
            r.fail(vp + "num_groups", "stage " + std::to_string(i) + ": dim_embed " + std::to_string(vc.dimEmbed[i])
                                          + " is not divisible by num_groups " + std::to_string(vc.numGroups[i]));
    }
    if (vc.windowSize <= 0)
        r.fail(vp + "window_size", "must be positive");

    TextConfig &tc = cfg.text;
    const std::string tp = "text_config.";
    r.number(t, "vocab_size", tp, tc.vocabSize, true);
    r.number(t, "d_model", tp, tc.dModel, true);
    r.number(t, "encoder_layers", tp, tc.encoderLayers, true);
    r.number(t, "decoder_layers", tp, tc.decoderLayers, true);
    r.number(t, "encoder_attention_heads", tp, tc.encoderAttentionHeads, true);
    r.number(t, "decoder_attention_heads", tp, tc.decoderAttentionHeads, true);
    r.number(t, "encoder_ffn_dim", tp, tc.encoderFfnDim, true);
    r.number(t, "decoder_ffn_dim", tp, tc.decoderFfnDim, true);
    r.number(t, "max_position_embeddings", tp, tc.maxPositionEmbeddings, false);
    r.string(t, "activation_function", tp, tc.activationFunction);
    r.boolean(t, "scale_embedding", tp, tc.scaleEmbedding);
    r.number(t, "pad_token_id", tp, tc.padTokenId, false);
    r.number(t, "bos_token_id", tp, tc.bosTokenId, false);
    r.number(t, "eos_token_id", tp, tc.eosTokenId, false);
    r.number(t, "decoder_start_token_id", tp, tc.decoderStartTokenId, false);
    if (t.contains("forced_bos_token_id") && t.at("forced_bos_token_id").is_null())
        tc.forcedBosTokenId = -1;
    else
        r.number(t, "forced_bos_token_id", tp, tc.forcedBosTokenId, false);
    if (t.contains("forced_eos_token_id") && t.at("forced_eos_token_id").is_null())
        tc.forcedEosTokenId = -1;
    else
        r.number(t, "forced_eos_token_id", tp, tc.forcedEosTokenId, false);
    r.number(t, "num_beams", tp, tc.numBeams, false);
    r.number(t, "no_repeat_ngram_size", tp, tc.noRepeatNgramSize, false);
    r.boolean(t, "early_stopping", tp, tc.earlyStopping);
    r.number(t, "length_penalty", tp, tc.lengthPenalty, false);
    r.number(t, "min_length", tp, tc.minLength, false);
    if (tc.dModel <= 0 || tc.vocabSize <= 0 || tc.encoderLayers < 0 || tc.decoderLayers <= 0 || tc.encoderFfnDim <= 0
        || tc.decoderFfnDim <= 0 || tc.maxPositionEmbeddings <= 0)
        r.fail(tp + "d_model", "sizes must be positive");
    if (tc.encoderAttentionHeads <= 0 || tc.dModel % tc.encoderAttentionHeads != 0)
        r.fail(tp + "encoder_attention_heads", "d_model " + std::to_string(tc.dModel) + " is not divisible by "
                                                   + std::to_string(tc.encoderAttentionHeads));
    if (tc.decoderAttentionHeads <= 0 || tc.dModel % tc.decoderAttentionHeads != 0)
        r.fail(tp + "decoder_attention_heads", "d_model " + std::to_string(tc.dModel) + " is not divisible by "
                                                   + std::to_string(tc.decoderAttentionHeads));
    if (tc.activationFunction != "gelu" && tc.activationFunction != "relu" && tc.activationFunction != "gelu_new")
        r.fail(tp + "activation_function", "unsupported activation '" + tc.activationFunction + "'");
    if (tc.numBeams < 1)
        r.fail(tp + "num_beams", "must be at least 1");

    // tie_word_embeddings: which level counts depends on the layout (see config.h).
    bool topTie = true, textTie = true;
    const bool hasTop = root.contains("tie_word_embeddings") && !root.at("tie_word_embeddings").is_null();
    const bool hasText = t.contains("tie_word_embeddings") && !t.at("tie_word_embeddings").is_null();
    r.boolean(root, "tie_word_embeddings", "", topTie);
    r.boolean(t, "tie_word_embeddings", tp, textTie);
    cfg.tieWordEmbeddings = native ? (hasTop ? topTie : textTie) : (hasText ? textTie : topTie);
    if (!cfg.tieWordEmbeddings)
        cfg.notes.push_back("tie_word_embeddings is false: lm_head is its own tensor (a fine-tune with an untied head)");
    if (root.contains("image_token_id") && !root.at("image_token_id").is_null()) {
        r.number(root, "image_token_id", "", cfg.imageTokenId, false);
        if (cfg.imageTokenId < 0)
            r.fail("image_token_id", "must be a token id (>= 0)");
    }
    return cfg;
}

std::vector<std::string> applyGenerationConfig(FlorenceConfig &cfg, const std::string &jsonText, const std::string &fileName)
{
    const Reader r{JsonFieldReader("generation config file", fileName, ErrorKind::ModelFormat)};
    const json root = r.fields.parseObject(jsonText);
    TextConfig &tc = cfg.text;
    const TextConfig before = tc;
    std::vector<std::string> notes;
    r.number(root, "num_beams", "", tc.numBeams, false);
    r.number(root, "no_repeat_ngram_size", "", tc.noRepeatNgramSize, false);
    r.boolean(root, "early_stopping", "", tc.earlyStopping);
    r.number(root, "length_penalty", "", tc.lengthPenalty, false);
    r.number(root, "min_length", "", tc.minLength, false);
    r.number(root, "decoder_start_token_id", "", tc.decoderStartTokenId, false);
    r.number(root, "bos_token_id", "", tc.bosTokenId, false);
    r.number(root, "eos_token_id", "", tc.eosTokenId, false);
    r.number(root, "pad_token_id", "", tc.padTokenId, false);
    for (const char *k : {"forced_bos_token_id", "forced_eos_token_id"}) {
        int &field = std::string(k) == "forced_bos_token_id" ? tc.forcedBosTokenId : tc.forcedEosTokenId;
        if (root.contains(k) && root.at(k).is_null())
            field = -1;
        else
            r.number(root, k, "", field, false);
    }
    if (tc.numBeams < 1)
        r.fail("num_beams", "must be at least 1");
    if (tc.noRepeatNgramSize < 0)
        r.fail("no_repeat_ngram_size", "must be >= 0");
    const auto show = [](double v) {
        const long long i = static_cast<long long>(v);
        if (double(i) == v)
            return std::to_string(i);
        std::string s = std::to_string(v);
        while (s.size() > 1 && s.back() == '0')
            s.pop_back();
        return s;
    };
    const auto changed = [&](const char *name, double a, double b) {
        if (a != b)
            notes.push_back(std::string(name) + " " + show(b) + " -> " + show(a));
    };
    changed("num_beams", tc.numBeams, before.numBeams);
    changed("no_repeat_ngram_size", tc.noRepeatNgramSize, before.noRepeatNgramSize);
    changed("early_stopping", tc.earlyStopping, before.earlyStopping);
    changed("length_penalty", tc.lengthPenalty, before.lengthPenalty);
    changed("min_length", tc.minLength, before.minLength);
    changed("decoder_start_token_id", tc.decoderStartTokenId, before.decoderStartTokenId);
    changed("forced_bos_token_id", tc.forcedBosTokenId, before.forcedBosTokenId);
    changed("forced_eos_token_id", tc.forcedEosTokenId, before.forcedEosTokenId);
    changed("eos_token_id", tc.eosTokenId, before.eosTokenId);
    return notes;
}

FlorenceConfig loadFlorenceConfig(const std::string &modelDir)
{
    const std::string path = modelDir + "/config.json";
    FlorenceConfig cfg = parseFlorenceConfig(readTextFile(path), path);
    const std::string genPath = modelDir + "/generation_config.json";
    if (!isRegularFile(genPath))
        return cfg;
    if (cfg.layout == io::CheckpointLayout::Native) {
        const std::vector<std::string> changes = applyGenerationConfig(cfg, readTextFile(genPath), genPath);
        std::string what;
        for (const std::string &c : changes)
            what += (what.empty() ? "" : ", ") + c;
        cfg.notes.push_back("generation settings from generation_config.json (native layout, as transformers' generate)"
                            + (what.empty() ? std::string(": same as text_config") : ": " + what));
    } else {
        FlorenceConfig probe = cfg;
        const std::vector<std::string> changes = applyGenerationConfig(probe, readTextFile(genPath), genPath);
        if (!changes.empty()) {
            std::string what;
            for (const std::string &c : changes)
                what += (what.empty() ? "" : ", ") + c;
            cfg.notes.push_back("generation_config.json disagrees with text_config (" + what
                                + "); like the remote-code reference, generation uses text_config");
        }
    }
    return cfg;
}

int imageTokenCount(const VisionConfig &vision, int height, int width)
{
    std::int64_t h = height, w = width;
    for (int i = 0; i < vision.numStages(); ++i) {
        const std::int64_t k = vision.patchSize[std::size_t(i)], st = vision.patchStride[std::size_t(i)],
                           p = vision.patchPadding[std::size_t(i)];
        h = (h + 2 * p - k) / st + 1;
        w = (w + 2 * p - k) / st + 1;
    }
    std::int64_t tokens = 0;
    for (const std::string &source : vision.imageFeatureSource)
        tokens += source == "spatial_avg_pool" ? 1 : h * w;
    return int(tokens);
}

} // namespace florence
