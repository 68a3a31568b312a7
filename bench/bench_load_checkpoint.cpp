// florence-bench-load-checkpoint: times loadCheckpoint() on a model folder and reports peak RSS.
// Usage: bench_load_checkpoint MODEL_DIR [--runs N] [--dtype fp32|fp16|bf16] [--evict]
//   --evict  drops the folder's weight files from the page cache first (posix_fadvise), so the
//            first load reads from disk; without it the first load sees whatever the cache holds
//            (e.g. right after make-random-model, the freshly written pages).
// Each run prints the load time, the time to then read every weight once (zero-copy tensors page
// in lazily), and the process's peak RSS so far.
#include "bench_util.h"
#include "common/threads.h"
#include "io/checkpoint.h"
#include "model/config.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

/// User + system CPU seconds of this process so far (robust against a busy machine).
double cpuSeconds()
{
    struct rusage ru {};
    ::getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1e-6 * double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s MODEL_DIR [--runs N] [--dtype fp32|fp16|bf16] [--evict]\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    int runs = 2;
    bool evictFirst = false;
    at::ScalarType dtype = at::kFloat;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else if (a == "--evict")
            evictFirst = true;
        else if (a == "--dtype" && i + 1 < argc) {
            const std::string d = argv[++i];
            dtype = d == "fp16" ? at::kHalf : d == "bf16" ? at::kBFloat16 : at::kFloat;
        }
    }
    florence::setThreadCount(0);
    if (evictFirst)
        for (const char *f : {"model.safetensors", "pytorch_model.bin"})
            florence::bench::evictFromPageCache(dir + "/" + f);
    const florence::FlorenceConfig cfg = florence::loadFlorenceConfig(dir);
    std::printf("threads %d, peak RSS before loading %.0f MiB\n", florence::threadCount(), florence::bench::peakRssMb());
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const double cpu0 = cpuSeconds();
        florence::io::LoadedCheckpoint c = florence::io::loadCheckpoint(dir, cfg, dtype);
        const double load = seconds(t0);
        const double loadCpu = cpuSeconds() - cpu0;
        const double rssLoad = florence::bench::peakRssMb();
        const auto t1 = std::chrono::steady_clock::now();
        double sum = 0.0;
        for (const auto &kv : c.tensors)
            sum += kv.second.sum().item<double>();
        const double touch = seconds(t1);
        std::printf("run %d (%s): load %.3f s (%.3f s CPU), peak RSS after load %.0f MiB; reading every weight once %.3f s, "
                    "peak RSS %.0f MiB (%zu tensors, checksum %.3g)\n",
                    r + 1, c.format.c_str(), load, loadCpu, rssLoad, touch, florence::bench::peakRssMb(), c.tensors.size(), sum);
        if (r == 0)
            for (const std::string &line : c.log)
                std::printf("  log: %s\n", line.c_str());
    }
    return 0;
}
