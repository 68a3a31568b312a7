#pragma once
// The logits processors the reference's generate applies for Florence-2, in its order:
// NoRepeatNGram, MinLength / MinNewTokens (EOS suppressed), ForcedBOS, ForcedEOS.
// Internal header (libtorch).

#include "generate/generation.h"

#include <ATen/ATen.h>

#include <map>
#include <vector>

namespace florence {

/// NoRepeatNGramLogitsProcessor kept incrementally: per beam, every (n-1)-token prefix seen so
/// far maps to the tokens that followed it; a step bans the followers of the last n-1 tokens.
class NoRepeatNgram
{
public:
    NoRepeatNgram(int n, int beams);
    /// Registers the n-gram that ends at the last token of `tokens` (beam's whole sequence).
    void push(int beam, const std::vector<std::int64_t> &tokens);
    /// Tokens banned for the next position of `tokens` (_calc_banned_ngram_tokens).
    const std::vector<std::int64_t> &banned(int beam, const std::vector<std::int64_t> &tokens) const;
    /// Beam i continues old beam parents[i].
    void reorder(const std::vector<std::int64_t> &parents);

private:
    using Table = std::map<std::vector<std::int64_t>, std::vector<std::int64_t>>;
    int m_n;
    std::vector<Table> m_tables;
    std::vector<std::int64_t> m_none;
};

/// Applies the processors in place to scores (beams, V) float32 for the step that extends
/// sequences of length curLen (decoder start included); maxLength = 1 + maxNewTokens.
void processLogits(at::Tensor &scores, const std::vector<std::vector<std::int64_t>> &sequences, int curLen,
                   int maxLength, const GenerationOptions &opt, const NoRepeatNgram *ngram);

} // namespace florence
