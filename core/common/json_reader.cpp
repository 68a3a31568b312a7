#include "common/json_reader.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace florence {

int JsonFieldReader::nestingDepth(const std::string &text, int limit)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest && (deepest = depth) > limit)
                return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

JsonFieldReader::JsonFieldReader(std::string what, std::string fileName, ErrorKind kind)
    : m_what(std::move(what))
    , m_fileName(std::move(fileName))
    , m_kind(kind)
{
}

std::string JsonFieldReader::numberText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string JsonFieldReader::printable(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(c));
            out += buf;
        }
    }
    return out;
}

JsonFieldReader::json JsonFieldReader::parse(const std::string &text) const
{
    const std::string where = m_what + " '" + m_fileName + "'";
    if (nestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth)
        throw Error(m_kind, where + " is not valid: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    try {
        return json::parse(text);
    } catch (const json::exception &e) {
        throw Error(m_kind, where + " is not valid JSON: " + printable(e.what()));
    }
}

JsonFieldReader::json JsonFieldReader::parseObject(const std::string &text) const
{
    json root = parse(text);
    if (!root.is_object())
        fail("", std::string("expected a JSON object, got ") + root.type_name());
    return root;
}

void JsonFieldReader::fail(const std::string &path, const std::string &problem) const
{
    std::string msg = m_what + " '" + m_fileName + "'";
    msg += path.empty() ? ": " : ", field '" + path + "': ";
    throw Error(m_kind, msg + problem);
}

std::string JsonFieldReader::key(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

std::string JsonFieldReader::index(const std::string &path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

const JsonFieldReader::json &JsonFieldReader::object(const json &v, const std::string &path) const
{
    if (!v.is_object())
        fail(path, std::string("expected an object, got ") + v.type_name());
    return v;
}

const JsonFieldReader::json &JsonFieldReader::array(const json &v, const std::string &path, std::size_t maxSize) const
{
    if (!v.is_array())
        fail(path, std::string("expected a list, got ") + v.type_name());
    if (v.size() > maxSize)
        fail(path, "list has " + std::to_string(v.size()) + " entries, at most " + std::to_string(maxSize)
                       + " are allowed");
    return v;
}

const JsonFieldReader::json &JsonFieldReader::member(const json &obj, const std::string &path, const char *key) const
{
    object(obj, path);
    const auto it = obj.find(key);
    if (it == obj.end())
        fail(JsonFieldReader::key(path, key), "missing");
    return *it;
}

const JsonFieldReader::json *JsonFieldReader::optional(const json &obj, const char *key)
{
    if (!obj.is_object())
        return nullptr;
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return nullptr;
    return &*it;
}

std::string JsonFieldReader::string(const json &v, const std::string &path) const
{
    if (!v.is_string())
        fail(path, std::string("expected a string, got ") + v.type_name());
    const auto &s = v.get_ref<const std::string &>();
    if (s.size() > kMaxJsonStringBytes)
        fail(path, "string is " + std::to_string(s.size()) + " bytes long, at most "
                       + std::to_string(kMaxJsonStringBytes) + " are allowed");
    return s;
}

std::int64_t JsonFieldReader::integer(const json &v, const std::string &path, std::int64_t min, std::int64_t max) const
{
    if (!v.is_number_integer())
        fail(path, std::string("expected an integer, got ") + (v.is_number() ? "number " + v.dump() : v.type_name()));
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        fail(path, "integer " + v.dump() + " is out of range");
    const auto n = v.get<std::int64_t>();
    if (n < min || n > max)
        fail(path, "integer " + std::to_string(n) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return n;
}

double JsonFieldReader::number(const json &v, const std::string &path, double min, double max) const
{
    if (!v.is_number())
        fail(path, std::string("expected a number, got ") + v.type_name());
    const double d = v.get<double>();
    if (!std::isfinite(d))
        fail(path, "number " + numberText(d) + " is not finite");
    if (d < min || d > max)
        fail(path, "number " + numberText(d) + " is outside " + numberText(min) + ".." + numberText(max));
    return d;
}

bool JsonFieldReader::boolean(const json &v, const std::string &path) const
{
    if (!v.is_boolean())
        fail(path, "expected true or false, got " + v.dump());
    return v.get<bool>();
}

bool JsonFieldReader::boolean(const json &obj, const std::string &path, const char *key, bool fallback) const
{
    const json *v = optional(obj, key);
    return v ? boolean(*v, JsonFieldReader::key(path, key)) : fallback;
}

std::int64_t JsonFieldReader::integer(const json &obj, const std::string &path, const char *key, std::int64_t fallback,
                                      std::int64_t min, std::int64_t max) const
{
    const json *v = optional(obj, key);
    return v ? integer(*v, JsonFieldReader::key(path, key), min, max) : fallback;
}

double JsonFieldReader::number(const json &obj, const std::string &path, const char *key, double fallback, double min,
                               double max) const
{
    const json *v = optional(obj, key);
    return v ? number(*v, JsonFieldReader::key(path, key), min, max) : fallback;
}

std::string JsonFieldReader::string(const json &obj, const std::string &path, const char *key,
                                    std::string fallback) const
{
    const json *v = optional(obj, key);
    return v ? string(*v, JsonFieldReader::key(path, key)) : fallback;
}

} // namespace florence
