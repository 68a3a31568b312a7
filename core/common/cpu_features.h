#pragma once
// What this CPU can execute, detected once at run time (no Qt, no libtorch).

#include <string>

namespace florence {

/// Instruction-set features of the CPU the process runs on, as far as the kernels care. The x86
/// flags are set only when both the CPU and the operating system support them (CPUID + XGETBV,
/// through the compiler's __builtin_cpu_supports).
struct CpuFeatures
{
    bool sse2 = false;       ///< x86-64 baseline
    bool avx2 = false;       ///< 256-bit integer and float vectors
    bool fma = false;        ///< fused multiply-add (FMA3)
    bool f16c = false;       ///< float16 <-> float32 conversion
    bool avx512f = false;    ///< 512-bit vectors (foundation)
    bool avx512bw = false;   ///< 512-bit byte/word operations
    bool avx512vl = false;   ///< AVX-512 instructions on 128/256-bit registers
    bool avx512dq = false;   ///< AVX-512 doubleword/quadword operations
    bool avx512bf16 = false; ///< bfloat16 dot products
    bool neon = false;       ///< AArch64 Advanced SIMD (always present on AArch64)
    std::string model;       ///< e.g. "Intel(R) Xeon(R) Processor" (/proc/cpuinfo); empty when unknown

    /// The flags above that are set, space separated ("sse2 avx2 fma f16c avx512f ...").
    std::string flagList() const;
};

/// The features of this CPU, detected on the first call (thread-safe).
const CpuFeatures &cpuFeatures();

} // namespace florence
