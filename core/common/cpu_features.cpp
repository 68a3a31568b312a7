#include "common/cpu_features.h"

#include <fstream>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#endif

namespace florence {

namespace {

std::string cpuModelName()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    // x86: "model name : ..."; some AArch64 kernels give "Model : ..." or nothing.
    for (int n = 0; n < 4096 && std::getline(in, line); ++n) {
        const std::string::size_type colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string key = line.substr(0, colon);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t'))
            key.pop_back();
        if (key == "model name" || key == "Model") {
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.erase(value.begin());
            return value.substr(0, 200);
        }
    }
    return {};
}

CpuFeatures detect()
{
    CpuFeatures f;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    f.sse2 = __builtin_cpu_supports("sse2");
    f.avx2 = __builtin_cpu_supports("avx2");
    f.fma = __builtin_cpu_supports("fma");
    f.avx512f = __builtin_cpu_supports("avx512f");
    f.avx512bw = __builtin_cpu_supports("avx512bw");
    f.avx512vl = __builtin_cpu_supports("avx512vl");
    f.avx512dq = __builtin_cpu_supports("avx512dq");
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
    f.avx512bf16 = __builtin_cpu_supports("avx512bf16");
#endif
    // F16C has no __builtin_cpu_supports name in GCC 12: CPUID leaf 1, ECX bit 29 (it needs the
    // AVX state the OS enables, which avx2 above already proved).
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    f.f16c = f.avx2 && __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
#elif defined(__aarch64__)
    f.neon = true;
#endif
    f.model = cpuModelName();
    return f;
}

} // namespace

std::string CpuFeatures::flagList() const
{
    std::string s;
    const auto add = [&](bool on, const char *name) {
        if (!on)
            return;
        if (!s.empty())
            s += ' ';
        s += name;
    };
    add(sse2, "sse2");
    add(avx2, "avx2");
    add(fma, "fma");
    add(f16c, "f16c");
    add(avx512f, "avx512f");
    add(avx512bw, "avx512bw");
    add(avx512vl, "avx512vl");
    add(avx512dq, "avx512dq");
    add(avx512bf16, "avx512bf16");
    add(neon, "neon");
    return s.empty() ? std::string("(none of the listed)") : s;
}

const CpuFeatures &cpuFeatures()
{
    static const CpuFeatures features = detect();
    return features;
}

} // namespace florence
