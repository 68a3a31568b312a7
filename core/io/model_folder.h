#pragma once
// Checking a Florence-2 model folder (Hugging Face layout) before anything is loaded: which files
// are there, which weights format, which variant, and a clear message for what is missing.

#include <string>
#include <vector>

namespace florence::io {

/// How the checkpoint is stored.
enum class WeightsFormat {
    Safetensors,        ///< model.safetensors
    ShardedSafetensors, ///< model.safetensors.index.json + the shards its weight_map names
    PytorchBin,         ///< pytorch_model.bin (torch.save zip archive; the format of microsoft/Florence-2-*)
};

/// Name of a weights format ("safetensors", "sharded safetensors", "pytorch_model.bin").
const char *toString(WeightsFormat format);

/// What a model folder holds. Paths are absolute or as given (folder + "/" + file name);
/// optional files that are absent are empty strings.
struct ModelFolder
{
    std::string dir;                    ///< the folder as given, without trailing '/'
    std::string configPath;             ///< config.json
    std::string preprocessorConfigPath; ///< preprocessor_config.json
    std::string tokenizerJsonPath;      ///< tokenizer.json, or empty
    std::string vocabPath;              ///< vocab.json, or empty
    std::string mergesPath;             ///< merges.txt, or empty
    WeightsFormat weightsFormat = WeightsFormat::Safetensors;
    std::string weightsIndexPath;         ///< model.safetensors.index.json when sharded, else empty
    std::vector<std::string> weightFiles; ///< the file(s) holding tensors (shards sorted by name)
    std::string modelType;   ///< config.json model_type (always "florence2" when inspection succeeds)
    std::string torchDtype;  ///< config.json torch_dtype as declared ("float16", "float32", ...), or empty
    /// Best guess of the checkpoint: "base", "large", "base-ft", "large-ft" (from text_config.d_model
    /// 768 / 1024, or "base"/"large" in the folder name or _name_or_path when d_model is absent, and
    /// "-ft" in those names), or "custom" for other sizes.
    std::string variant;
};

/// Inspects `dir`. Preferred weights when several are present: model.safetensors, then the sharded
/// index, then pytorch_model.bin. A tokenizer is tokenizer.json, or vocab.json + merges.txt.
///
/// Throws Error(ModelFormat) naming the folder when it does not exist, is not a folder, or lacks
/// config.json, preprocessor_config.json, a tokenizer or weights (every missing piece is listed in
/// one message); naming the file when config.json is not JSON or its model_type is not "florence2",
/// or when the shard index is malformed or names shards that are absent. Error(Io) when a file
/// cannot be read.
ModelFolder inspectModelFolder(const std::string &dir);

} // namespace florence::io
