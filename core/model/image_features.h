#pragma once
// The image-feature head of Florence-2: Florence2ForConditionalGeneration._encode_image after the
// vision tower (LearnedAbsolutePositionEmbedding2D, PositionalEmbeddingCosine1D, the pooled
// feature sources, image_projection and image_proj_norm). Internal header (libtorch).

#include "model/config.h"
#include "model/layers.h"

namespace florence {

/// Ports LearnedAbsolutePositionEmbedding2D: column embeddings fill the first C/2 channels,
/// row embeddings the rest.
struct LearnedAbsolutePositionEmbedding2D
{
    at::Tensor row_embeddings;    ///< (num_pos, C/2)
    at::Tensor column_embeddings; ///< (num_pos, C - C/2)

    void load(WeightReader &w, const std::string &prefix, std::int64_t dim, std::int64_t numPos);
    /// Position embedding (h, w, C) for an h x w token grid; throws Error(BadInput) when h or w
    /// exceeds num_pos.
    at::Tensor operator()(std::int64_t h, std::int64_t w) const;
};

/// Turns the tower output into the encoder's image tokens.
class ImageFeatureHead
{
public:
    /// Takes image_projection (C, P), image_proj_norm (P), image_pos_embed.* and
    /// visual_temporal_embed.pos_idx_to_embed (computed as the reference does when absent).
    void load(WeightReader &w, const VisionConfig &cfg);
    /// tokens (B, h, w, C) -> image features (B, S, P); S = 1 + h*w for the default sources
    /// [spatial_avg_pool, temporal_avg_pool]. The reference only handles square maps (h == w).
    at::Tensor operator()(const at::Tensor &tokens) const;

    LearnedAbsolutePositionEmbedding2D image_pos_embed;
    at::Tensor visual_temporal_embed; ///< pos_idx_to_embed (max_temporal, C)
    at::Tensor image_projection;      ///< (C, P)
    LayerNorm image_proj_norm;        ///< (P)
    std::vector<std::string> featureSource;
};

} // namespace florence
