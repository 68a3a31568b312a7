#pragma once
// Batched decoding: several requests (each with its own encoder output, beams, lengths, cancel
// flag and progress) decoded in one loop, N x beams decoder rows per step. Internal header
// (libtorch).
//
// Design note: a decoder step reads every weight once whatever the number of rows, so decoding
// N requests together costs little more than one. Each request keeps its own search state
// (generate.h: SearchState, the code the single-request loop runs) and its own rows of the cache
// (a KvCache group, with its own cross-attention keys/values over its unpadded encoder output).
// The linear layers compute each group's rows exactly as for the group alone (Linear with groups,
// cpu_kernels.h: groupedRowsLinear) and every other operation is row-wise or runs per group, so a
// request gets the same bits in a batch as alone. A request whose search is done, or whose cancel
// flag is set before a step, leaves the batch at once (KvCache::removeGroup); the others go on.

#include "generate/generate.h"

#include <string>
#include <vector>

namespace florence {

/// One request of a batched decoding.
struct BatchDecodeItem
{
    at::Tensor encoderHidden;   ///< (1, S, D): this request's encoder output, without padding
    GenerationOptions options;  ///< beams, lengths, logits processors, cancel flag, progress
};

/// What became of one request.
struct BatchDecodeOutcome
{
    bool cancelled = false;     ///< its cancel flag was set before a step; `result` is empty
    std::string message;        ///< why it was cancelled ("generation cancelled before decoder step N")
    GenerationResult result;
};

/// Decodes every item; one outcome per item, in order. Throws Error(BadInput) for bad options
/// (checked for every item before any work). Per-item timings: stepMs are the batch's steps while
/// the item was in it, decodeMs from the start to the item's end. `cancelAll`, checked before
/// every step, stops the whole batch with Error(Cancelled).
std::vector<BatchDecodeOutcome> generateBatch(const Florence2Model &model, const std::vector<BatchDecodeItem> &items,
                                              const std::atomic<bool> *cancelAll = nullptr);

} // namespace florence
