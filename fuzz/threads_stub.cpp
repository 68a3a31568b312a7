// The thread-count functions of core/common/threads.h for the fuzz build, without libtorch:
// the harnesses run single-threaded (threads.cpp itself configures ATen and is not a parser).
#include "common/threads.h"

namespace florence {

int defaultThreadCount()
{
    return 1;
}

int setThreadCount(int)
{
    return 1;
}

int threadCount()
{
    return 1;
}

} // namespace florence
