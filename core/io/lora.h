#pragma once
// INTERNAL header (includes ATen): LoRA / PEFT adapters merged into a loaded checkpoint, so a run
// with an adapter is exactly as fast as without.
//
// An adapter folder holds adapter_config.json (peft's LoraConfig: r, lora_alpha, use_rslora,
// target_modules, modules_to_save, rank_pattern, alpha_pattern, base_model_name_or_path) and
// adapter_model.safetensors with peft's key names:
//   base_model.model.<module>.lora_A.weight  [r, in]
//   base_model.model.<module>.lora_B.weight  [out, r]
//   base_model.model.<module>.weight / .bias (modules_to_save, or biases trained with bias="all")
// <module> may use either checkpoint layout (core/io/checkpoint_layout.h), whatever the base's.
// Merge: W += scaling * (B @ A), scaling = lora_alpha / r (use_rslora: lora_alpha / sqrt(r)),
// computed in float32 (or the checkpoint's dtype when wider).

#include "io/checkpoint.h"

#include <string>

namespace florence::io {

/// Merges the adapter in `adapterDir` into `ckpt` (keys as loadCheckpoint returns them) and appends
/// what it did to ckpt.log. A merged tensor is a new tensor (file mappings are never written); a
/// merged lm_head that was tied to `shared` is untied (logged).
///
/// Throws Error(ModelFormat) naming the file and the problem: adapter_config.json missing, not
/// JSON, or with a bad field (r, lora_alpha, peft_type other than LORA, use_dora, fan_in_fan_out);
/// adapter_model.safetensors missing; a key that is not a LoRA or module key of Florence-2; a module
/// the model does not have or whose shape differs (an adapter for another base model); lora_A and
/// lora_B ranks that disagree with each other or with the configured r (rank mismatch); a lora_A
/// without its lora_B; LoRA on embeddings or convolutions (not supported). Nothing is changed in
/// `ckpt` when it throws.
void applyLoraAdapter(LoadedCheckpoint &ckpt, const FlorenceConfig &cfg, const std::string &adapterDir);

} // namespace florence::io
