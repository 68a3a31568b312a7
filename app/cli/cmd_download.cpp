// florence-cli download: a Florence-2 model from the Hugging Face hub (or HF_ENDPOINT) into the
// hub cache layout, with progress, resume, checksum and Ctrl+C (core/io/download.h).
#include "commands.h"

#include "common/error.h"
#include "io/download.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace florence::cli {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onSigint(int)
{
    g_cancel.store(true);
}

std::string human(double bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 4) {
        bytes /= 1024.0;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    return buf;
}

int runDownload(const std::vector<std::string> &argv)
{
    Args args(argv, {"quiet"});
    args.allowOnly({"cache", "revision", "endpoint", "quiet"});
    if (args.positionals().size() != 1)
        throw Error(ErrorKind::BadInput, "download: expected one model: base, large, base-ft, large-ft or ORG/NAME");
    io::DownloadOptions opt;
    opt.repo = io::resolveModelAlias(args.positionals().front());
    opt.cacheDir = args.value("cache", "");
    opt.revision = args.value("revision", "main");
    opt.endpoint = args.value("endpoint", "");
    const bool tty = ::isatty(STDERR_FILENO);
    const bool quiet = args.has("quiet");
    std::string lastFile;
    const auto progress = [&](const io::DownloadProgress &p) {
        if (quiet)
            return;
        const double pct = p.totalBytes ? 100.0 * double(p.doneBytes) / double(p.totalBytes) : 0.0;
        char line[256];
        std::snprintf(line, sizeof line, "%-26s %5.1f%%  %s / %s  %s/s  ETA %s", p.file.c_str(), pct,
                      human(double(p.doneBytes)).c_str(), human(double(p.totalBytes)).c_str(),
                      human(p.bytesPerSecond).c_str(),
                      p.etaSeconds < 0 ? "?" : (std::to_string(int(p.etaSeconds + 0.5)) + " s").c_str());
        if (tty)
            std::cerr << "\r" << line << "   " << std::flush;
        else if (p.file != lastFile || p.fileBytes == p.fileTotal)
            std::cerr << line << "\n";
        lastFile = p.file;
    };
    g_cancel.store(false);
    const auto previous = std::signal(SIGINT, onSigint);
    io::DownloadResult r;
    try {
        r = io::downloadModel(opt, progress, &g_cancel);
    } catch (...) {
        std::signal(SIGINT, previous);
        if (tty && !quiet)
            std::cerr << "\n";
        throw;
    }
    std::signal(SIGINT, previous);
    if (tty && !quiet)
        std::cerr << "\n";
    nlohmann::ordered_json out;
    out["repo"] = opt.repo;
    out["commit"] = r.commit;
    out["model_dir"] = r.snapshotDir;
    out["files"] = r.files;
    out["downloaded_bytes"] = r.downloadedBytes;
    out["reused_bytes"] = r.reusedBytes;
    std::cout << out.dump(2) << "\n";
    std::cerr << "Use it with: florence-cli run --model '" << r.snapshotDir << "' ...\n";
    return kExitOk;
}

const CommandRegistration reg({"download", "download a Florence-2 model into the Hugging Face cache (resumable)",
                               "download base|large|base-ft|large-ft|ORG/NAME [--cache HUB_DIR] [--revision REV]\n"
                               "       [--endpoint URL (default $HF_ENDPOINT or https://huggingface.co)] [--quiet]\n"
                               "       HF_TOKEN is sent for gated/private repos; Ctrl+C cancels, run again to resume",
                               runDownload});

} // namespace
} // namespace florence::cli
