#pragma once
// The state-dict layout of Florence2ForConditionalGeneration for a given config: every key the
// original checkpoints hold, with its shape. No libtorch (plain names and shapes), so loaders,
// writers of random models and tests can share it.

#include "model/config.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace florence {

/// One state-dict entry: key and shape.
using KeyShape = std::pair<std::string, std::vector<std::int64_t>>;

/// Every key of the reference's state dict for `cfg`, in the reference's order
/// (image_projection, vision_tower, image_proj_norm, image_pos_embed, visual_temporal_embed,
/// language_model.*), including the tied language_model.model.{encoder,decoder}.embed_tokens.weight
/// and language_model.lm_head.weight.
std::vector<KeyShape> florenceStateDictShapes(const FlorenceConfig &cfg);

/// Keys that hold the same tensor as language_model.model.shared.weight in the original model.
std::vector<std::string> florenceTiedKeys();

} // namespace florence
