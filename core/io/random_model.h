#pragma once
// Writes complete Hugging Face-layout Florence-2 model folders with seeded random weights at the
// real sizes (base, large) or the fixtures' tiny size: for load-time and memory measurements and
// for tests that need a real-sized model without downloading one. Torch-free.

#include "io/model_folder.h"
#include "io/safetensors.h"

#include <cstdint>
#include <string>

namespace florence::io {

/// What writeRandomModel() writes.
struct RandomModelOptions
{
    std::string like = "base";     ///< size preset: "tiny" (the fixtures' model), "base" or "large"
    std::string configJson;        ///< full config.json text to use instead of the preset (optional)
    std::uint64_t seed = 0;        ///< same seed, same config -> byte-identical model.safetensors
    DType dtype = DType::F32;      ///< F32, F16 or BF16 weights
    /// Safetensors: model.safetensors (the fixtures' layout); PytorchBin: pytorch_model.bin in the
    /// torch.save zip format of the microsoft checkpoints. ShardedSafetensors is refused.
    WeightsFormat format = WeightsFormat::Safetensors;
    std::string tokenizerFrom;     ///< folder holding tokenizer.json and tokenizer_config.json to copy
};

/// Summary of a written model.
struct RandomModelInfo
{
    std::int64_t parameters = 0;   ///< elements written (a storage shared by tied keys counts once)
    std::uint64_t fileBytes = 0;   ///< size of the weights file in bytes
    int tensors = 0;               ///< state-dict keys in the weights file
};

/// config.json text of a preset ("tiny", "base", "large"), in the real checkpoints' structure
/// (/work/ref/config_large.json) with the preset's sizes; `torch_dtype` follows `dtype`.
/// Throws Error(BadInput) naming the preset when it is unknown.
std::string presetConfigJson(const std::string &like, DType dtype = DType::F32);

/// Writes `outDir` (created when missing): config.json, preprocessor_config.json,
/// generation_config.json, the tokenizer files copied from `opts.tokenizerFrom` (tokenizer.json and
/// tokenizer_config.json required; vocab.json, merges.txt, special_tokens_map.json, added_tokens.json
/// copied when present) and the weights:
///  - model.safetensors: every key of florenceParameters() except the encoder/decoder `embed_tokens`
///    (tied to `shared`, as in the fixtures); `lm_head` is stored with the values of `shared`;
///  - pytorch_model.bin: every key, the four tied embedding keys sharing one storage (like the
///    microsoft checkpoints); same values as the safetensors file for the same seed and dtype.
/// A weights file of the other format in `outDir` is removed. Values: Linear/Conv2d weights and
/// embeddings N(0, 0.02), biases N(0, 0.01), LayerNorm weights 1 + N(0, 0.02), LayerNorm biases
/// N(0, 0.01), final_logits_bias 0, the temporal cosine table exact. Weights are written tensor by
/// tensor (memory stays at one tensor); every file is replaced atomically.
/// Throws Error(BadInput) for an unknown preset, dtype or format, or missing tokenizer files (naming
/// the folder and file); Error(ModelFormat) for a bad `configJson` (naming the field); Error(Io)
/// when a file cannot be written.
RandomModelInfo writeRandomModel(const std::string &outDir, const RandomModelOptions &opts);

} // namespace florence::io
