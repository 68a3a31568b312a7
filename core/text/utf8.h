#pragma once
// UTF-8 helpers with Python's semantics: strict validation, decoding with errors='replace',
// code-point counting and Python's str.isspace().

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace florence::utf8 {

/// Byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
/// code points above U+10FFFF are invalid), or std::string_view::npos when `text` is valid.
std::size_t findInvalid(std::string_view text);

/// Throws Error(BadInput) "<what>: invalid UTF-8 at byte offset N (byte 0xXX)" when `text` is
/// not valid UTF-8.
void validate(std::string_view text, const std::string &what);

/// Decodes arbitrary bytes the way Python's bytes.decode('utf-8', errors='replace') does: every
/// maximal invalid subsequence becomes one U+FFFD. The result is valid UTF-8.
std::string decodeReplace(std::string_view bytes);

/// Decodes the code point starting at `pos` of valid UTF-8 `text` and advances `pos` past it.
char32_t next(std::string_view text, std::size_t &pos);

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string &out, char32_t cp);

/// Number of code points in valid UTF-8 `text` (Python's len()).
std::size_t length(std::string_view text);

/// Python's str.isspace() for one code point (the set `re`'s \s and str.strip() use):
/// U+0009..U+000D, U+001C..U+001F, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000.
bool isPythonSpace(char32_t cp);

/// Python's str.strip() / lstrip() / rstrip() without arguments, on valid UTF-8.
std::string_view strip(std::string_view text);
std::string_view lstrip(std::string_view text);
std::string_view rstrip(std::string_view text);

/// Python's str.replace(from, to, count): replaces the first `count` non-overlapping
/// occurrences of non-empty `from` left to right (all of them when count < 0).
std::string replace(std::string_view text, std::string_view from, std::string_view to, int count = -1);

} // namespace florence::utf8
