#pragma once
// A small, strict, non-validating XML reader for the annotation formats (Pascal VOC). Elements,
// attributes, text, CDATA, comments and processing instructions; the five predefined entities and
// character references. A DOCTYPE (and so every entity declaration) is refused: no entity expansion,
// no external resources. Nesting is bounded (kMaxXmlDepth), and so is the element count.
// Not a public header.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace florence::formats::detail {

constexpr int kMaxXmlDepth = 32;                 ///< nesting of elements
constexpr std::size_t kMaxXmlElements = 1000000; ///< elements in one document

/// One element with its attributes, its text (all character data directly inside it, concatenated)
/// and its child elements, and the line its start tag is on.
struct XmlElement
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;
    std::vector<XmlElement> children;
    std::size_t line = 0;

    /// The first child named `name`, or nullptr.
    const XmlElement *child(const std::string &name) const;
    /// Every child named `name`, in order.
    std::vector<const XmlElement *> all(const std::string &name) const;
    /// text without leading and trailing whitespace.
    std::string trimmedText() const;
};

/// Parses a whole document and returns its root element. Throws Error(BadInput)
/// "<what> '<fileName>' line <n>: <problem>" for malformed XML (unclosed or mismatched tags, bad
/// names or attributes, unknown entities, text outside the root), a DOCTYPE, a UTF-16 byte order
/// mark, invalid UTF-8, nesting deeper than kMaxXmlDepth or more than kMaxXmlElements elements.
/// A UTF-8 byte order mark and CRLF line ends are accepted.
XmlElement parseXml(const std::string &text, const std::string &what, const std::string &fileName);

} // namespace florence::formats::detail
