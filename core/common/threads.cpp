#include "common/threads.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace florence {

int defaultThreadCount()
{
    if (const char *env = std::getenv("OMP_NUM_THREADS")) {
        try {
            const int n = std::stoi(env);
            if (n > 0)
                return n;
        } catch (...) {
        }
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? static_cast<int>(hw) : 1;
}

int setThreadCount(int n)
{
    if (n <= 0)
        n = defaultThreadCount();
    at::set_num_threads(n);
    return at::get_num_threads();
}

int threadCount()
{
    return at::get_num_threads();
}

} // namespace florence
