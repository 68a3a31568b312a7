#include "annotate/formats/dataset.h"

#include "common/error.h"
#include "common/file_io.h"
#include "image/image_header.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <set>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace florence::formats {

std::string ExportSummary::toText() const
{
    std::ostringstream out;
    out << "Export: " << format << "\n";
    out << "Images: " << images;
    if (!splitImages.empty()) {
        out << " (";
        bool first = true;
        for (const auto &[split, n] : splitImages) {
            out << (first ? "" : ", ") << split << " " << n;
            first = false;
        }
        out << ")";
    }
    out << "\n";
    std::size_t total = 0;
    for (const auto &kv : objectsPerClass)
        total += kv.second;
    out << "Objects: " << total << "\n";
    for (const auto &[label, n] : objectsPerClass)
        out << "  " << (label.empty() ? std::string("(no label)") : label) << ": " << n << "\n";
    out << "Converted:" << (converted.empty() ? " nothing" : "") << "\n";
    for (const auto &[what, n] : converted)
        out << "  " << n << " x " << what << "\n";
    out << "Dropped:" << (dropped.empty() ? " nothing" : "") << "\n";
    for (const auto &[what, n] : dropped)
        out << "  " << n << " x " << what << "\n";
    if (!warnings.empty()) {
        out << "Warnings:\n";
        for (const std::string &w : warnings)
            out << "  " << w << "\n";
    }
    if (!files.empty()) {
        out << "Files:\n";
        for (const std::string &f : files)
            out << "  " << f << "\n";
    }
    return out.str();
}

namespace {

/// splitmix64: a tiny PRNG with a fixed definition, so a seed gives the same split everywhere
/// (std::shuffle and the std distributions are implementation-defined).
std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::string splitFromFolder(const std::string &path)
{
    const std::size_t slash = path.find('/');
    if (slash == std::string::npos)
        return {};
    std::string first = path.substr(0, slash);
    std::transform(first.begin(), first.end(), first.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (first == "train")
        return "train";
    if (first == "val" || first == "valid" || first == "validation")
        return "val";
    if (first == "test")
        return "test";
    return {};
}

} // namespace

std::vector<std::string> assignSplits(const Dataset &dataset, const SplitOptions &options)
{
    const std::size_t n = dataset.images.size();
    std::vector<std::string> out(n, "train");
    switch (options.mode) {
    case SplitOptions::Mode::None:
        return out;
    case SplitOptions::Mode::Keep:
        if (dataset.splits.size() == n)
            for (std::size_t i = 0; i < n; ++i)
                if (!dataset.splits[i].empty())
                    out[i] = dataset.splits[i];
        return out;
    case SplitOptions::Mode::Folder:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = splitFromFolder(dataset.images[i].path);
            if (out[i].empty())
                throw Error(ErrorKind::BadInput, "split by folder: image '" + dataset.images[i].path
                                                     + "' is not inside a train/, val/ (valid/) or test/ folder");
        }
        return out;
    case SplitOptions::Mode::Ratio:
        break;
    }
    const double ratios[3] = {options.train, options.val, options.test};
    double sum = 0;
    for (double r : ratios) {
        if (!std::isfinite(r) || r < 0)
            throw Error(ErrorKind::BadInput, "split ratios must be finite and >= 0");
        sum += r;
    }
    if (!(sum > 0))
        throw Error(ErrorKind::BadInput, "split ratios are all 0");
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return dataset.images[a].path < dataset.images[b].path; });
    std::uint64_t state = options.seed;
    for (std::size_t i = n; i > 1; --i) { // Fisher-Yates; modulo bias is irrelevant at these sizes
        const std::size_t j = std::size_t(splitmix64(state) % i);
        std::swap(order[i - 1], order[j]);
    }
    const std::size_t nTrain = std::size_t(std::llround(double(n) * ratios[0] / sum));
    const std::size_t nVal = std::min(n - std::min(n, nTrain), std::size_t(std::llround(double(n) * ratios[1] / sum)));
    for (std::size_t k = 0; k < n; ++k)
        out[order[k]] = k < nTrain ? "train" : k < nTrain + nVal ? "val" : "test";
    return out;
}

std::string sourcePath(const Dataset &dataset, std::size_t index)
{
    if (index < dataset.sources.size() && !dataset.sources[index].empty())
        return dataset.sources[index];
    const ImageRecord &image = dataset.images.at(index);
    if (dataset.root.empty() || (!image.path.empty() && image.path[0] == '/'))
        return image.path;
    return dataset.root + "/" + image.path;
}

void fillImageSizes(Dataset &dataset)
{
    for (std::size_t i = 0; i < dataset.images.size(); ++i) {
        ImageRecord &image = dataset.images[i];
        if (image.width > 0 && image.height > 0)
            continue;
        const std::string path = sourcePath(dataset, i);
        if (!isRegularFile(path))
            throw Error(ErrorKind::BadInput, "image '" + path + "' does not exist (its size is needed)");
        const std::vector<std::uint8_t> bytes = readBinaryFile(path);
        const ImageHeader header = probeImageHeader(bytes.data(), bytes.size(), path);
        image.width = header.displayWidth();
        image.height = header.displayHeight();
    }
}

namespace {

/// Replaces `path` atomically (temporary file + rename) without syncing it: writeExport syncs the
/// whole file system once at the end instead of once per file.
void writeFileUnsynced(const std::string &path, const std::string &data)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(errno));
    const char *p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(err));
        }
        p += n;
        left -= std::size_t(n);
    }
    if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(err));
    }
}

/// Refuses an export target that could leave the output folder: absolute, with a ".." component, or
/// empty. Image paths come from files written by strangers (a COCO file_name "../../.bashrc").
void checkTarget(const std::string &path)
{
    bool bad = path.empty() || path[0] == '/' || path.find('\0') != std::string::npos;
    std::size_t start = 0;
    while (!bad && start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, end - start);
        bad = part == ".." || (part.empty() && end != path.size());
        start = end + 1;
    }
    if (bad)
        throw Error(ErrorKind::BadInput, "refusing to write '" + path
                                             + "': an export writes only below its folder (no absolute paths, '..' or empty components)");
}

} // namespace

void writeExport(const ExportResult &result, const std::string &outDir)
{
    for (const ImageCopy &copy : result.copies)
        checkTarget(copy.target);
    for (const OutputFile &file : result.files)
        checkTarget(file.path);
    std::error_code ec;
    auto makeParent = [&](const std::string &file) {
        const fs::path parent = fs::path(file).parent_path();
        if (!parent.empty()) {
            fs::create_directories(parent, ec);
            if (ec)
                throw Error(ErrorKind::Io, "cannot create folder '" + parent.string() + "': " + ec.message());
        }
    };
    fs::create_directories(outDir, ec);
    if (ec)
        throw Error(ErrorKind::Io, "cannot create folder '" + outDir + "': " + ec.message());
    for (const ImageCopy &copy : result.copies) {
        const std::string target = outDir + "/" + copy.target;
        makeParent(target);
        if (fs::exists(target, ec) && fs::equivalent(copy.source, target, ec))
            continue;
        fs::remove(target, ec);
        ec.clear();
        fs::create_hard_link(copy.source, target, ec);
        if (ec) {
            ec.clear();
            fs::copy_file(copy.source, target, fs::copy_options::overwrite_existing, ec);
            if (ec)
                throw Error(ErrorKind::Io, "cannot copy image '" + copy.source + "' to '" + target + "': " + ec.message());
        }
    }
    for (const OutputFile &file : result.files) {
        const std::string target = outDir + "/" + file.path;
        makeParent(target);
        writeFileUnsynced(target, file.data);
    }
    // One syncfs instead of an fsync per file: 2000 label files took 18 s with an fsync each on the
    // shared build machine, almost all of it waiting for the disk.
    const int dirFd = ::open(outDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0 || ::syncfs(dirFd) != 0) {
        const int err = errno;
        if (dirFd >= 0)
            ::close(dirFd);
        throw Error(ErrorKind::Io, "cannot flush the export in '" + outDir + "' to disk: " + std::strerror(err));
    }
    ::close(dirFd);
    writeFileAtomic(outDir + "/summary.txt", result.summary.toText()); // last: its presence means complete
}

void noteUnheld(ExportSummary &summary, const ImageRecord &image, const std::string &formatName, bool holdsText,
                bool holdsScores, bool holdsCaptions)
{
    for (const Shape &s : image.shapes) {
        if (!holdsText && !s.text.empty())
            summary.drop("shape text (OCR transcription / description): " + formatName + " has no field for it");
        if (!holdsScores && s.score)
            summary.drop("score: " + formatName + " has no field for it");
        if (s.origin != kManualOrigin)
            summary.drop("provenance (origin " + s.origin + "): " + formatName + " has no field for it");
    }
    if (!holdsCaptions)
        summary.drop("caption: " + formatName + " holds no image-level text", image.captions.size());
}

std::vector<std::string> classList(const Dataset &dataset)
{
    std::vector<std::string> out = dataset.labels;
    std::set<std::string> seen(out.begin(), out.end());
    for (const ImageRecord &image : dataset.images)
        for (const Shape &s : image.shapes)
            if (seen.insert(s.label).second)
                out.push_back(s.label);
    return out;
}

std::vector<std::string> flatNames(const Dataset &dataset)
{
    std::vector<std::string> out;
    std::map<std::string, std::string> seen;
    for (const ImageRecord &image : dataset.images) {
        std::string name = image.path;
        std::replace(name.begin(), name.end(), '/', '_');
        const auto [it, fresh] = seen.emplace(name, image.path);
        if (!fresh)
            throw Error(ErrorKind::BadInput, "images '" + it->second + "' and '" + image.path
                                                 + "' would both be named '" + name + "' in a flat image folder");
        out.push_back(name);
    }
    return out;
}

std::string stripExtension(const std::string &path)
{
    const std::size_t dot = path.rfind('.');
    const std::size_t slash = path.rfind('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return path;
    return path.substr(0, dot);
}

bool hasImageExtension(const std::string &name)
{
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos)
        return false;
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    static const std::set<std::string> known = {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "pbm", "pgm", "ppm", "pnm"};
    return known.count(ext) > 0;
}

std::vector<std::string> listFiles(const std::string &dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorKind::Io, "'" + dir + "' is not a folder");
    std::vector<std::string> out;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
    if (ec)
        throw Error(ErrorKind::Io, "cannot list folder '" + dir + "': " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec)
            throw Error(ErrorKind::Io, "cannot list folder '" + dir + "': " + ec.message());
        if (it.depth() > 64)
            throw Error(ErrorKind::BadInput, "folder '" + dir + "' is nested deeper than 64 levels");
        if (out.size() > 10000000)
            throw Error(ErrorKind::BadInput, "folder '" + dir + "' holds more than 10 000 000 files");
        if (it->is_regular_file(ec))
            out.push_back(fs::relative(it->path(), dir, ec).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace florence::formats
