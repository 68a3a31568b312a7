#include "batch/batch_size.h"

#include <algorithm>

namespace florence {

BatchSizeChoice chooseBatchSize(const Pipeline &pipeline, int wanted, const AnnotateJob &job, std::int64_t availableBytes)
{
    BatchSizeChoice c;
    c.wanted = std::max(wanted, 1);
    c.availableBytes = availableBytes;
    c.size = availableBytes > 0 ? pipeline.fitBatchSize(c.wanted, job.numBeams, job.maxNewTokens, availableBytes / 10 * 8)
                                : c.wanted;
    c.estimateBytes = pipeline.estimateBatchBytes(c.size, job.numBeams, job.maxNewTokens);
    return c;
}

} // namespace florence
