// The "portable" kernel path: no flags beyond the target's baseline: 128-bit vectors (SSE2 on x86-64, NEON on AArch64, scalar code elsewhere).
// Compiled with its own flags (core/model/CMakeLists.txt); cpu_kernels.cpp selects it at run time.
#include "model/cpu_kernels_simd.h"

namespace florence::kernels {

// Constant-initialized (no code of this file runs before the path is selected).
constexpr KernelTable kPortableKernels = makeTable<4>("portable");

} // namespace florence::kernels
