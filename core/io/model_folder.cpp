#include "io/model_folder.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace florence::io {

namespace fs = std::filesystem;
using nlohmann::json;

const char *toString(WeightsFormat format)
{
    switch (format) {
    case WeightsFormat::Safetensors: return "safetensors";
    case WeightsFormat::ShardedSafetensors: return "sharded safetensors";
    case WeightsFormat::PytorchBin: return "pytorch_model.bin";
    }
    return "?";
}

namespace {

[[noreturn]] void fail(const std::string &message)
{
    throw Error(ErrorKind::ModelFormat, message);
}

json parseJsonFile(const std::string &path)
{
    return JsonFieldReader("model file", path, ErrorKind::ModelFormat).parse(readTextFile(path));
}

std::string lowerCase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

/// Reads model_type, torch_dtype and the variant hints from config.json.
void readConfig(ModelFolder &m)
{
    const json config = parseJsonFile(m.configPath);
    if (!config.is_object())
        fail("model file '" + m.configPath + "': expected a JSON object, got " + config.type_name());
    if (!config.contains("model_type") || !config.at("model_type").is_string())
        fail("model file '" + m.configPath + "' has no model_type; expected \"florence2\" (is '" + m.dir
             + "' a Florence-2 model folder?)");
    m.modelType = config.at("model_type").get<std::string>();
    if (m.modelType != "florence2")
        fail("model folder '" + m.dir + "' holds a '" + m.modelType + "' model (" + m.configPath
             + ": model_type), expected \"florence2\"");
    if (config.contains("torch_dtype") && config.at("torch_dtype").is_string())
        m.torchDtype = config.at("torch_dtype").get<std::string>();

    int dModel = 0;
    if (config.contains("text_config") && config.at("text_config").is_object()) {
        const json &text = config.at("text_config");
        if (text.contains("d_model") && text.at("d_model").is_number_integer())
            dModel = text.at("d_model").get<int>();
    }
    std::string names = lowerCase(fs::path(m.dir).filename().string());
    if (config.contains("_name_or_path") && config.at("_name_or_path").is_string())
        names += " " + lowerCase(config.at("_name_or_path").get<std::string>());
    if (dModel == 0) // no text_config.d_model: fall back to the names
        dModel = names.find("large") != std::string::npos ? 1024 : names.find("base") != std::string::npos ? 768 : 0;
    m.variant = dModel == 768 ? "base" : dModel == 1024 ? "large" : "custom";
    if (m.variant != "custom" && names.find("-ft") != std::string::npos)
        m.variant += "-ft";
}

/// Fills weightFiles from model.safetensors.index.json (its weight_map values, deduplicated).
void readShardIndex(ModelFolder &m)
{
    const json index = parseJsonFile(m.weightsIndexPath);
    if (!index.is_object() || !index.contains("weight_map") || !index.at("weight_map").is_object())
        fail("model file '" + m.weightsIndexPath + "': expected an object with a \"weight_map\" object");
    std::set<std::string> shards;
    for (const auto &entry : index.at("weight_map").items()) {
        if (!entry.value().is_string())
            fail("model file '" + m.weightsIndexPath + "', weight_map['" + entry.key() + "']: expected a file name, got "
                 + entry.value().dump());
        const std::string shard = entry.value().get<std::string>();
        if (shard.empty() || shard.find('/') != std::string::npos || shard == "..")
            fail("model file '" + m.weightsIndexPath + "', weight_map['" + entry.key() + "']: '" + shard
                 + "' is not a file name inside the folder");
        shards.insert(shard);
    }
    if (shards.empty())
        fail("model file '" + m.weightsIndexPath + "': weight_map is empty");
    std::string missing;
    for (const std::string &shard : shards) {
        const std::string path = m.dir + "/" + shard;
        if (!isRegularFile(path))
            missing += (missing.empty() ? "" : ", ") + shard;
        m.weightFiles.push_back(path);
    }
    if (!missing.empty())
        fail("model folder '" + m.dir + "': shards named in model.safetensors.index.json are missing: " + missing);
}

} // namespace

ModelFolder inspectModelFolder(const std::string &dirIn)
{
    std::string dir = dirIn;
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    if (dir.empty())
        fail("no model folder given");
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (ec || !fs::exists(status))
        fail("model folder '" + dir + "' does not exist");
    if (!fs::is_directory(status))
        fail("'" + dir + "' is not a folder; a Florence-2 model folder holds config.json, preprocessor_config.json, "
             "tokenizer.json and model.safetensors or pytorch_model.bin");

    ModelFolder m;
    m.dir = dir;
    auto file = [&](const char *name) -> std::string {
        const std::string path = dir + "/" + name;
        return isRegularFile(path) ? path : std::string();
    };
    m.configPath = file("config.json");
    m.preprocessorConfigPath = file("preprocessor_config.json");
    m.tokenizerJsonPath = file("tokenizer.json");
    m.vocabPath = file("vocab.json");
    m.mergesPath = file("merges.txt");
    const std::string safetensors = file("model.safetensors");
    const std::string index = file("model.safetensors.index.json");
    const std::string bin = file("pytorch_model.bin");

    std::vector<std::string> missing;
    if (m.configPath.empty())
        missing.push_back("config.json");
    if (m.preprocessorConfigPath.empty())
        missing.push_back("preprocessor_config.json");
    if (m.tokenizerJsonPath.empty() && (m.vocabPath.empty() || m.mergesPath.empty())) {
        if (!m.vocabPath.empty())
            missing.push_back("merges.txt (vocab.json is there; or tokenizer.json)");
        else if (!m.mergesPath.empty())
            missing.push_back("vocab.json (merges.txt is there; or tokenizer.json)");
        else
            missing.push_back("the tokenizer (tokenizer.json, or vocab.json + merges.txt)");
    }
    if (safetensors.empty() && index.empty() && bin.empty())
        missing.push_back("the weights (model.safetensors, model.safetensors.index.json + shards, or pytorch_model.bin)");
    if (!missing.empty()) {
        std::string list;
        for (const std::string &s : missing)
            list += (list.empty() ? "" : "; ") + s;
        const bool empty = fs::is_empty(dir, ec);
        fail("model folder '" + dir + "' " + (empty ? "is empty" : "is incomplete") + ": missing " + list);
    }

    readConfig(m);
    if (!safetensors.empty()) {
        m.weightsFormat = WeightsFormat::Safetensors;
        m.weightFiles = {safetensors};
    } else if (!index.empty()) {
        m.weightsFormat = WeightsFormat::ShardedSafetensors;
        m.weightsIndexPath = index;
        readShardIndex(m);
    } else {
        m.weightsFormat = WeightsFormat::PytorchBin;
        m.weightFiles = {bin};
    }
    return m;
}

} // namespace florence::io
