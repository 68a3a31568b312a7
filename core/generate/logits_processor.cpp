#include "generate/logits_processor.h"

#include <limits>

namespace florence {

NoRepeatNgram::NoRepeatNgram(int n, int beams)
    : m_n(n)
    , m_tables(std::size_t(beams))
{
}

void NoRepeatNgram::push(int beam, const std::vector<std::int64_t> &tokens)
{
    if (m_n < 1 || int(tokens.size()) < m_n)
        return;
    std::vector<std::int64_t> prefix(tokens.end() - m_n, tokens.end() - 1);
    m_tables[beam][std::move(prefix)].push_back(tokens.back());
}

const std::vector<std::int64_t> &NoRepeatNgram::banned(int beam, const std::vector<std::int64_t> &tokens) const
{
    // cur_len + 1 < ngram_size: nothing can be completed yet
    if (m_n < 1 || int(tokens.size()) + 1 < m_n)
        return m_none;
    const std::vector<std::int64_t> prefix(tokens.end() - (m_n - 1), tokens.end());
    const auto it = m_tables[beam].find(prefix);
    return it == m_tables[beam].end() ? m_none : it->second;
}

void NoRepeatNgram::reorder(const std::vector<std::int64_t> &parents)
{
    std::vector<int> uses(m_tables.size(), 0);
    for (std::int64_t p : parents)
        ++uses[p];
    std::vector<Table> next(m_tables.size());
    for (std::size_t i = 0; i < parents.size(); ++i) {
        const std::int64_t p = parents[i];
        if (--uses[p] == 0)
            next[i] = std::move(m_tables[p]); // last user of this parent takes it
        else
            next[i] = m_tables[p];
    }
    m_tables = std::move(next);
}

void processLogits(at::Tensor &scores, const std::vector<std::vector<std::int64_t>> &sequences, int curLen,
                   int maxLength, const GenerationOptions &opt, const NoRepeatNgram *ngram)
{
    const float ninf = -std::numeric_limits<float>::infinity();
    const std::int64_t V = scores.size(1);
    if (ngram) {
        std::vector<std::int64_t> flat;
        for (std::size_t b = 0; b < sequences.size(); ++b)
            for (std::int64_t t : ngram->banned(int(b), sequences[b]))
                flat.push_back(std::int64_t(b) * V + t);
        if (!flat.empty()) {
            const at::Tensor idx = at::tensor(flat, at::kLong).to(scores.device());
            scores.view({-1}).index_fill_(0, idx, ninf);
        }
    }
    if (curLen < opt.minLength || curLen - 1 < opt.minNewTokens)
        scores.select(1, opt.eosTokenId).fill_(ninf);
    if (opt.forceBos && curLen == 1) {
        scores.fill_(ninf);
        scores.select(1, opt.bosTokenId).fill_(0.0);
    }
    if (opt.forceEos && curLen == maxLength - 1) {
        scores.fill_(ninf);
        scores.select(1, opt.eosTokenId).fill_(0.0);
    }
}

} // namespace florence
