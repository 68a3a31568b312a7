#pragma once
// A small RAII wrapper around PCRE2 (8-bit, UTF mode, JIT when available) used by the
// pre-tokenizer and by the ports of Python `re` patterns in core/tasks.
//
// Design note: patterns are written for PCRE2 but keep Python's meaning. Callers spell out
// Python's \s (str.isspace) and the `regex` module's \s (White_Space) as explicit classes,
// since PCRE2's \s differs from both; `.` excludes only '\n' and `$` matches at the end or
// before a final '\n', as in Python, because the newline convention is fixed to LF.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace florence::text {

/// Byte offsets of one match and its capture groups (group 0 = whole match).
struct RegexMatch
{
    static constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
    std::vector<std::size_t> starts; ///< per group; kUnset when the group did not take part
    std::vector<std::size_t> ends;

    std::size_t start(int group = 0) const { return starts[group]; }
    std::size_t end(int group = 0) const { return ends[group]; }
    bool matched(int group) const { return starts[group] != kUnset; }
    /// The text of a group, "" when unset.
    std::string_view view(std::string_view subject, int group = 0) const;
};

/// One compiled pattern; immutable and safe to share between threads.
class Regex
{
public:
    /// Compiles `pattern` in UTF mode with Unicode properties (\p{L}, \d = \p{Nd}) and LF newlines.
    /// Throws Error(Internal) naming the pattern and PCRE2's message when it does not compile.
    explicit Regex(const std::string &pattern);
    ~Regex();
    Regex(const Regex &) = delete;
    Regex &operator=(const Regex &) = delete;

    /// First match starting at byte offset >= `offset` of valid UTF-8 `subject` (Python's
    /// pattern.search(subject, offset); `^` still means the start of the subject).
    bool search(std::string_view subject, std::size_t offset, RegexMatch &match) const;
    /// Every non-overlapping match, left to right (Python's re.finditer). An empty match
    /// advances the scan by one code point.
    std::vector<RegexMatch> findAll(std::string_view subject) const;
    /// Number of capture groups.
    int groupCount() const { return m_groups; }

private:
    friend class RegexScanner;
    void *m_code = nullptr; // pcre2_code_8
    int m_groups = 0;
};

/// Repeated matching of one Regex with reusable match data (the pre-tokenizer's hot loop).
class RegexScanner
{
public:
    explicit RegexScanner(const Regex &regex);
    ~RegexScanner();
    RegexScanner(const RegexScanner &) = delete;
    RegexScanner &operator=(const RegexScanner &) = delete;

    /// Finds the next match at or after `offset`; sets [start, end) of group 0.
    bool next(std::string_view subject, std::size_t offset, std::size_t &start, std::size_t &end);

private:
    const Regex &m_regex;
    void *m_data = nullptr; // pcre2_match_data_8
};

} // namespace florence::text
