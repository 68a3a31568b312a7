// Runs every generation case of the reference fixtures (cases, cases_long, cases_eos, cases_bin;
// beams 3 and 1) through Pipeline::run on the image files (the path the app runs) on a chosen device
// and dtype and reports how many sequences match the reference
// token for token, the largest score differences and the time: the agreement measurement for
// bf16 on the CPU and for CUDA fp32/fp16/bf16 (not a test; the Qt tests check float32 on the CPU).
//
//   florence-bench-fixtures [--device cpu|cuda] [--dtype f32|bf16|f16] [--threads N]
#include "common/threads.h"
#include "core/model_fixture.h"
#include "pipeline.h"

#include <chrono>
#include <cstdio>

using namespace florence;
using namespace florence::test;

int main(int argc, char **argv)
{
    PipelineOptions options;
    int threads = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const std::string v = i + 1 < argc ? argv[i + 1] : "";
        if (a == "--device") {
            options.device = computeDeviceFromString(v);
            ++i;
        } else if (a == "--dtype") {
            options.precision = v == "bf16" ? Precision::Bf16 : v == "f16" ? Precision::Fp16 : Precision::Fp32;
            ++i;
        } else if (a == "--threads") {
            threads = std::stoi(v);
            ++i;
        } else {
            std::fprintf(stderr, "usage: florence-bench-fixtures [--device cpu|cuda] [--dtype f32|bf16|f16] [--threads N]\n");
            return 2;
        }
    }
    setThreadCount(threads);
    std::printf("device %s, dtype %s, threads %d\n", toString(options.device), toString(options.precision), threadCount());
    for (const char *list : {"cases", "cases_long", "cases_eos", "cases_bin"}) {
        for (int beams : {3, 1}) {
            int total = 0, exact = 0;
            double prefix = 0.0; // mean fraction of the reference sequence matched before the first difference
            double maxTrans = 0.0, maxSeqScore = 0.0, ms = 0.0;
            for (const auto &kase : manifest()[list]) {
                const nlohmann::json &want = kase["generate"]["num_beams=" + std::to_string(beams)];
                Pipeline &pipeline = fixturePipeline(kase["model"].get<std::string>(), options);
                const auto t0 = std::chrono::steady_clock::now();
                const RunResult r = pipeline.run(fixtureImage(kase), fixtureRequest(kase, beams));
                ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                ++total;
                const auto ref = want["sequence"].get<std::vector<std::int64_t>>();
                size_t same = 0;
                while (same < ref.size() && same < r.sequence.size() && ref[same] == r.sequence[same])
                    ++same;
                prefix += double(same) / double(ref.size());
                if (r.sequence != ref)
                    continue;
                ++exact;
                const auto ts = want["transition_scores"].get<std::vector<double>>();
                for (size_t i = 0; i < ts.size() && i < r.transitionScores.size(); ++i)
                    maxTrans = std::max(maxTrans, std::abs(double(r.transitionScores[i]) - ts[i]));
                if (beams > 1)
                    maxSeqScore = std::max(maxSeqScore, std::abs(double(r.sequenceScore.value_or(0.0f)) - want["sequences_scores"][0].get<double>()));
            }
            std::printf("%-10s beams %d: %2d/%2d sequences token-exact (mean matching prefix %3.0f %%); on those max "
                        "|transition score diff| %.2e, max |sequence score diff| %.2e; %.0f ms per generation\n",
                        list, beams, exact, total, 100.0 * prefix / total, maxTrans, maxSeqScore, ms / total);
        }
    }
    return 0;
}
