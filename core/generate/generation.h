#pragma once
// Options and results of Florence-2 text generation (greedy and beam search with the semantics of
// transformers 4.40 `generate` as the reference uses it). Plain structs, no libtorch.

#include "model/config.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace florence {

/// Generation settings; generationOptionsFrom() fills them from text_config like the reference.
struct GenerationOptions
{
    int maxNewTokens = 1024;     ///< new tokens after the decoder start (max_length = 1 + this), 1..max_position_embeddings
    int minNewTokens = 0;        ///< EOS is suppressed until this many new tokens exist
    int minLength = 0;           ///< text_config.min_length: EOS suppressed while the length (incl. start) is below
    int numBeams = 3;            ///< 1 = greedy search
    int noRepeatNgramSize = 3;   ///< a token completing an n-gram already in the sequence gets -inf (0 = off)
    bool earlyStopping = true;   ///< beam search stops once numBeams hypotheses are finished
    double lengthPenalty = 1.0;  ///< hypothesis score = sum_logprobs / generated_len^lengthPenalty
    int decoderStartTokenId = 2; ///< first decoder token
    int bosTokenId = 0;          ///< forced at step 1 when forceBos
    bool forceBos = true;        ///< forced_bos_token_id set
    int eosTokenId = 2;          ///< ends a sequence; forced at the last step when forceEos
    bool forceEos = true;        ///< forced_eos_token_id set
    const std::atomic<bool> *cancel = nullptr; ///< checked before every decoder step -> Error(Cancelled)
    /// Called after every decoder step with the step number (1-based) and the tokens of the
    /// currently best open beam (starting with the decoder start token).
    std::function<void(int step, const std::vector<std::int64_t> &tokens)> progress;
};

/// The reference's effective settings for `text_config` (decoder start, forced BOS/EOS,
/// no_repeat_ngram_size, num_beams, early_stopping, length_penalty, min_length).
GenerationOptions generationOptionsFrom(const TextConfig &text);

/// A hypothesis offered to the beam search's n-best list (BeamHypotheses.add).
struct FinishedHypothesis
{
    std::vector<std::int64_t> tokens;    ///< from the decoder start, without the final EOS
    double sumLogprobs = 0.0;            ///< beam score when it finished
    int generatedLen = 0;                ///< tokens after the start, counting the EOS when it ended with one
    double score = 0.0;                  ///< sumLogprobs / generatedLen^lengthPenalty
    bool keptInFinalList = false;        ///< still in the n-best list at the end
    std::vector<int> beamIndices;        ///< beam slot per generated token
    std::vector<float> transitionScores; ///< processed log-prob per generated token
};

/// Wall-clock time per stage, milliseconds.
struct GenerationTimings
{
    double visionMs = 0.0;          ///< vision tower + image features
    double encoderMs = 0.0;         ///< text embedding + BART encoder + cross-attention K/V
    double decodeMs = 0.0;          ///< all decoder steps incl. search bookkeeping
    std::vector<double> stepMs;     ///< per decoder step
};

/// What generate returns, in the reference's terms.
struct GenerationResult
{
    std::vector<std::int64_t> sequence;   ///< output ids, starting with the decoder start token
    std::vector<float> transitionScores;  ///< compute_transition_scores: one per generated token
    std::vector<int> beamIndices;         ///< beam slot per generated token (greedy: 0)
    bool hasSequenceScore = false;        ///< beam search only
    float sequenceScore = 0.0f;           ///< sequences_scores (length-normalised)
    std::vector<FinishedHypothesis> finishedHypotheses; ///< beam search: every add() in order
    int numGenerationSteps = 0;           ///< decoder steps run (= len(scores))
    GenerationTimings timings;
};

} // namespace florence
