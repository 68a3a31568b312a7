// florence-cli tokenize: the ids and tokens of a text, as the Florence-2 processor's tokenizer.
#include "commands.h"

#include "text/tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runTokenize(const std::vector<std::string> &argv)
{
    Args args(argv, {"no-special"});
    args.allowOnly({"model", "text", "no-special"});
    const Tokenizer tokenizer = Tokenizer::fromModelDir(args.required("model"));
    const std::string text = args.required("text");
    const std::vector<std::int64_t> ids = args.has("no-special") ? tokenizer.encodeNoSpecial(text) : tokenizer.encode(text);
    nlohmann::ordered_json out;
    out["input_ids"] = ids;
    out["tokens"] = tokenizer.idsToTokens(ids);
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"tokenize", "token ids and tokens of a text (JSON)",
                               "tokenize --model DIR --text STR [--no-special]", runTokenize});

} // namespace
} // namespace florence::cli
