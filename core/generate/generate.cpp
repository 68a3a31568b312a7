#include "generate/generate.h"

#include "common/error.h"
#include "generate/beam_hypotheses.h"
#include "generate/logits_processor.h"

#include <chrono>
#include <limits>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void checkOptions(const Florence2Model &model, const GenerationOptions &opt)
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

void checkCancel(const GenerationOptions &opt, int step)
{
    if (opt.cancel && opt.cancel->load())
        throw Error(ErrorKind::Cancelled, "generation cancelled before decoder step " + std::to_string(step));
}

// The decoder ids (beams, 1) of the newest tokens, on the CPU.
at::Tensor lastTokens(const std::vector<std::vector<std::int64_t>> &seqs)
{
    at::Tensor ids = at::empty({std::int64_t(seqs.size()), 1}, at::kLong);
    std::int64_t *p = ids.data_ptr<std::int64_t>();
    for (std::size_t b = 0; b < seqs.size(); ++b)
        p[b] = seqs[b].back();
    return ids;
}

// Raw float32 logits (beams, V) of the newest position.
at::Tensor stepLogits(const Florence2Model &model, const std::vector<std::vector<std::int64_t>> &seqs, KvCache &cache)
{
    const at::Tensor hidden = model.decode(lastTokens(seqs), cache); // (beams, 1, D)
    return model.logits(hidden.select(1, 0));                       // (beams, V)
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

GenerationResult greedySearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt)
{
    at::InferenceMode guard;
    const Clock::time_point t0 = Clock::now();
    const int maxLength = 1 + opt.maxNewTokens;
    std::vector<std::vector<std::int64_t>> seqs{{opt.decoderStartTokenId}};
    NoRepeatNgram ngram(opt.noRepeatNgramSize, 1);
    GenerationResult r;
    for (int step = 1;; ++step) {
        checkCancel(opt, step);
        const Clock::time_point ts = Clock::now();
        const int curLen = int(seqs[0].size());
        at::Tensor scores = stepLogits(model, seqs, cache);
        processLogits(scores, seqs, curLen, maxLength, opt, opt.noRepeatNgramSize > 0 ? &ngram : nullptr);
        // torch.argmax: the first maximal index
        const std::int64_t token = scores.argmax(1).item<std::int64_t>();
        r.transitionScores.push_back(scores[0][token].item<float>());
        r.beamIndices.push_back(0);
        seqs[0].push_back(token);
        ngram.push(0, seqs[0]);
        r.numGenerationSteps = step;
        r.timings.stepMs.push_back(msSince(ts));
        if (opt.progress)
            opt.progress(step, seqs[0]);
        if (token == opt.eosTokenId || int(seqs[0].size()) >= maxLength)
            break;
    }
    r.sequence = seqs[0];
    r.timings.decodeMs = msSince(t0);
    return r;
}

GenerationResult beamSearch(const Florence2Model &model, KvCache &cache, const GenerationOptions &opt)
{
    at::InferenceMode guard;
    const Clock::time_point t0 = Clock::now();
    const int B = opt.numBeams;
    const int maxLength = 1 + opt.maxNewTokens;
    const std::int64_t V = model.config().text.vocabSize;
    std::vector<std::vector<std::int64_t>> seqs(B, std::vector<std::int64_t>{opt.decoderStartTokenId});
    std::vector<std::vector<int>> beamIdx(B);
    std::vector<std::vector<float>> trans(B);
    NoRepeatNgram ngram(opt.noRepeatNgramSize, B);
    BeamHypotheses hyps(B, opt.lengthPenalty, opt.earlyStopping);
    // beam_scores: 0 for the first beam, -1e9 for the others, so the first step expands beam 0 only
    std::vector<float> beamScores(B, -1e9f);
    beamScores[0] = 0.0f;
    at::Tensor beamScoresT = at::tensor(beamScores, at::kFloat).to(model.run().device);

    GenerationResult r;
    bool done = false;
    for (int step = 1;; ++step) {
        checkCancel(opt, step);
        const Clock::time_point ts = Clock::now();
        const int curLen = int(seqs[0].size());
        at::Tensor scores = at::log_softmax(stepLogits(model, seqs, cache), -1); // (B, V)
        processLogits(scores, seqs, curLen, maxLength, opt, opt.noRepeatNgramSize > 0 ? &ngram : nullptr);
        const at::Tensor total = scores + beamScoresT.unsqueeze(1); // (B, V)
        auto top = at::topk(total.view({1, B * V}), 2 * B, 1, /*largest=*/true, /*sorted=*/true);
        const at::Tensor flatIdx = std::get<1>(top).view({-1});
        const at::Tensor candTrans = scores.view({-1}).index_select(0, flatIdx).cpu(); // processed log-prob
        const at::Tensor candScores = std::get<0>(top).view({-1}).cpu();
        const at::Tensor candIdx = flatIdx.cpu();
        const float *cs = candScores.data_ptr<float>();
        const float *ct = candTrans.data_ptr<float>();
        const std::int64_t *ci = candIdx.data_ptr<std::int64_t>();

        std::vector<std::int64_t> parents, tokens;
        std::vector<float> nextScores, nextTrans;
        for (int rank = 0; rank < 2 * B && int(parents.size()) < B; ++rank) {
            const std::int64_t parent = ci[rank] / V, token = ci[rank] % V;
            if (token == opt.eosTokenId) {
                if (rank >= B) // an EOS outside the top num_beams candidates is skipped
                    continue;
                FinishedHypothesis h;
                h.tokens = seqs[parent];
                h.sumLogprobs = cs[rank];
                h.generatedLen = curLen; // tokens after the start, counting this EOS
                h.beamIndices = beamIdx[parent];
                h.beamIndices.push_back(int(parent));
                h.transitionScores = trans[parent];
                h.transitionScores.push_back(ct[rank]);
                hyps.add(std::move(h));
            } else {
                parents.push_back(parent);
                tokens.push_back(token);
                nextScores.push_back(cs[rank]);
                nextTrans.push_back(ct[rank]);
            }
        }
        if (int(parents.size()) < B)
            throw Error(ErrorKind::Internal, "beam search found fewer than num_beams continuations");
        done = done || hyps.isDone(cs[0], curLen);

        // Beam i continues old beam parents[i].
        std::vector<std::vector<std::int64_t>> newSeqs(B);
        std::vector<std::vector<int>> newBeamIdx(B);
        std::vector<std::vector<float>> newTrans(B);
        for (int i = 0; i < B; ++i) {
            newSeqs[i] = seqs[parents[i]];
            newSeqs[i].push_back(tokens[i]);
            newBeamIdx[i] = beamIdx[parents[i]];
            newBeamIdx[i].push_back(int(parents[i]));
            newTrans[i] = trans[parents[i]];
            newTrans[i].push_back(nextTrans[i]);
        }
        seqs.swap(newSeqs);
        beamIdx.swap(newBeamIdx);
        trans.swap(newTrans);
        ngram.reorder(parents);
        for (int i = 0; i < B; ++i)
            ngram.push(i, seqs[i]);
        cache.reorder(parents);
        beamScores = nextScores;
        beamScoresT = at::tensor(beamScores, at::kFloat).to(model.run().device);

        r.numGenerationSteps = step;
        r.timings.stepMs.push_back(msSince(ts));
        if (opt.progress)
            opt.progress(step, seqs[0]);
        if (done || int(seqs[0].size()) >= maxLength)
            break;
    }

    // finalize: open beams join the list when the search ended by length
    if (!done) {
        for (int b = 0; b < B; ++b) {
            FinishedHypothesis h;
            h.tokens = seqs[b];
            h.sumLogprobs = beamScores[b];
            h.generatedLen = int(seqs[b].size()) - 1;
            h.beamIndices = beamIdx[b];
            h.transitionScores = trans[b];
            hyps.add(std::move(h));
        }
    }
    const FinishedHypothesis &best = hyps.best();
    r.sequence = best.tokens;
    if (int(r.sequence.size()) < maxLength)
        r.sequence.push_back(opt.eosTokenId);
    r.transitionScores = best.transitionScores;
    r.beamIndices = best.beamIndices;
    r.hasSequenceScore = true;
    r.sequenceScore = float(best.score);
    r.finishedHypotheses = hyps.offered();
    r.timings.decodeMs = msSince(t0);
    return r;
}

GenerationResult generateFromEncoderOutput(const Florence2Model &model, const at::Tensor &encoderHidden,
                                           const GenerationOptions &opt)
{
    checkOptions(model, opt);
    at::InferenceMode guard;
    // positions processed: the start token and every generated token but the last
    KvCache cache = model.makeDecoderCache(encoderHidden, opt.numBeams, opt.maxNewTokens);
    return opt.numBeams == 1 ? greedySearch(model, cache, opt) : beamSearch(model, cache, opt);
}

GenerationResult generate(const Florence2Model &model, const at::Tensor &pixelValues,
                          const std::vector<std::int64_t> &inputIds, const GenerationOptions &opt)
{
    checkOptions(model, opt);
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
    synchronizeDevice(cache.crossValues.empty() ? encoded : cache.crossValues.back());
    const double encoderMs = msSince(t0);

    GenerationResult r = opt.numBeams == 1 ? greedySearch(model, cache, opt) : beamSearch(model, cache, opt);
    r.timings.visionMs = visionMs;
    r.timings.encoderMs = encoderMs;
    return r;
}

} // namespace florence
