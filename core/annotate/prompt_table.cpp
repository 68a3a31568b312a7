#include "annotate/prompt_table.h"

#include "annotate/json_format.h"
#include "common/error.h"
#include "common/file_io.h"

#include <unordered_set>

namespace florence {

using detail::JsonReader;
using detail::json;
using detail::ordered_json;

namespace {

const char *kWhat = "prompt table";

std::string rowProblem(const PromptLabel &row)
{
    if (row.prompt.empty())
        return "empty prompt";
    if (!detail::isValidUtf8(row.prompt) || !detail::isValidUtf8(row.label))
        return "not valid UTF-8";
    if (row.prompt.size() > detail::kMaxStringBytes || row.label.size() > detail::kMaxStringBytes)
        return "string longer than " + std::to_string(detail::kMaxStringBytes) + " bytes";
    return {};
}

} // namespace

bool isPromptTableTaskToken(const std::string &token)
{
    return token == "<OPEN_VOCABULARY_DETECTION>" || token == "<CAPTION_TO_PHRASE_GROUNDING>"
        || token == "<REFERRING_EXPRESSION_SEGMENTATION>";
}

namespace detail {

ordered_json promptTableJson(const PromptTable &table)
{
    if (!table.task.empty() && !isPromptTableTaskToken(table.task))
        throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": task must be " + kPromptTableTasks);
    if (table.rows.size() > kMaxPromptRows)
        throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": more than "
                                             + std::to_string(kMaxPromptRows) + " rows");
    ordered_json root;
    if (!table.task.empty())
        root["task"] = table.task;
    ordered_json rows = ordered_json::array();
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        if (const std::string p = rowProblem(table.rows[i]); !p.empty())
            throw Error(ErrorKind::BadInput, std::string("cannot write ") + kWhat + ": row " + std::to_string(i)
                                                 + ": " + p);
        rows.push_back({{"prompt", table.rows[i].prompt}, {"label", table.rows[i].label}});
    }
    root["rows"] = std::move(rows);
    return root;
}

PromptTable readPromptTable(const JsonReader &r, const json &root, const std::string &at)
{
    r.object(root, at);
    PromptTable table;
    if (const json *task = r.optional(root, "task")) {
        table.task = r.string(*task, JsonReader::key(at, "task"));
        if (!isPromptTableTaskToken(table.task))
            r.fail(JsonReader::key(at, "task"),
                   "'" + table.task + "' cannot run a prompt table (expected " + kPromptTableTasks + ")");
    }
    const std::string rowsPath = JsonReader::key(at, "rows");
    const json &rows = r.array(r.member(root, at, "rows"), rowsPath, kMaxPromptRows);
    std::unordered_set<std::string> prompts;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string path = JsonReader::index(rowsPath, i);
        r.object(rows[i], path);
        PromptLabel row;
        row.prompt = r.string(r.member(rows[i], path, "prompt"), JsonReader::key(path, "prompt"));
        if (const json *label = r.optional(rows[i], "label"))
            row.label = r.string(*label, JsonReader::key(path, "label"));
        if (const std::string p = rowProblem(row); !p.empty())
            r.fail(path, p);
        if (!prompts.insert(row.prompt).second)
            r.fail(JsonReader::key(path, "prompt"), "prompt '" + row.prompt + "' appears twice");
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace detail

std::string promptTableToJson(const PromptTable &table)
{
    return detail::dumpJson(detail::promptTableJson(table), 1);
}

PromptTable promptTableFromJson(const std::string &text, const std::string &fileName)
{
    const json root = detail::parseJson(text, kWhat, fileName);
    return detail::readPromptTable(JsonReader(kWhat, fileName), root, "");
}

PromptTable loadPromptTable(const std::string &path)
{
    return promptTableFromJson(readTextFile(path), path);
}

} // namespace florence
