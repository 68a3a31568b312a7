#pragma once
// INTERNAL header (includes ATen): loads a Florence-2 checkpoint folder into libtorch tensors with
// strict validation against the state-dict layout of core/model/parameters.h. Used by core/model
// and core/pipeline only; ui/ and public headers never include it.

#include "io/checkpoint_layout.h"
#include "model/config.h"

#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace florence::io {

/// The tensors of one checkpoint, keyed by their original state-dict names.
struct LoadedCheckpoint
{
    /// Every key of florenceParameters(cfg), in `runDtype`, on the CPU. Tied keys
    /// (encoder/decoder embed_tokens, lm_head) hold the very same tensor as `shared`.
    /// Tensors whose file dtype already equals `runDtype` alias the memory-mapped file
    /// (private copy-on-write mapping, kept alive by the tensors): treat weights as read-only.
    /// Converted tensors share one allocation, freed with the last of them.
    std::unordered_map<std::string, at::Tensor> tensors;
    /// What the loader did beyond a plain read: files, conversions, ties, filled-in buffers,
    /// dropped keys. One human-readable line each.
    std::vector<std::string> log;
    /// "safetensors" (model.safetensors or a sharded model.safetensors.index.json) or "pytorch_model.bin".
    std::string format;
    /// Layout of the stored keys (native keys are renamed to the remote names above).
    CheckpointLayout layout = CheckpointLayout::Remote;
};

/// Loads the weights of `modelDir`: model.safetensors, else model.safetensors.index.json (shards in
/// the same folder), else pytorch_model.bin (the torch.save zip format of the microsoft checkpoints).
/// F32/F16/BF16 (and F64) tensors are converted to `runDtype` (at::kFloat, at::kHalf or at::kBFloat16).
///
/// The file must hold exactly the keys of florenceParameters(cfg) with their shapes, except:
///  - encoder/decoder `embed_tokens` and `lm_head` may be absent: they are tied to `shared` (the
///    reference ties them; lm_head being absent is logged). When several of the four tied keys are
///    stored, the reference keeps the last one it loads (lm_head, then decoder, encoder, shared);
///    so does this loader, and it logs when the stored copies differ;
///  - `language_model.final_logits_bias` may be absent: zeros, logged (reference: _keys_to_ignore_on_load_missing);
///  - `visual_temporal_embed.pos_idx_to_embed` may be absent: recomputed like PositionalEmbeddingCosine1D, logged;
///  - `vision_tower.norms.*`, `vision_tower.head.*` (modules the reference deletes) and
///    `*.encoder.version`/`*.decoder.version` (_keys_to_ignore_on_load_unexpected) are dropped, logged.
///
/// Either layout (core/io/checkpoint_layout.h): transformers-native keys are renamed to the remote
/// names and image_projection is transposed back; the file's layout must agree with config.json's
/// (cfg.layout) and must not mix both. With cfg.tieWordEmbeddings false, lm_head is its own stored
/// tensor (required) and not part of the tie. `log` starts with cfg.notes.
///
/// Throws Error(ModelFormat) naming the file and the key, with expected vs got, on: no weights file,
/// a missing or unexpected key, a wrong shape, a non-float dtype, a truncated file, a header or
/// offset pointing outside the file, a corrupt zip archive, a hostile or unsupported pickle opcode
/// or global, a storage record of the wrong size. Throws Error(Io) when a file cannot be read and
/// Error(BadInput) for an unsupported `runDtype`.
LoadedCheckpoint loadCheckpoint(const std::string &modelDir, const FlorenceConfig &cfg,
                                at::ScalarType runDtype = at::kFloat);

} // namespace florence::io
