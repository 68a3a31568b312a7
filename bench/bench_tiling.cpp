// Tiled inference on a synthetic large image: renders an image full of small text lines and small
// objects with OpenCV (default 6000 x 4000), runs a task once on the whole image and once tiled
// (core/tiling), and prints the number of tiles, time per tile, the whole run and peak memory as a
// Markdown table row (docs/tiling.md).
//
// Usage: florence-bench-tiling --model DIR [--task OD] [--width 6000] [--height 4000]
//        [--tile-size 1024] [--overlap 128] [--max-new-tokens 64] [--num-beams 3] [--save FILE.png]
#include "bench_util.h"

#include "common/threads.h"
#include "pipeline.h"
#include "tiling/tiled_run.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <string>

using namespace florence;
using namespace florence::bench;

namespace {

/// CPU seconds used by this process so far (all threads): on a shared, oversubscribed machine the
/// wall time says more about the neighbours than about the code.
double cpuSeconds()
{
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

/// White page with rows of small text (~12 px high) and scattered small boxes and discs.
RgbImage renderSynthetic(int width, int height, const std::string &savePath)
{
    cv::Mat m(height, width, CV_8UC3, cv::Scalar(245, 245, 245));
    cv::RNG rng(16);
    const char *words[] = {"invoice", "total", "florence", "tile", "merge", "border", "quad", "text", "2026", "A4"};
    for (int y = 40; y < height - 20; y += 48) {
        for (int x = 30; x < width - 400; x += 420) {
            std::string line;
            for (int k = 0; k < 4; ++k)
                line += std::string(words[rng.uniform(0, 10)]) + " ";
            cv::putText(m, line, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
        }
    }
    for (int i = 0; i < 400; ++i) {
        const cv::Point c(rng.uniform(0, width), rng.uniform(0, height));
        const cv::Scalar colour(rng.uniform(0, 200), rng.uniform(0, 200), rng.uniform(0, 200));
        if (i % 2)
            cv::rectangle(m, cv::Rect(c.x, c.y, rng.uniform(12, 40), rng.uniform(12, 40)), colour, cv::FILLED);
        else
            cv::circle(m, c, rng.uniform(6, 20), colour, cv::FILLED);
    }
    if (!savePath.empty())
        cv::imwrite(savePath, m);
    cv::Mat rgb;
    cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
    RgbImage img;
    img.width = width;
    img.height = height;
    img.pixels.assign(rgb.data, rgb.data + rgb.total() * 3);
    return img;
}

} // namespace

int main(int argc, char **argv)
{
    std::map<std::string, std::string> a;
    for (int i = 1; i + 1 < argc; i += 2)
        a[std::string(argv[i]).substr(2)] = argv[i + 1];
    auto get = [&](const char *k, const char *d) { return a.count(k) ? a[k] : std::string(d); };
    if (!a.count("model")) {
        std::cerr << "usage: florence-bench-tiling --model DIR [--task OD] [--width 6000] [--height 4000] [--tile-size 1024]"
                     " [--overlap 128] [--max-new-tokens 64] [--num-beams 3] [--save FILE.png] [--whole 1]\n";
        return 2;
    }
    try {
        const int width = std::stoi(get("width", "6000")), height = std::stoi(get("height", "4000"));
        auto t0 = std::chrono::steady_clock::now();
        const RgbImage img = renderSynthetic(width, height, get("save", ""));
        const double renderMs = msSince(t0);
        const double rssImage = currentRssMb();

        t0 = std::chrono::steady_clock::now();
        Pipeline pipeline(a["model"]);
        const double loadMs = msSince(t0);
        const double rssModel = currentRssMb();

        RunRequest req;
        std::string task = get("task", "OD");
        if (task.front() != '<')
            task = "<" + task + ">";
        req.task = *taskFromToken(task);
        req.maxNewTokens = std::stoi(get("max-new-tokens", "64"));
        req.numBeams = std::stoi(get("num-beams", "3"));

        double wholeMs = 0.0, wholeCpu = 0.0;
        bool wholeTruncated = false;
        if (get("whole", "1") == "1") {
            t0 = std::chrono::steady_clock::now();
            const double c0 = cpuSeconds();
            const RunResult whole = pipeline.run(img, req);
            wholeMs = msSince(t0);
            wholeCpu = cpuSeconds() - c0;
            wholeTruncated = whole.truncated;
            std::fprintf(stderr, "whole image: %.0f ms wall, %.1f s CPU (preprocess %.0f, vision %.0f, decode %.0f ms, %zu tokens)\n",
                         wholeMs, wholeCpu, whole.timings.preprocessMs, whole.timings.visionMs, whole.timings.decodeMs,
                         whole.sequence.size() - 1);
        }

        TiledRunOptions o;
        o.tiling.tileSize = std::stoi(get("tile-size", "1024"));
        o.tiling.overlap = std::stod(get("overlap", "128"));
        std::vector<double> tileMs, tileCpu, visionMs, decodeMs;
        double lastCpu = cpuSeconds();
        const double tiledCpu0 = lastCpu;
        TiledCallbacks cb;
        cb.tileDone = [&](const TileRun &t) {
            const double now = cpuSeconds();
            tileCpu.push_back(now - lastCpu);
            lastCpu = now;
            tileMs.push_back(t.ms);
            visionMs.push_back(t.timings.visionMs);
            decodeMs.push_back(t.timings.decodeMs);
            std::fprintf(stderr, "tile %d at %d,%d %dx%d: %.1f s CPU, %.0f ms wall (vision %.0f, decode %.0f, %d tokens%s)\n", t.index + 1,
                         t.tile.rect.x, t.tile.rect.y, t.tile.rect.width, t.tile.rect.height, tileCpu.back(), t.ms, t.timings.visionMs,
                         t.timings.decodeMs, t.generatedTokens, t.truncated ? ", truncated" : "");
        };
        const TiledResult r = runTiled(pipeline, img, req, o, cb);
        const double tiledCpu = cpuSeconds() - tiledCpu0;
        const auto mm = std::minmax_element(tileCpu.begin(), tileCpu.end());
        std::printf("| image | task | tiles | per tile CPU s median (min-max) | tiled run CPU s / wall s | "
                    "whole image CPU s / wall s | shapes raw -> merged | truncated tiles | RSS image / +model / peak MiB |\n");
        std::printf("| %dx%d | %s | %zu (%d/%g) | %.1f (%.1f-%.1f) | %.0f / %.0f | %.1f / %.1f%s | %d -> %d | %d | %.0f / %.0f / %.0f |\n",
                    width, height, task.c_str(), r.tiles.size(), o.tiling.tileSize, o.tiling.overlap, median(tileCpu),
                    *mm.first, *mm.second, tiledCpu, r.totalMs / 1000.0, wholeCpu, wholeMs / 1000.0,
                    wholeTruncated ? " (truncated)" : "", r.merge.input, r.merge.output, r.truncatedTiles, rssImage,
                    rssModel, peakRssMb());
        std::printf("median per tile: wall %.0f ms, vision %.0f ms, decode %.0f ms\n", median(tileMs), median(visionMs),
                    median(decodeMs));
        std::printf("render %.0f ms, model load %.0f ms, threads %d, max_new_tokens %d, beams %d\n", renderMs, loadMs,
                    threadCount(), req.maxNewTokens, req.numBeams);
    } catch (const std::exception &e) {
        std::cerr << "florence-bench-tiling: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
