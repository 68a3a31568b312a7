// Model discovery: directory walks of fixed depth (no recursion into symlinked trees), config.json
// and safetensors headers only.
#include "io/model_scan.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "io/checkpoint_layout.h"
#include "io/model_folder.h"
#include "io/safetensors.h"
#include "model/config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace florence::io {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kMaxEntries = 10000;

std::vector<fs::path> subfolders(const fs::path &dir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (int n = 0; !ec && it != end && n < kMaxEntries; it.increment(ec), ++n) {
        std::error_code e2;
        if (it->is_directory(e2))
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

const char *dtypeName(DType d)
{
    switch (d) {
    case DType::F16: return "float16";
    case DType::BF16: return "bfloat16";
    case DType::F32: return "float32";
    case DType::F64: return "float64";
    default: return "other";
    }
}

/// Counts the stored parameters of safetensors headers: tied copies (encoder/decoder embed_tokens,
/// a tied lm_head) once, dropped modules not at all.
void countSafetensors(FoundModel &m, const std::vector<std::string> &files, bool tied)
{
    std::int64_t params = 0;
    std::map<std::string, std::int64_t> byDtype;
    for (const std::string &path : files) {
        SafetensorsFile f(path); // validates the header; never reads tensor data
        for (const std::string &name : f.names()) {
            std::string key = name;
            if (layoutOfKey(name) == CheckpointLayout::Native)
                key = remoteKeyFromNative(name).value_or(name);
            if (key == "language_model.model.encoder.embed_tokens.weight"
                || key == "language_model.model.decoder.embed_tokens.weight"
                || (tied && key == "language_model.lm_head.weight") || key.rfind("vision_tower.norms.", 0) == 0
                || key.rfind("vision_tower.head.", 0) == 0)
                continue;
            const TensorInfo &info = f.info(name);
            params += info.numel();
            byDtype[dtypeName(info.dtype)] += info.numel();
        }
    }
    m.parameters = params;
    if (byDtype.size() == 1)
        m.dtype = byDtype.begin()->first;
    else if (!byDtype.empty())
        m.dtype = "mixed";
}

} // namespace

std::string hfHubCacheDir()
{
    const auto env = [](const char *name) -> std::string {
        const char *v = std::getenv(name);
        return v && *v ? v : "";
    };
    if (!env("HF_HUB_CACHE").empty())
        return env("HF_HUB_CACHE");
    if (!env("HUGGINGFACE_HUB_CACHE").empty())
        return env("HUGGINGFACE_HUB_CACHE");
    if (!env("HF_HOME").empty())
        return env("HF_HOME") + "/hub";
    if (!env("XDG_CACHE_HOME").empty())
        return env("XDG_CACHE_HOME") + "/huggingface/hub";
    return (env("HOME").empty() ? std::string(".") : env("HOME")) + "/.cache/huggingface/hub";
}

FoundModel describeModelFolder(const std::string &dir, bool *found)
{
    FoundModel m;
    m.dir = dir;
    m.source = "folder";
    *found = false;
    const std::string configPath = dir + "/config.json";
    if (!isRegularFile(configPath))
        return m;
    json config;
    try {
        config = JsonFieldReader("config file", configPath, ErrorKind::ModelFormat).parse(readTextFile(configPath));
    } catch (const std::exception &) {
        return m; // not a readable config: not listed as a model
    }
    const json *type = JsonFieldReader::optional(config, "model_type"); // a hostile file may hold anything there
    if (!type || !type->is_string() || type->get<std::string>() != "florence2")
        return m;
    *found = true;

    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (int n = 0; !ec && it != end && n < kMaxEntries; it.increment(ec), ++n) {
        std::error_code e2;
        if (it->is_symlink(e2) && !fs::exists(it->path(), e2)) {
            m.problems.push_back("'" + it->path().filename().string() + "' is a broken link (an unfinished download?)");
            continue;
        }
        if (it->is_regular_file(e2))
            m.sizeOnDisk += it->file_size(e2);
    }

    bool tied = true;
    try {
        const FlorenceConfig cfg = parseFlorenceConfig(readTextFile(configPath), configPath);
        tied = cfg.tieWordEmbeddings;
        if (cfg.layout)
            m.layout = toString(*cfg.layout);
        m.dtype = cfg.torchDtype;
    } catch (const Error &e) {
        m.problems.push_back(e.what());
    }
    try {
        const ModelFolder folder = inspectModelFolder(dir);
        m.variant = folder.variant;
        m.weightsFormat = toString(folder.weightsFormat);
        if (folder.weightsFormat != WeightsFormat::PytorchBin) {
            countSafetensors(m, folder.weightFiles, tied);
            if (m.layout.empty()) {
                SafetensorsFile f(folder.weightFiles.front());
                const auto names = f.names();
                if (!names.empty())
                    m.layout = toString(layoutOfKey(names.front()).value_or(CheckpointLayout::Remote));
            }
        }
    } catch (const Error &e) {
        m.problems.push_back(e.what());
    }
    if (m.layout.empty())
        m.layout = "remote";
    if (m.variant.empty())
        m.variant = "custom";
    return m;
}

std::vector<FoundModel> scanHfCache(const std::string &hubDir)
{
    std::vector<FoundModel> out;
    for (const fs::path &repo : subfolders(hubDir)) {
        const std::string name = repo.filename().string();
        if (name.rfind("models--", 0) != 0)
            continue;
        // models--ORG--NAME -> ORG/NAME (names may contain "-" but not "--").
        std::string id = name.substr(8);
        const std::size_t sep = id.find("--");
        if (sep != std::string::npos)
            id = id.substr(0, sep) + "/" + id.substr(sep + 2);
        std::string mainRev;
        if (isRegularFile((repo / "refs" / "main").string())) {
            try {
                mainRev = readTextFile((repo / "refs" / "main").string());
                while (!mainRev.empty() && (mainRev.back() == '\n' || mainRev.back() == '\r' || mainRev.back() == ' '))
                    mainRev.pop_back();
            } catch (const Error &) {
            }
        }
        for (const fs::path &snap : subfolders(repo / "snapshots")) {
            bool found = false;
            FoundModel m = describeModelFolder(snap.string(), &found);
            if (!found)
                continue;
            m.source = "hf-cache";
            m.repoId = id;
            m.revision = snap.filename().string();
            m.isMainRevision = !mainRev.empty() && mainRev == m.revision;
            std::string lower = id;
            for (char &c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            if (m.variant == "base" || m.variant == "large")
                if (lower.size() >= 3 && lower.compare(lower.size() - 3, 3, "-ft") == 0)
                    m.variant += "-ft";
            out.push_back(std::move(m));
        }
    }
    return out;
}

std::vector<FoundModel> scanFolders(const std::vector<std::string> &folders)
{
    std::vector<FoundModel> out;
    std::set<std::string> seen;
    for (const std::string &folder : folders) {
        bool found = false;
        FoundModel m = describeModelFolder(folder, &found);
        if (found) {
            if (seen.insert(folder).second)
                out.push_back(std::move(m));
            continue;
        }
        for (const fs::path &sub : subfolders(folder)) {
            FoundModel s = describeModelFolder(sub.string(), &found);
            if (found && seen.insert(sub.string()).second)
                out.push_back(std::move(s));
        }
    }
    return out;
}

} // namespace florence::io
