#pragma once
// Builds a fake Hugging Face hub cache for the model-scan tests (core and GUI): a model folder's
// files as blobs/ plus a snapshot of relative links into them, as huggingface_hub writes it.

#include "common/file_io.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace florence::test {

/// Puts every file of `modelDir` into `hub`/models--ORG--NAME as blobs + a snapshot `rev` of links;
/// `setMain`: refs/main names `rev`; `dropBlob`: a file whose blob is left out (the broken link of an
/// unfinished download). Returns the total size of the files.
inline std::uint64_t addToCache(const std::filesystem::path &hub, const std::string &repo, const std::string &rev,
                                const std::filesystem::path &modelDir, bool setMain = true, const std::string &dropBlob = {})
{
    namespace fs = std::filesystem;
    std::string folder = "models--" + repo;
    folder.replace(folder.find('/'), 1, "--");
    const fs::path root = hub / folder;
    fs::create_directories(root / "blobs");
    fs::create_directories(root / "snapshots" / rev);
    fs::create_directories(root / "refs");
    std::uint64_t total = 0;
    int n = 0;
    for (const auto &entry : fs::directory_iterator(modelDir)) {
        const std::string blob = "b10b" + std::to_string(++n) + rev;
        if (entry.path().filename() != dropBlob)
            fs::copy_file(entry.path(), root / "blobs" / blob);
        total += fs::file_size(entry.path());
        fs::create_symlink(fs::path("../../blobs") / blob, root / "snapshots" / rev / entry.path().filename());
    }
    if (setMain)
        writeFileAtomic((root / "refs" / "main").string(), rev);
    return total;
}

} // namespace florence::test
