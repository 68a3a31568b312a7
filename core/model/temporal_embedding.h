#pragma once
// The fixed table of Florence-2's PositionalEmbeddingCosine1D (visual_temporal_embed.pos_idx_to_embed):
// the one definition, used when a checkpoint lacks the buffer, by the image-feature head and by
// the random-model writer. Torch-free header; computed with the reference's ATen ops.

#include <vector>

namespace florence {

/// PositionalEmbeddingCosine1D.__init__: row p, column 2i = sin(p * d_i), column 2i+1 = cos(p * d_i),
/// d_i = exp(-ln(10000) * 2i / dim), computed with the same ATen ops in float32 as the reference
/// (so the values equal the buffer the reference saves, bit for bit). Row-major [maxLen, dim].
std::vector<float> cosineTemporalTable(int maxLen, int dim);

} // namespace florence
