// The "avx2" kernel path: AVX2 + FMA: 256-bit ymm vectors.
// Compiled with its own flags (core/model/CMakeLists.txt); cpu_kernels.cpp selects it at run time.
#include "model/cpu_kernels_simd.h"

namespace florence::kernels {

// Constant-initialized (no code of this file runs before the path is selected).
constexpr KernelTable kAvx2Kernels = makeTable<8>("avx2");

} // namespace florence::kernels
