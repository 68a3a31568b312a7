#pragma once
// Converting a Florence-2 model folder between the microsoft remote-code layout and the
// transformers-native layout (florence-community), both directions, with the mapping of
// transformers' convert_florence2_original_pytorch_to_hf.py: weights (keys renamed,
// image_projection transposed, vocabulary + <image> padded to a multiple of 64 or trimmed back,
// final_logits_bias dropped or zero-filled), config.json, generation_config.json, the processor
// files and the tokenizer (the <image> token added or removed). Torch-free header.

#include "io/checkpoint_layout.h"

#include <string>
#include <vector>

namespace florence::io {

struct ConversionReport
{
    CheckpointLayout from = CheckpointLayout::Remote;
    CheckpointLayout to = CheckpointLayout::Native;
    long long vocabRowsIn = 0;       ///< rows of the embedding in the input
    long long vocabRowsOut = 0;      ///< rows written
    int imageTokenId = -1;           ///< the <image> id (native side)
    std::vector<std::string> files;  ///< files written into the output folder
    std::vector<std::string> log;    ///< what was done, one line each (warnings start with "warning:")
};

/// Converts `inDir` (either layout, detected) into `outDir` in layout `to`. The output folder is
/// created; files are written atomically (temporary file + rename), weights last, so an
/// interrupted conversion never leaves a loadable half-written model.safetensors. Weights keep
/// the declared torch_dtype (float16/bfloat16/float32).
///
/// Remote -> native: keys renamed; image_projection transposed; vocabulary rows = tokenizer tokens
/// + <image>, padded to a multiple of 64 with the mean embedding row; final_logits_bias dropped
/// (a warning when it is not all zeros: the native model has none, so outputs will differ);
/// tokenizer.json gets every added token explicitly plus <image>; config.json rewritten
/// (model_type florence2, vision_config.embed_dim, image_token_id, text_config.vocab_size);
/// generation_config.json holds the effective generation settings (text_config's);
/// processor_config.json and preprocessor_config.json written.
/// Native -> remote: the inverse; rows beyond the tokenizer (and <image> when it is the last
/// token) are dropped; final_logits_bias is written as zeros.
///
/// Throws Error(BadInput) when `inDir` already has layout `to` or `outDir` equals `inDir`;
/// Error(ModelFormat)/Error(Io) from loading or writing, naming the file.
ConversionReport convertCheckpoint(const std::string &inDir, const std::string &outDir, CheckpointLayout to);

} // namespace florence::io
