// florence-cli convert-checkpoint: a model folder from the microsoft remote-code layout to the
// transformers-native layout (florence-community) or back (core/io/convert_checkpoint.h).
#include "commands.h"

#include "common/error.h"
#include "io/convert_checkpoint.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runConvertCheckpoint(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"to"});
    if (args.positionals().size() != 2)
        throw Error(ErrorKind::BadInput, "convert-checkpoint: expected IN and OUT folders (got "
                                             + std::to_string(args.positionals().size()) + " arguments)");
    const io::CheckpointLayout to = io::checkpointLayoutFromString(args.required("to"));
    const io::ConversionReport r = io::convertCheckpoint(args.positionals()[0], args.positionals()[1], to);
    for (const std::string &line : r.log)
        std::cerr << line << "\n";
    nlohmann::json out;
    out["from"] = io::toString(r.from);
    out["to"] = io::toString(r.to);
    out["vocab_rows_in"] = r.vocabRowsIn;
    out["vocab_rows_out"] = r.vocabRowsOut;
    out["image_token_id"] = r.imageTokenId;
    out["files"] = r.files;
    out["log"] = r.log;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"convert-checkpoint", "convert a model folder between the remote-code and native layouts",
                               "convert-checkpoint --to native|remote IN OUT", runConvertCheckpoint});

} // namespace
} // namespace florence::cli
