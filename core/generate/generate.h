#pragma once
// Florence-2 generation: encode the image and prompt once, then greedy or beam search over the
// decoder (transformers 4.40 `generate` semantics, see tests/data/fixtures/README.md
// "Generation settings" and "Beam search details"). Internal header (libtorch).

#include "generate/generation.h"
#include "model/florence2.h"

namespace florence {

/// Runs the whole model: pixelValues (1, 3, H, W) float, prompt token ids (with <s> ... </s>).
/// Throws Error(BadInput) for bad options/inputs, Error(Cancelled) when opt.cancel is set.
GenerationResult generate(const Florence2Model &model, const at::Tensor &pixelValues,
                          const std::vector<std::int64_t> &inputIds, const GenerationOptions &opt);

/// Decoding only, from the encoder output (1, S, D) (timings.visionMs/encoderMs left 0).
GenerationResult generateFromEncoderOutput(const Florence2Model &model, const at::Tensor &encoderHidden,
                                           const GenerationOptions &opt);

/// Greedy search (num_beams = 1) on a prepared decoder cache (beams = 1, empty).
GenerationResult greedySearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt);
/// Beam search (num_beams >= 2) on a prepared decoder cache (beams = opt.numBeams, empty).
GenerationResult beamSearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt);

} // namespace florence
