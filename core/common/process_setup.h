#pragma once
// What a process that runs the model sets up first thing in main(): the OpenBLAS kernels for this
// CPU (common/blas_core.h, may re-execute the program) and an allocator that keeps large buffers.
//
// Allocator: glibc serves blocks above M_MMAP_THRESHOLD (32 MiB at most by its dynamic rule) with
// fresh mmap()s and unmaps them on free, so every vision-tower activation of that size (base: the
// first stage's MLP hidden state is 75 MB) is page-faulted in anew, a fault per 4 KiB, on every
// run. `perf` of the vision tower showed ~5 % of its samples in the kernel's page-fault path.
// Raising the mmap and trim thresholds to 1 GiB keeps freed blocks in the heap for the next
// layer and the next image: vision 2.33-2.88 s -> 2.05-2.41 s wall, 4.1-4.6 -> 3.6-3.9 s CPU (base,
// 2 threads, machine B, env-variable experiment). The cost: memory freed after a run is kept by
// the process (up to the peak of a run) instead of going back to the system.
// FLORENCE_MALLOC=keep leaves glibc's defaults.

namespace florence {

/// Raises glibc's mmap and trim thresholds as described above (no-op elsewhere, under
/// AddressSanitizer or with FLORENCE_MALLOC=keep). Returns whether it changed them.
bool keepLargeBuffersInHeap();

/// reexecForBetterBlasCore(argv), then keepLargeBuffersInHeap(). Call first thing in main() of the
/// programs that run the model (the app, florence-cli run/annotate/train, the benchmarks).
void setUpInferenceProcess(char **argv);

} // namespace florence
