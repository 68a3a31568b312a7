// convertCheckpoint: load with the normal loader (so every validation applies), then write the
// other layout. Tensors stay in the declared dtype; the output's config is rebuilt from the input's
// JSON so that fields this port does not use (dropout, id2label, ...) survive.
#include "io/convert_checkpoint.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "io/checkpoint.h"
#include "io/model_folder.h"
#include "io/safetensors.h"
#include "model/config.h"
#include "model/parameters.h"
#include "text/tokenizer.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>

namespace florence::io {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json readJson(const std::string &path)
{
    return JsonFieldReader("model file", path, ErrorKind::ModelFormat).parse(readTextFile(path));
}

void writeJson(const std::string &path, const json &j, ConversionReport &report)
{
    writeFileAtomic(path, j.dump(2) + "\n");
    report.files.push_back(fs::path(path).filename().string());
}

DType dtypeOf(at::ScalarType t)
{
    switch (t) {
    case at::kHalf: return DType::F16;
    case at::kBFloat16: return DType::BF16;
    case at::kDouble: return DType::F64;
    default: return DType::F32;
    }
}

TensorBlob blobOf(const std::string &name, const at::Tensor &t)
{
    const at::Tensor c = t.contiguous().cpu();
    TensorBlob b;
    b.name = name;
    b.dtype = dtypeOf(c.scalar_type());
    b.shape = c.sizes().vec();
    b.bytes.assign(static_cast<const char *>(c.data_ptr()), std::size_t(c.numel()) * c.element_size());
    return b;
}

at::ScalarType declaredDtype(const std::string &torchDtype)
{
    if (torchDtype == "float16")
        return at::kHalf;
    if (torchDtype == "bfloat16")
        return at::kBFloat16;
    return at::kFloat;
}

/// `rows` rows of `table`: cut, or extended with the mean row (computed in float32).
at::Tensor resizeRows(const at::Tensor &table, std::int64_t rows)
{
    const std::int64_t have = table.size(0);
    if (rows <= have)
        return table.slice(0, 0, rows).contiguous();
    const at::Tensor mean = table.to(at::kFloat).mean(0, /*keepdim=*/true).to(table.scalar_type());
    return at::cat({table, mean.expand({rows - have, table.size(1)})}, 0).contiguous();
}

/// The post-processor settings of convert_florence2_original_pytorch_to_hf.py.
json postProcessorConfig()
{
    json banned = json::array();
    for (const char *w :
         {"it", "I", "me", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "they", "them",
          "their", "theirs", "one", "oneself", "we", "us", "our", "ours", "you", "your", "yours", "they", "them",
          "their", "theirs", "mine", "yours", "his", "hers", "its", "ours", "yours", "theirs", "myself", "yourself",
          "himself", "herself", "itself", "ourselves", "yourselves", "themselves", "this", "that", "these", "those",
          "who", "whom", "whose", "which", "what", "who", "whom", "whose", "which", "that", "all", "another", "any",
          "anybody", "anyone", "anything", "each", "everybody", "everyone", "everything", "few", "many", "nobody",
          "none", "one", "several", "some", "somebody", "someone", "something", "each other", "one another", "myself",
          "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves", "the image", "image",
          "images", "the", "a", "an", "a group", "other objects", "lots", "a set"})
        banned.push_back(w);
    json c;
    c["ocr"] = {{"pattern", "(.+?)<loc_(\\d+)><loc_(\\d+)><loc_(\\d+)><loc_(\\d+)><loc_(\\d+)><loc_(\\d+)><loc_(\\d+)><loc_(\\d+)>"},
                {"area_threshold", 0.0}};
    c["phrase_grounding"] = {{"banned_grounding_tokens", banned}};
    for (const char *k : {"pure_text", "description_with_bboxes", "description_with_polygons", "polygons", "bboxes",
                          "description_with_bboxes_or_polygons"})
        c[k] = json::object();
    return c;
}

/// Generation fields of text_config that generation_config.json carries for the native layout.
json generationConfigFrom(const TextConfig &tc)
{
    json g;
    g["decoder_start_token_id"] = tc.decoderStartTokenId;
    g["bos_token_id"] = tc.bosTokenId;
    g["eos_token_id"] = tc.eosTokenId;
    g["pad_token_id"] = tc.padTokenId;
    g["forced_bos_token_id"] = tc.forcedBosTokenId >= 0 ? json(tc.forcedBosTokenId) : json(nullptr);
    g["forced_eos_token_id"] = tc.forcedEosTokenId >= 0 ? json(tc.forcedEosTokenId) : json(nullptr);
    g["num_beams"] = tc.numBeams;
    g["no_repeat_ngram_size"] = tc.noRepeatNgramSize;
    g["early_stopping"] = tc.earlyStopping;
    g["length_penalty"] = tc.lengthPenalty;
    g["min_length"] = tc.minLength;
    return g;
}

json addedTokenEntry(std::int64_t id, const std::string &content, bool special)
{
    return json{{"id", id},         {"content", content}, {"single_word", false}, {"lstrip", false},
                {"rstrip", false},  {"normalized", false}, {"special", special}};
}

} // namespace

ConversionReport convertCheckpoint(const std::string &inDirRaw, const std::string &outDirRaw, CheckpointLayout to)
{
    const std::string inDir = fs::path(inDirRaw).lexically_normal().string();
    const std::string outDir = fs::path(outDirRaw).lexically_normal().string();
    std::error_code ec;
    if (fs::exists(outDir, ec) && fs::equivalent(inDir, outDir, ec))
        throw Error(ErrorKind::BadInput, "convert-checkpoint: the output folder '" + outDirRaw + "' is the input folder");
    const ModelFolder folder = inspectModelFolder(inDirRaw);
    const FlorenceConfig cfg = loadFlorenceConfig(inDirRaw);
    const Tokenizer tokenizer = Tokenizer::fromModelDir(inDirRaw);
    const at::ScalarType dtype = declaredDtype(cfg.torchDtype);
    LoadedCheckpoint ckpt = loadCheckpoint(inDirRaw, cfg, dtype);

    ConversionReport report;
    report.from = ckpt.layout;
    report.to = to;
    if (ckpt.layout == to)
        throw Error(ErrorKind::BadInput, "convert-checkpoint: '" + inDirRaw + "' is already in the " + toString(to)
                                             + " layout");
    fs::create_directories(outDir, ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create the output folder '" + outDirRaw + "': " + ec.message());

    const std::int64_t V = cfg.text.vocabSize;
    const std::int64_t tokens = std::int64_t(tokenizer.size());
    report.vocabRowsIn = V;
    json config = readJson(folder.configPath);
    json textConfig = config.at("text_config");
    json vision = config.at("vision_config");
    const VisionConfig &vc = cfg.vision;
    std::vector<TensorBlob> blobs;
    std::int64_t rowsOut = V;
    std::int64_t imageId = -1;
    bool addImageToken = false;

    if (to == CheckpointLayout::Native) {
        imageId = tokenizer.tokenToId("<image>");
        std::int64_t withImage = tokens;
        if (imageId < 0) {
            imageId = tokens;
            withImage = tokens + 1;
            addImageToken = true;
        }
        rowsOut = paddedVocabSize(std::max<std::int64_t>(withImage, V));
        const at::Tensor bias = ckpt.tensors.at(kFinalLogitsBiasKey);
        const double maxBias = bias.abs().max().item<double>();
        if (maxBias != 0.0)
            report.log.push_back("warning: final_logits_bias is not zero (max |b| = " + std::to_string(maxBias)
                                 + "); the native layout has no such bias, so the converted model's outputs differ "
                                   "(the released microsoft checkpoints have it all zero)");
        const at::Tensor shared = resizeRows(ckpt.tensors.at(kSharedEmbeddingKey), rowsOut);
        const bool untied = !cfg.tieWordEmbeddings;
        for (const ParameterSpec &p : florenceParameters(cfg)) {
            if (p.name == kFinalLogitsBiasKey || p.name == kEncoderEmbedTokensKey || p.name == kDecoderEmbedTokensKey)
                continue;
            if (p.name == kLmHeadKey && !untied)
                continue; // tied: save_pretrained stores it once, as the shared embedding
            const auto key = nativeKeyFromRemote(p.name);
            if (!key)
                throw Error(ErrorKind::Internal, "no native name for '" + p.name + "'");
            at::Tensor t = ckpt.tensors.at(p.name);
            if (p.name == kSharedEmbeddingKey)
                t = shared;
            else if (p.name == kLmHeadKey)
                t = resizeRows(t, rowsOut);
            else if (transposedInNative(p.name))
                t = t.t().contiguous();
            blobs.push_back(blobOf(*key, t));
        }
        report.log.push_back("vocabulary rows " + std::to_string(V) + " -> " + std::to_string(rowsOut) + " ("
                             + std::to_string(tokens) + " tokens" + (addImageToken ? " + <image>" : "")
                             + ", padded to a multiple of 64 with the mean row)");

        // config.json
        json out = config;
        out.erase("auto_map");
        out.erase("projection_dim");
        out["model_type"] = "florence2";
        out["architectures"] = json::array({"Florence2ForConditionalGeneration"});
        out["image_token_id"] = imageId;
        out["is_encoder_decoder"] = true;
        out["tie_word_embeddings"] = cfg.tieWordEmbeddings;
        out["torch_dtype"] = cfg.torchDtype;
        textConfig["model_type"] = "bart";
        textConfig["vocab_size"] = rowsOut;
        textConfig["tie_word_embeddings"] = cfg.tieWordEmbeddings;
        out["text_config"] = textConfig;
        json nv;
        nv["model_type"] = "florence_vision";
        nv["embed_dim"] = vc.dimEmbed;
        nv["depths"] = vc.depths;
        nv["num_heads"] = vc.numHeads;
        nv["num_groups"] = vc.numGroups;
        nv["patch_size"] = vc.patchSize;
        nv["patch_stride"] = vc.patchStride;
        nv["patch_padding"] = vc.patchPadding;
        nv["patch_prenorm"] = vc.patchPrenorm;
        nv["window_size"] = vc.windowSize;
        nv["mlp_ratio"] = vc.mlpRatio;
        nv["projection_dim"] = vc.projectionDim;
        nv["max_position_embeddings"] = vc.imagePosEmbedMax;
        nv["max_temporal_embeddings"] = vc.temporalEmbedMax;
        for (const char *k : {"drop_path_rate", "qkv_bias", "in_channels", "activation_function"})
            if (vision.contains(k))
                nv[k] = vision.at(k);
        out["vision_config"] = nv;
        writeJson(outDir + "/config.json", out, report);
        writeJson(outDir + "/generation_config.json", generationConfigFrom(cfg.text), report);
        json proc;
        proc["processor_class"] = "Florence2Processor";
        proc["num_additional_image_tokens"] = 0;
        proc["post_processor_config"] = postProcessorConfig();
        writeJson(outDir + "/processor_config.json", proc, report);
    } else {
        std::int64_t image = cfg.imageTokenId >= 0 ? cfg.imageTokenId : tokenizer.tokenToId("<image>");
        rowsOut = tokens;
        if (image >= 0 && image == tokens - 1)
            rowsOut = image; // <image> was the last token: drop it with the padding
        if (rowsOut > V)
            throw Error(ErrorKind::ModelFormat, "'" + folder.configPath + "': text_config.vocab_size " + std::to_string(V)
                                                    + " is smaller than the tokenizer's " + std::to_string(tokens)
                                                    + " tokens");
        imageId = image;
        for (const ParameterSpec &p : florenceParameters(cfg)) {
            if (p.name == kEncoderEmbedTokensKey || p.name == kDecoderEmbedTokensKey)
                continue;
            at::Tensor t;
            if (p.name == kFinalLogitsBiasKey)
                t = at::zeros({1, rowsOut}, dtype);
            else if (p.name == kSharedEmbeddingKey || p.name == kLmHeadKey)
                t = resizeRows(ckpt.tensors.at(p.name), rowsOut);
            else
                t = ckpt.tensors.at(p.name);
            blobs.push_back(blobOf(p.name, t));
        }
        report.log.push_back("vocabulary rows " + std::to_string(V) + " -> " + std::to_string(rowsOut)
                             + (rowsOut < tokens ? " (<image> and the padding dropped)" : " (padding dropped)")
                             + "; final_logits_bias written as zeros");
        json out = config;
        out.erase("image_token_id");
        out["model_type"] = "florence2";
        out["architectures"] = json::array({"Florence2ForConditionalGeneration"});
        out["auto_map"] = {{"AutoConfig", "microsoft/Florence-2-base--configuration_florence2.Florence2Config"},
                           {"AutoModelForCausalLM", "microsoft/Florence-2-base--modeling_florence2.Florence2ForConditionalGeneration"}};
        out["projection_dim"] = vc.projectionDim;
        out["is_encoder_decoder"] = true;
        out["torch_dtype"] = cfg.torchDtype;
        out.erase("tie_word_embeddings");
        textConfig["model_type"] = "florence2_language";
        textConfig["vocab_size"] = rowsOut;
        textConfig["tie_word_embeddings"] = cfg.tieWordEmbeddings;
        // The remote code generates with text_config's settings: carry the effective ones over.
        const json gen = generationConfigFrom(cfg.text);
        for (auto it = gen.begin(); it != gen.end(); ++it)
            textConfig[it.key()] = it.value();
        out["text_config"] = textConfig;
        json rv;
        rv["model_type"] = "davit";
        rv["dim_embed"] = vc.dimEmbed;
        rv["depths"] = vc.depths;
        rv["num_heads"] = vc.numHeads;
        rv["num_groups"] = vc.numGroups;
        rv["patch_size"] = vc.patchSize;
        rv["patch_stride"] = vc.patchStride;
        rv["patch_padding"] = vc.patchPadding;
        rv["patch_prenorm"] = vc.patchPrenorm;
        rv["window_size"] = vc.windowSize;
        rv["projection_dim"] = vc.projectionDim;
        rv["image_pos_embed"] = {{"type", "learned_abs_2d"}, {"max_pos_embeddings", vc.imagePosEmbedMax}};
        rv["visual_temporal_embedding"] = {{"type", "COSINE"}, {"max_temporal_embeddings", vc.temporalEmbedMax}};
        rv["image_feature_source"] = vc.imageFeatureSource;
        if (vision.contains("drop_path_rate"))
            rv["drop_path_rate"] = vision.at("drop_path_rate");
        out["vision_config"] = rv;
        writeJson(outDir + "/config.json", out, report);
        if (isRegularFile(inDir + "/generation_config.json"))
            writeJson(outDir + "/generation_config.json", readJson(inDir + "/generation_config.json"), report);
    }
    report.vocabRowsOut = rowsOut;
    report.imageTokenId = int(imageId);

    // preprocessor_config.json: the image processor settings are the same in both layouts.
    json pre = readJson(folder.preprocessorConfigPath);
    if (!pre.is_object())
        throw Error(ErrorKind::ModelFormat, "'" + folder.preprocessorConfigPath + "' is not a JSON object");
    if (const json *n = JsonFieldReader::optional(pre, "image_seq_length"); !n || !n->is_number_integer())
        pre["image_seq_length"] = 577;
    pre["processor_class"] = "Florence2Processor";
    if (to == CheckpointLayout::Native)
        pre.erase("auto_map");
    else
        pre["auto_map"] = {{"AutoProcessor", "microsoft/Florence-2-base--processing_florence2.Florence2Processor"}};
    writeJson(outDir + "/preprocessor_config.json", pre, report);

    // Tokenizer: tokenizer.json with every added token written out (so the file alone has the
    // Florence tokens at their ids), <image> added or removed; other tokenizer files copied.
    if (!folder.tokenizerJsonPath.empty()) {
        json tok = readJson(folder.tokenizerJsonPath);
        json added = json::array();
        const std::int64_t base = tok.contains("model") && tok["model"].contains("vocab") ? std::int64_t(tok["model"]["vocab"].size()) : 0;
        if (tok.contains("added_tokens") && tok["added_tokens"].is_array())
            for (const json &e : tok["added_tokens"])
                if (e.contains("id") && e["id"].is_number_integer() && e["id"].get<std::int64_t>() < base)
                    added.push_back(e);
        std::int64_t last = tokens;
        if (to == CheckpointLayout::Remote && imageId >= 0 && imageId == tokens - 1)
            last = tokens - 1;
        for (std::int64_t id = base; id < last; ++id)
            added.push_back(addedTokenEntry(id, tokenizer.idsToTokens({id}).front(), tokenizer.isSpecial(id)));
        if (addImageToken)
            added.push_back(addedTokenEntry(imageId, "<image>", true));
        tok["added_tokens"] = added;
        writeJson(outDir + "/tokenizer.json", tok, report);
    }
    for (const char *f : {"vocab.json", "merges.txt", "special_tokens_map.json", "added_tokens.json"}) {
        const std::string src = inDir + "/" + f;
        if (isRegularFile(src)) {
            writeFileAtomic(outDir + "/" + f, readTextFile(src));
            report.files.push_back(f);
        }
    }
    if (isRegularFile(inDir + "/tokenizer_config.json")) {
        json tc = readJson(inDir + "/tokenizer_config.json");
        if (to == CheckpointLayout::Native)
            tc["extra_special_tokens"] = {{"image_token", "<image>"}};
        else
            tc.erase("extra_special_tokens");
        writeJson(outDir + "/tokenizer_config.json", tc, report);
    }

    // Weights last: a folder is loadable only once everything else is in place.
    for (const char *stale : {"model.safetensors.index.json", "pytorch_model.bin"})
        fs::remove(outDir + "/" + std::string(stale), ec);
    writeFileAtomic(outDir + "/model.safetensors", writeSafetensors(blobs, {{"format", "pt"}}));
    report.files.push_back("model.safetensors");
    report.log.push_back(std::string("converted '") + inDirRaw + "' (" + toString(report.from) + ") to '" + outDirRaw
                         + "' (" + toString(to) + "), " + std::to_string(blobs.size()) + " tensors");
    return report;
}

} // namespace florence::io
