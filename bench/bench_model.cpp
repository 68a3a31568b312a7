// Benchmark of the Florence-2 network and generation on a base-size model with random weights
// (not a test): model load (cold/warm), vision, encoder, decoder step at t~32 and t~512,
// end-to-end <OD> with 100 forced new tokens at 3 beams, peak RSS, and this machine's torch::mm
// GFLOP/s. It prints the CPU flags seen and the decoder-kernel path, measures the machine's
// streaming read bandwidth at the same thread count, and gives each decoder step as a ratio to the
// weight-read bound (bytes of weights a step reads / that bandwidth).
//
//   florence-bench-model [--model DIR] [--threads N] [--device cpu|cuda] [--dtype f32|bf16|f16] [--repeat N] [--long-steps N]
//               [--skip-long] [--only vision|decode|gemv|rows|attention|bandwidth] [--kernels avx512|avx2|portable|all]
//
// --kernels forces the decoder-kernel path (like FLORENCE_CPU_KERNELS); "all" measures the decoder
// steps (full run, --only decode, --only gemv) once per path the CPU supports, side by side.
//
// Without --model, a random base model is written once to <build>/bench-base-model
// (io::writeRandomModel, like `florence-cli make-random-model --like base --seed 1`).
// Results go to bench/README.md (section "Model").
#include "bench_util.h"
#include "common/blas_core.h"
#include "common/process_setup.h"
#include "common/cpu_features.h"
#include "common/threads.h"
#include "generate/generate.h"
#include "model/florence2.h"
#include "io/checkpoint.h"
#include "io/random_model.h"
#include "model/cpu_kernels.h"
#include "pipeline.h"

#include <ATen/Parallel.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>
#include <sched.h>
#include <string>
#include <vector>

using namespace florence;
using namespace florence::bench;

namespace {

using Clock = std::chrono::steady_clock;

bool exists(const std::string &path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0;
}

// io::loadCheckpoint + Florence2Model construction; the checkpoint map is released afterwards.
/// Multiply-adds x 2 of the DaViT vision tower on a side x side image, counted from the config:
/// patch-embedding convolutions, the two depthwise 3x3 position convolutions of every block, window
/// attention (qkv, scores, mixing, projection), channel attention (the same over channel groups) and
/// the MLPs. Norms, softmax and activations are left out. Base: 379.8 GFLOP (the issue quotes 381).
double visionGflop(const VisionConfig &v, int side)
{
    double flops = 0;
    int prev = 3;
    for (int i = 0; i < v.numStages(); ++i) {
        side = (side + 2 * v.patchPadding[i] - v.patchSize[i]) / v.patchStride[i] + 1;
        const double n = double(side) * side, c = v.dimEmbed[i];
        const double window = double(v.windowSize) * v.windowSize;
        const double mlp = 2.0 * 2.0 * n * c * (c * v.mlpRatio);
        flops += 2.0 * n * c * prev * v.patchSize[i] * v.patchSize[i];
        for (int d = 0; d < v.depths[i]; ++d) {
            flops += 2 * (2.0 * 2.0 * n * c * 9);                        // position convolutions, both blocks
            flops += 2.0 * n * c * 3 * c + 2.0 * n * c * c + 4.0 * n * window * c;   // spatial attention
            flops += 2.0 * n * c * 3 * c + 2.0 * n * c * c + 4.0 * n * c * c / v.numGroups[i]; // channel attention
            flops += 2 * mlp;
        }
        prev = v.dimEmbed[i];
    }
    return flops / 1e9;
}

std::unique_ptr<Florence2Model> loadModel(const std::string &dir, const FlorenceConfig &cfg, const RunOptions &run)
{
    io::LoadedCheckpoint ckpt = io::loadCheckpoint(dir, cfg, run.dtype);
    return std::make_unique<Florence2Model>(cfg, ckpt.tensors, run);
}

double mmGflops()
{
    const at::Tensor a = at::randn({1024, 1024}), b = at::randn({1024, 1024});
    for (int i = 0; i < 3; ++i)
        at::mm(a, b);
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        const Clock::time_point t0 = Clock::now();
        const int n = 10;
        for (int i = 0; i < n; ++i)
            at::mm(a, b);
        runs.push_back(2.0 * 1024 * 1024 * 1024 * n / (msSince(t0) / 1000.0) / 1e9);
    }
    return median(runs);
}

/// Bytes of weights one decoder step reads at any beam count: every decoder layer's self-attention
/// (q, k, v, out), cross-attention q and out (its k and v are computed once per request), fc1, fc2,
/// the layer norms, and lm_head with final_logits_bias. Embedding rows and the KV cache are left out.
double decoderStepWeightBytes(const TextConfig &t, std::size_t elementSize)
{
    const double D = t.dModel, F = t.decoderFfnDim, V = t.vocabSize;
    const double perLayer = 4 * (D * D + D) + 2 * (D * D + D) + (D * F + F) + (F * D + D) + 3 * 2 * D;
    return (t.decoderLayers * perLayer + 2 * D + V * D + V) * double(elementSize);
}

/// Streaming read bandwidth at the current thread count: a buffer of `bytes` (the weights a step
/// reads, so the caches hold the same share of it as of the weights) summed by the widest kernel
/// path, one contiguous part per thread; median of 9 passes after one warm-up pass. `wallGBs` is
/// bytes per wall-clock second; `cpuGBs` bytes per second of process CPU time (all threads), which a
/// busy shared machine distorts far less (compare it with a step's CPU time).
struct Bandwidth
{
    double wallGBs = 0, cpuGBs = 0;
};

Bandwidth readBandwidth(double bytes)
{
    const std::int64_t n = std::int64_t(bytes / sizeof(float));
    const at::Tensor buffer = at::ones({n});
    const float *p = buffer.data_ptr<float>();
    const CpuKernelPath before = cpuKernelPath();
    setCpuKernelPath(supportedCpuKernelPaths().back());
    double sink = streamSum(p, n);
    std::vector<double> wall, cpu;
    for (int r = 0; r < 9; ++r) {
        const Clock::time_point t0 = Clock::now();
        const std::clock_t c0 = std::clock();
        sink += streamSum(p, n);
        const double cpuS = double(std::clock() - c0) / CLOCKS_PER_SEC;
        wall.push_back(double(n) * sizeof(float) / (msSince(t0) / 1000.0) / 1e9);
        cpu.push_back(double(n) * sizeof(float) / std::max(cpuS, 1e-6) / 1e9);
    }
    setCpuKernelPath(before);
    if (std::abs(sink - 10.0 * double(n)) > 1e-5 * double(n)) // every element read (float32 partial sums)
        std::printf("(bandwidth buffer sum %.0f, expected %.0f)\n", sink, 10.0 * double(n));
    return {median(wall), median(cpu)};
}

} // namespace

int main(int argc, char **argv)
{
    setUpInferenceProcess(argv); // what the app and the CLI do (common/process_setup.h)
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // lines appear as measured, also when piped to a file
    int threads = 2, repeat = 3, longSteps = 520;
    std::string modelDir;
    bool skipLong = false;
    std::string only; // "vision" or "decode": profile one stage only
    std::string kernels; // decoder-kernel path(s) to force; empty: FLORENCE_CPU_KERNELS or the widest
    RunOptions run;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--model")
            modelDir = next();
        else if (a == "--threads")
            threads = std::stoi(next());
        else if (a == "--repeat")
            repeat = std::stoi(next());
        else if (a == "--long-steps")
            longSteps = std::stoi(next());
        else if (a == "--skip-long")
            skipLong = true;
        else if (a == "--only")
            only = next();
        else if (a == "--kernels")
            kernels = next();
        else if (a == "--dtype") {
            const std::string d = next();
            run.dtype = d == "bf16" ? at::kBFloat16 : d == "f16" ? at::kHalf : at::kFloat;
        } else if (a == "--device")
            run.device = at::Device(next());
        else {
            std::fprintf(stderr, "usage: florence-bench-model [--model DIR] [--threads N] [--device cpu|cuda] [--dtype f32|bf16|f16] [--repeat N] "
                                 "[--long-steps N] [--skip-long] [--only vision|decode|gemv|rows|attention|bandwidth] "
                                 "[--kernels avx512|avx2|portable|all]\n");
            return 2;
        }
    }
    setThreadCount(threads);
    at::InferenceMode guard;
    // Decoder-kernel paths to measure: the forced one(s), else the one in effect.
    std::vector<CpuKernelPath> paths;
    try {
        if (kernels == "all")
            paths = supportedCpuKernelPaths();
        else if (!kernels.empty())
            paths = {parseCpuKernelPath(kernels, "--kernels")};
        else
            paths = {cpuKernelPath()};
        setCpuKernelPath(paths.back());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "florence-bench-model: %s\n", e.what());
        return 2;
    }
    const CpuFeatures &cpu = cpuFeatures();
    std::printf("CPU: %s; flags seen: %s\n", cpu.model.empty() ? "(unknown)" : cpu.model.c_str(), cpu.flagList().c_str());
    {
        std::string supported, measured;
        for (CpuKernelPath p : supportedCpuKernelPaths())
            supported += std::string(supported.empty() ? "" : ", ") + toString(p);
        for (CpuKernelPath p : paths)
            measured += std::string(measured.empty() ? "" : ", ") + toString(p);
        std::printf("decoder-kernel paths: supported %s; measured %s%s\n", supported.c_str(), measured.c_str(),
                    std::getenv("FLORENCE_CPU_KERNELS") ? " (FLORENCE_CPU_KERNELS is set)" : "");
    }
    std::printf("threads %d, device %s, dtype %s; %s\n", threadCount(), run.device.str().c_str(), c10::toString(run.dtype),
                blasCoreReport().c_str());
    const double mm = mmGflops();
    std::printf("torch::mm 1024^2 fp32: %.1f GFLOP/s\n", mm);

    if (modelDir.empty()) {
        modelDir = FLORENCE_BINARY_DIR "/bench-base-model";
        if (!exists(modelDir + "/model.safetensors")) {
            io::RandomModelOptions ro;
            ro.like = "base";
            ro.seed = 1;
            ro.tokenizerFrom = FLORENCE_SOURCE_DIR "/tests/data/fixtures/model";
            const Clock::time_point tw = Clock::now();
            io::writeRandomModel(modelDir, ro);
            std::printf("wrote random base model to %s in %.0f ms\n", modelDir.c_str(), msSince(tw));
        }
    }
    const FlorenceConfig cfg = loadFlorenceConfig(modelDir);
    std::printf("model %s: %d vision stages, d_model %d, %d+%d layers\n", modelDir.c_str(), cfg.vision.numStages(),
                cfg.text.dModel, cfg.text.encoderLayers, cfg.text.decoderLayers);
    // The weight-read bound of a decoder step on this machine (CPU runs only).
    const double stepBytes = decoderStepWeightBytes(cfg.text, c10::elementSize(run.dtype));
    const double bandwidth = run.device.is_cpu() ? readBandwidth(stepBytes).wallGBs : 0.0;
    const double boundMs = bandwidth > 0 ? stepBytes / (bandwidth * 1e9) * 1000.0 : 0.0;
    if (bandwidth > 0)
        std::printf("streaming read bandwidth, %d threads, %.0f MB buffer: %.1f GB/s; a decoder step reads %.0f MB of "
                    "weights: bound %.1f ms/step\n",
                    threadCount(), stepBytes / 1e6, bandwidth, stepBytes / 1e6, boundMs);
    const auto vsBound = [&](double ms) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2fx bound", boundMs > 0 ? ms / boundMs : 0.0);
        return std::string(buf);
    };
    if (only == "bandwidth")
        return 0;

    at::manual_seed(2);
    const at::Tensor pixels = at::randn({1, 3, 768, 768});
    Clock::time_point t0;
    std::unique_ptr<Florence2Model> model;
    for (const char *f : {"model.safetensors", "pytorch_model.bin"})
        evictFromPageCache(modelDir + "/" + f);
    t0 = Clock::now();
    model = loadModel(modelDir, cfg, run);
    const double coldMs = msSince(t0);
    t0 = Clock::now();
    if (only.empty() || only == "vision") // the other --only modes need no vision run
        model->encodeImage(pixels);
    const double firstVisionMs = msSince(t0);
    model.reset();
    std::vector<double> warm;
    for (int r = 0; r < 2; ++r) {
        model.reset();
        t0 = Clock::now();
        model = loadModel(modelDir, cfg, run);
        warm.push_back(msSince(t0));
    }
    std::printf("model load (loadCheckpoint + construction): cold %.0f ms (page cache dropped; first vision run then "
                "%.0f ms), warm %.0f ms\n",
                coldMs, firstVisionMs, median(warm));
    std::printf("RSS after load: %.0f MB (peak %.0f MB)\n", currentRssMb(), peakRssMb());

    // "<OD>" prompt: "Locate the objects with category name in the image."
    const std::vector<std::int64_t> prompt = {0, 574, 22486, 5, 8720, 19, 4120, 766, 11, 5, 2274, 4, 2};

    if (only == "gemv") {
        // lm_head of one beam-search step: 3 rows x 768 against 51289 x 768 weights (158 MB), on
        // each path, against OpenBLAS through libtorch: sgemm (addmm, what ATen runs for 3 rows) and
        // sgemv (mv, one call per row), and a plain read of the weights (at::sum).
        const at::Tensor x = at::randn({3, 768}), w = at::randn({51289, 768}), b = at::randn({51289});
        const auto time = [&](const char *name, const std::function<void()> &f) {
            f();
            std::vector<double> ms;
            for (int r = 0; r < 5; ++r) {
                const int n = 10;
                const Clock::time_point t = Clock::now();
                for (int i = 0; i < n; ++i)
                    f();
                ms.push_back(msSince(t) / n);
            }
            const double m = median(ms);
            std::printf("%-34s %.2f ms per call, %.1f GB/s of weights\n", name, m, double(w.numel()) * 4 / (m / 1000.0) / 1e9);
        };
        for (CpuKernelPath p : paths) {
            setCpuKernelPath(p);
            time((std::string("smallRowsLinear, ") + toString(p)).c_str(), [&] { smallRowsLinear(x, w, b); });
        }
        time("OpenBLAS sgemm (at::addmm)", [&] { at::addmm(b, x, w.t()); });
        time("OpenBLAS sgemv x3 rows (at::mv)", [&] {
            for (int m = 0; m < 3; ++m)
                at::mv(w, x[m]).add_(b);
        });
        time("OpenBLAS sgemv, 1 row (at::mv)", [&] { at::mv(w, x[0]).add_(b); });
        time("at::sum (read only)", [&] { w.sum(); });
        return 0;
    }
    if (only == "attention") {
        // cross-attention of one decoder step for one layer: 3 beams, 12 heads, 590 keys
        const std::int64_t B = 3, H = 12, d = 64, S = 590;
        const at::Tensor q = at::randn({B, H, d}), k = at::randn({S, H, d}), v = at::randn({S, H, d});
        const at::Tensor kb = k.to(at::kBFloat16), vb = v.to(at::kBFloat16);
        const at::Tensor kt = blockCrossKeys(k), ktb = kt.to(at::kBFloat16);
        const at::Tensor vh = v.permute({1, 0, 2}).contiguous(), vhb = vh.to(at::kBFloat16);
        for (int variant = 0; variant < 5; ++variant) {
            const int n = 2000;
            const std::clock_t c0 = std::clock();
            t0 = Clock::now();
            for (int i = 0; i < n; ++i) {
                if (variant == 0) {
                    attendOneQuery(q, k, v, S, H * d, 0, nullptr);
                } else if (variant == 2) {
                    attendOneQuery(q, kb, vb, S, H * d, 0, nullptr);
                } else if (variant == 3) {
                    attendOneQueryShared(q, kt, vh);
                } else if (variant == 4) {
                    attendOneQueryShared(q, ktb, vhb);
                } else {
                    const at::Tensor a = at::_softmax(at::bmm(q.permute({1, 0, 2}), k.permute({1, 2, 0})), -1, false);
                    at::bmm(a, v.permute({1, 0, 2}));
                }
            }
            std::printf("%s: %.1f us per call (CPU %.1f us)\n",
                        variant == 0   ? "attendOneQuery"
                        : variant == 1 ? "ATen bmm"
                        : variant == 2 ? "attendOneQuery bf16"
                        : variant == 3 ? "attendOneQueryShared"
                                       : "attendOneQueryShared bf16",
                        msSince(t0) * 1000.0 / n, 1e6 * double(std::clock() - c0) / CLOCKS_PER_SEC / n);
        }
        {
            const at::Tensor sc = at::randn({B, H, S});
            t0 = Clock::now();
            for (int i = 0; i < 2000; ++i)
                at::_softmax(sc, -1, false);
            std::printf("at::_softmax (%d, %d, %d): %.1f us per call\n", int(B), int(H), int(S), msSince(t0) * 1000.0 / 2000);
            t0 = Clock::now();
            for (int i = 0; i < 2000; ++i)
                at::parallel_for(0, 12, 1, [&](std::int64_t, std::int64_t) {});
            std::printf("empty parallel_for: %.1f us per call\n", msSince(t0) * 1000.0 / 2000);
        }
        {
            // As in a batched decoder step (8 requests x 6 layers): 48 different key/value sets,
            // 174 MB, so they come from memory as in the real loop, not from the cache.
            std::vector<at::Tensor> kts, vs;
            for (int i = 0; i < 48; ++i) {
                kts.push_back(blockCrossKeys(at::randn({S, H, d})));
                vs.push_back(at::randn({H, S, d}));
            }
            for (int r = 0; r < 3; ++r) {
                const std::clock_t c0 = std::clock();
                t0 = Clock::now();
                const int rounds = 20;
                for (int i = 0; i < rounds; ++i)
                    for (std::size_t j = 0; j < kts.size(); ++j)
                        attendOneQueryShared(q, kts[j], vs[j]);
                const double us = msSince(t0) * 1000.0 / (rounds * 48);
                std::printf("attendOneQueryShared, 48 sets from memory: %.1f us per call (CPU %.1f us), %.1f GB/s\n", us,
                            1e6 * double(std::clock() - c0) / CLOCKS_PER_SEC / (rounds * 48),
                            2.0 * double(S * H * d) * 4 / (us * 1e-6) / 1e9);
            }
        }
        // Self-attention of one decoder step over 6 layers' caches (base: 3 beams, 12 heads, 64),
        // beams not sharing rows (the worst case), at history lengths 32 and 512.
        const std::int64_t capacity = 520;
        std::vector<at::Tensor> ks, vs;
        for (int l = 0; l < 6; ++l) {
            ks.push_back(at::randn({capacity, B, H, d}));
            vs.push_back(at::randn({capacity, B, H, d}));
        }
        std::vector<std::int32_t> slots(std::size_t(capacity * B));
        for (std::int64_t j = 0; j < capacity; ++j)
            for (std::int64_t b = 0; b < B; ++b)
                slots[std::size_t(j * B + b)] = std::int32_t(b);
        for (const std::int64_t length : {std::int64_t(32), std::int64_t(512)}) {
            const int n = 200;
            t0 = Clock::now();
            for (int i = 0; i < n; ++i)
                for (int l = 0; l < 6; ++l)
                    attendOneQuery(q, ks[l], vs[l], length, B * H * d, H * d, slots.data());
            std::printf("self-attention, 6 layers, t=%lld: %.2f ms per decoder step\n", (long long)length,
                        msSince(t0) / n);
        }
        return 0;
    }
    if (only == "rows") {
        // The projections of one base decoder step (6 layers x (6 of 768x768, 768->3072, 3072->768)
        // + lm_head 51289x768, 355 MB) for 1, 2, 4, 8 requests of 3 beams (groupedRowsLinear, the
        // batched decoder's path), on each path; GFLOP/s counts 2 flops per multiply-add.
        std::vector<std::pair<at::Tensor, at::Tensor>> layers;
        for (int l = 0; l < 6; ++l) {
            for (int i = 0; i < 6; ++i)
                layers.emplace_back(at::randn({768, 768}), at::randn({768}));
            layers.emplace_back(at::randn({3072, 768}), at::randn({3072}));
            layers.emplace_back(at::randn({768, 3072}), at::randn({768}));
        }
        layers.emplace_back(at::randn({51289, 768}), at::randn({51289}));
        double macsPerRow = 0;
        for (const auto &l : layers)
            macsPerRow += double(l.first.numel());
        { // the compute rate alone: 384 x 768 weights (1.2 MB) stay in L2
            for (const std::int64_t hotK : {768, 3072}) {
            const at::Tensor w = at::randn({384 * 768 / hotK, hotK}), b = at::randn({384 * 768 / hotK});
            for (CpuKernelPath p : paths) {
                setCpuKernelPath(p);
                for (int g : {1, 2, 4, 8}) {
                    const std::vector<std::int64_t> groups(std::size_t(g), 3);
                    const at::Tensor x = at::randn({3 * g, hotK});
                    groupedRowsLinear(x, w, b, groups);
                    const Clock::time_point t = Clock::now();
                    for (int r = 0; r < 200; ++r)
                        groupedRowsLinear(x, w, b, groups);
                    const double m = msSince(t) / 200;
                    std::printf("weights in L2, K %4d: %-8s %2d rows: %.3f ms, %.1f GFLOP/s\n", int(hotK), toString(p), 3 * g, m,
                                2.0 * double(w.numel()) * 3 * g / (m / 1000.0) / 1e9);
                }
            }
            }
        }
        for (CpuKernelPath p : paths) {
            setCpuKernelPath(p);
            for (int g : {1, 2, 4, 8}) {
                const std::vector<std::int64_t> groups(std::size_t(g), 3);
                const at::Tensor x768 = at::randn({3 * g, 768}), x3072 = at::randn({3 * g, 3072});
                std::vector<double> ms;
                for (int r = 0; r < 6; ++r) {
                    const Clock::time_point t = Clock::now();
                    for (const auto &l : layers)
                        groupedRowsLinear(l.first.size(1) == 768 ? x768 : x3072, l.first, l.second, groups);
                    if (r > 0)
                        ms.push_back(msSince(t));
                }
                const double m = median(ms);
                std::printf("%-8s %2d rows: %.2f ms per step of projections, %.1f GFLOP/s\n", toString(p), 3 * g, m,
                            2 * macsPerRow * 3 * g / (m / 1000.0) / 1e9);
            }
        }
        return 0;
    }
    if (only == "threads") {
        std::mutex mu;
        std::vector<std::string> seen;
        at::parallel_for(0, 12, 1, [&](std::int64_t b0, std::int64_t b1) {
            std::ostringstream os;
            os << std::this_thread::get_id() << " [" << b0 << "," << b1 << ") cpu " << sched_getcpu();
            std::lock_guard<std::mutex> lock(mu);
            seen.push_back(os.str());
        });
        for (const auto &x : seen)
            std::printf("%s\n", x.c_str());
        return 0;
    }
    if (only == "selfattention") {
        // self-attention of one decoder step for one layer at t = 512: 3 beams, 12 heads, slots
        // all shared (one common history) or all distinct (three separate histories)
        const std::int64_t B = 3, H = 12, d = 64, L = 512;
        const at::Tensor q = at::randn({B, H, d}), k = at::randn({L, B, H, d}), v = at::randn({L, B, H, d});
        std::vector<std::int32_t> shared(L * B, 0), distinct(L * B);
        for (std::int64_t j = 0; j < L; ++j)
            for (std::int64_t b = 0; b < B; ++b)
                distinct[j * B + b] = std::int32_t(b);
        for (int variant = 0; variant < 2; ++variant) {
            const int n = 2000;
            const std::clock_t c0 = std::clock();
            t0 = Clock::now();
            for (int i = 0; i < n; ++i)
                attendOneQuery(q, k, v, L, B * H * d, H * d, variant == 0 ? shared.data() : distinct.data());
            std::printf("%s slots: %.1f us per call (CPU %.1f us)\n", variant == 0 ? "shared" : "distinct",
                        msSince(t0) * 1000.0 / n, 1e6 * double(std::clock() - c0) / CLOCKS_PER_SEC / n);
        }
        return 0;
    }
    if (only == "vision") {
        for (int r = 0; r < repeat; ++r) {
            t0 = Clock::now();
            const std::clock_t c0 = std::clock();
            synchronizeDevice(model->encodeImage(pixels));
            const double ms = msSince(t0), gflops = visionGflop(cfg.vision, 768) / (ms / 1000.0);
            std::printf("vision %.0f ms (CPU %.0f ms) = %.1f GFLOP/s = %.0f %% of torch::mm\n", ms,
                        1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC, gflops, 100.0 * gflops / mm);
        }
        return 0;
    }
    if (only == "decode") {
        // Paths interleaved run by run, each run preceded by its own bandwidth measurement, so that
        // a shared machine's changing load hits every path and its bound alike. Per run: the median
        // step of t = 24..40 (as the long run below) in wall time and in process CPU time, each as a
        // ratio to that run's bound (wall: bytes / wall bandwidth; CPU: bytes / CPU-time bandwidth).
        const at::Tensor enc = at::randn({1, 590, cfg.text.dModel}).to(run.device, run.dtype);
        GenerationOptions o = generationOptionsFrom(cfg.text);
        o.numBeams = 3;
        o.maxNewTokens = o.minNewTokens = std::max(40, longSteps);
        std::vector<std::vector<double>> ratios(paths.size()), cpuRatios(paths.size()), steps(paths.size());
        for (int r = 0; r < repeat; ++r) {
            const Bandwidth bw = run.device.is_cpu() ? readBandwidth(stepBytes) : Bandwidth{};
            const double bound = bw.wallGBs > 0 ? stepBytes / (bw.wallGBs * 1e9) * 1000.0 : 0.0;
            const double cpuBound = bw.cpuGBs > 0 ? stepBytes / (bw.cpuGBs * 1e9) * 1000.0 : 0.0;
            for (size_t i = 0; i < paths.size(); ++i) {
                setCpuKernelPath(paths[i]);
                std::vector<double> cpuMs;
                std::clock_t last = std::clock();
                o.progress = [&](int, const std::vector<std::int64_t> &) {
                    const std::clock_t now = std::clock();
                    cpuMs.push_back(1000.0 * double(now - last) / CLOCKS_PER_SEC);
                    last = now;
                };
                const GenerationResult g = generateFromEncoderOutput(*model, enc, o);
                const double ms = median({g.timings.stepMs.begin() + 23, g.timings.stepMs.begin() + 40});
                const double cms = median({cpuMs.begin() + 23, cpuMs.begin() + 40});
                steps[i].push_back(ms);
                ratios[i].push_back(bound > 0 ? ms / bound : 0.0);
                cpuRatios[i].push_back(cpuBound > 0 ? cms / cpuBound : 0.0);
                std::printf("run %d, %s: t~32 %.1f ms/step = %.2fx bound (%.1f GB/s -> %.1f ms); CPU %.1f ms/step = "
                            "%.2fx CPU bound (%.1f GB/CPU-s -> %.1f ms)\n",
                            r, toString(paths[i]), ms, ratios[i].back(), bw.wallGBs, bound, cms, cpuRatios[i].back(),
                            bw.cpuGBs, cpuBound);
            }
        }
        for (size_t i = 0; i < paths.size(); ++i)
            std::printf("%s: decoder step t~32, beams 3: %.1f ms = %.2fx the weight-read bound; CPU time %.2fx the "
                        "CPU-time bound (medians of %d runs)\n",
                        toString(paths[i]), median(steps[i]), median(ratios[i]), median(cpuRatios[i]), repeat);
        return 0;
    }
    std::vector<double> vision, encoder;
    at::Tensor encoded;
    for (int r = 0; r < repeat; ++r) {
        t0 = Clock::now();
        const at::Tensor image = model->encodeImage(pixels);
        synchronizeDevice(image);
        vision.push_back(msSince(t0));
        t0 = Clock::now();
        encoded = model->encode(image, model->embedText(at::tensor(prompt, at::kLong).view({1, -1})));
        KvCache cache = model->makeDecoderCache(encoded, 3, 4);
        synchronizeDevice(cache.groups().front().crossValues.back());
        encoder.push_back(msSince(t0));
    }
    const double visionMs = median(vision);
    const double gflop = visionGflop(cfg.vision, 768);
    std::printf("vision: %.0f ms (median of %d) = %.1f GFLOP/s at %.1f GFLOP (counted from the config) = %.0f %% of "
                "torch::mm\n",
                visionMs, repeat, gflop / (visionMs / 1000.0), gflop, 100.0 * gflop / (visionMs / 1000.0) / mm);
    std::printf("encoder (+ cross K/V): %.0f ms (median of %d)\n", median(encoder), repeat);
    std::printf("RSS after vision + encoder: %.0f MB (peak %.0f MB)\n", currentRssMb(), peakRssMb());

    GenerationOptions opt = generationOptionsFrom(cfg.text);
    opt.numBeams = 3;
    for (CpuKernelPath path : paths) {
        if (skipLong)
            break;
        setCpuKernelPath(path);
        // The forced long run `repeat` times; per run the median step of t = 24..40 and 504..520, then
        // the median over runs (single steps vary by several ms on a shared machine).
        opt.maxNewTokens = opt.minNewTokens = longSteps;
        auto window = [&](const std::vector<double> &ms, int centre) {
            std::vector<double> v;
            for (int s = std::max(1, centre - 8); s <= centre + 8 && s <= int(ms.size()); ++s)
                v.push_back(ms[s - 1]);
            return median(v);
        };
        std::vector<double> w32, w512, cw32, cw512;
        int steps = 0;
        for (int rep = 0; rep < repeat; ++rep) {
            std::vector<double> cpuMs; // CPU time per step, from the progress callback
            std::clock_t last = std::clock();
            opt.progress = [&](int, const std::vector<std::int64_t> &) {
                const std::clock_t now = std::clock();
                cpuMs.push_back(1000.0 * double(now - last) / CLOCKS_PER_SEC);
                last = now;
            };
            const GenerationResult r = generateFromEncoderOutput(*model, encoded, opt);
            opt.progress = nullptr;
            steps = r.numGenerationSteps;
            w32.push_back(window(r.timings.stepMs, 32));
            w512.push_back(window(r.timings.stepMs, 512));
            cw32.push_back(window(cpuMs, 32));
            cw512.push_back(window(cpuMs, 512));
            std::printf("  %s long run %d: t~32 %.1f ms, t~512 %.1f ms\n", toString(path), rep, w32.back(), w512.back());
        }
        const double s32 = median(w32), s512 = median(w512), c32 = median(cw32), c512 = median(cw512);
        std::printf("decoder step, %s kernels (beams 3, median of %d runs): t~32 %.1f ms = %s, t~512 %.1f ms = %s "
                    "(ratio %.2f); CPU time t~32 %.1f ms, t~512 %.1f ms (ratio %.2f); %d steps\n",
                    toString(path), repeat, s32, vsBound(s32).c_str(), s512, vsBound(s512).c_str(), s512 / s32, c32,
                    c512, c512 / c32, steps);
        std::printf("RSS after the long run: %.0f MB (peak %.0f MB)\n", currentRssMb(), peakRssMb());
    }

    // End to end on the widest measured path (the one a user gets unless FLORENCE_CPU_KERNELS says otherwise),
    // through Pipeline::run, the one execution path the app, the CLI and the fixture tests use: a
    // preprocessed image in, post-processed <OD> answer out (the image-feature cache cleared before each run).
    setCpuKernelPath(paths.back());
    model.reset();
    PipelineOptions po;
    po.threads = threads;
    po.device = run.device.is_cuda() ? ComputeDevice::Cuda : ComputeDevice::Cpu;
    po.precision = run.dtype == at::kBFloat16 ? Precision::Bf16 : run.dtype == at::kHalf ? Precision::Fp16 : Precision::Fp32;
    Pipeline pipeline(modelDir, po);
    RgbImage picture;
    picture.width = 1024;
    picture.height = 768;
    picture.pixels.resize(std::size_t(picture.width) * std::size_t(picture.height) * 3);
    for (std::size_t i = 0; i < picture.pixels.size(); ++i)
        picture.pixels[i] = std::uint8_t((i * 2654435761u) >> 24);
    const PreprocessedImage input = pipeline.preprocess(picture);
    RunRequest request;
    request.task = Task::ObjectDetection;
    request.numBeams = 3;
    request.maxNewTokens = request.minNewTokens = 100;
    std::vector<double> e2e;
    for (int r = 0; r < repeat; ++r) {
        pipeline.clearCache();
        t0 = Clock::now();
        const RunResult g = pipeline.run(input, request);
        e2e.push_back(msSince(t0));
        const double stepMs = g.timings.decodeMs / std::max(1, g.timings.decodeSteps);
        std::printf("  e2e run %d: %.0f ms (vision %.0f, encoder %.0f, decode %.0f = %.1f ms/step = %s, %d tokens, "
                    "post-processing %.1f)\n",
                    r, e2e.back(), g.timings.visionMs, g.timings.encoderMs, g.timings.decodeMs, stepMs,
                    vsBound(stepMs).c_str(), int(g.sequence.size()) - 1, g.timings.postprocessMs);
        std::printf("  RSS %.0f MB (peak %.0f MB)\n", currentRssMb(), peakRssMb());
    }
    std::printf("end-to-end <OD> 100 forced tokens, beams 3, %s kernels (Pipeline::run): %.0f ms (median of %d)\n",
                toString(paths.back()), median(e2e), repeat);
    std::printf("peak RSS: %.0f MB\n", peakRssMb());
    return 0;
}
