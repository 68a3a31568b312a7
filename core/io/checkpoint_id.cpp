#include "io/checkpoint_id.h"

#include "common/error.h"
#include "io/sha256.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

namespace florence::io {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kBlock = 64 * 1024;
constexpr int kBlocks = 64; ///< first, last and 62 evenly spaced in between

/// The sha256 a Hugging Face cache blob carries in its name, or "".
std::string blobSha(const std::string &file)
{
    std::error_code ec;
    const fs::path real = fs::canonical(fs::path(file), ec);
    if (ec || real.parent_path().filename() != "blobs")
        return {};
    const std::string name = real.filename().string();
    if (name.size() != 64 || !std::all_of(name.begin(), name.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
        }))
        return {};
    return name;
}

void addSamples(Sha256 &sha, const std::string &file)
{
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(ErrorKind::Io, "cannot read '" + file + "'");
    const auto end = in.tellg();
    if (end < 0)
        throw Error(ErrorKind::Io, "cannot read the size of '" + file + "'");
    const std::uint64_t size = std::uint64_t(end);
    sha.add("size:" + std::to_string(size) + ";");
    std::string buf(kBlock, '\0');
    const std::uint64_t lastStart = size > kBlock ? size - kBlock : 0;
    for (int i = 0; i < kBlocks; ++i) {
        const std::uint64_t offset = lastStart / std::uint64_t(kBlocks - 1) * std::uint64_t(i)
            + (i == kBlocks - 1 ? lastStart % std::uint64_t(kBlocks - 1) : 0);
        in.clear();
        in.seekg(std::streamoff(offset));
        in.read(buf.data(), std::streamsize(std::min<std::uint64_t>(kBlock, size - std::min(size, offset))));
        const std::streamsize got = in.gcount();
        if (got > 0)
            sha.add(buf.data(), std::size_t(got));
    }
}

} // namespace

std::string modelDisplayName(const std::string &modelDir)
{
    fs::path dir = fs::path(modelDir).lexically_normal();
    if (!dir.has_filename())
        dir = dir.parent_path();
    const fs::path snapshots = dir.parent_path();
    const std::string repo = snapshots.parent_path().filename().string();
    if (snapshots.filename() == "snapshots" && repo.rfind("models--", 0) == 0) {
        std::string name = repo.substr(8);
        if (const auto sep = name.find("--"); sep != std::string::npos)
            name.replace(sep, 2, "/");
        return name;
    }
    return dir.filename().string();
}

std::string shortSha256(const std::string &bytes)
{
    Sha256 sha;
    sha.add(bytes);
    return sha.hex().substr(0, 16);
}

std::string checkpointId(const std::vector<std::string> &weightFiles)
{
    if (weightFiles.size() == 1)
        if (const std::string sha = blobSha(weightFiles[0]); !sha.empty())
            return "sha256:" + sha.substr(0, 16);
    Sha256 sha;
    for (const std::string &file : weightFiles)
        addSamples(sha, file);
    return "fp:" + sha.hex().substr(0, 16);
}

} // namespace florence::io
