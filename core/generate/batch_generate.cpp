#include "generate/batch_generate.h"

#include "common/error.h"
#include "common/stopwatch.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>

namespace florence {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

std::vector<BatchDecodeOutcome> generateBatch(const Florence2Model &model, const std::vector<BatchDecodeItem> &items,
                                              const std::atomic<bool> *cancelAll)
{
    std::vector<BatchDecodeOutcome> out(items.size());
    if (items.empty())
        return out;
    for (const BatchDecodeItem &item : items)
        checkGenerationOptions(model, item.options);
    at::InferenceMode guard;
    const Clock::time_point t0 = Clock::now();
    const std::int64_t V = model.config().text.vocabSize;

    // Active requests, in cache group order.
    std::vector<std::size_t> active;
    std::vector<std::unique_ptr<SearchState>> states(items.size());
    std::vector<at::Tensor> encoders;
    std::vector<std::int64_t> rows;
    int capacity = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        states[i] = makeSearchState(items[i].options, V);
        active.push_back(i);
        encoders.push_back(items[i].encoderHidden);
        rows.push_back(states[i]->rows());
        capacity = std::max(capacity, items[i].options.maxNewTokens);
    }
    KvCache cache = model.makeDecoderCache(encoders, rows, capacity);
    encoders.clear();

    auto leave = [&](std::size_t g) {
        cache.removeGroup(g);
        active.erase(active.begin() + std::ptrdiff_t(g));
    };
    for (int step = 1; !active.empty(); ++step) {
        throwIfCancelled(cancelAll, "before decoder step " + std::to_string(step));
        // per-request cancellation before the step
        for (std::size_t g = active.size(); g-- > 0;) {
            const std::atomic<bool> *cancel = items[active[g]].options.cancel;
            if (cancel && cancel->load()) {
                BatchDecodeOutcome &o = out[active[g]];
                o.cancelled = true;
                o.message = "generation cancelled before decoder step " + std::to_string(step);
                leave(g);
            }
        }
        if (active.empty())
            break;
        const Clock::time_point ts = Clock::now();
        at::Tensor ids = at::empty({cache.beams(), 1}, at::kLong);
        std::int64_t *idp = ids.data_ptr<std::int64_t>();
        for (std::size_t i : active)
            for (int b = 0; b < states[i]->rows(); ++b)
                *idp++ = states[i]->lastToken(b);
        const at::Tensor hidden = model.decode(ids, cache);                                 // (R, 1, D)
        const at::Tensor logits = model.logits(hidden.select(1, 0), cache.groupRows()); // (R, V)
        // Requests advance independently (each touches only its own state and logits rows), so they
        // run on the intra-op threads, one request per task; the libtorch operations inside then run
        // single-threaded, which gives the same values (log_softmax and topk work row by row).
        // Progress callbacks follow on this thread, in request order.
        std::vector<std::int64_t> first(active.size() + 1, 0);
        for (std::size_t g = 0; g < active.size(); ++g)
            first[g + 1] = first[g] + states[active[g]]->rows();
        std::vector<std::vector<std::int64_t>> moves(active.size());
        at::parallel_for(0, std::int64_t(active.size()), 1, [&](std::int64_t g0, std::int64_t g1) {
            at::InferenceMode taskGuard; // thread-local: the pool's threads need their own
            for (std::int64_t g = g0; g < g1; ++g) {
                SearchState &s = *states[active[std::size_t(g)]];
                moves[std::size_t(g)] = s.advance(logits.narrow(0, first[std::size_t(g)], s.rows()), step, ts);
            }
        });
        std::vector<std::int64_t> parents;
        for (std::size_t g = 0; g < active.size(); ++g) {
            states[active[g]]->reportProgress(step);
            const std::vector<std::int64_t> &p = moves[g];
            for (std::int64_t b = 0; b < first[g + 1] - first[g]; ++b)
                parents.push_back(first[g] + (p.empty() ? b : p[std::size_t(b)]));
        }
        cache.reorder(parents);
        for (std::size_t g = active.size(); g-- > 0;) {
            const std::size_t i = active[g];
            if (states[i]->done()) {
                out[i].result = states[i]->finish();
                out[i].result.timings.decodeMs = msSince(t0);
                states[i].reset();
                leave(g);
            }
        }
    }
    return out;
}

} // namespace florence
