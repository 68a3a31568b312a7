#pragma once
// Strict line-based reading and locale-independent number formatting shared by the text dataset
// formats (YOLO, DOTA, PaddleOCR, classes.txt). Not a public header.
//
// Every failure throws Error(BadInput) "<what> '<file>' line <n>: <problem>". A UTF-8 byte order mark
// at the start and CRLF line ends (Windows tools) are accepted; a UTF-16/32 byte order mark, NUL bytes,
// a stray CR inside a line, invalid UTF-8 and absurdly long lines or files are refused.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace florence::formats::detail {

constexpr std::size_t kMaxLineBytes = 16 << 20;    ///< one line (a polygon of 100 000 points fits)
constexpr std::size_t kMaxLines = 10000000;        ///< lines in one file
constexpr std::size_t kMaxClasses = 100000;        ///< class names in one dataset

constexpr std::uint64_t kMaxLabelFileBytes = 256ull << 20; ///< one per-image label file (YOLO, DOTA, VOC XML)
constexpr std::uint64_t kMaxListFileBytes = 4ull << 30;    ///< a whole-dataset file (Label.txt, image sets)
constexpr std::uint64_t kMaxConfigFileBytes = 16ull << 20; ///< data.yaml, classes.txt

/// Reads a whole text file after checking its size: Error(BadInput) "<what> '<path>' is N bytes, more
/// than the M accepted" before any memory is allocated; Error(Io) when it cannot be read.
std::string readLimitedFile(const std::string &path, const std::string &what, std::uint64_t maxBytes);

/// One line of a text file with its 1-based number.
struct Line
{
    std::size_t number = 0;
    std::string_view text;
};

/// Splits `text` into lines (line ends removed, a final line end optional). Throws as described
/// above; `what` names the kind of file ("YOLO label file"), `fileName` the file.
std::vector<Line> splitLines(std::string_view text, const std::string &what, const std::string &fileName);
/// The lines are views into `text`: a temporary string would leave them dangling.
std::vector<Line> splitLines(std::string &&text, const std::string &what, const std::string &fileName) = delete;

/// Fields separated by runs of spaces or tabs.
std::vector<std::string_view> splitFields(std::string_view line);

/// Parses a finite decimal number (optional sign, digits, fraction, exponent; no hex, nan or inf),
/// independent of the C locale. False when `s` is not one.
bool parseNumber(std::string_view s, double &out);

/// Parses a non-negative decimal integer that fits in a long long. False otherwise.
bool parseIndex(std::string_view s, long long &out);

/// Shortest decimal text that reads back as exactly `v` ("12", "0.1", "1e-07"), locale-independent.
std::string formatNumber(double v);

/// `v` with exactly `decimals` digits after the point, locale-independent, "-0" written as "0".
std::string formatFixed(double v, int decimals);

/// "<what> '<file>' line <n>: <problem>" as Error(BadInput).
[[noreturn]] void failAt(const std::string &what, const std::string &fileName, std::size_t line,
                         const std::string &problem);

/// `s` quoted for a message, cut to 60 bytes.
std::string quoted(std::string_view s);

} // namespace florence::formats::detail
