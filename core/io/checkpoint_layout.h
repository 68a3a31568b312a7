#pragma once
// The two on-disk layouts of a Florence-2 checkpoint and the key mapping between them.
//
//  - Remote: microsoft/Florence-2-* (trust_remote_code): keys `vision_tower.*`, `image_projection`
//    ([vision dim, projection dim]), `language_model.model.*`, `language_model.lm_head.weight`,
//    `language_model.final_logits_bias`; config.json with vision_config.dim_embed.
//  - Native: florence-community/Florence-2-* (built into transformers): keys
//    `model.vision_tower.*`, `model.multi_modal_projector.*` (image_projection is a Linear,
//    [projection dim, vision dim]), `model.language_model.*`, `lm_head.weight`; no
//    final_logits_bias; vocabulary + `<image>` padded to a multiple of 64; config.json with
//    vision_config.embed_dim.
// The mapping is the one of transformers' convert_florence2_original_pytorch_to_hf.py.
// Torch-free.

#include <optional>
#include <string>

namespace florence::io {

enum class CheckpointLayout { Remote, Native };

/// "remote" (microsoft remote-code layout) or "native" (transformers-native layout).
const char *toString(CheckpointLayout layout);
/// Parses "remote"/"native"; throws Error(BadInput) naming the value.
CheckpointLayout checkpointLayoutFromString(const std::string &name);

/// The native key of a remote key ("vision_tower.convs.0.proj.weight" ->
/// "model.vision_tower.convs.0.conv.weight"), or nullopt for keys the native model does not have
/// (language_model.final_logits_bias) or that are not Florence-2 keys.
std::optional<std::string> nativeKeyFromRemote(const std::string &remoteKey);
/// The remote key of a native key (the inverse of nativeKeyFromRemote), or nullopt when `nativeKey`
/// is not a key of Florence2ForConditionalGeneration's native state dict.
std::optional<std::string> remoteKeyFromNative(const std::string &nativeKey);
/// Whether the tensor is stored transposed in the native layout (image_projection).
bool transposedInNative(const std::string &remoteKey);

/// Layout of a state-dict key by its prefix: Native for `model.*`/`lm_head.weight`, Remote for
/// `vision_tower.*`, `language_model.*`, `image_*`, `visual_temporal_embed.*`; nullopt otherwise.
std::optional<CheckpointLayout> layoutOfKey(const std::string &key);

/// Rows of the native vocabulary for `tokens` tokens (tokenizer + `<image>`): rounded up to a
/// multiple of 64 as transformers' resize_token_embeddings(len(tokenizer), 64) does.
long long paddedVocabSize(long long tokens);

} // namespace florence::io
