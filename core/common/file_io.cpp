#include "common/file_io.h"

#include "common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

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

AtomicFileWriter::AtomicFileWriter(const std::string &path)
    : m_path(path)
    , m_tmp(path + ".tmp-" + std::to_string(::getpid()))
{
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
    const int syncResult = ::fsync(m_fd);
    const int syncErr = errno;
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
