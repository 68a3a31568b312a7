#pragma once
// GPT-2's byte-level alphabet: the reversible map between the 256 byte values and 256
// printable Unicode characters (bytes_to_unicode in transformers' tokenization_bart.py), so that
// BPE tokens are printable strings such as "Ġdoes" (Ġ = U+0120 stands for the space byte).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace florence::text {

/// The byte <-> character table; one immutable instance shared by everyone.
class ByteLevel
{
public:
    static const ByteLevel &instance();

    /// The character standing for byte `b`, as UTF-8 (1 or 2 bytes).
    const std::string &charOf(std::uint8_t b) const { return m_utf8[b]; }
    /// Appends the byte-level form of raw `bytes` to `out` ("a b" -> "aĠb").
    void encode(std::string_view bytes, std::string &out) const;
    /// Appends the raw bytes that the valid UTF-8 byte-level string `text` stands for.
    /// Returns false (and leaves `out` partly written) when a character is outside the alphabet.
    bool decode(std::string_view text, std::string &out) const;

private:
    ByteLevel();
    std::array<std::string, 256> m_utf8;
    std::array<std::int16_t, 512> m_byteOf; // code point (all below U+0200) -> byte, -1 when absent
};

} // namespace florence::text
