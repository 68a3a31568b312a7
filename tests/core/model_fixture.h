#pragma once
// Shared helpers of the model and generation tests: the reference fixtures (manifest, tensors,
// tiny models) as libtorch objects, loaded with core/io/checkpoint.h.

#include "io/checkpoint.h"
#include "io/safetensors.h"
#include "model/config.h"
#include "model/florence2.h"
#include "model/parameters.h"
#include "fixture_data.h"
#include "image/decode.h"
#include "model_variants.h"
#include "pipeline.h"

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QTemporaryDir>

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>

namespace florence::test {

/// manifest.json, parsed once.
inline const nlohmann::json &manifest()
{
    static const nlohmann::json m = [] {
        std::ifstream in(fixturePath("manifest.json"));
        return nlohmann::json::parse(in);
    }();
    return m;
}

/// Copies one safetensors tensor into an at::Tensor of the same dtype.
inline at::Tensor tensorFrom(const io::SafetensorsFile &f, const std::string &name)
{
    const io::TensorInfo &info = f.info(name);
    at::ScalarType t = at::kFloat;
    switch (info.dtype) {
    case io::DType::F32: t = at::kFloat; break;
    case io::DType::F16: t = at::kHalf; break;
    case io::DType::BF16: t = at::kBFloat16; break;
    case io::DType::F64: t = at::kDouble; break;
    case io::DType::I64: t = at::kLong; break;
    case io::DType::I32: t = at::kInt; break;
    case io::DType::U8: t = at::kByte; break;
    case io::DType::I8: t = at::kChar; break;
    case io::DType::Bool: t = at::kBool; break;
    }
    at::Tensor out = at::empty(info.shape, t);
    std::memcpy(out.data_ptr(), f.data(name), info.end - info.begin);
    return out;
}

/// "tensors/FILE.safetensors:NAME" -> tensor.
inline at::Tensor tensorRef(const std::string &ref)
{
    static std::map<std::string, std::unique_ptr<io::SafetensorsFile>> files;
    const auto colon = ref.find(':');
    const std::string file = ref.substr(0, colon);
    auto &f = files[file];
    if (!f)
        f = std::make_unique<io::SafetensorsFile>(fixturePath(file));
    return tensorFrom(*f, ref.substr(colon + 1));
}

/// The fixture state dict of a model folder (model/ or model_bin/), float32, tied keys filled in.
inline StateDict loadFixtureStateDict(const std::string &modelDir)
{
    return io::loadCheckpoint(fixturePath(modelDir), loadFlorenceConfig(fixturePath(modelDir)), at::kFloat).tensors;
}

/// manifest.pixel_values_derivation: float32(double(u8) * (1/255)), (x - mean) / std in float32,
/// HWC -> CHW, batch dim -> (1, 3, H, W).
inline at::Tensor pixelValuesFrom(const std::string &resizedRef)
{
    const at::Tensor u8 = tensorRef(resizedRef).contiguous(); // (H, W, 3) uint8
    const auto &d = manifest()["pixel_values_derivation"];
    const std::int64_t H = u8.size(0), W = u8.size(1);
    at::Tensor pv = at::empty({1, 3, H, W}, at::kFloat);
    const std::uint8_t *src = u8.data_ptr<std::uint8_t>();
    float *dst = pv.data_ptr<float>();
    for (int c = 0; c < 3; ++c) {
        const float mean = float(d["image_mean"][c].get<double>());
        const float stdv = float(d["image_std"][c].get<double>());
        for (std::int64_t i = 0; i < H * W; ++i) {
            const float x = float(double(src[i * 3 + c]) * (1.0 / 255.0));
            dst[c * H * W + i] = (x - mean) / stdv;
        }
    }
    return pv;
}

/// config.json of a fixture model folder.
inline FlorenceConfig fixtureConfig(const std::string &modelDir)
{
    return loadFlorenceConfig(fixturePath(modelDir));
}

/// The fixture model (model/, model_bin/, or model_eos/ derived from model/ with
/// final_logits_bias[0, eos] += manifest.model_eos.eos_bias_added), built once per name and run options.
inline const Florence2Model &fixtureModel(const std::string &name, RunOptions run = {})
{
    static std::map<std::string, std::unique_ptr<Florence2Model>> models;
    auto &m = models[name + "|" + c10::toString(run.dtype) + "|" + run.device.str()];
    if (!m) {
        StateDict sd = loadFixtureStateDict(name == "model_bin" ? "model_bin" : "model");
        if (name == "model_eos") {
            at::Tensor bias = sd.at("language_model.final_logits_bias").clone();
            const int eos = fixtureConfig("model").text.eosTokenId;
            bias[0][eos] += manifest()["model_eos"]["eos_bias_added"].get<double>();
            sd["language_model.final_logits_bias"] = bias;
        }
        m = std::make_unique<Florence2Model>(fixtureConfig(name == "model_bin" ? "model_bin" : "model"), sd, run);
    }
    return *m;
}

/// A random state dict for `cfg` (weights N(0, 0.02), LayerNorm weights 1 + N(0, 0.02), biases
/// N(0, 0.01)); tied keys share `shared`.
inline StateDict randomStateDict(const FlorenceConfig &cfg, std::uint64_t seed)
{
    at::manual_seed(seed);
    StateDict sd;
    const std::vector<ParameterSpec> specs = florenceParameters(cfg);
    for (const ParameterSpec &p : specs) {
        if (!p.tiedTo.empty())
            continue;
        const bool norm = p.role == ParamRole::NormWeight;
        const bool bias = p.role == ParamRole::Bias || p.role == ParamRole::NormBias || p.role == ParamRole::LogitsBias;
        sd[p.name] = at::empty(p.shape).normal_(norm ? 1.0 : 0.0, bias ? 0.01 : 0.02);
    }
    for (const ParameterSpec &p : specs)
        if (!p.tiedTo.empty())
            sd[p.name] = sd.at(p.tiedTo);
    return sd;
}

/// A Pipeline on a fixture model folder: "model", "model_bin", or "model_eos" (written once into a
/// temporary folder by writeEosModel(), so it goes through the real loader). Built once per name
/// and options.
inline Pipeline &fixturePipeline(const std::string &name, const PipelineOptions &options = {})
{
    static std::map<std::string, std::unique_ptr<Pipeline>> pipelines;
    static QTemporaryDir eosDir;
    auto &p = pipelines[name + "|" + toString(options.device) + "|" + toString(options.precision)];
    if (!p) {
        if (name == "model_eos" && !QFileInfo::exists(eosDir.filePath("model.safetensors")))
            writeEosModel(eosDir.path());
        p = std::make_unique<Pipeline>(name == "model_eos" ? eosDir.path().toStdString() : fixturePath(name), options);
    }
    return *p;
}

/// The decoded image file of a fixture case (decoded once per file).
inline const RgbImage &fixtureImage(const nlohmann::json &kase)
{
    static std::map<int, RgbImage> images;
    const int index = kase["image_index"].get<int>();
    auto it = images.find(index);
    if (it == images.end())
        it = images.emplace(index, decodeImageFile(fixturePath(manifest()["images"][index]["file"].get<std::string>())))
                 .first;
    return it->second;
}

/// The request of a fixture case: its task and text input as the reference's processor took them
/// (an empty input of a text task is sent as the reference sends it, hence force), beams and
/// max_new_tokens.
inline RunRequest fixtureRequest(const nlohmann::json &kase, int beams)
{
    RunRequest r;
    r.task = *taskFromToken(kase["task"].get<std::string>());
    if (kase["text_input"].is_string())
        r.text = kase["text_input"].get<std::string>();
    r.force = true;
    r.numBeams = beams;
    r.maxNewTokens = kase["generate"]["num_beams=" + std::to_string(beams)]["generate_kwargs"]["max_new_tokens"].get<int>();
    return r;
}

} // namespace florence::test
