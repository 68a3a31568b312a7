#pragma once
// Reading and appending the checkpoint of a folder batch (FILE.checkpoint.jsonl, see
// batch_annotate.h): which images are done, and how much of the file is intact.

#include "annotate/annotation.h"
#include "annotate/project.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace florence {

/// What an existing checkpoint holds.
struct CheckpointState
{
    std::map<std::string, ImageRecord> done; ///< finished images by relative path
    bool exists = false;                     ///< a valid header was found: append to the file
    std::uint64_t keepBytes = 0;             ///< bytes of the valid part (header and intact records)
    bool addNewline = false;                 ///< the last intact record lacks its '\n'
    std::set<std::string> truncated;         ///< finished images whose answer hit max_new_tokens
};

/// Reads the checkpoint at `path`: empty state when there is none (or only a torn header). A
/// damaged *last* line is the record being written when the previous run died: it is ignored (and
/// cut away by CheckpointWriter). Throws Error(BadInput) naming `path` for a file that is not a
/// checkpoint, one of another job or shard ("use --restart"), or a damaged line before the last.
CheckpointState readCheckpoint(const std::string &path, const std::string &jobKey, const std::string &shard);

/// As readCheckpoint, on the file's bytes; `path` names it in messages.
CheckpointState parseCheckpoint(const std::string &text, const std::string &path, const std::string &jobKey,
                                const std::string &shard);

/// Append-only checkpoint file: every line is flushed to disk (fdatasync) before append returns.
class CheckpointWriter
{
public:
    /// Opens `path` empty (`truncate`) or for appending after its first `keepBytes` bytes: the torn
    /// line a killed run left behind is cut away first, and `addNewline` ends a last record whose
    /// newline was not written. Throws Error(Io) naming `path`.
    CheckpointWriter(const std::string &path, bool truncate, std::uint64_t keepBytes = 0, bool addNewline = false);
    ~CheckpointWriter();
    CheckpointWriter(const CheckpointWriter &) = delete;
    CheckpointWriter &operator=(const CheckpointWriter &) = delete;

    /// The first line: format, version, job key and shard ("2/8").
    void appendHeader(const std::string &jobKey, const std::string &shard);
    /// One finished image: its relative path and a one-image project; `truncated` when an answer
    /// hit max_new_tokens (kept for the COCO output of a resumed run).
    void appendImage(const std::string &image, const Project &project, bool truncated = false);

private:
    void writeAll(const std::string &text);

    std::string m_path;
    int m_fd = -1;
};

} // namespace florence
