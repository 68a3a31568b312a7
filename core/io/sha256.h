#pragma once
// Incremental sha256 (OpenSSL's EVP), lower-case hex: download checksums and checkpoint ids.

#include <cstddef>
#include <memory>
#include <string>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace florence::io {

class Sha256
{
public:
    Sha256(); ///< throws Error(Internal) when sha256 is not available
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const void *data, std::size_t size);
    void add(const std::string &s) { add(s.data(), s.size()); }
    /// The digest of everything added, lower-case hex (call once).
    std::string hex();

private:
    EVP_MD_CTX *m_ctx = nullptr;
};

} // namespace florence::io
