// Design note: a recursive-descent parser over the whole text, recursion bounded by kMaxXmlDepth, so
// a hostile file can cost at most linear time and a fixed stack. libxml2 and expat were considered:
// both are on Debian, but both expand internal entities by default (the "billion laughs" needs
// explicit limits) and pull a C API into core for the ~200 lines VOC needs.
#include "annotate/formats/xml_reader.h"

#include "annotate/formats/text_lines.h"
#include "annotate/json_format.h"
#include "common/error.h"

#include <string_view>

namespace florence::formats::detail {

const XmlElement *XmlElement::child(const std::string &n) const
{
    for (const XmlElement &c : children)
        if (c.name == n)
            return &c;
    return nullptr;
}

std::vector<const XmlElement *> XmlElement::all(const std::string &n) const
{
    std::vector<const XmlElement *> out;
    for (const XmlElement &c : children)
        if (c.name == n)
            out.push_back(&c);
    return out;
}

std::string XmlElement::trimmedText() const
{
    const std::size_t b = text.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const std::size_t e = text.find_last_not_of(" \t\r\n");
    return text.substr(b, e - b + 1);
}

namespace {

class XmlParser
{
public:
    XmlParser(std::string_view text, const std::string &what, const std::string &fileName)
        : m_s(text), m_what(what), m_file(fileName)
    {
    }

    XmlElement document()
    {
        skipMisc();
        if (atEnd() || m_s[m_pos] != '<')
            fail("expected the root element");
        XmlElement root = element(1);
        skipMisc();
        if (!atEnd())
            fail("content after the root element");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string &problem) const { failAt(m_what, m_file, m_line, problem); }
    bool atEnd() const { return m_pos >= m_s.size(); }
    bool startsWith(std::string_view p) const { return m_s.substr(m_pos, p.size()) == p; }

    void advance(std::size_t n)
    {
        for (std::size_t i = 0; i < n && m_pos < m_s.size(); ++i)
            if (m_s[m_pos++] == '\n')
                ++m_line;
    }

    void skipSpace()
    {
        while (!atEnd() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\r' || m_s[m_pos] == '\n'))
            advance(1);
    }

    /// Skips until after `end`; fails naming `what` when it never comes.
    void skipPast(std::string_view end, const char *what)
    {
        const std::size_t at = m_s.find(end, m_pos);
        if (at == std::string_view::npos)
            fail(std::string("unterminated ") + what);
        advance(at + end.size() - m_pos);
    }

    /// Whitespace, comments and processing instructions (the XML declaration among them).
    void skipMisc()
    {
        for (;;) {
            skipSpace();
            if (startsWith("<!--"))
                skipPast("-->", "comment");
            else if (startsWith("<?"))
                skipPast("?>", "processing instruction");
            else if (startsWith("<!DOCTYPE") || startsWith("<!doctype") || startsWith("<!ENTITY"))
                fail("DOCTYPE and entity declarations are not accepted (no entity expansion)");
            else
                return;
        }
    }

    static bool nameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || (unsigned char)c >= 0x80; }
    static bool nameChar(char c) { return nameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

    std::string name()
    {
        if (atEnd() || !nameStart(m_s[m_pos]))
            fail("expected a name, got " + formats::detail::quoted(m_s.substr(m_pos, 20)));
        const std::size_t start = m_pos;
        while (!atEnd() && nameChar(m_s[m_pos]))
            ++m_pos;
        if (m_pos - start > 1024)
            fail("name longer than 1024 bytes");
        return std::string(m_s.substr(start, m_pos - start));
    }

    /// Appends the character data up to the next '<' (or the quote `stop`), entities decoded.
    void chars(std::string &out, char stop)
    {
        while (!atEnd() && m_s[m_pos] != stop) {
            const char c = m_s[m_pos];
            if (stop != '<' && c == '<')
                fail("'<' inside an attribute value");
            if (c == '&') {
                const std::size_t semi = m_s.find(';', m_pos);
                if (semi == std::string_view::npos || semi - m_pos > 12)
                    fail("'&' that starts no entity (write &amp;)");
                const std::string_view ent = m_s.substr(m_pos + 1, semi - m_pos - 1);
                if (ent == "lt") out += '<';
                else if (ent == "gt") out += '>';
                else if (ent == "amp") out += '&';
                else if (ent == "quot") out += '"';
                else if (ent == "apos") out += '\'';
                else if (!ent.empty() && ent[0] == '#') appendCodePoint(out, ent);
                else fail("unknown entity &" + std::string(ent) + "; (only the five predefined ones and &#...; are accepted)");
                advance(semi + 1 - m_pos);
                continue;
            }
            out += c;
            advance(1);
        }
    }

    void appendCodePoint(std::string &out, std::string_view ent)
    {
        const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        const std::string_view digits = ent.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 8)
            fail("malformed character reference &" + std::string(ent) + ";");
        unsigned long cp = 0;
        for (char d : digits) {
            int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
            if (v < 0)
                fail("malformed character reference &" + std::string(ent) + ";");
            cp = cp * (hex ? 16 : 10) + unsigned(v);
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            fail("character reference &" + std::string(ent) + "; is not a valid character");
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    XmlElement element(int depth)
    {
        if (depth > kMaxXmlDepth)
            fail("elements nested deeper than " + std::to_string(kMaxXmlDepth));
        if (++m_elements > kMaxXmlElements)
            fail("more than " + std::to_string(kMaxXmlElements) + " elements");
        XmlElement el;
        el.line = m_line;
        advance(1); // '<'
        el.name = name();
        for (;;) {
            const std::size_t before = m_pos;
            skipSpace();
            if (atEnd())
                fail("unterminated start tag <" + el.name + ">");
            if (startsWith("/>")) {
                advance(2);
                return el;
            }
            if (m_s[m_pos] == '>') {
                advance(1);
                break;
            }
            if (m_pos == before)
                fail("expected whitespace before an attribute in <" + el.name + ">");
            std::string attr = name();
            skipSpace();
            if (atEnd() || m_s[m_pos] != '=')
                fail("attribute '" + attr + "' of <" + el.name + "> has no value");
            advance(1);
            skipSpace();
            if (atEnd() || (m_s[m_pos] != '"' && m_s[m_pos] != '\''))
                fail("attribute '" + attr + "' of <" + el.name + "> is not quoted");
            const char q = m_s[m_pos];
            advance(1);
            std::string value;
            chars(value, q);
            if (atEnd())
                fail("unterminated attribute '" + attr + "' of <" + el.name + ">");
            advance(1);
            for (const auto &a : el.attributes)
                if (a.first == attr)
                    fail("attribute '" + attr + "' given twice in <" + el.name + ">");
            el.attributes.emplace_back(std::move(attr), std::move(value));
        }
        for (;;) {
            chars(el.text, '<');
            if (atEnd())
                fail("element <" + el.name + "> (line " + std::to_string(el.line) + ") is not closed");
            if (startsWith("</")) {
                advance(2);
                const std::string end = name();
                skipSpace();
                if (atEnd() || m_s[m_pos] != '>')
                    fail("malformed end tag </" + end);
                advance(1);
                if (end != el.name)
                    fail("end tag </" + end + "> does not match <" + el.name + "> (line " + std::to_string(el.line) + ")");
                return el;
            }
            if (startsWith("<!--")) {
                skipPast("-->", "comment");
            } else if (startsWith("<![CDATA[")) {
                advance(9);
                const std::size_t at = m_s.find("]]>", m_pos);
                if (at == std::string_view::npos)
                    fail("unterminated CDATA section");
                el.text += std::string(m_s.substr(m_pos, at - m_pos));
                advance(at + 3 - m_pos);
            } else if (startsWith("<?")) {
                skipPast("?>", "processing instruction");
            } else if (startsWith("<!")) {
                fail("DOCTYPE and entity declarations are not accepted (no entity expansion)");
            } else {
                el.children.push_back(element(depth + 1));
            }
        }
    }

    std::string_view m_s;
    const std::string &m_what;
    const std::string &m_file;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_elements = 0;
};

} // namespace

XmlElement parseXml(const std::string &text, const std::string &what, const std::string &fileName)
{
    std::string_view s = text;
    if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF")
        failAt(what, fileName, 1, "UTF-16 byte order mark: the file must be UTF-8");
    if (s.substr(0, 3) == "\xEF\xBB\xBF")
        s.remove_prefix(3);
    if (!florence::detail::isValidUtf8(std::string(s))) {
        // Name the first bad line.
        std::size_t line = 1, start = 0;
        for (std::size_t i = 0; i <= s.size(); ++i)
            if (i == s.size() || s[i] == '\n') {
                if (!florence::detail::isValidUtf8(std::string(s.substr(start, i - start))))
                    failAt(what, fileName, line, "not valid UTF-8");
                ++line;
                start = i + 1;
            }
        failAt(what, fileName, 1, "not valid UTF-8");
    }
    if (s.find('\0') != std::string_view::npos)
        failAt(what, fileName, 1, "NUL byte (binary file?)");
    XmlParser parser(s, what, fileName);
    return parser.document();
}

} // namespace florence::formats::detail
