#pragma once
// How many images go through the model together in a folder batch: `florence-cli annotate
// --batch-size N` and the GUI batch choose it here, with the same memory rule. The size asked for
// is lowered until Pipeline::estimateBatchBytes (on top of the loaded weights) fits in 80 % of the
// memory available now (batchAvailableMemory()); when that is unknown (not Linux) the size stays.

#include "pipeline.h"
#include "run/job.h"

#include <cstdint>

namespace florence {

/// Images per model batch when none is given: what measured best on the development machines
/// (florence-bench-batch, bench/README.md "Batched inference"): N = 8 gave the most images per minute
/// in every run on machines B and C (300-token task 1.55-1.80x one at a time, against 1.47-1.62x at
/// N = 4; <OD> 1.32-1.49x against 1.30-1.45x). It is lowered when memory is short (chooseBatchSize).
constexpr int kDefaultBatchSize = 8;

/// A batch size and the numbers it was chosen by.
struct BatchSizeChoice
{
    int wanted = 1;                  ///< the size asked for
    int size = 1;                    ///< the size to use: 1..wanted
    std::int64_t estimateBytes = 0;  ///< Pipeline::estimateBatchBytes of `size` requests, beyond the weights
    std::int64_t availableBytes = -1;///< memory available when chosen (availableMemoryBytes()), -1 unknown

    /// The size was lowered to fit in memory.
    bool lowered() const { return size < wanted; }
    bool operator==(const BatchSizeChoice &o) const
    {
        return wanted == o.wanted && size == o.size && estimateBytes == o.estimateBytes && availableBytes == o.availableBytes;
    }
};

/// The memory a batch plans with, in bytes: the environment variable FLORENCE_AVAILABLE_MEMORY
/// (bytes) when it holds a positive integer — for containers whose memory limit /proc/meminfo does
/// not show, and for tests — else availableMemoryBytes() (-1 when unknown).
std::int64_t batchAvailableMemory();

/// The largest size in [1, wanted] (wanted < 1 counts as 1) whose estimate for `job`'s beams and
/// max new tokens fits in 80 % of `availableBytes` (batchAvailableMemory() in the CLI and the GUI);
/// `wanted` when availableBytes < 0 (unknown).
BatchSizeChoice chooseBatchSize(const Pipeline &pipeline, int wanted, const AnnotateJob &job,
                                std::int64_t availableBytes);

} // namespace florence
