// florence-cli postprocess: parses generated text (or ids + transition scores) into the
// reference's post_process_generation result.
#include "commands.h"

#include "common/error.h"
#include "tasks/postprocess.h"
#include "text/tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

namespace florence::cli {
namespace {

// "W,H" -> positive width and height.
std::pair<int, int> parseImageSize(const std::string &text)
{
    const std::vector<long long> wh = parseIntList(text, "--image-size");
    if (wh.size() != 2 || wh[0] <= 0 || wh[1] <= 0 || wh[0] > 1000000 || wh[1] > 1000000)
        throw Error(ErrorKind::BadInput, "--image-size: expected WIDTH,HEIGHT (two positive integers up to 1000000), got '"
                                             + text + "'");
    return {int(wh[0]), int(wh[1])};
}

int runPostprocess(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"model", "task", "text", "image-size", "sequence", "scores"});
    const std::string task = args.required("task");
    const auto [width, height] = parseImageSize(args.required("image-size"));
    PostprocessResult result;
    if (args.has("sequence")) {
        if (args.has("text"))
            throw Error(ErrorKind::BadInput, "give either --text or --sequence, not both");
        const std::vector<long long> parsed = parseIntList(args.required("sequence"), "--sequence");
        const std::vector<std::int64_t> sequence(parsed.begin(), parsed.end());
        std::optional<std::vector<float>> scores;
        if (const auto list = args.value("scores")) {
            scores.emplace();
            for (double s : parseDoubleList(*list, "--scores"))
                scores->push_back(static_cast<float>(s)); // torch.tensor(scores): float32
        }
        const Tokenizer tokenizer = Tokenizer::fromModelDir(args.required("model"));
        result = postprocessSequence(sequence, scores, task, width, height, tokenizer);
    } else {
        if (args.has("scores"))
            throw Error(ErrorKind::BadInput, "--scores needs --sequence (scores belong to generated ids)");
        result = postprocessGeneration(args.required("text"), task, width, height);
    }
    std::cout << toReferenceJson(result).dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"postprocess", "parse generated text into boxes/polygons/text (JSON)",
                               "postprocess --task TASK --image-size W,H (--text STR | --model DIR --sequence 2,0,... "
                               "[--scores=-0.1,-2.5,...])",
                               runPostprocess});

} // namespace
} // namespace florence::cli
