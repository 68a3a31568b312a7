#include "model/image_features.h"

#include "common/error.h"
#include "model/parameters.h"
#include "model/temporal_embedding.h"

#include <cmath>

namespace florence {

void LearnedAbsolutePositionEmbedding2D::load(WeightReader &w, const std::string &prefix, std::int64_t dim,
                                              std::int64_t numPos)
{
    row_embeddings = w.take(prefix + ".row_embeddings.weight", {numPos, dim / 2});
    column_embeddings = w.take(prefix + ".column_embeddings.weight", {numPos, dim - dim / 2});
}

at::Tensor LearnedAbsolutePositionEmbedding2D::operator()(std::int64_t h, std::int64_t w) const
{
    const std::int64_t numPos = row_embeddings.size(0);
    if (h > numPos || w > numPos)
        throw Error(ErrorKind::BadInput, "image feature map " + std::to_string(h) + "x" + std::to_string(w)
                                             + " exceeds image_pos_embed.max_pos_embeddings " + std::to_string(numPos));
    const std::int64_t cx = column_embeddings.size(1), cy = row_embeddings.size(1);
    // cat([x_emb (h, w, cx) repeated over rows, y_emb (h, w, cy) repeated over columns], -1)
    const at::Tensor xEmb = column_embeddings.narrow(0, 0, w).unsqueeze(0).expand({h, w, cx});
    const at::Tensor yEmb = row_embeddings.narrow(0, 0, h).unsqueeze(1).expand({h, w, cy});
    return at::cat({xEmb, yEmb}, -1); // (h, w, C)
}

void ImageFeatureHead::load(WeightReader &w, const VisionConfig &cfg)
{
    const std::int64_t dim = cfg.dimEmbed.back(), proj = cfg.projectionDim;
    validateVisionConfig(cfg);
    featureSource = cfg.imageFeatureSource;

    image_projection = w.take("image_projection", {dim, proj});
    image_proj_norm.load(w, "image_proj_norm", proj);
    image_pos_embed.load(w, "image_pos_embed", dim, cfg.imagePosEmbedMax);
    const std::string temporalKey = "visual_temporal_embed.pos_idx_to_embed";
    if (w.has(temporalKey)) {
        visual_temporal_embed = w.take(temporalKey, {cfg.temporalEmbedMax, dim});
    } else {
        std::vector<float> table = cosineTemporalTable(cfg.temporalEmbedMax, int(dim));
        visual_temporal_embed = at::from_blob(table.data(), {cfg.temporalEmbedMax, dim}, at::kFloat).clone().to(w.options());
    }
}

at::Tensor ImageFeatureHead::operator()(const at::Tensor &tokens) const
{
    const std::int64_t B = tokens.size(0), h = tokens.size(1), w = tokens.size(2), C = tokens.size(3);
    const std::int64_t N = h * w;
    const std::int64_t side = std::int64_t(std::sqrt(double(N)));
    if (side * side != N)
        throw Error(ErrorKind::BadInput, "image feature map " + std::to_string(h) + "x" + std::to_string(w)
                                             + " is not square (the reference supports square maps only)");
    // The reference re-reads the tokens as a side x side grid (row-major), the same as h x w when square.
    at::Tensor x = tokens.reshape({B, side, side, C}) + image_pos_embed(side, side).unsqueeze(0); // (B, side, side, C)
    x = x.view({B, N, C});
    x.add_(visual_temporal_embed[0]); // temporal embedding of frame t = 0, same for every token

    std::vector<at::Tensor> parts;
    for (const std::string &s : featureSource) {
        if (s == "spatial_avg_pool")
            parts.push_back(x.mean(1, /*keepdim=*/true)); // (B, 1, C)
        else                                              // temporal_avg_pool / last_frame: T = 1
            parts.push_back(x);                           // (B, N, C)
    }
    const at::Tensor feats = parts.size() == 1 ? parts[0] : at::cat(parts, 1); // (B, S, C)
    const std::int64_t S = feats.size(1);
    const at::Tensor projected = at::mm(feats.reshape({B * S, C}), image_projection).view({B, S, -1}); // (B, S, P)
    return image_proj_norm(projected);
}

} // namespace florence
