#include "common/process_setup.h"

#include "common/blas_core.h"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define FLORENCE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLORENCE_ASAN 1
#endif
#endif

namespace florence {

bool keepLargeBuffersInHeap()
{
    const char *v = std::getenv("FLORENCE_MALLOC");
    if (v && std::strcmp(v, "keep") == 0)
        return false;
#if defined(FLORENCE_ASAN)
    return false; // AddressSanitizer's allocator replaces glibc's: its thresholds mean nothing there
#elif defined(__GLIBC__)
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
