// Design note (issue 17, finding 10): a process killed with SIGKILL between creating its temporary
// file and renaming it left `<target>.tmp-<pid>` behind, once per kill. Now the data goes to an
// unnamed O_TMPFILE in the target's folder, which the kernel frees when the process dies; only at
// commit is it linked under `<target>.tmp-<pid>` and at once renamed over the target, so a kill can
// leave litter only inside that window of two system calls. File systems without O_TMPFILE (NFS,
// some FUSE) fall back to the named temporary file. Either way, every write of a target first
// removes the `<target>.tmp-<pid>` files of processes that no longer exist (the litter of an
// earlier kill, or of an older version); temporaries of live processes are left alone.
#include "common/file_io.h"

#include "common/error.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace florence {

std::string readTextFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Io, "cannot open '" + path + "': " + std::strerror(errno));
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw Error(ErrorKind::Io, "cannot read '" + path + "'");
    return data;
}

std::vector<std::uint8_t> readBinaryFile(const std::string &path)
{
    const std::string s = readTextFile(path);
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

void writeFileAtomic(const std::string &path, const std::string &data)
{
    AtomicFileWriter writer(path);
    writer.write(data.data(), data.size());
    writer.commit();
}

namespace {

/// The folder of `path` ("." for a bare name) and its file name.
std::pair<std::string, std::string> splitPath(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

} // namespace

int removeStaleTempFiles(const std::string &path)
{
    const auto [dir, name] = splitPath(path);
    const std::string prefix = name + ".tmp-";
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        return 0;
    int removed = 0;
    while (const dirent *e = ::readdir(d)) {
        const std::string entry = e->d_name;
        if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string digits = entry.substr(prefix.size());
        if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const long pid = std::stol(digits);
        if (pid <= 0 || pid == long(::getpid()))
            continue;
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue; // alive (or not ours to judge): maybe writing right now
        if (::unlink((dir + "/" + entry).c_str()) == 0)
            ++removed;
    }
    ::closedir(d);
    return removed;
}

AtomicFileWriter::AtomicFileWriter(const std::string &path)
    : m_path(path)
    , m_tmp(path + ".tmp-" + std::to_string(::getpid()))
{
    removeStaleTempFiles(path);
#ifdef O_TMPFILE
    m_fd = ::open(splitPath(path).first.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    m_anonymous = m_fd >= 0;
#endif
    if (m_fd < 0)
        m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (m_fd >= 0)
        abandon();
}

void AtomicFileWriter::abandon()
{
    ::close(m_fd);
    m_fd = -1;
    if (!m_anonymous)
        ::unlink(m_tmp.c_str());
}

void AtomicFileWriter::write(const void *data, std::size_t size)
{
    if (m_fd < 0)
        throw Error(ErrorKind::Internal, "AtomicFileWriter: write to '" + m_path + "' after commit or failure");
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            abandon();
            throw Error(ErrorKind::Io, "cannot write '" + m_path + "': " + std::strerror(err));
        }
        p += n;
        size -= std::size_t(n);
    }
}

void AtomicFileWriter::commit()
{
    if (m_fd < 0)
        throw Error(ErrorKind::Internal, "AtomicFileWriter: commit of '" + m_path + "' after commit or failure");
    int syncResult = ::fsync(m_fd);
    int syncErr = errno;
    if (syncResult == 0 && m_anonymous) {
        // Give the unnamed file its temporary name (linkat cannot replace), then rename as usual.
        ::unlink(m_tmp.c_str());
        const std::string self = "/proc/self/fd/" + std::to_string(m_fd);
        syncResult = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, m_tmp.c_str(), AT_SYMLINK_FOLLOW);
        syncErr = errno;
    }
    const int closeResult = ::close(m_fd);
    const int closeErr = errno;
    m_fd = -1;
    if (syncResult != 0 || closeResult != 0) {
        ::unlink(m_tmp.c_str());
        throw Error(ErrorKind::Io, "cannot write '" + m_path + "': " + std::strerror(syncResult != 0 ? syncErr : closeErr));
    }
    if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        const int err = errno;
        ::unlink(m_tmp.c_str());
        throw Error(ErrorKind::Io, "cannot replace '" + m_path + "': " + std::strerror(err));
    }
}

bool isRegularFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

} // namespace florence
