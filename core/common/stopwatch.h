#pragma once
// Wall-clock milliseconds for stage timings (RunTimings, generation and tiling timings).

#include <chrono>

namespace florence {

using SteadyClock = std::chrono::steady_clock;

/// Milliseconds from `t0` to now.
inline double msSince(SteadyClock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

} // namespace florence
