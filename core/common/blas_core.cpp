#include "common/blas_core.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace florence {

namespace {

constexpr const char *kFromVar = "FLORENCE_BLAS_CORE_FROM";

bool anyOf(const std::string &s, std::initializer_list<const char *> names)
{
    for (const char *n : names)
        if (strcasecmp(s.c_str(), n) == 0)
            return true;
    return false;
}

} // namespace

std::string openBlasCoreName()
{
    using Fn = char *(*)();
    const auto fn = reinterpret_cast<Fn>(::dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (!fn)
        return {};
    const char *name = fn();
    return name ? std::string(name) : std::string();
}

std::string betterOpenBlasCore(const CpuFeatures &cpu, const std::string &current)
{
    if (current.empty())
        return {};
    // Cores whose kernels use AVX-512 / AVX2 (names as OpenBLAS 0.3.x reports them).
    const bool has512Core = anyOf(current, {"SkylakeX", "Cooperlake", "SapphireRapids"});
    const bool has256Core = has512Core || anyOf(current, {"Haswell", "Zen", "Excavator", "Steamroller"});
    if (cpu.avx512f && cpu.avx512bw && cpu.avx512vl && cpu.avx512dq && !has512Core)
        return "SkylakeX";
    if (cpu.avx2 && cpu.fma && !has256Core)
        return "Haswell";
    return {};
}

void reexecForBetterBlasCore(char **argv)
{
    if (!argv || !argv[0] || std::getenv("OPENBLAS_CORETYPE") || std::getenv(kFromVar))
        return;
    const char *choice = std::getenv("FLORENCE_BLAS_CORE");
    if (choice && strcasecmp(choice, "keep") == 0)
        return;
    const std::string current = openBlasCoreName();
    if (current.empty())
        return;
    const std::string want = choice && *choice ? std::string(choice) : betterOpenBlasCore(cpuFeatures(), current);
    if (want.empty() || strcasecmp(want.c_str(), current.c_str()) == 0)
        return;
    ::setenv("OPENBLAS_CORETYPE", want.c_str(), 1);
    ::setenv(kFromVar, current.c_str(), 1);
    ::execv("/proc/self/exe", argv);
    // exec failed (no /proc, ...): go on with the core OpenBLAS chose.
    ::unsetenv("OPENBLAS_CORETYPE");
    ::unsetenv(kFromVar);
}

std::string blasCoreReport()
{
    const std::string core = openBlasCoreName();
    if (core.empty())
        return {};
    std::string line = "OpenBLAS core " + core;
    if (const char *from = std::getenv(kFromVar); from && strcasecmp(from, core.c_str()) != 0)
        line += std::string(" (OpenBLAS chose ") + from + " for this CPU; FLORENCE_BLAS_CORE=keep keeps that)";
    return line;
}

} // namespace florence
