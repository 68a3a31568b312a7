// florence-cli merge: combine the COCO files of several annotate shards into one.
#include "commands.h"

#include "annotate/coco.h"
#include "batch/batch_annotate.h"
#include "common/error.h"
#include "common/file_io.h"

#include <iostream>

namespace florence::cli {
namespace {

int runMerge(const std::vector<std::string> &argv)
{
    Args args(argv, {});
    args.allowOnly({"out"});
    const std::string out = args.required("out");
    if (args.positionals().empty())
        throw Error(ErrorKind::BadInput, "no shard files given");
    std::vector<std::pair<std::string, std::string>> instances, captions;
    for (const std::string &shard : args.positionals()) {
        instances.emplace_back(shard, readTextFile(shard));
        const std::string cap = captionsPathFor(shard);
        if (isRegularFile(cap))
            captions.emplace_back(cap, readTextFile(cap));
    }
    if (!captions.empty() && captions.size() != instances.size())
        throw Error(ErrorKind::BadInput, "only " + std::to_string(captions.size()) + " of " + std::to_string(instances.size())
                                             + " shards have a captions file next to them");
    writeFileAtomic(out, mergeCocoInstances(instances));
    std::cout << "merge: " << instances.size() << " shards -> " << out;
    if (!captions.empty()) {
        writeFileAtomic(captionsPathFor(out), mergeCocoCaptions(captions));
        std::cout << " and " << captionsPathFor(out);
    }
    std::cout << "\n";
    return kExitOk;
}

const CommandRegistration reg({"merge", "merge shard outputs of annotate into one COCO file",
                               "merge --out FILE SHARD_FILE...   (captions files next to the shards are merged too)",
                               runMerge});

} // namespace
} // namespace florence::cli
