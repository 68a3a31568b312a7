// The "avx512" kernel path: AVX-512 (F, BW, VL, DQ) + FMA: 512-bit zmm vectors.
// Compiled with its own flags (core/model/CMakeLists.txt); cpu_kernels.cpp selects it at run time.
#include "model/cpu_kernels_simd.h"

namespace florence::kernels {

// Constant-initialized (no code of this file runs before the path is selected).
constexpr KernelTable kAvx512Kernels = makeTable<16>("avx512");

} // namespace florence::kernels
