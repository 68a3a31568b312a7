// Hub download with libcurl: HEAD every file first (sizes, etags, the commit), then GET each into
// blobs/<etag>.incomplete with resume, verify, rename, link. One easy handle per request.
#include "io/download.h"

#include "common/error.h"
#include "common/file_io.h"
#include "io/model_scan.h"
#include "io/sha256.h"
#include "version.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace florence::io {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v && *v ? v : "";
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(std::string s)
{
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    return s.substr(i);
}

/// ETag header value without W/ and quotes.
std::string normalizeEtag(std::string e)
{
    e = trim(e);
    if (e.rfind("W/", 0) == 0)
        e = e.substr(2);
    if (e.size() >= 2 && e.front() == '"' && e.back() == '"')
        e = e.substr(1, e.size() - 2);
    return e;
}

/// Server-given names used as file names (etag -> blobs/<etag>, commit -> snapshots/<commit>) must be
/// plain: [A-Za-z0-9._-], not starting with '.', at most 128 bytes. A hostile server gets no path.
bool isPlainName(const std::string &s)
{
    return !s.empty() && s.size() <= 128 && s.front() != '.'
           && std::all_of(s.begin(), s.end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
              });
}

bool isSha256(const std::string &s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

/// A file name of the repo that is safe to use as a path below snapshots/<commit>/.
void checkRepoPath(const std::string &file)
{
    if (file.empty() || file.front() == '/' || file.find("..") != std::string::npos || file.find('\\') != std::string::npos)
        throw Error(ErrorKind::BadInput, "download: refusing the file name '" + file + "'");
}

std::once_flag g_curlInit;

struct Easy
{
    CURL *h = nullptr;
    curl_slist *headers = nullptr;
    Easy()
    {
        std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        h = curl_easy_init();
        if (!h)
            throw Error(ErrorKind::Internal, "curl_easy_init failed");
    }
    ~Easy()
    {
        if (headers)
            curl_slist_free_all(headers);
        curl_easy_cleanup(h);
    }
    Easy(const Easy &) = delete;
    Easy &operator=(const Easy &) = delete;
    void header(const std::string &line) { headers = curl_slist_append(headers, line.c_str()); }
};

struct Context
{
    const DownloadOptions &opt;
    std::string endpoint, token, cacheDir, repoFolder;
    const DownloadProgressFn &progress;
    const std::atomic<bool> *cancel;
    DownloadProgress state;
    Clock::time_point start = Clock::now();
    Clock::time_point lastReport;
    std::uint64_t sessionBytes = 0; ///< transferred by this call (for the speed)
    std::uint64_t fileBase = 0;     ///< bytes of the current file present before this request
    std::uint64_t doneBefore = 0;   ///< doneBytes of the finished files

    bool cancelled() const { return cancel && cancel->load(); }

    void report(bool force)
    {
        if (!progress)
            return;
        const auto now = Clock::now();
        if (!force && now - lastReport < std::chrono::milliseconds(100))
            return;
        lastReport = now;
        const double secs = std::chrono::duration<double>(now - start).count();
        state.bytesPerSecond = secs > 0 ? double(sessionBytes) / secs : 0.0;
        state.etaSeconds = state.bytesPerSecond > 0 && state.totalBytes >= state.doneBytes
                               ? double(state.totalBytes - state.doneBytes) / state.bytesPerSecond
                               : -1.0;
        progress(state);
    }
};

[[noreturn]] void offline(const Context &c, const std::string &what)
{
    throw Error(ErrorKind::Io,
                "cannot reach " + c.endpoint + " (" + what + "): offline, blocked by a proxy or firewall, or HF_ENDPOINT is "
                "wrong. Copy the model instead: the folder '" + c.repoFolder + "' of another machine's Hugging Face cache "
                "(~/.cache/huggingface/hub) into '" + c.cacheDir + "', or any Florence-2 folder (config.json, "
                "preprocessor_config.json, tokenizer.json, model.safetensors or pytorch_model.bin) and load it with --model DIR");
}

bool isConnectError(CURLcode rc)
{
    return rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_PROXY
           || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION;
}

void commonOptions(Easy &e, const Context &c, const std::string &url)
{
    curl_easy_setopt(e.h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e.h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e.h, CURLOPT_CONNECTTIMEOUT, c.opt.connectTimeoutS);
    curl_easy_setopt(e.h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e.h, CURLOPT_LOW_SPEED_TIME, c.opt.stallTimeoutS);
    const std::string agent = std::string("florence-studio/") + versionString();
    curl_easy_setopt(e.h, CURLOPT_USERAGENT, agent.c_str());
    e.header("Accept-Encoding: identity");
    if (!c.token.empty())
        e.header("Authorization: Bearer " + c.token); // curl drops it on redirects to other hosts
    curl_easy_setopt(e.h, CURLOPT_HTTPHEADER, e.headers);
}

std::size_t onHeader(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *headers = static_cast<std::map<std::string, std::string> *>(user);
    const std::string line(data, size * n);
    const std::size_t colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0)
        headers->clear(); // a new response (after a redirect)
    else if (colon != std::string::npos)
        (*headers)[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    return size * n;
}

struct HeadInfo
{
    long status = 0;
    std::string commit, etag, location;
    std::uint64_t size = 0;
    bool lfs = false;
};

HeadInfo headFile(Context &c, const std::string &revision, const std::string &file)
{
    std::string url = c.endpoint + "/" + c.opt.repo + "/resolve/" + revision + "/" + file;
    for (int hop = 0; hop < 5; ++hop) {
        Easy e;
        std::map<std::string, std::string> headers;
        commonOptions(e, c, url);
        curl_easy_setopt(e.h, CURLOPT_NOBODY, 1L);
        curl_easy_setopt(e.h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(e.h, CURLOPT_TIMEOUT, std::max(30L, c.opt.connectTimeoutS * 2));
        curl_easy_setopt(e.h, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(e.h, CURLOPT_HEADERDATA, &headers);
        const CURLcode rc = curl_easy_perform(e.h);
        if (rc != CURLE_OK) {
            if (isConnectError(rc) || rc == CURLE_OPERATION_TIMEDOUT)
                offline(c, curl_easy_strerror(rc));
            throw Error(ErrorKind::Io, "download: HEAD " + url + " failed: " + curl_easy_strerror(rc));
        }
        HeadInfo h;
        curl_easy_getinfo(e.h, CURLINFO_RESPONSE_CODE, &h.status);
        h.location = headers.count("location") ? headers["location"] : "";
        // A relative redirect is a renamed repo: follow it (huggingface_hub does).
        if (h.status >= 300 && h.status < 400 && !h.location.empty() && h.location.front() == '/') {
            url = c.endpoint + h.location;
            continue;
        }
        h.commit = headers.count("x-repo-commit") ? headers["x-repo-commit"] : "";
        const std::string linked = headers.count("x-linked-etag") ? headers["x-linked-etag"] : "";
        h.lfs = !linked.empty();
        h.etag = normalizeEtag(h.lfs ? linked : (headers.count("etag") ? headers["etag"] : ""));
        const std::string size = headers.count("x-linked-size") ? headers["x-linked-size"]
                                 : headers.count("content-length") ? headers["content-length"]
                                                                   : "";
        try {
            h.size = size.empty() ? 0 : std::stoull(size);
        } catch (const std::exception &) {
            h.size = 0;
        }
        if (h.status >= 300 && h.status < 400 && h.location.empty())
            throw Error(ErrorKind::Io, "download: " + url + " answered " + std::to_string(h.status) + " without a Location");
        return h;
    }
    throw Error(ErrorKind::Io, "download: too many redirects for " + url);
}

struct Sink
{
    Context *c;
    std::FILE *f;
    std::uint64_t written = 0;
};

std::size_t onData(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *s = static_cast<Sink *>(user);
    const std::size_t bytes = size * n;
    if (std::fwrite(data, 1, bytes, s->f) != bytes)
        return 0; // disk full: curl reports a write error
    s->written += bytes;
    s->c->sessionBytes += bytes;
    s->c->state.fileBytes = s->c->fileBase + s->written;
    s->c->state.doneBytes = s->c->doneBefore + s->c->state.fileBytes;
    s->c->report(false);
    return bytes;
}

int onXfer(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<Context *>(user)->cancelled() ? 1 : 0;
}

std::uint64_t fileSize(const std::string &path)
{
    std::error_code ec;
    const auto s = fs::file_size(path, ec);
    return ec ? 0 : std::uint64_t(s);
}

/// GETs `url` into `part`, resuming from its current size; retries dropped transfers.
void fetchInto(Context &c, const std::string &url, const std::string &part, const HeadInfo &info, const std::string &file)
{
    for (int attempt = 0;; ++attempt) {
        if (c.cancelled())
            throw Error(ErrorKind::Cancelled, "download cancelled during '" + file + "' (the partial file is kept for resuming)");
        std::uint64_t have = fileSize(part);
        if (info.size > 0 && have > info.size) {
            fs::remove(part);
            have = 0;
        }
        if (info.size > 0 && have == info.size)
            return;
        c.fileBase = have;
        std::FILE *f = std::fopen(part.c_str(), have ? "ab" : "wb");
        if (!f)
            throw Error(ErrorKind::Io, "cannot write '" + part + "'");
        Sink sink{&c, f};
        Easy e;
        std::map<std::string, std::string> headers;
        commonOptions(e, c, url);
        if (have)
            curl_easy_setopt(e.h, CURLOPT_RESUME_FROM_LARGE, curl_off_t(have));
        curl_easy_setopt(e.h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(e.h, CURLOPT_MAXREDIRS, 10L);
        curl_easy_setopt(e.h, CURLOPT_WRITEFUNCTION, onData);
        curl_easy_setopt(e.h, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(e.h, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(e.h, CURLOPT_HEADERDATA, &headers);
        curl_easy_setopt(e.h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(e.h, CURLOPT_XFERINFOFUNCTION, onXfer);
        curl_easy_setopt(e.h, CURLOPT_XFERINFODATA, &c);
        curl_easy_setopt(e.h, CURLOPT_FAILONERROR, 1L);
        const CURLcode rc = curl_easy_perform(e.h);
        long status = 0;
        curl_easy_getinfo(e.h, CURLINFO_RESPONSE_CODE, &status);
        std::fclose(f);
        if (rc == CURLE_OK) {
            if (have && status == 200) {
                // The server ignored the Range: the body was the whole file, appended. Start over.
                fs::remove(part);
                if (attempt < c.opt.retries)
                    continue;
            }
            return;
        }
        if (rc == CURLE_ABORTED_BY_CALLBACK || c.cancelled())
            throw Error(ErrorKind::Cancelled, "download cancelled during '" + file + "' (the partial file is kept for resuming)");
        if (rc == CURLE_RANGE_ERROR || status == 416) {
            fs::remove(part); // the partial file does not fit the server's: start over
            if (attempt < c.opt.retries)
                continue;
        }
        if (rc == CURLE_HTTP_RETURNED_ERROR)
            throw Error(ErrorKind::Io, "download of '" + file + "' failed: HTTP " + std::to_string(status) + " from " + url
                                           + (status == 401 || status == 403 ? " (a gated or private repo: set HF_TOKEN)" : ""));
        if (isConnectError(rc) && sink.written == 0 && attempt >= c.opt.retries)
            offline(c, curl_easy_strerror(rc));
        if (attempt >= c.opt.retries)
            throw Error(ErrorKind::Io, "download of '" + file + "' failed after " + std::to_string(attempt + 1) + " attempts: "
                                           + curl_easy_strerror(rc) + " (" + std::to_string(fileSize(part))
                                           + " bytes kept in '" + part + "'; run the download again to resume)");
        c.report(true);
    }
}

void linkInto(const std::string &blob, const std::string &link)
{
    std::error_code ec;
    fs::create_directories(fs::path(link).parent_path(), ec);
    const fs::path target = fs::relative(blob, fs::path(link).parent_path(), ec);
    const std::string tmp = link + ".tmp-link";
    fs::remove(tmp, ec);
    fs::create_symlink(ec ? fs::path(blob) : target, tmp, ec);
    if (ec) // no symlinks (some file systems): copy
        fs::copy_file(blob, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create '" + link + "': " + ec.message());
    fs::rename(tmp, link, ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create '" + link + "': " + ec.message());
}

} // namespace

std::string resolveModelAlias(const std::string &name)
{
    static const std::map<std::string, std::string> aliases = {{"base", "microsoft/Florence-2-base"},
                                                               {"large", "microsoft/Florence-2-large"},
                                                               {"base-ft", "microsoft/Florence-2-base-ft"},
                                                               {"large-ft", "microsoft/Florence-2-large-ft"}};
    const auto it = aliases.find(name);
    if (it != aliases.end())
        return it->second;
    const std::size_t slash = name.find('/');
    const bool ok = slash != std::string::npos && slash > 0 && slash + 1 < name.size()
                    && name.find('/', slash + 1) == std::string::npos && name.size() <= 200
                    && std::all_of(name.begin(), name.end(), [](char ch) {
                           return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' || ch == '/';
                       })
                    && name.find("..") == std::string::npos;
    if (!ok)
        throw Error(ErrorKind::BadInput, "unknown model '" + name + "' (expected base, large, base-ft, large-ft or ORG/NAME)");
    return name;
}

std::string sha256File(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Io, "cannot read '" + path + "'");
    Sha256 sha;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        if (in.gcount() > 0)
            sha.add(buf.data(), std::size_t(in.gcount()));
    }
    return sha.hex();
}

DownloadResult downloadModel(const DownloadOptions &options, const DownloadProgressFn &progress,
                             const std::atomic<bool> *cancel)
{
    DownloadOptions opt = options;
    opt.repo = resolveModelAlias(opt.repo);
    Context c{opt, {}, {}, {}, {}, progress, cancel, {}, Clock::now(), Clock::now() - std::chrono::seconds(1)};
    c.endpoint = !opt.endpoint.empty() ? opt.endpoint : !env("HF_ENDPOINT").empty() ? env("HF_ENDPOINT") : "https://huggingface.co";
    while (!c.endpoint.empty() && c.endpoint.back() == '/')
        c.endpoint.pop_back();
    c.token = !opt.token.empty() ? opt.token : env("HF_TOKEN");
    c.cacheDir = !opt.cacheDir.empty() ? opt.cacheDir : hfHubCacheDir();
    std::string folder = "models--" + opt.repo;
    folder.replace(folder.find('/'), 1, "--");
    c.repoFolder = folder;
    const fs::path root = fs::path(c.cacheDir) / folder;
    if (opt.revision.empty() || opt.revision.find('/') != std::string::npos || opt.revision.find("..") != std::string::npos)
        throw Error(ErrorKind::BadInput, "download: bad revision '" + opt.revision + "'");

    // 1. config.json fixes the commit; everything else is asked for at that commit.
    const HeadInfo config = headFile(c, opt.revision, "config.json");
    if (config.status == 401 || config.status == 403)
        throw Error(ErrorKind::Io, "download: " + opt.repo + " answered HTTP " + std::to_string(config.status)
                                       + ": a gated or private repo needs an access token in HF_TOKEN"
                                       + (c.token.empty() ? "" : " (the HF_TOKEN given was refused)"));
    if (config.status == 404)
        throw Error(ErrorKind::Io, "download: " + opt.repo + " (revision " + opt.revision + ") has no config.json on "
                                       + c.endpoint + ": no such model repo or revision");
    if (config.status >= 400)
        throw Error(ErrorKind::Io, "download: " + c.endpoint + " answered HTTP " + std::to_string(config.status)
                                       + " for " + opt.repo + "/config.json");
    if (config.commit.empty())
        throw Error(ErrorKind::Io, "download: " + c.endpoint + " sent no X-Repo-Commit header for " + opt.repo
                                       + " (not a Hugging Face hub endpoint?)");
    const std::string commit = config.commit;
    if (!isPlainName(commit))
        throw Error(ErrorKind::Io, "download: " + c.endpoint + " sent an invalid X-Repo-Commit '" + commit.substr(0, 80) + "'");

    std::vector<std::string> wanted = opt.files;
    const bool defaults = wanted.empty();
    if (defaults)
        wanted = {"config.json", "generation_config.json", "preprocessor_config.json", "processor_config.json",
                  "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json",
                  "added_tokens.json", "configuration_florence2.py", "modeling_florence2.py", "processing_florence2.py"};
    std::vector<std::pair<std::string, HeadInfo>> files;
    for (const std::string &f : wanted) {
        checkRepoPath(f);
        HeadInfo h = f == "config.json" ? config : headFile(c, commit, f);
        if (h.status == 404 && f != "config.json")
            continue; // optional
        if (h.status >= 400)
            throw Error(ErrorKind::Io, "download: HTTP " + std::to_string(h.status) + " for " + opt.repo + "/" + f);
        files.emplace_back(f, h);
    }
    if (defaults) {
        // Weights: model.safetensors, else its shards, else pytorch_model.bin.
        HeadInfo w = headFile(c, commit, "model.safetensors");
        if (w.status < 400) {
            files.emplace_back("model.safetensors", w);
        } else {
            HeadInfo idx = headFile(c, commit, "model.safetensors.index.json");
            if (idx.status < 400) {
                files.emplace_back("model.safetensors.index.json", idx);
            } else {
                HeadInfo bin = headFile(c, commit, "pytorch_model.bin");
                if (bin.status >= 400)
                    throw Error(ErrorKind::Io, "download: " + opt.repo + " has no model.safetensors, "
                                                   "model.safetensors.index.json or pytorch_model.bin");
                files.emplace_back("pytorch_model.bin", bin);
            }
        }
    }
    for (const auto &f : files)
        c.state.totalBytes += f.second.size;

    DownloadResult result;
    result.commit = commit;
    const fs::path snapshot = root / "snapshots" / commit;
    result.snapshotDir = snapshot.string();
    std::error_code ec;
    fs::create_directories(root / "blobs", ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create '" + (root / "blobs").string() + "': " + ec.message());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string file = files[i].first; // copies: shards are appended to `files` below
        const HeadInfo h = files[i].second;
        if (!isPlainName(h.etag))
            throw Error(ErrorKind::Io, "download: " + c.endpoint + " sent no usable ETag for " + opt.repo + "/" + file
                                           + " ('" + h.etag.substr(0, 80) + "')");
        const std::string blob = (root / "blobs" / h.etag).string();
        c.state.file = file;
        c.state.fileTotal = h.size;
        if (!isRegularFile(blob)) {
            const std::string part = blob + ".incomplete";
            const std::string url = h.location.empty() || h.location.front() == '/'
                                        ? c.endpoint + "/" + opt.repo + "/resolve/" + commit + "/" + file
                                        : h.location;
            const std::uint64_t before = fileSize(part);
            fetchInto(c, url, part, h, file);
            const std::uint64_t got = fileSize(part);
            result.downloadedBytes += got - std::min(got, before);
            if (h.size > 0 && got != h.size) {
                fs::remove(part, ec);
                throw Error(ErrorKind::Io, "download of '" + file + "' is truncated or too long: " + std::to_string(got)
                                               + " bytes, the hub announced " + std::to_string(h.size) + "; discarded");
            }
            if (h.lfs && isSha256(h.etag)) {
                const std::string sum = sha256File(part);
                if (sum != lower(h.etag)) {
                    fs::remove(part, ec);
                    throw Error(ErrorKind::ModelFormat, "download of '" + file + "' failed the checksum: sha256 " + sum
                                                            + ", the hub's X-Linked-Etag says " + h.etag
                                                            + "; the file was discarded (run the download again)");
                }
            }
            fs::rename(part, blob, ec);
            if (ec)
                throw Error(ErrorKind::Io, "cannot move '" + part + "' to '" + blob + "': " + ec.message());
        } else {
            result.reusedBytes += fileSize(blob);
        }
        linkInto(blob, (snapshot / file).string());
        result.files.push_back(file);
        c.doneBefore += h.size ? h.size : fileSize(blob);
        c.state.fileBytes = c.state.fileTotal;
        c.state.doneBytes = c.doneBefore;
        c.report(true);
        // Shards named by the index come after it.
        if (file == "model.safetensors.index.json") {
            std::set<std::string> shards;
            try {
                const auto idx = nlohmann::json::parse(readTextFile(blob));
                for (auto it = idx.at("weight_map").begin(); it != idx.at("weight_map").end(); ++it)
                    shards.insert(it->get<std::string>());
            } catch (const std::exception &e) {
                throw Error(ErrorKind::ModelFormat, "download: '" + file + "' of " + opt.repo + " is not a valid index: " + e.what());
            }
            for (const std::string &s : shards) {
                checkRepoPath(s);
                HeadInfo sh = headFile(c, commit, s);
                if (sh.status >= 400)
                    throw Error(ErrorKind::Io, "download: HTTP " + std::to_string(sh.status) + " for shard " + s);
                c.state.totalBytes += sh.size;
                files.emplace_back(s, sh);
            }
        }
    }
    if (opt.revision != commit) {
        fs::create_directories(root / "refs", ec);
        writeFileAtomic((root / "refs" / opt.revision).string(), commit);
    }
    return result;
}

} // namespace florence::io
