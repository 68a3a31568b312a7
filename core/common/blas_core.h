#pragma once
// OpenBLAS chooses its GEMM kernels once, when the library is loaded, from a table of the CPUs its
// version knows. Debian 12's OpenBLAS 0.3.21 does not know recent CPUs (for example the Xeon
// family 6 model 207 of this project's machine B) and falls back to its oldest x86-64 kernels
// ("Prescott", SSE3): every libtorch GEMM, the whole vision encoder, then runs 2-3x slower than the
// CPU allows. The only remedy is the environment variable OPENBLAS_CORETYPE, read at load time, so
// the programs re-execute themselves once with it set (before anything else happens in main()).
//
// FLORENCE_BLAS_CORE: unset = automatic; "keep" = never re-execute; any other value is used as
// OPENBLAS_CORETYPE. An OPENBLAS_CORETYPE already in the environment always wins.

#include "common/cpu_features.h"

#include <string>

namespace florence {

/// The core OpenBLAS chose ("Prescott", "Haswell", "SkylakeX", ...), or "" when the process does
/// not use OpenBLAS (another BLAS, or no openblas_get_corename symbol).
std::string openBlasCoreName();

/// The OpenBLAS core this CPU should use when OpenBLAS chose `current`, or "" when `current` is
/// right or unknown: "SkylakeX" for AVX-512 (F, BW, VL, DQ) CPUs and "Haswell" for AVX2 + FMA CPUs
/// running a core older than their instruction set. Pure function (tested on any machine).
std::string betterOpenBlasCore(const CpuFeatures &cpu, const std::string &current);

/// Re-executes the program (/proc/self/exe, same arguments and environment) with OPENBLAS_CORETYPE
/// set when betterOpenBlasCore() names a core (or FLORENCE_BLAS_CORE names one). Returns only when
/// nothing is to be done or exec failed; sets FLORENCE_BLAS_CORE_FROM to the core OpenBLAS had
/// chosen, so the new process can report it and never loops.
void reexecForBetterBlasCore(char **argv);

/// One line for logs: "OpenBLAS core SkylakeX (OpenBLAS chose Prescott; set FLORENCE_BLAS_CORE=keep
/// to keep it)", "OpenBLAS core Haswell", or "" without OpenBLAS.
std::string blasCoreReport();

} // namespace florence
