#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 imitating the Hugging Face hub for the download tests:
//   HEAD/GET /<org>/<name>/resolve/<rev>/<file>  regular files: 200 + ETag (git sha) + X-Repo-Commit;
//                                                LFS files: 302 to /cdn/<sha256> + X-Linked-Etag/-Size
//   GET /cdn/<sha256>                            the bytes, with Range support
// Knobs: a token to require (401 otherwise), a byte count after which the first CDN transfer of
// each file is cut (a dropped connection), wrong bytes on the CDN (checksum mismatch), a stall.
// One connection at a time, "Connection: close". POSIX sockets only.

#include "io/download.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace florence::test {

class FakeHub
{
public:
    struct File
    {
        std::string bytes;
        bool lfs = false;
        std::string sha256; ///< of `bytes` (filled by add())
    };

    std::string repo = "acme/Florence-2-tiny";
    std::string commit = "0123456789abcdef0123456789abcdef01234567";
    std::string token;                 ///< required Bearer token ("" = none)
    std::atomic<long long> dropAfter{-1};  ///< cut the first CDN transfer per file after this many bytes
    std::atomic<bool> corrupt{false};  ///< serve a flipped byte on the CDN
    std::atomic<int> stallMs{0};       ///< sleep before sending CDN bodies
    std::atomic<int> cdnDelayPerChunkMs{0};
    std::string badEtag;               ///< sent as the ETag of regular files when not empty (hostile server)

    std::map<std::string, File> files;
    std::vector<std::string> log;      ///< "METHOD path range" per request
    std::mutex mutex;

    void add(const std::string &name, std::string bytes, bool lfs, const std::string &dir)
    {
        const std::string tmp = dir + "/hashme";
        {
            FILE *f = std::fopen(tmp.c_str(), "wb");
            std::fwrite(bytes.data(), 1, bytes.size(), f);
            std::fclose(f);
        }
        File file{std::move(bytes), lfs, io::sha256File(tmp)};
        std::remove(tmp.c_str());
        files[name] = std::move(file);
    }

    int port() const { return m_port; }
    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    void start()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        ::listen(m_listen, 16);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { loop(); });
    }

    ~FakeHub()
    {
        m_stop = true;
        if (m_listen >= 0) {
            ::shutdown(m_listen, SHUT_RDWR);
            ::close(m_listen);
        }
        if (m_thread.joinable())
            m_thread.join();
    }

    int count(const std::string &prefix)
    {
        std::lock_guard<std::mutex> lock(mutex);
        int n = 0;
        for (const std::string &l : log)
            n += l.rfind(prefix, 0) == 0;
        return n;
    }

private:
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::map<std::string, int> m_cdnGets;

    static void sendAll(int fd, const std::string &s)
    {
        std::size_t off = 0;
        while (off < s.size()) {
            const ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            off += std::size_t(n);
        }
    }

    void loop()
    {
        while (!m_stop) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0) {
                if (m_stop)
                    return;
                continue;
            }
            handle(fd);
            ::close(fd);
        }
    }

    void handle(int fd)
    {
        std::string req;
        char buf[4096];
        while (req.find("\r\n\r\n") == std::string::npos && req.size() < 65536) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                return;
            req.append(buf, std::size_t(n));
        }
        const std::string method = req.substr(0, req.find(' '));
        const std::size_t p1 = req.find(' ') + 1;
        const std::string path = req.substr(p1, req.find(' ', p1) - p1);
        std::map<std::string, std::string> headers;
        std::size_t pos = req.find("\r\n") + 2;
        while (pos < req.size()) {
            const std::size_t end = req.find("\r\n", pos);
            if (end == std::string::npos || end == pos)
                break;
            const std::string line = req.substr(pos, end - pos);
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos) {
                std::string k = line.substr(0, colon);
                for (char &c : k)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                std::string v = line.substr(colon + 1);
                while (!v.empty() && v.front() == ' ')
                    v.erase(0, 1);
                headers[k] = v;
            }
            pos = end + 2;
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            log.push_back(method + " " + path + (headers.count("range") ? " " + headers["range"] : ""));
        }
        const bool head = method == "HEAD";
        const auto reply = [&](int status, const std::string &reason, const std::vector<std::string> &extra,
                               const std::string &body, std::size_t contentLength) {
            std::string r = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
            for (const std::string &h : extra)
                r += h + "\r\n";
            r += "Content-Length: " + std::to_string(contentLength) + "\r\nConnection: close\r\n\r\n";
            sendAll(fd, r);
            if (!head)
                sendAll(fd, body);
        };
        const std::string resolve = "/" + repo + "/resolve/";
        if (path.rfind(resolve, 0) == 0) {
            if (!token.empty() && headers["authorization"] != "Bearer " + token)
                return reply(401, "Unauthorized", {"X-Error-Code: GatedRepo"}, "", 0);
            const std::string rest = path.substr(resolve.size());
            const std::string rev = rest.substr(0, rest.find('/'));
            const std::string name = rest.substr(rest.find('/') + 1);
            if (rev != "main" && rev != commit)
                return reply(404, "Not Found", {"X-Error-Code: RevisionNotFound"}, "", 0);
            const auto it = files.find(name);
            if (it == files.end())
                return reply(404, "Not Found", {"X-Error-Code: EntryNotFound", "X-Repo-Commit: " + commit}, "", 0);
            const File &f = it->second;
            if (f.lfs)
                return reply(302, "Found",
                             {"X-Repo-Commit: " + commit, "X-Linked-Etag: \"" + f.sha256 + "\"",
                              "X-Linked-Size: " + std::to_string(f.bytes.size()), "ETag: \"gitsha-" + name + "\"",
                              "Location: " + endpoint() + "/cdn/" + f.sha256 + "?signed=1"},
                             "", 0);
            return reply(200, "OK",
                         {"X-Repo-Commit: " + commit,
                          "ETag: \"" + (badEtag.empty() ? f.sha256.substr(0, 40) : badEtag) + "\""},
                         f.bytes, f.bytes.size());
        }
        if (path.rfind("/cdn/", 0) == 0) {
            const std::string sha = path.substr(5, 64);
            const File *f = nullptr;
            std::string name;
            for (const auto &kv : files)
                if (kv.second.sha256 == sha) {
                    f = &kv.second;
                    name = kv.first;
                }
            if (!f)
                return reply(404, "Not Found", {}, "", 0);
            std::string bytes = f->bytes;
            if (corrupt && !bytes.empty())
                bytes[bytes.size() / 2] ^= 0x5a;
            std::size_t from = 0;
            if (headers.count("range")) {
                const std::string r = headers["range"]; // bytes=N-
                from = std::size_t(std::stoull(r.substr(6, r.find('-') - 6)));
            }
            if (from > bytes.size())
                return reply(416, "Range Not Satisfiable", {}, "", 0);
            if (stallMs > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(stallMs.load()));
            const int nth = ++m_cdnGets[name];
            const std::string body = bytes.substr(from);
            std::string r = from ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(from) + "-"
                                       + std::to_string(bytes.size() - 1) + "/" + std::to_string(bytes.size()) + "\r\n"
                                 : "HTTP/1.1 200 OK\r\n";
            r += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
            sendAll(fd, r);
            if (dropAfter >= 0 && nth == 1 && std::size_t(dropAfter) < body.size()) {
                sendAll(fd, body.substr(0, std::size_t(dropAfter))); // then the connection drops
                return;
            }
            const int delay = cdnDelayPerChunkMs.load();
            for (std::size_t off = 0; off < body.size(); off += 65536) {
                sendAll(fd, body.substr(off, 65536));
                if (delay)
                    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
            }
            return;
        }
        reply(404, "Not Found", {}, "", 0);
    }
};

} // namespace florence::test
