// The checkpoint of a folder batch (`--out FILE` -> FILE.checkpoint.jsonl): a header line, then one
// JSON line per finished image, each written with one write() and flushed before the next image.
//
// Design note (issue 17, finding 4): a run killed inside write() leaves a torn last line. The reader
// ignores it and reports how many bytes are valid; the writer cuts the file to that length before
// appending, so the next record never gets glued onto the torn one (which made the resume after
// next fail). A complete last record whose newline is missing is kept and its newline added.
#include "batch/checkpoint.h"

#include "annotate/project.h"
#include "common/json_reader.h"
#include "common/error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace florence {

namespace {
constexpr const char *kCheckpointFormat = "florence-annotate-checkpoint";
constexpr int kCheckpointVersion = 1;
} // namespace

CheckpointWriter::CheckpointWriter(const std::string &path, bool truncate, std::uint64_t keepBytes, bool addNewline)
    : m_path(path)
{
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND), 0644);
    if (m_fd < 0)
        throw Error(ErrorKind::Io, "cannot write checkpoint '" + path + "': " + std::strerror(errno));
    if (!truncate) {
        struct stat st {};
        if (::fstat(m_fd, &st) != 0 || (std::uint64_t(st.st_size) > keepBytes && ::ftruncate(m_fd, off_t(keepBytes)) != 0)) {
            const int err = errno;
            ::close(m_fd);
            throw Error(ErrorKind::Io, "cannot cut the damaged end of checkpoint '" + path + "': " + std::strerror(err));
        }
        if (addNewline)
            writeAll("\n");
    }
}

CheckpointWriter::~CheckpointWriter()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void CheckpointWriter::appendHeader(const std::string &jobKey, const std::string &shard)
{
    const nlohmann::json header = {{"format", kCheckpointFormat}, {"version", kCheckpointVersion}, {"job", jobKey}, {"shard", shard}};
    writeAll(header.dump() + "\n");
}

void CheckpointWriter::appendImage(const std::string &image, const Project &project, bool truncated)
{
    nlohmann::json line = {{"image", image}, {"project", nlohmann::json::parse(projectToJson(project))}};
    if (truncated)
        line["truncated"] = true;
    writeAll(line.dump() + "\n");
}

void CheckpointWriter::writeAll(const std::string &text)
{
    const char *p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(ErrorKind::Io, "cannot write checkpoint '" + m_path + "': " + std::strerror(errno));
        p += n;
        left -= std::size_t(n);
    }
    ::fdatasync(m_fd);
}

CheckpointState readCheckpoint(const std::string &path, const std::string &jobKey, const std::string &shard)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parseCheckpoint(text, path, jobKey, shard);
}

CheckpointState parseCheckpoint(const std::string &text, const std::string &path, const std::string &jobKey,
                                const std::string &shard)
{
    CheckpointState state;
    struct Line
    {
        std::size_t begin, end; // [begin, end) without the newline
        bool terminated;
    };
    std::vector<Line> lines;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string::npos ? text.size() : nl;
        if (end > pos)
            lines.push_back({pos, end, nl != std::string::npos});
        pos = nl == std::string::npos ? text.size() : nl + 1;
    }
    if (lines.empty())
        return state;
    const auto lineText = [&](const Line &l) { return text.substr(l.begin, l.end - l.begin); };
    const JsonFieldReader reader("checkpoint", path);
    nlohmann::json header;
    try {
        header = reader.parse(lineText(lines[0]));
    } catch (const Error &) {
        if (lines.size() == 1 && !lines[0].terminated)
            return state; // killed while writing the header: start afresh
        throw Error(ErrorKind::BadInput, "checkpoint '" + path + "' is not a Florence Studio checkpoint (line 1 is not JSON); "
                                                                 "delete it or use --restart");
    }
    // Header members of the wrong type mean "not ours", never an exception of the JSON library.
    const auto stringMember = [&](const char *key) {
        const nlohmann::json *v = JsonFieldReader::optional(header, key);
        return v && v->is_string() ? v->get<std::string>() : std::string();
    };
    if (!header.is_object() || stringMember("format") != kCheckpointFormat)
        throw Error(ErrorKind::BadInput, "checkpoint '" + path + "' is not a Florence Studio checkpoint; delete it or use --restart");
    if (const nlohmann::json *v = JsonFieldReader::optional(header, "version");
        v && (!v->is_number_integer() || v->get<std::int64_t>() > kCheckpointVersion))
        throw Error(ErrorKind::BadInput, "checkpoint '" + path + "' was written by a newer version of Florence Studio");
    if (stringMember("job") != jobKey || stringMember("shard") != shard)
        throw Error(ErrorKind::BadInput, "checkpoint '" + path + "' belongs to job " + (stringMember("job").empty() ? "?" : stringMember("job"))
                                             + " shard " + (stringMember("shard").empty() ? "?" : stringMember("shard")) + ", not to job "
                                             + jobKey + " shard " + shard + "; use --restart to start over or another --out");
    state.exists = true;
    state.keepBytes = lines[0].end;
    state.addNewline = !lines[0].terminated;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        try {
            const nlohmann::json line = reader.parse(lineText(lines[i]));
            const std::string image = reader.string(reader.member(line, "", "image"), "image");
            Project p = projectFromJson(reader.member(line, "", "project").dump(), path);
            if (p.images.size() != 1)
                throw Error(ErrorKind::BadInput, "expected one image");
            state.done[image] = std::move(p.images.front());
            if (line.contains("truncated") && line.at("truncated").is_boolean() && line.at("truncated").get<bool>())
                state.truncated.insert(image);
            state.keepBytes = lines[i].end;
            state.addNewline = !lines[i].terminated;
        } catch (const std::exception &e) {
            if (i + 1 == lines.size())
                break; // the line being written when the previous run died: cut away on append
            throw Error(ErrorKind::BadInput, "checkpoint '" + path + "', line " + std::to_string(i + 1) + " is damaged ("
                                                 + e.what() + "); delete it or use --restart");
        }
    }
    if (!state.addNewline)
        ++state.keepBytes; // keep the newline of the last good line
    return state;
}

} // namespace florence
