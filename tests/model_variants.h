#pragma once
// Model folders derived from the tiny fixture model by changing language_model.final_logits_bias,
// written to a temporary folder so that they go through the real loader:
//   model_eos  EOS (id 2) += 524.0: sequences end early (manifest.model_eos)
//   model_loc  every <loc_N> (ids 50269..51268) += 80.0: answers full of loc tokens, so the
//              random model produces boxes, quads and polygons (the plain one never does).

#include "common/file_io.h"
#include "fixture_data.h"
#include "io/safetensors.h"

#include <QDir>
#include <QFile>

#include <functional>
#include <string>

namespace florence::test {

/// Bias added to every <loc_N> token by writeLocModel().
constexpr float kLocBias = 80.0f;

/// Writes a copy of fixtures/model into `dir` whose final_logits_bias is changed by `edit`
/// (called with the bias values, float32, vocab_size entries).
inline void writeModelWithBias(const QString &dir, const std::function<void(float *bias, std::size_t n)> &edit)
{
    QDir().mkpath(dir);
    const std::string src = fixturePath("model/");
    for (const char *f : {"config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json"}) {
        QFile::remove(dir + "/" + f);
        if (!QFile::copy(qs(src + f), dir + "/" + f))
            throw std::runtime_error("cannot copy fixture file " + std::string(f));
    }
    io::SafetensorsFile file(src + "model.safetensors");
    std::vector<io::TensorBlob> blobs;
    for (const std::string &name : file.names()) {
        const io::TensorInfo &info = file.info(name);
        io::TensorBlob b{name, info.dtype, info.shape,
                         std::string(reinterpret_cast<const char *>(file.data(name)), info.end - info.begin)};
        if (name == "language_model.final_logits_bias")
            edit(reinterpret_cast<float *>(b.bytes.data()), b.bytes.size() / sizeof(float));
        blobs.push_back(std::move(b));
    }
    writeFileAtomic((dir + "/model.safetensors").toStdString(), io::writeSafetensors(blobs, file.metadata()));
}

/// model_eos of the fixtures README.
inline void writeEosModel(const QString &dir)
{
    const float added = fixtureJson("manifest.json").at("model_eos").at("eos_bias_added").get<float>();
    writeModelWithBias(dir, [&](float *bias, std::size_t) { bias[2] += added; });
}

/// A model whose answers are full of <loc_N> tokens (see the file comment).
inline void writeLocModel(const QString &dir)
{
    writeModelWithBias(dir, [](float *bias, std::size_t n) {
        for (std::size_t i = 50269; i < 51269 && i < n; ++i)
            bias[i] += kLocBias;
    });
}

} // namespace florence::test
