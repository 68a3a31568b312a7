// Tokenizer throughput: encodes ~1 MB of mixed text (English, punctuation, digits, accents, CJK,
// emoji, Florence special tokens) and reports MB/s, median of several runs.
// Usage: bench_tokenizer [MODEL_DIR] [RUNS]; MODEL_DIR defaults to the test fixture model.
#include "bench_util.h"
#include "text/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <ctime>
#include <vector>

namespace {

using florence::bench::median;

std::string mixedText(std::size_t bytes)
{
    const std::vector<std::string> pieces = {
        "A green car parked in front of a yellow building. ",
        "The quick brown fox jumps over the lazy dog; it didn't care, they'll say. ",
        "Prices rose 3.14159% to $1,000,000 in 2024 (Q3), up from 987654. ",
        "Caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xC3\x86r\xC3\xB8sk\xC3\xB8""bing \xC3\x85ngstr\xC3\xB6m. ",
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82 ",
        "\xE4\xB8\xAD\xE6\x96\x87\xE6\xB5\x8B\xE8\xAF\x95\xE6\x96\x87\xE6\x9C\xAC ",
        "emoji \xF0\x9F\x98\x80\xF0\x9F\x9A\x97\xF0\x9F\x8F\xA0 \xF0\x9F\x91\x8D ",
        "car<loc_52><loc_332><loc_932><loc_774>door<loc_100><loc_400><loc_200><loc_600>",
        "<poly><loc_10><loc_20><loc_30><loc_40><sep><loc_50><loc_60></poly> ",
        "What is the polygon mask of region <loc_702><loc_575><loc_866><loc_772>\n",
        "punctuation!!! ??? ... ;;; ::: \"quotes\" 'single' `back` {curly} <angle>\n",
        "\xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 \xD1\x82\xD0\xB5\xD0\xBA\xD1\x81\xD1\x82 \xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC ",
        "supercalifragilisticexpialidocious e-mail: foo@bar.com HTTP://example.com/path?q=1&x=2 ",
    };
    std::mt19937 rng(42);
    std::string text;
    while (text.size() < bytes) {
        text += pieces[rng() % pieces.size()];
        if (rng() % 7 == 0)
            text += std::to_string(rng() % 100000) + " ";
    }
    return text;
}

// CPU time of this thread in seconds: on a shared machine wall time also counts waiting for a core.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string model = argc > 1 ? argv[1] : FLORENCE_SOURCE_DIR "/tests/data/fixtures/model";
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    const std::string text = mixedText(1 << 20);
    const double megabytes = double(text.size()) / 1e6;

    using Clock = std::chrono::steady_clock;
    std::vector<double> cold, coldCpu;
    std::vector<double> warm, warmCpu;
    std::size_t tokens = 0;
    for (int r = 0; r < runs; ++r) {
        // Cold: a fresh tokenizer, so the per-word BPE cache starts empty.
        const florence::Tokenizer tokenizer = florence::Tokenizer::fromModelDir(model);
        double c0 = threadCpuSeconds();
        auto t0 = Clock::now();
        tokens = tokenizer.encode(text).size();
        auto t1 = Clock::now();
        cold.push_back(megabytes / std::chrono::duration<double>(t1 - t0).count());
        coldCpu.push_back(megabytes / (threadCpuSeconds() - c0));
        // Warm: the same text again with the cache filled.
        c0 = threadCpuSeconds();
        t0 = Clock::now();
        tokens = tokenizer.encode(text).size();
        t1 = Clock::now();
        warm.push_back(megabytes / std::chrono::duration<double>(t1 - t0).count());
        warmCpu.push_back(megabytes / (threadCpuSeconds() - c0));
    }
    std::printf("bench_tokenizer: %.2f MB of mixed text -> %zu tokens, %d runs\n", megabytes, tokens, runs);
    auto report = [](const char *what, const std::vector<double> &wall, const std::vector<double> &cpu) {
        std::printf("  %s: median %.1f MB/s wall (min %.1f, max %.1f), %.1f MB/s per CPU second\n", what, median(wall),
                    *std::min_element(wall.begin(), wall.end()), *std::max_element(wall.begin(), wall.end()),
                    median(cpu));
    };
    report("cold cache", cold, coldCpu);
    report("warm cache", warm, warmCpu);
    return 0;
}
