// florence-cli models: every Florence-2 model folder found in the Hugging Face hub cache and in the
// folders given, with variant, layout, size on disk, dtype and parameters (core/io/model_scan.h).
#include "commands.h"

#include "common/error.h"
#include "io/model_scan.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace florence::cli {
namespace {

int runModels(const std::vector<std::string> &argv)
{
    Args args(argv, {"no-cache"});
    args.allowOnly({"cache", "no-cache"});
    const std::string hub = args.value("cache", io::hfHubCacheDir());
    std::vector<io::FoundModel> found;
    if (!args.has("no-cache"))
        found = io::scanHfCache(hub);
    const std::vector<io::FoundModel> user = io::scanFolders(args.positionals());
    found.insert(found.end(), user.begin(), user.end());
    nlohmann::ordered_json out;
    out["hf_cache"] = args.has("no-cache") ? "" : hub;
    out["models"] = nlohmann::ordered_json::array();
    for (const io::FoundModel &m : found) {
        nlohmann::ordered_json j;
        j["dir"] = m.dir;
        j["source"] = m.source;
        if (!m.repoId.empty()) {
            j["repo_id"] = m.repoId;
            j["revision"] = m.revision;
            j["main"] = m.isMainRevision;
        }
        j["variant"] = m.variant;
        j["layout"] = m.layout;
        j["weights_format"] = m.weightsFormat;
        j["dtype"] = m.dtype;
        j["parameters"] = m.parameters;
        j["size_on_disk"] = m.sizeOnDisk;
        j["problems"] = m.problems;
        out["models"].push_back(j);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

const CommandRegistration reg({"models", "list the Florence-2 models in the Hugging Face cache and in folders",
                               "models [--cache HUB_DIR | --no-cache] [FOLDER...]\n"
                               "       (default cache: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)",
                               runModels});

} // namespace
} // namespace florence::cli
