#pragma once
// Helpers of the checkpoint-variant tests: copies of the tiny fixture model with edited weights
// and config, written into temporary folders so that they go through the real loaders.

#include "common/file_io.h"
#include "fixture_data.h"
#include "io/safetensors.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace florence::test {

/// The tensors of a safetensors file as editable blobs, by name.
inline std::map<std::string, io::TensorBlob> readBlobs(const std::string &path)
{
    io::SafetensorsFile f(path);
    std::map<std::string, io::TensorBlob> out;
    for (const std::string &name : f.names()) {
        const io::TensorInfo &info = f.info(name);
        out[name] = io::TensorBlob{name, info.dtype, info.shape,
                                   std::string(reinterpret_cast<const char *>(f.data(name)), info.end - info.begin)};
    }
    return out;
}

inline void writeBlobs(const std::string &path, const std::map<std::string, io::TensorBlob> &blobs)
{
    std::vector<io::TensorBlob> list;
    for (const auto &kv : blobs)
        list.push_back(kv.second);
    writeFileAtomic(path, io::writeSafetensors(list, {{"format", "pt"}}));
}

inline float *floats(io::TensorBlob &b)
{
    return reinterpret_cast<float *>(b.bytes.data());
}

/// Copies every file of fixtures/model except model.safetensors into `dir`.
inline void copyFixtureFiles(const QString &dir)
{
    QDir().mkpath(dir);
    const std::string src = fixturePath("model/");
    for (const char *f : {"config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                          "tokenizer_config.json"}) {
        QFile::remove(dir + "/" + f);
        if (!QFile::copy(qs(src + f), dir + "/" + f))
            throw std::runtime_error("cannot copy fixture file " + std::string(f));
    }
}

/// fixtures/model with final_logits_bias all zero (as in the released microsoft checkpoints).
inline void writeZeroBiasModel(const QString &dir)
{
    copyFixtureFiles(dir);
    auto blobs = readBlobs(fixturePath("model/model.safetensors"));
    io::TensorBlob &bias = blobs.at("language_model.final_logits_bias");
    std::fill(floats(bias), floats(bias) + bias.bytes.size() / sizeof(float), 0.0f);
    writeBlobs((dir + "/model.safetensors").toStdString(), blobs);
}

inline nlohmann::json readJsonFile(const std::string &path)
{
    return nlohmann::json::parse(readTextFile(path));
}

inline void writeJsonFile(const std::string &path, const nlohmann::json &j)
{
    writeFileAtomic(path, j.dump(2));
}

} // namespace florence::test
