#include "text/tokenizer_files.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace florence::text {
namespace {

using nlohmann::json;

[[noreturn]] void formatError(const std::string &file, const std::string &message)
{
    throw Error(ErrorKind::ModelFormat, file + ": " + message);
}

std::string typeName(const json &value)
{
    return value.type_name();
}

json parseJsonFile(const std::string &path)
{
    return JsonFieldReader("tokenizer file", path, ErrorKind::ModelFormat).parse(readTextFile(path));
}

// Checks a {token: id} object and copies it; ids must be the integers 0..N-1, each used once.
void readVocab(const json &vocab, const std::string &file, const std::string &field, TokenizerFiles &out)
{
    if (!vocab.is_object())
        formatError(file, "field '" + field + "' must be an object {token: id}, got " + typeName(vocab));
    if (vocab.empty())
        formatError(file, "field '" + field + "' is empty");
    const auto n = static_cast<std::int64_t>(vocab.size());
    std::vector<const std::string *> owner(vocab.size(), nullptr);
    out.vocab.reserve(vocab.size());
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        if (!it.value().is_number_integer())
            formatError(file, "field '" + field + "': the id of token '" + it.key() + "' must be an integer, got "
                                  + typeName(it.value()));
        const auto id = it.value().get<std::int64_t>();
        if (id < 0 || id >= n)
            formatError(file, "field '" + field + "': id " + std::to_string(id) + " of token '" + it.key()
                                  + "' is outside [0, " + std::to_string(n) + ") (ids must be 0..N-1)");
        if (owner[id])
            formatError(file, "field '" + field + "': id " + std::to_string(id) + " is used by both '" + *owner[id]
                                  + "' and '" + it.key() + "'");
        owner[id] = &it.key();
        if (utf8::findInvalid(it.key()) != std::string::npos)
            formatError(file, "field '" + field + "': token with id " + std::to_string(id) + " is not valid UTF-8");
        out.vocab.emplace(it.key(), id);
    }
}

void addMerge(const std::string &left, const std::string &right, TokenizerFiles &out)
{
    out.merges.emplace_back(left, right);
}

// Splits on runs of Python whitespace (str.split() without arguments).
std::vector<std::string> splitWhitespace(std::string_view line)
{
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos < line.size()) {
        std::size_t p = pos;
        const char32_t cp = utf8::next(line, p);
        if (utf8::isPythonSpace(cp)) {
            pos = p;
            continue;
        }
        std::size_t end = pos;
        while (end < line.size()) {
            std::size_t q = end;
            if (utf8::isPythonSpace(utf8::next(line, q)))
                break;
            end = q;
        }
        parts.emplace_back(line.substr(pos, end - pos));
        pos = end;
    }
    return parts;
}

bool optionalBool(const json &object, const char *key, bool fallback, const std::string &file, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        formatError(file, "field '" + where + "." + key + "' must be a boolean, got " + typeName(*it));
    return it->get<bool>();
}

} // namespace

TokenizerFiles readTokenizerJson(const std::string &path)
{
    TokenizerFiles out;
    out.source = path;
    const json root = parseJsonFile(path);
    if (!root.is_object())
        formatError(path, "top level must be an object, got " + typeName(root));

    const auto model = root.find("model");
    if (model == root.end() || !model->is_object())
        formatError(path, "field 'model' missing or not an object");
    if (const auto type = model->find("type"); type != model->end() && !type->is_null()) {
        if (!type->is_string() || type->get<std::string>() != "BPE")
            formatError(path, "field 'model.type' must be \"BPE\", got " + type->dump());
    }
    if (const auto normalizer = root.find("normalizer"); normalizer != root.end() && !normalizer->is_null())
        formatError(path, "field 'normalizer' must be null (byte-level BPE without normalizer), got "
                              + normalizer->dump().substr(0, 80));
    if (const auto pre = root.find("pre_tokenizer"); pre != root.end() && !pre->is_null()) {
        if (!pre->is_object() || pre->value("type", std::string()) != "ByteLevel")
            formatError(path, "field 'pre_tokenizer' must be a ByteLevel pre-tokenizer, got " + pre->dump().substr(0, 80));
        if (optionalBool(*pre, "add_prefix_space", false, path, "pre_tokenizer"))
            formatError(path, "field 'pre_tokenizer.add_prefix_space' must be false (BART does not add a prefix space)");
    }

    const auto vocab = model->find("vocab");
    if (vocab == model->end())
        formatError(path, "field 'model.vocab' missing");
    readVocab(*vocab, path, "model.vocab", out);

    const auto merges = model->find("merges");
    if (merges == model->end() || merges->is_null())
        formatError(path, "field 'model.merges' missing: a BPE vocabulary needs its merges");
    if (!merges->is_array())
        formatError(path, "field 'model.merges' must be an array, got " + typeName(*merges));
    if (merges->empty())
        formatError(path, "field 'model.merges' is empty: a BPE vocabulary needs its merges");
    out.merges.reserve(merges->size());
    for (std::size_t i = 0; i < merges->size(); ++i) {
        const json &m = (*merges)[i];
        const std::string where = "model.merges[" + std::to_string(i) + "]";
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const auto space = s.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 >= s.size()
                || s.find(' ', space + 1) != std::string::npos)
                formatError(path, "field '" + where + "' must be \"left right\", got \"" + s + "\"");
            addMerge(s.substr(0, space), s.substr(space + 1), out);
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            addMerge(m[0].get<std::string>(), m[1].get<std::string>(), out);
        } else {
            formatError(path, "field '" + where + "' must be a string \"left right\" or a pair [left, right], got "
                                  + m.dump().substr(0, 80));
        }
    }

    if (const auto added = root.find("added_tokens"); added != root.end() && !added->is_null()) {
        if (!added->is_array())
            formatError(path, "field 'added_tokens' must be an array, got " + typeName(*added));
        for (std::size_t i = 0; i < added->size(); ++i) {
            const json &t = (*added)[i];
            const std::string where = "added_tokens[" + std::to_string(i) + "]";
            if (!t.is_object())
                formatError(path, "field '" + where + "' must be an object, got " + typeName(t));
            const auto content = t.find("content");
            if (content == t.end() || !content->is_string() || content->get<std::string>().empty())
                formatError(path, "field '" + where + ".content' missing or not a non-empty string");
            const auto id = t.find("id");
            if (id == t.end() || !id->is_number_integer() || id->get<std::int64_t>() < 0)
                formatError(path, "field '" + where + ".id' missing or not a non-negative integer");
            AddedTokenSpec spec;
            spec.content = content->get<std::string>();
            if (utf8::findInvalid(spec.content) != std::string::npos)
                formatError(path, "field '" + where + ".content' is not valid UTF-8");
            spec.id = id->get<std::int64_t>();
            spec.special = optionalBool(t, "special", false, path, where);
            spec.lstrip = optionalBool(t, "lstrip", false, path, where);
            spec.rstrip = optionalBool(t, "rstrip", false, path, where);
            spec.singleWord = optionalBool(t, "single_word", false, path, where);
            out.added.push_back(std::move(spec));
        }
    }
    return out;
}

TokenizerFiles readVocabAndMerges(const std::string &vocabPath, const std::string &mergesPath)
{
    TokenizerFiles out;
    out.source = vocabPath + " + " + mergesPath;
    const json vocab = parseJsonFile(vocabPath);
    readVocab(vocab, vocabPath, "(top level)", out);

    if (!isRegularFile(mergesPath))
        formatError(mergesPath, "missing: " + vocabPath + " needs its BPE merges file merges.txt");
    const std::string text = readTextFile(mergesPath);
    if (utf8::findInvalid(text) != std::string::npos)
        formatError(mergesPath, "not valid UTF-8 (byte offset " + std::to_string(utf8::findInvalid(text)) + ")");
    // BartTokenizer: merges_handle.read().split("\n")[1:-1] -- the first line is the "#version"
    // header and the piece after the final newline is dropped.
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    const std::string_view all(text);
    while (true) {
        const std::size_t nl = all.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back(all.substr(start));
            break;
        }
        lines.push_back(all.substr(start, nl - start));
        start = nl + 1;
    }
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const std::vector<std::string> parts = splitWhitespace(lines[i]);
        if (parts.empty())
            continue;
        if (parts.size() != 2)
            formatError(mergesPath, "line " + std::to_string(i + 1) + " must hold two tokens \"left right\", got \""
                                        + std::string(lines[i].substr(0, 80)) + "\"");
        addMerge(parts[0], parts[1], out);
    }
    if (out.merges.empty())
        formatError(mergesPath, "holds no merges: a BPE vocabulary needs its merges");
    return out;
}

} // namespace florence::text
