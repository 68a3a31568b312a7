#include "text/pretokenizer.h"

namespace florence::text {

// White_Space = [\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]
#define FLORENCE_WS "\\t-\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}"

const char *Gpt2PreTokenizer::pattern()
{
    return "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" FLORENCE_WS "\\p{L}\\p{N}]+"
           "|[" FLORENCE_WS "]+(?![^" FLORENCE_WS "])|[" FLORENCE_WS "]+";
}

#undef FLORENCE_WS

Gpt2PreTokenizer::Gpt2PreTokenizer() : m_regex(pattern()) {}

void Gpt2PreTokenizer::split(std::string_view text, std::vector<std::string_view> &out) const
{
    RegexScanner scanner(m_regex);
    std::size_t offset = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    // Every character belongs to one alternative, so matches are contiguous and never empty.
    while (offset < text.size() && scanner.next(text, offset, start, end)) {
        if (end == start)
            break;
        out.push_back(text.substr(start, end - start));
        offset = end;
    }
}

} // namespace florence::text
