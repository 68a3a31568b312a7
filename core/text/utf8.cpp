#include "text/utf8.h"

#include "common/error.h"

#include <cstdio>

namespace florence::utf8 {
namespace {

// Length of the sequence a lead byte starts and the allowed range of its second byte
// (Unicode table 3-7, "well-formed UTF-8 byte sequences"). Length 0: not a lead byte.
struct Lead
{
    int length;
    unsigned char lo;
    unsigned char hi;
};

Lead leadInfo(unsigned char b)
{
    if (b < 0x80) return {1, 0, 0};
    if (b < 0xC2) return {0, 0, 0};
    if (b < 0xE0) return {2, 0x80, 0xBF};
    if (b == 0xE0) return {3, 0xA0, 0xBF};
    if (b == 0xED) return {3, 0x80, 0x9F};
    if (b < 0xF0) return {3, 0x80, 0xBF};
    if (b == 0xF0) return {4, 0x90, 0xBF};
    if (b < 0xF4) return {4, 0x80, 0xBF};
    if (b == 0xF4) return {4, 0x80, 0x8F};
    return {0, 0, 0};
}

// Number of bytes of the valid prefix of the sequence starting at `pos` (the maximal subpart),
// and whether the sequence is complete.
std::size_t validPrefix(std::string_view s, std::size_t pos, bool &complete)
{
    const Lead lead = leadInfo(static_cast<unsigned char>(s[pos]));
    complete = false;
    if (lead.length == 0)
        return 0;
    if (lead.length == 1) {
        complete = true;
        return 1;
    }
    std::size_t n = 1;
    for (int k = 1; k < lead.length; ++k) {
        if (pos + n >= s.size())
            return n;
        const auto c = static_cast<unsigned char>(s[pos + n]);
        const unsigned char lo = k == 1 ? lead.lo : 0x80;
        const unsigned char hi = k == 1 ? lead.hi : 0xBF;
        if (c < lo || c > hi)
            return n;
        ++n;
    }
    complete = true;
    return n;
}

} // namespace

std::size_t findInvalid(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        bool complete = false;
        const std::size_t n = validPrefix(text, pos, complete);
        if (!complete)
            return pos;
        pos += n;
    }
    return std::string_view::npos;
}

void validate(std::string_view text, const std::string &what)
{
    const std::size_t bad = findInvalid(text);
    if (bad == std::string_view::npos)
        return;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    throw Error(ErrorKind::BadInput, what + ": invalid UTF-8 at byte offset " + std::to_string(bad) + " (byte "
                                         + hex + "); expected UTF-8 text");
}

std::string decodeReplace(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
            out.push_back(bytes[pos++]);
            continue;
        }
        bool complete = false;
        const std::size_t n = validPrefix(bytes, pos, complete);
        if (complete) {
            out.append(bytes.substr(pos, n));
            pos += n;
        } else {
            out.append("\xEF\xBF\xBD"); // U+FFFD for the maximal invalid subpart
            pos += n == 0 ? 1 : n;
        }
    }
    return out;
}

char32_t next(std::string_view text, std::size_t &pos)
{
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    int n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
    char32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int k = 1; k < n && pos + k < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
    pos += n;
    return cp;
}

void append(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t length(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool isPythonSpace(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
           || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::string_view lstrip(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t next_pos = pos;
        if (!isPythonSpace(next(text, next_pos)))
            break;
        pos = next_pos;
    }
    return text.substr(pos);
}

std::string_view rstrip(std::string_view text)
{
    std::size_t end = text.size();
    while (end > 0) {
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start;
        std::size_t p = start;
        if (!isPythonSpace(next(text, p)))
            break;
        end = start;
    }
    return text.substr(0, end);
}

std::string_view strip(std::string_view text)
{
    return rstrip(lstrip(text));
}

std::string replace(std::string_view text, std::string_view from, std::string_view to, int count)
{
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (count != 0 && !from.empty()) {
        const std::size_t hit = text.find(from, start);
        if (hit == std::string_view::npos)
            break;
        out.append(text.substr(start, hit - start));
        out.append(to);
        start = hit + from.size();
        if (count > 0)
            --count;
    }
    out.append(text.substr(start));
    return out;
}

} // namespace florence::utf8
