#include "text/byte_level.h"

#include "text/utf8.h"

#include <vector>

namespace florence::text {

ByteLevel::ByteLevel()
{
    // bytes_to_unicode(): printable Latin-1 bytes map to themselves, the 68 others to
    // U+0100 + n in byte order.
    std::array<char32_t, 256> chars{};
    std::array<bool, 256> direct{};
    for (int b = '!'; b <= '~'; ++b) direct[b] = true;
    for (int b = 0xA1; b <= 0xAC; ++b) direct[b] = true;
    for (int b = 0xAE; b <= 0xFF; ++b) direct[b] = true;
    int n = 0;
    for (int b = 0; b < 256; ++b)
        chars[b] = direct[b] ? char32_t(b) : char32_t(256 + n++);
    m_byteOf.fill(-1);
    for (int b = 0; b < 256; ++b) {
        utf8::append(m_utf8[b], chars[b]);
        m_byteOf[chars[b]] = static_cast<std::int16_t>(b);
    }
}

const ByteLevel &ByteLevel::instance()
{
    static const ByteLevel table;
    return table;
}

void ByteLevel::encode(std::string_view bytes, std::string &out) const
{
    for (char c : bytes)
        out += m_utf8[static_cast<std::uint8_t>(c)];
}

bool ByteLevel::decode(std::string_view text, std::string &out) const
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = utf8::next(text, pos);
        if (cp >= m_byteOf.size() || m_byteOf[cp] < 0)
            return false;
        out.push_back(static_cast<char>(m_byteOf[cp]));
    }
    return true;
}

} // namespace florence::text
