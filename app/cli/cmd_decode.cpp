// florence-cli decode: the text of token ids, as the reference's decode.
#include "commands.h"

#include "text/tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runDecode(const std::vector<std::string> &argv)
{
    Args args(argv, {"skip-special-tokens"});
    args.allowOnly({"model", "ids", "skip-special-tokens"});
    const Tokenizer tokenizer = Tokenizer::fromModelDir(args.required("model"));
    const std::vector<long long> parsed = parseIntList(args.required("ids"), "--ids");
    const std::vector<std::int64_t> ids(parsed.begin(), parsed.end());
    nlohmann::ordered_json out;
    out["text"] = tokenizer.decode(ids, args.has("skip-special-tokens"));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"decode", "text of comma-separated token ids (JSON)",
                               "decode --model DIR --ids 0,31414,232,2 [--skip-special-tokens]", runDecode});

} // namespace
} // namespace florence::cli
