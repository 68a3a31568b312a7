// Times resizeBicubicPil (PIL-exact bicubic) on a large synthetic photo: florence-bench-resize [W H threads],
// or decodeImageFile + resize of a file: florence-bench-resize FILE [threads].
#include "bench_util.h"
#include "image/decode.h"
#include "image/resize_pil.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>

namespace {

using florence::bench::msSince;

double cpuMsSince(std::clock_t c0)
{
    return 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC;
}

int benchFile(const char *path, int threads)
{
    for (int run = 0; run < 2; ++run) {
        auto t0 = std::chrono::steady_clock::now();
        const florence::RgbImage img = florence::decodeImageFile(path);
        const double decodeMs = msSince(t0);
        t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        const florence::RgbImage out = florence::resizeBicubicPil(img, 768, 768, threads);
        std::printf("%s %dx%d: decode %.1f ms, resize to 768x768 with %d thread(s) %.1f ms (CPU %.1f ms)\n", path,
                    img.width, img.height, decodeMs, threads, msSince(t0), cpuMsSince(c0));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 || argc == 3 && std::atoi(argv[1]) == 0)
        return benchFile(argv[1], argc == 3 ? std::atoi(argv[2]) : 2);
    const int w = argc > 2 ? std::atoi(argv[1]) : 12000;
    const int h = argc > 2 ? std::atoi(argv[2]) : 9000;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
    florence::RgbImage img;
    img.width = w;
    img.height = h;
    img.pixels.resize(std::size_t(w) * h * 3);
    std::uint32_t state = 12345;
    for (std::size_t i = 0; i < img.pixels.size(); ++i) { // smooth gradient + noise, like a photo
        state = state * 1664525u + 1013904223u;
        const std::size_t p = i / 3;
        img.pixels[i] = std::uint8_t(((p % w) * 255 / w + (p / w) * 255 / h) / 2 + (state >> 29));
    }
    for (int run = 0; run < 3; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        const florence::RgbImage out = florence::resizeBicubicPil(img, 768, 768, threads);
        const double ms = msSince(t0);
        std::printf("%dx%d -> 768x768, %d thread(s): %.1f ms wall, %.1f ms CPU (checksum %u)\n", w, h, threads, ms,
                    cpuMsSince(c0), unsigned(out.pixels[12345] + out.pixels[500000]));
    }
    return 0;
}
