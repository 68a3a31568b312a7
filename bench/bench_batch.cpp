// florence-bench-batch: throughput of batched inference (Pipeline::runBatch, issue 11) on a
// random-weight base-size model: images/min and decoder ms/step for batch sizes N = 1, 2, 4, 8
// on <OD> (100 new tokens) and on a long-output task (<MORE_DETAILED_CAPTION>, 300 new tokens),
// 3 beams, every generation forced to its length (min = max new tokens; random weights would stop
// anywhere). Each N runs N different synthetic images as one batch; N = 1 is one image at a time.
// Also checks that every batched answer has the tokens of N = 1 on the same image, and prints the
// peak RSS against Pipeline::estimateBatchBytes.
//
// florence-bench-batch [--model DIR] [--threads N] [--sizes 1,2,4,8] [--od-tokens 100]
//                      [--long-tokens 300] [--beams 3] [--skip-od] [--skip-long] [--repeat R] [--vision-once]
//
// --vision-once (for loaded machines, where a vision pass takes a minute): the vision tower is
// timed for 1 image (after one untimed pass; median of 3) and for 2 stacked images; every N then
// runs N requests on one image whose features are cached, and images/min is composed as
// N / (N x vision ms per image + that batch's wall time). The decoder numbers are measured either way.
#include "bench_util.h"

#include "common/blas_core.h"
#include "common/process_setup.h"
#include "common/cpu_features.h"
#include "common/threads.h"
#include "io/random_model.h"
#include "pipeline.h"

#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace florence;
using namespace florence::bench;
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of the whole process, ms (robust against a loaded machine where wall time is not).
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

RgbImage syntheticImage(int seed, int width = 640, int height = 480)
{
    // smooth gradients plus noise: different for every seed
    RgbImage img;
    img.width = width;
    img.height = height;
    img.pixels.resize(std::size_t(width) * height * 3);
    std::mt19937 rng{std::uint32_t(seed)};
    std::uniform_int_distribution<int> noise(0, 40);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                img.pixels[(std::size_t(y) * width + x) * 3 + c] =
                    std::uint8_t((x * (c + 1 + seed) / 5 + y * (3 - c + seed) / 7 + noise(rng)) & 255);
    return img;
}

std::vector<int> parseList(const std::string &s)
{
    std::vector<int> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        out.push_back(std::atoi(item.c_str()));
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    florence::setUpInferenceProcess(argv); // what the app and the CLI do (common/process_setup.h)
    std::string modelDir;
    int threads = 2, odTokens = 100, longTokens = 300, beams = 3, repeat = 1;
    std::vector<int> sizes{1, 2, 4, 8};
    bool skipOd = false, skipLong = false, visionOnce = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--model")
            modelDir = next();
        else if (a == "--threads")
            threads = std::atoi(next().c_str());
        else if (a == "--sizes")
            sizes = parseList(next());
        else if (a == "--od-tokens")
            odTokens = std::atoi(next().c_str());
        else if (a == "--long-tokens")
            longTokens = std::atoi(next().c_str());
        else if (a == "--beams")
            beams = std::atoi(next().c_str());
        else if (a == "--repeat")
            repeat = std::max(1, std::atoi(next().c_str()));
        else if (a == "--skip-od")
            skipOd = true;
        else if (a == "--skip-long")
            skipLong = true;
        else if (a == "--vision-once")
            visionOnce = true;
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    setThreadCount(threads);
    const CpuFeatures &cpu = cpuFeatures();
    std::printf("CPU: %s; flags seen: %s; threads %d; %s\n", cpu.model.empty() ? "(unknown)" : cpu.model.c_str(),
                cpu.flagList().c_str(), threadCount(), blasCoreReport().c_str());
    if (modelDir.empty()) {
        modelDir = FLORENCE_BINARY_DIR "/bench-base-model";
        if (!std::filesystem::exists(modelDir + "/model.safetensors")) {
            io::RandomModelOptions ro;
            ro.like = "base";
            ro.seed = 1;
            ro.tokenizerFrom = FLORENCE_SOURCE_DIR "/tests/data/fixtures/model";
            io::writeRandomModel(modelDir, ro);
            std::printf("wrote random base model to %s\n", modelDir.c_str());
        }
    }
    Pipeline pipeline(modelDir);
    std::printf("model %s: %s, %lld parameters; RSS after load %.0f MiB\n", modelDir.c_str(),
                pipeline.summary().variant.c_str(), static_cast<long long>(pipeline.summary().parameterCount),
                currentRssMb());

    int maxN = 1;
    for (int n : sizes)
        maxN = std::max(maxN, n);
    std::vector<PreprocessedImage> inputs;
    for (int k = 0; k < maxN; ++k)
        inputs.push_back(pipeline.preprocess(syntheticImage(k + 1)));

    double visionPerImage = 0.0, visionCpuPerImage = 0.0;
    if (visionOnce) {
        // n = 0: one untimed pass first (a process's first vision pass also pays OpenBLAS's buffers
        // and first-touch page faults: 2.3 s against 1.7-1.8 s for the next ones on machine C), so
        // the timed passes are what every further image of a long batch costs; 1 image is timed 3
        // times (median), 2 stacked once
        std::vector<double> alone, aloneCpu;
        for (int n : {0, 1, 1, 1, 2}) {
            std::vector<BatchRequest> batch;
            for (int k = 0; k < std::max(n, 1); ++k) {
                BatchRequest r;
                r.input = &inputs[std::size_t(k % inputs.size())];
                r.request.task = Task::Caption;
                r.request.maxNewTokens = 1;
                batch.push_back(r);
            }
            pipeline.clearCache();
            const double c0 = processCpuMs();
            const std::vector<BatchOutcome> out = pipeline.runBatch(batch);
            const double cpu = processCpuMs() - c0;
            double v = 0.0;
            for (const BatchOutcome &o : out)
                v += o.result->timings.visionMs;
            if (n == 1) {
                alone.push_back(v);
                aloneCpu.push_back(cpu);
            } else if (n == 2) {
                visionPerImage = median(alone);
                visionCpuPerImage = median(aloneCpu);
                std::printf("vision: 1 image alone: %.0f ms per image (median of %zu; run CPU time %.0f ms)\n",
                            visionPerImage, alone.size(), visionCpuPerImage);
                std::printf("vision: 2 images stacked: %.0f ms per image (run CPU time %.0f ms per image)\n", v / n,
                            cpu / n);
            }
        }
        // leave the features of the image every request then uses in the cache
        BatchRequest prime;
        prime.input = &inputs[0];
        prime.request.task = Task::Caption;
        prime.request.maxNewTokens = 1;
        pipeline.clearCache();
        pipeline.runBatch({prime});
    }

    struct TaskRun
    {
        const char *name;
        Task task;
        int tokens;
    };
    std::vector<TaskRun> tasks;
    if (!skipOd)
        tasks.push_back({"<OD>", Task::ObjectDetection, odTokens});
    if (!skipLong)
        tasks.push_back({"<MORE_DETAILED_CAPTION>", Task::MoreDetailedCaption, longTokens});

    std::printf("\n| task | N | images/min | x N=1 | decode ms/step | images/min (CPU time) | x N=1 | decode CPU ms/step | vision ms/img | encoder ms/img | wall s | peak RSS MiB | estimate MiB | tokens = N=1 |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const TaskRun &t : tasks) {
        std::map<int, std::vector<std::int64_t>> reference; // image -> tokens at N = 1
        double perMin1 = 0.0, cpuPerMin1 = 0.0;
        for (int n : sizes) {
            std::vector<double> walls, steps, visions, encoders, cpuSteps, cpuBatch;
            bool same = true;
            for (int rep = 0; rep < repeat; ++rep) {
                std::vector<BatchRequest> batch;
                for (int k = 0; k < n; ++k) {
                    BatchRequest r;
                    r.input = &inputs[visionOnce ? 0 : std::size_t(k)];
                    r.request.task = t.task;
                    r.request.numBeams = beams;
                    r.request.maxNewTokens = r.request.minNewTokens = t.tokens;
                    batch.push_back(r);
                }
                if (!visionOnce)
                    pipeline.clearCache();
                const Clock::time_point t0 = Clock::now();
                const double c0 = processCpuMs();
                double cDecode = -1.0;
                const std::vector<BatchOutcome> out = pipeline.runBatch(batch, [&](std::size_t, const RunProgress &p) {
                    if (p.stage == RunStage::Decoding && cDecode < 0)
                        cDecode = processCpuMs();
                });
                const double c1 = processCpuMs();
                walls.push_back(msSince(t0) + (visionOnce ? n * visionPerImage : 0.0));
                cpuBatch.push_back(c1 - c0 + (visionOnce ? n * visionCpuPerImage : 0.0));
                double decodeMs = 0.0, vision = 0.0, encoder = 0.0;
                int decodeSteps = 0;
                for (int k = 0; k < n; ++k) {
                    if (!out[std::size_t(k)].ok()) {
                        std::fprintf(stderr, "request %d failed: %s\n", k, out[std::size_t(k)].error.c_str());
                        return 1;
                    }
                    const RunResult &r = *out[std::size_t(k)].result;
                    decodeMs = std::max(decodeMs, r.timings.decodeMs);
                    decodeSteps = std::max(decodeSteps, r.timings.decodeSteps);
                    vision += r.timings.visionMs;
                    encoder += r.timings.encoderMs;
                    if (visionOnce)
                        vision += visionPerImage;
                    auto it = reference.find(visionOnce ? 0 : k);
                    if (it == reference.end())
                        reference[visionOnce ? 0 : k] = r.sequence;
                    else
                        same = same && it->second == r.sequence;
                }
                steps.push_back(decodeMs / std::max(decodeSteps, 1));
                cpuSteps.push_back((c1 - cDecode) / std::max(decodeSteps, 1));
                visions.push_back(vision / n);
                encoders.push_back(encoder / n);
            }
            const double wall = median(walls);
            const double perMin = n / (wall / 60000.0);
            const double cpuPerMin = n / (median(cpuBatch) / 60000.0);
            if (n == 1) {
                perMin1 = perMin;
                cpuPerMin1 = cpuPerMin;
            }
            auto ratio = [](double a, double b) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%.2fx", b > 0 ? a / b : 0.0);
                return std::string(buf);
            };
            const double estimate = double(pipeline.estimateBatchBytes(n, beams, t.tokens)) / (1024.0 * 1024.0);
            std::printf("| %s %d tokens | %d | %.2f | %s | %.1f | %.2f | %s | %.1f | %.0f | %.0f | %.1f | %.0f | %.0f | %s |\n",
                        t.name, t.tokens, n, perMin, ratio(perMin, perMin1).c_str(), median(steps), cpuPerMin,
                        ratio(cpuPerMin, cpuPerMin1).c_str(), median(cpuSteps), median(visions), median(encoders),
                        wall / 1000.0, peakRssMb(), estimate,
                        reference.size() >= std::size_t(visionOnce ? 1 : n) && n > 1 ? (same ? "yes" : "NO") : "-");
            std::fflush(stdout);
        }
    }
    return 0;
}
