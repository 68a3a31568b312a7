#include "annotate/formats/text_lines.h"

#include "annotate/json_format.h"
#include "common/error.h"

#include "common/file_io.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace florence::formats::detail {

void failAt(const std::string &what, const std::string &fileName, std::size_t line, const std::string &problem)
{
    throw Error(ErrorKind::BadInput, what + " '" + fileName + "' line " + std::to_string(line) + ": " + problem);
}

std::string readLimitedFile(const std::string &path, const std::string &what, std::uint64_t maxBytes)
{
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > maxBytes)
        throw Error(ErrorKind::BadInput, what + " '" + path + "' is " + std::to_string(size) + " bytes, more than the "
                                             + std::to_string(maxBytes) + " accepted");
    return readTextFile(path); // throws Error(Io) naming the file when it is missing or unreadable
}

std::string quoted(std::string_view s)
{
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < 60; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) {
            static const char *hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    if (s.size() > 60)
        out += "...";
    return out + "'";
}

std::vector<Line> splitLines(std::string_view text, const std::string &what, const std::string &fileName)
{
    auto startsWith = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
    if (startsWith("\xFF\xFE") || startsWith("\xFE\xFF") || startsWith(std::string_view("\x00\x00\xFE\xFF", 4)))
        failAt(what, fileName, 1, "UTF-16/UTF-32 byte order mark: the file must be UTF-8");
    if (startsWith("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    std::vector<Line> lines;
    std::size_t pos = 0;
    std::size_t number = 0;
    while (pos < text.size()) {
        ++number;
        if (number > kMaxLines)
            failAt(what, fileName, number, "more than " + std::to_string(kMaxLines) + " lines");
        std::size_t end = text.find('\n', pos);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.size() > kMaxLineBytes)
            failAt(what, fileName, number, "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
        if (line.find('\0') != std::string_view::npos)
            failAt(what, fileName, number, "NUL byte (binary file?)");
        if (line.find('\r') != std::string_view::npos)
            failAt(what, fileName, number, "carriage return inside the line (old Mac line ends?)");
        if (!florence::detail::isValidUtf8(std::string(line)))
            failAt(what, fileName, number, "not valid UTF-8");
        lines.push_back({number, line});
        pos = next;
    }
    return lines;
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

bool parseNumber(std::string_view s, double &out)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty() || s.size() > 64)
        return false;
    // Only digits, one sign, '.', exponent: from_chars alone would also take "nan", "inf" and hex.
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

bool parseIndex(std::string_view s, long long &out)
{
    if (s.empty() || s.size() > 18)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string formatNumber(double v)
{
    if (v == 0)
        v = 0; // no "-0"
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string formatFixed(double v, int decimals)
{
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string s(buf, r.ptr);
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-')
        s.erase(0, 1);
    return s;
}

} // namespace florence::formats::detail
