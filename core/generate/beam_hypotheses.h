#pragma once
// The n-best list of finished beam-search hypotheses (transformers BeamHypotheses). No libtorch.

#include "generate/generation.h"

#include <vector>

namespace florence {

/// Ports BeamHypotheses: keeps the numBeams best finished hypotheses by length-normalised score
/// and records every hypothesis offered to it.
class BeamHypotheses
{
public:
    BeamHypotheses(int numBeams, double lengthPenalty, bool earlyStopping);

    /// Offers a hypothesis (tokens, sumLogprobs, generatedLen, beamIndices, transitionScores set);
    /// fills its score. It enters when the list has room or it beats the worst, which is dropped.
    void add(FinishedHypothesis hyp);
    /// Number of hypotheses in the list.
    int size() const { return int(m_list.size()); }
    /// BeamHypotheses.is_done(best_sum_logprobs, cur_len): with early stopping, as soon as the list
    /// is full; otherwise when the best open beam cannot beat the worst kept hypothesis.
    bool isDone(double bestSumLogprobs, int generatedLen) const;
    /// The best kept hypothesis (the last one among equal scores, as sorted(...).pop() picks).
    const FinishedHypothesis &best() const;
    /// Every offered hypothesis in order, with keptInFinalList set.
    std::vector<FinishedHypothesis> offered() const;

private:
    int m_numBeams;
    double m_lengthPenalty;
    bool m_earlyStopping;
    double m_worstScore = 1e9;
    std::vector<FinishedHypothesis> m_offered;
    std::vector<int> m_list; // indices into m_offered, in insertion order
};

} // namespace florence
