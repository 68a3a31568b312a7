#include "generate/generate.h"

#include "common/error.h"
#include "common/stopwatch.h"
#include "generate/beam_hypotheses.h"
#include "generate/logits_processor.h"

#include <chrono>
#include <limits>
#include <memory>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

void checkGenerationOptions(const Florence2Model &model, const GenerationOptions &opt)
{
    const TextConfig &tc = model.config().text;
    auto bad = [](const std::string &field, const std::string &what) {
        throw Error(ErrorKind::BadInput, "generation option " + field + " " + what);
    };
    if (opt.maxNewTokens < 1 || opt.maxNewTokens > tc.maxPositionEmbeddings)
        bad("max_new_tokens", "must be in [1, " + std::to_string(tc.maxPositionEmbeddings) + "], got "
                                  + std::to_string(opt.maxNewTokens));
    if (opt.numBeams < 1 || opt.numBeams > 64)
        bad("num_beams", "must be in [1, 64], got " + std::to_string(opt.numBeams));
    if (opt.minNewTokens < 0 || opt.minLength < 0 || opt.noRepeatNgramSize < 0)
        bad("min_new_tokens/min_length/no_repeat_ngram_size", "must not be negative");
    for (const auto &t : {std::make_pair("decoder_start_token_id", opt.decoderStartTokenId),
                          std::make_pair("bos_token_id", opt.bosTokenId), std::make_pair("eos_token_id", opt.eosTokenId)})
        if (t.second < 0 || t.second >= tc.vocabSize)
            bad(t.first, "token id " + std::to_string(t.second) + " is outside the vocabulary [0, "
                             + std::to_string(tc.vocabSize) + ")");
}

namespace {

void checkCancel(const GenerationOptions &opt, int step)
{
    if (opt.cancel && opt.cancel->load())
        throw Error(ErrorKind::Cancelled, "generation cancelled before decoder step " + std::to_string(step));
}

} // namespace

GenerationOptions generationOptionsFrom(const TextConfig &text)
{
    GenerationOptions o;
    o.numBeams = text.numBeams;
    o.noRepeatNgramSize = text.noRepeatNgramSize;
    o.earlyStopping = text.earlyStopping;
    o.lengthPenalty = text.lengthPenalty;
    o.minLength = text.minLength;
    o.decoderStartTokenId = text.decoderStartTokenId;
    o.forceBos = text.forcedBosTokenId >= 0;
    o.bosTokenId = o.forceBos ? text.forcedBosTokenId : text.bosTokenId;
    o.forceEos = text.forcedEosTokenId >= 0;
    o.eosTokenId = text.eosTokenId;
    o.maxNewTokens = std::min(1024, text.maxPositionEmbeddings);
    return o;
}

// ---- searches as step machines ----------------------------------------------------------------
//
// Greedy and beam search are written as one request's state advanced one decoder step at a time
// from that request's raw logits, so the single-request loop below and the batched loop
// (generateBatch) run the very same code per request.

namespace {

// The k largest of scores[b, v] + beamScores[b] over all (b, v) (B x V, row-major), largest first,
// as torch.topk(sorted=True) gives them, in one pass over the scores (torch.topk copied all
// B x V (value, index) pairs and partially sorted them: ~1 ms per beam-search step of base). The
// sums are the same float additions; NaN counts as the largest value, as in torch.topk; equal
// values keep index order (torch.topk leaves the order of ties to std::partial_sort).
void topCandidates(const float *scores, int B, std::int64_t V, const std::vector<float> &beamScores, int k,
                   std::vector<float> &values, std::vector<float> &trans, std::vector<std::int64_t> &index)
{
    struct Cand
    {
        float value;
        std::int64_t index;
    };
    const auto better = [](float a, float b) { return (a != a && b == b) || a > b; }; // NaN first
    std::vector<Cand> top; // best first, at most k
    top.reserve(std::size_t(k) + 1);
    for (int b = 0; b < B; ++b) {
        const float *row = scores + std::int64_t(b) * V;
        const float bs = beamScores[std::size_t(b)];
        for (std::int64_t v = 0; v < V; ++v) {
            const float total = row[v] + bs;
            if (int(top.size()) == k && !better(total, top.back().value))
                continue;
            std::size_t pos = top.size();
            while (pos > 0 && better(total, top[pos - 1].value))
                --pos;
            top.insert(top.begin() + std::ptrdiff_t(pos), Cand{total, std::int64_t(b) * V + v});
            if (int(top.size()) > k)
                top.pop_back();
        }
    }
    values.clear();
    trans.clear();
    index.clear();
    for (const Cand &c : top) {
        values.push_back(c.value);
        trans.push_back(scores[c.index]);
        index.push_back(c.index);
    }
}

class GreedyState final : public SearchState
{
public:
    GreedyState(const GenerationOptions &opt, std::int64_t)
        : m_opt(opt)
        , m_maxLength(1 + opt.maxNewTokens)
        , m_seqs{{opt.decoderStartTokenId}}
        , m_ngram(opt.noRepeatNgramSize, 1)
    {
    }
    int rows() const override { return 1; }
    int curLen() const override { return int(m_seqs[0].size()); }
    std::int64_t lastToken(int) const override { return m_seqs[0].back(); }
    bool done() const override { return m_done; }

    std::vector<std::int64_t> advance(at::Tensor scores, int step, Clock::time_point stepStart) override
    {
        processLogits(scores, m_seqs, curLen(), m_maxLength, m_opt, m_opt.noRepeatNgramSize > 0 ? &m_ngram : nullptr);
        // torch.argmax: the first maximal index
        const std::int64_t token = scores.argmax(1).item<std::int64_t>();
        m_r.transitionScores.push_back(scores[0][token].item<float>());
        m_r.beamIndices.push_back(0);
        m_seqs[0].push_back(token);
        m_ngram.push(0, m_seqs[0]);
        m_r.numGenerationSteps = step;
        m_r.timings.stepMs.push_back(msSince(stepStart));
        m_done = token == m_opt.eosTokenId || curLen() >= m_maxLength;
        return {};
    }

    void reportProgress(int step) const override
    {
        if (m_opt.progress)
            m_opt.progress(step, m_seqs[0]);
    }

    GenerationResult finish() override
    {
        m_r.sequence = m_seqs[0];
        return std::move(m_r);
    }

private:
    const GenerationOptions &m_opt;
    int m_maxLength;
    std::vector<std::vector<std::int64_t>> m_seqs;
    NoRepeatNgram m_ngram;
    GenerationResult m_r;
    bool m_done = false;
};

class BeamState final : public SearchState
{
public:
    BeamState(const GenerationOptions &opt, std::int64_t vocabSize)
        : m_opt(opt)
        , m_B(opt.numBeams)
        , m_maxLength(1 + opt.maxNewTokens)
        , m_V(vocabSize)
        , m_seqs(m_B, std::vector<std::int64_t>{opt.decoderStartTokenId})
        , m_beamIdx(m_B)
        , m_trans(m_B)
        , m_ngram(opt.noRepeatNgramSize, m_B)
        , m_hyps(m_B, opt.lengthPenalty, opt.earlyStopping)
        , m_beamScores(m_B, -1e9f) // the first step expands beam 0 only
    {
        m_beamScores[0] = 0.0f;
    }
    int rows() const override { return m_B; }
    int curLen() const override { return int(m_seqs[0].size()); }
    std::int64_t lastToken(int row) const override { return m_seqs[row].back(); }
    bool done() const override { return m_done || curLen() >= m_maxLength; }

    std::vector<std::int64_t> advance(at::Tensor logits, int step, Clock::time_point stepStart) override
    {
        const int B = m_B;
        const std::int64_t V = m_V;
        const int curLen = this->curLen();
        at::Tensor scores = at::log_softmax(logits, -1); // (B, V)
        processLogits(scores, m_seqs, curLen, m_maxLength, m_opt, m_opt.noRepeatNgramSize > 0 ? &m_ngram : nullptr);
        // the 2B best of beam score + processed log-prob over (beam, token), best first
        std::vector<float> candScoreV, candTransV;
        std::vector<std::int64_t> candIdxV;
        if (scores.is_cpu() && scores.scalar_type() == at::kFloat && scores.is_contiguous()) {
            topCandidates(scores.data_ptr<float>(), B, V, m_beamScores, 2 * B, candScoreV, candTransV, candIdxV);
        } else {
            const at::Tensor beamScoresT = at::tensor(m_beamScores, at::kFloat).to(scores.device());
            const at::Tensor total = scores + beamScoresT.unsqueeze(1); // (B, V)
            auto top = at::topk(total.view({1, B * V}), 2 * B, 1, /*largest=*/true, /*sorted=*/true);
            const at::Tensor flatIdx = std::get<1>(top).view({-1});
            const at::Tensor trans = scores.view({-1}).index_select(0, flatIdx).cpu(); // processed log-prob
            const at::Tensor values = std::get<0>(top).view({-1}).cpu(), idx = flatIdx.cpu();
            candScoreV.assign(values.data_ptr<float>(), values.data_ptr<float>() + 2 * B);
            candTransV.assign(trans.data_ptr<float>(), trans.data_ptr<float>() + 2 * B);
            candIdxV.assign(idx.data_ptr<std::int64_t>(), idx.data_ptr<std::int64_t>() + 2 * B);
        }
        const float *cs = candScoreV.data();
        const float *ct = candTransV.data();
        const std::int64_t *ci = candIdxV.data();

        std::vector<std::int64_t> parents, tokens;
        std::vector<float> nextScores, nextTrans;
        for (int rank = 0; rank < int(candIdxV.size()) && int(parents.size()) < B; ++rank) {
            const std::int64_t parent = ci[rank] / V, token = ci[rank] % V;
            if (token == m_opt.eosTokenId) {
                if (rank >= B) // an EOS outside the top num_beams candidates is skipped
                    continue;
                FinishedHypothesis h;
                h.tokens = m_seqs[parent];
                h.sumLogprobs = cs[rank];
                h.generatedLen = curLen; // tokens after the start, counting this EOS
                h.beamIndices = m_beamIdx[parent];
                h.beamIndices.push_back(int(parent));
                h.transitionScores = m_trans[parent];
                h.transitionScores.push_back(ct[rank]);
                m_hyps.add(std::move(h));
            } else {
                parents.push_back(parent);
                tokens.push_back(token);
                nextScores.push_back(cs[rank]);
                nextTrans.push_back(ct[rank]);
            }
        }
        if (int(parents.size()) < B)
            throw Error(ErrorKind::Internal, "beam search found fewer than num_beams continuations");
        m_done = m_done || m_hyps.isDone(cs[0], curLen);

        // Beam i continues old beam parents[i].
        std::vector<std::vector<std::int64_t>> newSeqs(B);
        std::vector<std::vector<int>> newBeamIdx(B);
        std::vector<std::vector<float>> newTrans(B);
        for (int i = 0; i < B; ++i) {
            newSeqs[i] = m_seqs[parents[i]];
            newSeqs[i].push_back(tokens[i]);
            newBeamIdx[i] = m_beamIdx[parents[i]];
            newBeamIdx[i].push_back(int(parents[i]));
            newTrans[i] = m_trans[parents[i]];
            newTrans[i].push_back(nextTrans[i]);
        }
        m_seqs.swap(newSeqs);
        m_beamIdx.swap(newBeamIdx);
        m_trans.swap(newTrans);
        m_ngram.reorder(parents);
        for (int i = 0; i < B; ++i)
            m_ngram.push(i, m_seqs[i]);
        m_beamScores = nextScores;

        m_r.numGenerationSteps = step;
        m_r.timings.stepMs.push_back(msSince(stepStart));
        return parents;
    }

    void reportProgress(int step) const override
    {
        if (m_opt.progress)
            m_opt.progress(step, m_seqs[0]);
    }

    GenerationResult finish() override
    {
        // finalize: open beams join the list when the search ended by length
        if (!m_done) {
            for (int b = 0; b < m_B; ++b) {
                FinishedHypothesis h;
                h.tokens = m_seqs[b];
                h.sumLogprobs = m_beamScores[b];
                h.generatedLen = int(m_seqs[b].size()) - 1;
                h.beamIndices = m_beamIdx[b];
                h.transitionScores = m_trans[b];
                m_hyps.add(std::move(h));
            }
        }
        const FinishedHypothesis &best = m_hyps.best();
        m_r.sequence = best.tokens;
        if (int(m_r.sequence.size()) < m_maxLength)
            m_r.sequence.push_back(m_opt.eosTokenId);
        m_r.transitionScores = best.transitionScores;
        m_r.beamIndices = best.beamIndices;
        m_r.hasSequenceScore = true;
        m_r.sequenceScore = float(best.score);
        m_r.finishedHypotheses = m_hyps.offered();
        return std::move(m_r);
    }

private:
    const GenerationOptions &m_opt;
    int m_B, m_maxLength;
    std::int64_t m_V;
    std::vector<std::vector<std::int64_t>> m_seqs;
    std::vector<std::vector<int>> m_beamIdx;
    std::vector<std::vector<float>> m_trans;
    NoRepeatNgram m_ngram;
    BeamHypotheses m_hyps;
    std::vector<float> m_beamScores;
    GenerationResult m_r;
    bool m_done = false;
};

// One request alone: decode its rows, advance, reorder the cache, until done.
GenerationResult runSearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt)
{
    at::InferenceMode guard;
    const Clock::time_point t0 = Clock::now();
    std::unique_ptr<SearchState> state = makeSearchState(opt, model.config().text.vocabSize);
    TORCH_CHECK(cache.beams() == state->rows(), "search: the cache has the wrong number of beams");
    at::Tensor ids = at::empty({state->rows(), 1}, at::kLong);
    for (int step = 1;; ++step) {
        checkCancel(opt, step);
        const Clock::time_point ts = Clock::now();
        for (int b = 0; b < state->rows(); ++b)
            ids.data_ptr<std::int64_t>()[b] = state->lastToken(b);
        const at::Tensor hidden = model.decode(ids, cache); // (beams, 1, D)
        const std::vector<std::int64_t> parents = state->advance(model.logits(hidden.select(1, 0)), step, ts);
        state->reportProgress(step);
        if (!parents.empty())
            cache.reorder(parents);
        if (state->done())
            break;
    }
    GenerationResult r = state->finish();
    r.timings.decodeMs = msSince(t0);
    return r;
}

} // namespace

std::unique_ptr<SearchState> makeSearchState(const GenerationOptions &opt, std::int64_t vocabSize)
{
    if (opt.numBeams == 1)
        return std::make_unique<GreedyState>(opt, vocabSize);
    return std::make_unique<BeamState>(opt, vocabSize);
}

GenerationResult greedySearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt)
{
    TORCH_CHECK(opt.numBeams == 1, "greedySearch: num_beams must be 1");
    return runSearch(model, cache, opt);
}

GenerationResult beamSearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt)
{
    TORCH_CHECK(opt.numBeams >= 2, "beamSearch: num_beams must be at least 2");
    return runSearch(model, cache, opt);
}

GenerationResult generateFromEncoderOutput(const Florence2Model &model, const at::Tensor &encoderHidden,
                                           const GenerationOptions &opt)
{
    checkGenerationOptions(model, opt);
    at::InferenceMode guard;
    // positions processed: the start token and every generated token but the last
    KvCache cache = model.makeDecoderCache(encoderHidden, opt.numBeams, opt.maxNewTokens);
    return opt.numBeams == 1 ? greedySearch(model, cache, opt) : beamSearch(model, cache, opt);
}

GenerationResult generate(const Florence2Model &model, const at::Tensor &pixelValues,
                          const std::vector<std::int64_t> &inputIds, const GenerationOptions &opt)
{
    checkGenerationOptions(model, opt);
    if (pixelValues.dim() != 4 || pixelValues.size(0) != 1)
        throw Error(ErrorKind::BadInput, "generate expects one image, pixel values (1, 3, H, W), got "
                                             + shapeString(pixelValues.sizes()));
    at::InferenceMode guard;
    Clock::time_point t0 = Clock::now();
    const at::Tensor image = model.encodeImage(pixelValues); // (1, 1 + h*w, D)
    synchronizeDevice(image);
    const double visionMs = msSince(t0);

    t0 = Clock::now();
    const at::Tensor ids = at::tensor(inputIds, at::kLong).view({1, -1});
    const at::Tensor encoded = model.encode(image, model.embedText(ids)); // (1, S, D)
    KvCache cache = model.makeDecoderCache(encoded, opt.numBeams, opt.maxNewTokens);
    synchronizeDevice(cache.groups().front().crossValues.empty() ? encoded : cache.groups().front().crossValues.back());
    const double encoderMs = msSince(t0);

    GenerationResult r = opt.numBeams == 1 ? greedySearch(model, cache, opt) : beamSearch(model, cache, opt);
    r.timings.visionMs = visionMs;
    r.timings.encoderMs = encoderMs;
    return r;
}

} // namespace florence
