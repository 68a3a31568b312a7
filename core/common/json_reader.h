#pragma once
// The one JSON field reader of the core: every file the core reads as JSON (model config,
// preprocessor config, LoRA adapter config, COCO, labelme, project files, checkpoints, prompt
// tables, ...) is parsed and walked through it, so limits and messages are the same everywhere:
//   "<what> '<file>', field '<path>': <problem>"   e.g. config file 'm/config.json', field
//   'vision_config.depths': expected a list, got string
// Nothing in it trusts the file: nesting is bounded before parsing, types and ranges are checked
// before a value is used, strings are length-limited.
#include "common/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace florence {

constexpr int kMaxJsonDepth = 64;                ///< nesting of arrays and objects
constexpr std::size_t kMaxJsonStringBytes = 1 << 20; ///< one string value

class JsonFieldReader
{
public:
    using json = nlohmann::json;

    /// `what` names the kind of file ("config file", "COCO instances file"), `fileName` the file;
    /// failures throw Error(kind).
    JsonFieldReader(std::string what, std::string fileName, ErrorKind kind = ErrorKind::BadInput);

    const std::string &fileName() const { return m_fileName; }
    ErrorKind kind() const { return m_kind; }

    /// Parses `text`: "<what> '<file>' is not valid JSON: ..." for malformed JSON (the parser's
    /// message made printable) or nesting deeper than kMaxJsonDepth.
    json parse(const std::string &text) const;
    /// parse() and checks the root is an object.
    json parseObject(const std::string &text) const;

    /// Throws "<what> '<file>', field '<path>': <problem>" ("<what> '<file>': <problem>" when the
    /// path is empty).
    [[noreturn]] void fail(const std::string &path, const std::string &problem) const;

    /// `path.key` (just `key` at the root) and `path[i]`.
    static std::string key(const std::string &path, const std::string &key);
    static std::string index(const std::string &path, std::size_t i);

    /// `v` itself, checked to be an object.
    const json &object(const json &v, const std::string &path) const;
    /// `v` itself, checked to be an array of at most maxSize elements.
    const json &array(const json &v, const std::string &path, std::size_t maxSize) const;
    /// The required member `key` of object `obj` at `path` (null counts as present).
    const json &member(const json &obj, const std::string &path, const char *key) const;
    /// The member `key`, or nullptr when absent or null.
    static const json *optional(const json &obj, const char *key);

    /// A string of at most kMaxJsonStringBytes.
    std::string string(const json &v, const std::string &path) const;
    /// An integer in [min, max].
    std::int64_t integer(const json &v, const std::string &path, std::int64_t min, std::int64_t max) const;
    /// A finite number in [min, max].
    double number(const json &v, const std::string &path, double min, double max) const;
    /// true or false.
    bool boolean(const json &v, const std::string &path) const;

    /// Optional members of `obj` with a fallback when absent or null; `path` is the object's path.
    bool boolean(const json &obj, const std::string &path, const char *key, bool fallback) const;
    std::int64_t integer(const json &obj, const std::string &path, const char *key, std::int64_t fallback,
                         std::int64_t min, std::int64_t max) const;
    double number(const json &obj, const std::string &path, const char *key, double fallback, double min,
                  double max) const;
    std::string string(const json &obj, const std::string &path, const char *key, std::string fallback) const;

    /// Deepest nesting of arrays/objects in `text` (strings skipped); stops counting past `limit`.
    static int nestingDepth(const std::string &text, int limit);
    /// `%.17g` of v (messages).
    static std::string numberText(double v);
    /// Copy of `s` with control and non-ASCII bytes written as \xNN (messages quoting a file).
    static std::string printable(const std::string &s);

private:
    std::string m_what;
    std::string m_fileName;
    ErrorKind m_kind;
};

} // namespace florence
