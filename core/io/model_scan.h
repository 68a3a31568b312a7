#pragma once
// Finding the Florence-2 model folders already on the machine, without loading any weights: the
// Hugging Face hub cache (what Python users have) and folders the user added. Torch-free; the GUI's
// model picker and `florence-cli models` use it.
//
// Hub cache layout (huggingface_hub): <hub>/models--ORG--NAME/{blobs/<sha>, snapshots/<rev>/<file>
// -> ../../blobs/<sha>, refs/main}. <hub> is $HF_HUB_CACHE, else $HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.

#include <cstdint>
#include <string>
#include <vector>

namespace florence::io {

/// One model folder found.
struct FoundModel
{
    std::string dir;            ///< the folder to load (a snapshot folder for the hub cache)
    std::string source;         ///< "hf-cache" or "folder"
    std::string repoId;         ///< "microsoft/Florence-2-base" (hub cache), else empty
    std::string revision;       ///< snapshot folder name (commit hash), else empty
    bool isMainRevision = false;///< the snapshot refs/main points to
    std::string variant;        ///< "base", "large", "base-ft", "large-ft" or "custom"
    std::string layout;         ///< "remote" or "native" (from config.json, else the weight names)
    std::string weightsFormat;  ///< "safetensors", "sharded safetensors", "pytorch_model.bin" or empty
    std::string dtype;          ///< stored dtype: "float16", "float32", "bfloat16", "mixed" (safetensors header), else config torch_dtype
    std::int64_t parameters = -1;  ///< stored parameters (tied copies once), from the safetensors header; -1 unknown
    std::uint64_t sizeOnDisk = 0;  ///< bytes of the folder's files (symlinks followed)
    /// Why the folder cannot be loaded as it is (missing tokenizer, broken link of an unfinished
    /// download, ...); empty when it looks complete.
    std::vector<std::string> problems;
};

/// The hub cache folder from the environment (see the file comment).
std::string hfHubCacheDir();

/// Describes `dir` when it holds a config.json with model_type "florence2"; `found` is false
/// otherwise (not a Florence-2 folder: nothing to list). Never throws for bad files: problems are
/// listed in FoundModel::problems.
FoundModel describeModelFolder(const std::string &dir, bool *found);

/// Every Florence-2 snapshot of the hub cache `hubDir` (models--*/snapshots/*), sorted by repo
/// and revision; a missing cache gives an empty list. At most 10000 entries per folder are looked at.
std::vector<FoundModel> scanHfCache(const std::string &hubDir);

/// Each folder of `folders` that is a Florence-2 model, or whose direct subfolders are.
std::vector<FoundModel> scanFolders(const std::vector<std::string> &folders);

} // namespace florence::io
