#pragma once
// Whole-file reading and atomic writing, shared by every core component that touches files.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace florence {

/// Reads a whole file. Throws Error(Io) naming the file when it is missing or unreadable.
std::string readTextFile(const std::string &path);
/// Reads a whole file as bytes. Throws Error(Io) naming the file.
std::vector<std::uint8_t> readBinaryFile(const std::string &path);

/// Writes `data` to `path` atomically: writes a temporary file in the same folder, flushes it to
/// disk, then renames it over `path`. On any failure (read-only folder, full disk) the temporary file
/// is removed, the previous content of `path` is untouched, and Error(Io) names the file.
void writeFileAtomic(const std::string &path, const std::string &data);

/// Removes the `<path>.tmp-<pid>` files that a killed writer of `path` left behind (those whose
/// process no longer exists); returns how many. Called by every AtomicFileWriter of `path`.
int removeStaleTempFiles(const std::string &path);

/// A file written in pieces that appears at its path only when commit() succeeds: the data goes to
/// an unnamed temporary file in the same folder (O_TMPFILE; a named `<path>.tmp-<pid>` where the
/// file system lacks it), commit() flushes it to disk and renames it over `path`. A killed process
/// leaves no temporary file behind (see file_io.cpp), and stale ones of `path` are removed first.
/// Destroying an uncommitted writer removes the temporary file; the previous content of `path` is
/// never touched by a failure. Every method throws Error(Io) naming `path`.
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const std::string &path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;

    /// Appends `size` bytes.
    void write(const void *data, std::size_t size);
    /// Flushes, closes and renames the temporary file over the target path.
    void commit();

private:
    void abandon();

    std::string m_path;
    std::string m_tmp;
    int m_fd = -1;
    bool m_anonymous = false; ///< m_fd is an unnamed O_TMPFILE (m_tmp exists only during commit)
};

/// True when `path` names an existing regular file.
bool isRegularFile(const std::string &path);

} // namespace florence
