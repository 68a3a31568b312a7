#pragma once
// Thread-count policy for libtorch (Debian's build defaults to a single thread).

namespace florence {

/// The thread count to use when the user did not choose one: OMP_NUM_THREADS when it
/// is set to a positive integer, otherwise the number of hardware threads (at least 1).
int defaultThreadCount();

/// Sets libtorch's intra-op thread count; n <= 0 means defaultThreadCount().
/// Returns the count in effect afterwards. Call once at start-up, before any inference.
int setThreadCount(int n);

/// The intra-op thread count libtorch currently uses.
int threadCount();

} // namespace florence
