#include "tasks/custom_task.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/json_reader.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace florence {

namespace {

using nlohmann::json;

std::string absoluteDir(const std::string &dir)
{
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(dir, ec);
    if (ec)
        p = dir;
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

} // namespace

const char *toString(OutputParser parser)
{
    switch (parser) {
    case OutputParser::PlainText: return "text";
    case OutputParser::Boxes: return "boxes";
    case OutputParser::Quads: return "quads";
    case OutputParser::Polygons: return "polygons";
    case OutputParser::BoxesOrPolygons: return "boxes-or-polygons";
    }
    return "text";
}

OutputParser outputParserFromString(const std::string &name)
{
    if (name == "text" || name == "plain" || name == "plain-text" || name == "pure_text")
        return OutputParser::PlainText;
    if (name == "boxes" || name == "bboxes" || name == "description_with_bboxes")
        return OutputParser::Boxes;
    if (name == "quads" || name == "ocr")
        return OutputParser::Quads;
    if (name == "polygons" || name == "polygon")
        return OutputParser::Polygons;
    if (name == "boxes-or-polygons" || name == "description_with_bboxes_or_polygons")
        return OutputParser::BoxesOrPolygons;
    throw Error(ErrorKind::BadInput, "unknown output parser '" + name
                                         + "' (expected text, boxes, quads, polygons or boxes-or-polygons)");
}

Task parserTask(OutputParser parser)
{
    switch (parser) {
    case OutputParser::PlainText: return Task::Caption;
    case OutputParser::Boxes: return Task::ObjectDetection;
    case OutputParser::Quads: return Task::OcrWithRegion;
    case OutputParser::Polygons: return Task::ReferringExpressionSegmentation;
    case OutputParser::BoxesOrPolygons: return Task::OpenVocabularyDetection;
    }
    return Task::Caption;
}

void validateCustomTask(const CustomTask &task)
{
    if (task.name.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(ErrorKind::BadInput, "custom task: the name is blank");
    if (task.name.size() > 200)
        throw Error(ErrorKind::BadInput, "custom task '" + task.name.substr(0, 40) + "...': the name is longer than 200 bytes");
    if (task.prompt.empty())
        throw Error(ErrorKind::BadInput, "custom task '" + task.name + "': the prompt is empty");
    if (task.prompt.size() > 65536)
        throw Error(ErrorKind::BadInput, "custom task '" + task.name + "': the prompt is longer than 64 KiB");
    if (utf8::findInvalid(task.name) != std::string_view::npos || utf8::findInvalid(task.prompt) != std::string_view::npos)
        throw Error(ErrorKind::BadInput, "custom task: the name or prompt is not valid UTF-8");
}

std::string customTaskStorePath()
{
    if (const char *p = std::getenv("FLORENCE_CUSTOM_TASKS"); p && *p)
        return p;
    if (const char *x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return std::string(x) + "/florence-studio/custom_tasks.json";
    const char *home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.config/florence-studio/custom_tasks.json";
}

CustomTaskStore::CustomTaskStore(std::string path)
    : m_path(std::move(path))
{
}

namespace {

json readStore(const std::string &path)
{
    if (!isRegularFile(path))
        return json{{"version", 1}, {"models", json::object()}};
    json root;
    const auto bad = [&](const std::string &what) {
        throw Error(ErrorKind::BadInput, "custom task file '" + path + "' " + what + "; it is left unchanged");
    };
    try {
        root = JsonFieldReader("custom task file", path).parse(readTextFile(path));
    } catch (const Error &e) {
        throw Error(ErrorKind::BadInput, std::string(e.what()) + "; it is left unchanged");
    }
    if (!root.is_object() || !root.contains("version") || !root["version"].is_number_integer())
        bad("has no integer 'version'");
    if (root["version"].get<std::int64_t>() != 1)
        bad("has version " + root["version"].dump() + ", written by a newer Florence Studio (expected 1)");
    if (!root.contains("models") || !root["models"].is_object())
        bad("has no 'models' object");
    for (auto it = root["models"].begin(); it != root["models"].end(); ++it) {
        if (!it->is_array())
            bad("field 'models." + it.key() + "' is not a list");
        std::size_t i = 0;
        for (const json &e : *it) {
            const std::string where = "models." + it.key() + "[" + std::to_string(i++) + "]";
            if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || !e.contains("prompt")
                || !e["prompt"].is_string() || !e.contains("parser") || !e["parser"].is_string())
                bad("entry '" + where + "' needs string fields name, prompt and parser");
            try {
                outputParserFromString(e["parser"].get<std::string>());
            } catch (const Error &) {
                bad("entry '" + where + "' has unknown parser '" + e["parser"].get<std::string>() + "'");
            }
        }
    }
    return root;
}

void writeStore(const std::string &path, const json &root)
{
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    writeFileAtomic(path, root.dump(2) + "\n");
}

} // namespace

std::vector<CustomTask> CustomTaskStore::list(const std::string &modelDir) const
{
    const json root = readStore(m_path);
    std::vector<CustomTask> out;
    const auto it = root["models"].find(absoluteDir(modelDir));
    if (it == root["models"].end())
        return out;
    for (const json &e : *it)
        out.push_back(CustomTask{e["name"].get<std::string>(), e["prompt"].get<std::string>(),
                                 outputParserFromString(e["parser"].get<std::string>())});
    return out;
}

void CustomTaskStore::save(const std::string &modelDir, const CustomTask &task) const
{
    validateCustomTask(task);
    json root = readStore(m_path);
    json &list = root["models"][absoluteDir(modelDir)];
    if (!list.is_array())
        list = json::array();
    const json entry{{"name", task.name}, {"prompt", task.prompt}, {"parser", toString(task.parser)}};
    bool replaced = false;
    for (json &e : list)
        if (e["name"] == task.name) {
            e = entry;
            replaced = true;
        }
    if (!replaced)
        list.push_back(entry);
    writeStore(m_path, root);
}

bool CustomTaskStore::remove(const std::string &modelDir, const std::string &name) const
{
    json root = readStore(m_path);
    const std::string key = absoluteDir(modelDir);
    if (!root["models"].contains(key))
        return false;
    json &list = root["models"][key];
    const auto before = list.size();
    json kept = json::array();
    for (const json &e : list)
        if (e["name"] != name)
            kept.push_back(e);
    if (kept.size() == before)
        return false;
    if (kept.empty())
        root["models"].erase(key);
    else
        list = kept;
    writeStore(m_path, root);
    return true;
}

CustomTask CustomTaskStore::get(const std::string &modelDir, const std::string &name) const
{
    const std::vector<CustomTask> all = list(modelDir);
    std::string names;
    for (const CustomTask &t : all) {
        if (t.name == name)
            return t;
        names += (names.empty() ? "" : ", ") + t.name;
    }
    throw Error(ErrorKind::BadInput, "no custom task '" + name + "' for model folder '" + absoluteDir(modelDir)
                                         + "' in '" + m_path + "'"
                                         + (names.empty() ? std::string(" (it has none)") : " (it has: " + names + ")"));
}

} // namespace florence
