#include "io/sha256.h"

#include "common/error.h"

#include <openssl/evp.h>

namespace florence::io {

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx || EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(m_ctx);
        throw Error(ErrorKind::Internal, "sha256 is not available");
    }
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::add(const void *data, std::size_t size)
{
    EVP_DigestUpdate(m_ctx, data, size);
}

std::string Sha256::hex()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, md, &len);
    static const char *digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += digits[md[i] >> 4];
        out += digits[md[i] & 15];
    }
    return out;
}

} // namespace florence::io
