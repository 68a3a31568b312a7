#pragma once
// Florence-2 generation: encode the image and prompt once, then greedy or beam search over the
// decoder (transformers 4.40 `generate` semantics, see tests/data/fixtures/README.md
// "Generation settings" and "Beam search details"). Internal header (libtorch).

#include "generate/generation.h"
#include "model/florence2.h"

#include <chrono>
#include <memory>

namespace florence {

/// Throws Error(BadInput) naming the option when `opt` is out of range for the model.
void checkGenerationOptions(const Florence2Model &model, const GenerationOptions &opt);

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

/// One request's search (greedy or beam) as a state machine advanced one decoder step at a time:
/// the single-request loop and the batched loop (generate/batch_generate.h) both drive it, so a
/// request computes the same whether it runs alone or in a batch.
class SearchState
{
public:
    using Clock = std::chrono::steady_clock;
    virtual ~SearchState() = default;
    /// Decoder rows the request needs per step (its beams; 1 for greedy).
    virtual int rows() const = 0;
    /// Sequence length so far, the decoder start included.
    virtual int curLen() const = 0;
    /// The newest token of row `row` (the decoder input of the next step).
    virtual std::int64_t lastToken(int row) const = 0;
    /// Whether the search has ended (finish() may be called).
    virtual bool done() const = 0;
    /// One step from this request's raw float32 logits (rows, V) (modified in place). Returns the
    /// parent row of every row for the cache (empty: unchanged). `step` is 1-based; the step's
    /// wall time is measured from stepStart. Touches only this request's state (the batched loop
    /// advances requests on several threads); the progress callback is left to reportProgress().
    virtual std::vector<std::int64_t> advance(at::Tensor logits, int step, Clock::time_point stepStart) = 0;
    /// Calls the request's progress callback, if any, with the tokens so far (after advance(), on
    /// the thread that runs the search loop).
    virtual void reportProgress(int step) const = 0;
    /// The result (call once, after done()).
    virtual GenerationResult finish() = 0;
};

/// Greedy search state for opt.numBeams == 1, beam search otherwise. `opt` must outlive it.
std::unique_ptr<SearchState> makeSearchState(const GenerationOptions &opt, std::int64_t vocabSize);

} // namespace florence
