#include "common/process_setup.h"

#include "common/blas_core.h"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace florence {

bool keepLargeBuffersInHeap()
{
    const char *v = std::getenv("FLORENCE_MALLOC");
    if (v && std::strcmp(v, "keep") == 0)
        return false;
#if defined(__GLIBC__)
    constexpr int kThreshold = 1 << 30;
    return mallopt(M_MMAP_THRESHOLD, kThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, kThreshold) == 1;
#else
    return false;
#endif
}

void setUpInferenceProcess(char **argv)
{
    reexecForBetterBlasCore(argv);
    keepLargeBuffersInHeap();
}

} // namespace florence
