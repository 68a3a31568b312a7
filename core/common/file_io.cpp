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
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(errno));
    const char *p = data.data();
    size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(err));
        }
        p += n;
        left -= size_t(n);
    }
    const int syncResult = ::fsync(fd);
    const int syncErr = errno;
    const int closeResult = ::close(fd);
    if (syncResult != 0 || closeResult != 0) {
        const int err = syncResult != 0 ? syncErr : errno;
        ::unlink(tmp.c_str());
        throw Error(ErrorKind::Io, "cannot write '" + path + "': " + std::strerror(err));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(ErrorKind::Io, "cannot replace '" + path + "': " + std::strerror(err));
    }
}

bool isRegularFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

} // namespace florence
