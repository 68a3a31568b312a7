#include "batch/batch_size.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace florence {

std::int64_t batchAvailableMemory()
{
    if (const char *value = std::getenv("FLORENCE_AVAILABLE_MEMORY"); value && *value) {
        char *end = nullptr;
        errno = 0;
        const long long bytes = std::strtoll(value, &end, 10);
        if (errno == 0 && end && *end == '\0' && bytes > 0)
            return std::int64_t(bytes);
    }
    return availableMemoryBytes();
}

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
