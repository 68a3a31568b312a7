#include "text/regex.h"

#include "common/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace florence::text {
namespace {

pcre2_code *code(void *p)
{
    return static_cast<pcre2_code *>(p);
}

// Runs one match; returns the pcre2_match result (> 0 on success).
int runMatch(void *compiled, pcre2_match_data *data, std::string_view subject, std::size_t offset)
{
    return pcre2_match(code(compiled), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), offset,
                       PCRE2_NO_UTF_CHECK, data, nullptr);
}

void checkMatchResult(int rc)
{
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
        PCRE2_UCHAR buffer[256];
        pcre2_get_error_message(rc, buffer, sizeof buffer);
        throw Error(ErrorKind::Internal, std::string("regular expression match failed: ")
                                             + reinterpret_cast<const char *>(buffer));
    }
}

} // namespace

std::string_view RegexMatch::view(std::string_view subject, int group) const
{
    if (!matched(group))
        return {};
    return subject.substr(starts[group], ends[group] - starts[group]);
}

Regex::Regex(const std::string &pattern)
{
    pcre2_compile_context *context = pcre2_compile_context_create(nullptr);
    pcre2_set_newline(context, PCRE2_NEWLINE_LF);
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code *compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                         PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, context);
    pcre2_compile_context_free(context);
    if (!compiled) {
        PCRE2_UCHAR buffer[256];
        pcre2_get_error_message(errorCode, buffer, sizeof buffer);
        throw Error(ErrorKind::Internal, "regular expression '" + pattern + "' does not compile at offset "
                                             + std::to_string(errorOffset) + ": "
                                             + reinterpret_cast<const char *>(buffer));
    }
    pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE); // falls back to the interpreter when JIT is unavailable
    uint32_t groups = 0;
    pcre2_pattern_info(compiled, PCRE2_INFO_CAPTURECOUNT, &groups);
    m_code = compiled;
    m_groups = static_cast<int>(groups);
}

Regex::~Regex()
{
    pcre2_code_free(code(m_code));
}

bool Regex::search(std::string_view subject, std::size_t offset, RegexMatch &match) const
{
    pcre2_match_data *data = pcre2_match_data_create_from_pattern(code(m_code), nullptr);
    const int rc = runMatch(m_code, data, subject, offset);
    checkMatchResult(rc);
    if (rc <= 0) {
        pcre2_match_data_free(data);
        return false;
    }
    const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
    match.starts.assign(m_groups + 1, RegexMatch::kUnset);
    match.ends.assign(m_groups + 1, RegexMatch::kUnset);
    for (int g = 0; g <= m_groups && g < rc; ++g) {
        if (ovector[2 * g] == PCRE2_UNSET)
            continue;
        match.starts[g] = ovector[2 * g];
        match.ends[g] = ovector[2 * g + 1];
    }
    pcre2_match_data_free(data);
    return true;
}

std::vector<RegexMatch> Regex::findAll(std::string_view subject) const
{
    std::vector<RegexMatch> out;
    std::size_t offset = 0;
    RegexMatch m;
    while (offset <= subject.size() && search(subject, offset, m)) {
        out.push_back(m);
        if (m.end() > m.start()) {
            offset = m.end();
        } else {
            offset = m.end() + 1;
            while (offset < subject.size() && (static_cast<unsigned char>(subject[offset]) & 0xC0) == 0x80)
                ++offset;
        }
    }
    return out;
}

RegexScanner::RegexScanner(const Regex &regex) : m_regex(regex)
{
    m_data = pcre2_match_data_create_from_pattern(code(regex.m_code), nullptr);
}

RegexScanner::~RegexScanner()
{
    pcre2_match_data_free(static_cast<pcre2_match_data *>(m_data));
}

bool RegexScanner::next(std::string_view subject, std::size_t offset, std::size_t &start, std::size_t &end)
{
    auto *data = static_cast<pcre2_match_data *>(m_data);
    const int rc = runMatch(m_regex.m_code, data, subject, offset);
    checkMatchResult(rc);
    if (rc <= 0)
        return false;
    const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
    start = ovector[0];
    end = ovector[1];
    return true;
}

} // namespace florence::text
