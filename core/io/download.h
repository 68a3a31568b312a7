#pragma once
// Downloading a Florence-2 model from the Hugging Face hub (or a mirror) into the hub cache layout,
// so Python tools share the files: <cache>/models--ORG--NAME/{blobs/<etag>, snapshots/<commit>/<file>
// -> ../../blobs/<etag>, refs/<revision>}. libcurl behind a small API with a progress callback and
// a cancel flag (the GUI runs it on a worker thread). Torch-free.
//
// Protocol (as huggingface_hub's hf_hub_download): HEAD <endpoint>/<repo>/resolve/<revision>/<file>
// without following redirects gives X-Repo-Commit, the ETag (X-Linked-Etag for LFS files: their
// sha256) and X-Linked-Size; GET follows the redirect (LFS files live on a CDN). A file is written
// to blobs/<etag>.incomplete, resumed with a Range request after an interruption, checked against
// the sha256 of its LFS etag, renamed to blobs/<etag> and only then linked into the snapshot, so a
// load never finds a half-written or unverified file.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace florence::io {

struct DownloadOptions
{
    std::string repo;            ///< "microsoft/Florence-2-base" (see resolveModelAlias)
    std::string revision = "main";
    std::string cacheDir;        ///< hub cache; empty: hfHubCacheDir()
    std::string endpoint;        ///< empty: $HF_ENDPOINT, else https://huggingface.co
    std::string token;           ///< empty: $HF_TOKEN (sent as "Authorization: Bearer")
    /// Files to fetch; empty: the model files (config, processor, tokenizer, weights: model.safetensors
    /// or its shards, else pytorch_model.bin; the remote-code .py files when the repo has them).
    /// Files other than config.json that the repo lacks (404) are skipped.
    std::vector<std::string> files;
    long connectTimeoutS = 15;   ///< connect timeout
    long stallTimeoutS = 30;     ///< abort a transfer that moves no byte for this long
    int retries = 3;             ///< resumed attempts after a dropped connection
};

struct DownloadProgress
{
    std::string file;              ///< file being transferred
    std::uint64_t fileBytes = 0;   ///< bytes of it on disk so far
    std::uint64_t fileTotal = 0;   ///< its size (0: unknown)
    std::uint64_t doneBytes = 0;   ///< bytes of all files so far (resumed bytes included)
    std::uint64_t totalBytes = 0;  ///< size of all files (known after the HEAD requests)
    double bytesPerSecond = 0.0;   ///< over this session's transferred bytes
    double etaSeconds = -1.0;      ///< -1: unknown
};

using DownloadProgressFn = std::function<void(const DownloadProgress &)>;

struct DownloadResult
{
    std::string snapshotDir;           ///< the folder to load
    std::string commit;                ///< X-Repo-Commit
    std::vector<std::string> files;    ///< files in the snapshot
    std::uint64_t downloadedBytes = 0; ///< bytes transferred by this call
    std::uint64_t reusedBytes = 0;     ///< bytes already in blobs/ (other revisions, earlier runs)
};

/// "base", "large", "base-ft", "large-ft" -> "microsoft/Florence-2-…"; "ORG/NAME" unchanged.
/// Throws Error(BadInput) for anything else.
std::string resolveModelAlias(const std::string &name);

/// Downloads (see the file comment). `progress` is called on this thread at most ~10 times a
/// second and after each file; `cancel` is checked all the time.
/// Throws Error(Io) for an unreachable hub ("offline" — with what to copy instead), an HTTP error
/// (401/403: "needs HF_TOKEN", 404: no such repo or file) or a stalled/dropped transfer after the
/// retries (the .incomplete file is kept for the next run to resume); Error(ModelFormat) when a
/// file's sha256 differs from its LFS etag (the file is deleted); Error(Cancelled) on cancel (the
/// partial file is kept for resume).
DownloadResult downloadModel(const DownloadOptions &options, const DownloadProgressFn &progress = {},
                             const std::atomic<bool> *cancel = nullptr);

/// sha256 of a file, lower-case hex. Throws Error(Io).
std::string sha256File(const std::string &path);

} // namespace florence::io
