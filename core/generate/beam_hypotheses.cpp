#include "generate/beam_hypotheses.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>

namespace florence {

BeamHypotheses::BeamHypotheses(int numBeams, double lengthPenalty, bool earlyStopping)
    : m_numBeams(numBeams)
    , m_lengthPenalty(lengthPenalty)
    , m_earlyStopping(earlyStopping)
{
}

void BeamHypotheses::add(FinishedHypothesis hyp)
{
    hyp.score = hyp.sumLogprobs / std::pow(double(hyp.generatedLen), m_lengthPenalty);
    const double score = hyp.score;
    m_offered.push_back(std::move(hyp));
    if (int(m_list.size()) < m_numBeams || score > m_worstScore) {
        m_list.push_back(int(m_offered.size()) - 1);
        if (int(m_list.size()) > m_numBeams) {
            // sorted([(s, idx) ...]): drop the lowest score (first index among ties)
            std::vector<std::pair<double, int>> sorted;
            for (int i = 0; i < int(m_list.size()); ++i)
                sorted.emplace_back(m_offered[m_list[i]].score, i);
            std::sort(sorted.begin(), sorted.end());
            m_list.erase(m_list.begin() + sorted[0].second);
            m_worstScore = sorted[1].first;
        } else {
            m_worstScore = std::min(score, m_worstScore);
        }
    }
}

bool BeamHypotheses::isDone(double bestSumLogprobs, int generatedLen) const
{
    if (int(m_list.size()) < m_numBeams)
        return false;
    if (m_earlyStopping)
        return true;
    const double highest = bestSumLogprobs / std::pow(double(generatedLen), m_lengthPenalty);
    return m_worstScore >= highest;
}

const FinishedHypothesis &BeamHypotheses::best() const
{
    if (m_list.empty())
        throw Error(ErrorKind::Internal, "beam search finished without any hypothesis");
    int best = m_list[0];
    for (int i : m_list)
        if (m_offered[i].score >= m_offered[best].score)
            best = i;
    return m_offered[best];
}

std::vector<FinishedHypothesis> BeamHypotheses::offered() const
{
    std::vector<FinishedHypothesis> out = m_offered;
    for (int i : m_list)
        out[i].keptInFinalList = true;
    return out;
}

} // namespace florence
