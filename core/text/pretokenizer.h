#pragma once
// GPT-2 / BART pre-tokenizer: splits text into the pieces BPE then encodes separately.
//
// Pattern of BartTokenizer (run there with the `regex` module):
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// The `regex` module's \s is Unicode White_Space (no U+001C..U+001F, unlike Python `re`, and
// with U+0085, unlike PCRE2's \s), so it is spelled out here as an explicit class. \p{L} and
// \p{N} come from PCRE2's Unicode tables (Unicode 14 for PCRE2 10.42): characters assigned in
// later Unicode versions may split differently from a newer `regex` module.

#include "text/regex.h"

#include <string_view>
#include <vector>

namespace florence::text {

/// Splits valid UTF-8 text into GPT-2 pre-tokens (byte offsets into the input).
class Gpt2PreTokenizer
{
public:
    Gpt2PreTokenizer();

    /// Appends the pre-tokens of valid UTF-8 `text`, in order, to `out` (views into `text`).
    void split(std::string_view text, std::vector<std::string_view> &out) const;

    /// The PCRE2 pattern used (for tests and diagnostics).
    static const char *pattern();

private:
    Regex m_regex;
};

} // namespace florence::text
