#include "tasks/prompt.h"

#include "common/error.h"
#include "text/regex.h"
#include "text/utf8.h"

namespace florence {
namespace {

// The reference's dictionaries iterate in insertion order; which token is found first matters
// for texts holding several.
const Task kWithoutInputOrder[] = {Task::Ocr,          Task::OcrWithRegion,      Task::Caption,
                                   Task::DetailedCaption, Task::MoreDetailedCaption, Task::ObjectDetection,
                                   Task::DenseRegionCaption, Task::RegionProposal};
const Task kWithInputOrder[] = {Task::CaptionToPhraseGrounding, Task::ReferringExpressionSegmentation,
                                Task::RegionToSegmentation,     Task::OpenVocabularyDetection,
                                Task::RegionToCategory,         Task::RegionToDescription,
                                Task::RegionToOcr};

std::string quoted(const std::string &s)
{
    return "'" + (s.size() > 120 ? s.substr(0, 120) + "..." : s) + "'";
}

} // namespace

std::string constructPrompt(const std::string &text)
{
    utf8::validate(text, "prompt text");
    std::string result = text;
    for (Task task : kWithoutInputOrder) {
        const TaskInfo &info = taskInfo(task);
        if (result.find(info.token) == std::string::npos)
            continue;
        if (result != info.token)
            throw Error(ErrorKind::BadInput, std::string("Task token ") + info.token
                                                 + " should be the only token in the text; got " + quoted(result));
        result = info.prompt;
        break;
    }
    for (Task task : kWithInputOrder) {
        const TaskInfo &info = taskInfo(task);
        if (result.find(info.token) == std::string::npos)
            continue;
        const std::string input = utf8::replace(result, info.token, "");
        result = utf8::replace(info.prompt, "{input}", input);
        break;
    }
    return result;
}

void validateTaskInput(Task task, const std::string &input, bool force)
{
    const TaskInfo &info = taskInfo(task);
    utf8::validate(input, std::string("input of ") + info.token);
    switch (info.input) {
    case TaskInput::None:
        if (!input.empty())
            throw Error(ErrorKind::BadInput, std::string("task ") + info.token + " takes no text input; got "
                                                 + quoted(input));
        return;
    case TaskInput::Text:
        if (!force && utf8::strip(input).empty())
            throw Error(ErrorKind::BadInput, std::string("task ") + info.token
                                                 + " needs a text input (e.g. a caption or an object name); got "
                                                 + (input.empty() ? std::string("none") : quoted(input)));
        return;
    case TaskInput::Region: {
        if (force)
            return;
        static const text::Regex region("^(?:<loc_(?:[0-9]|[1-9][0-9]|[1-9][0-9][0-9])>){4}\\z");
        text::RegexMatch match;
        if (!region.search(input, 0, match))
            throw Error(ErrorKind::BadInput, std::string("task ") + info.token
                                                 + " needs a region: four tokens <loc_x1><loc_y1><loc_x2><loc_y2> with "
                                                   "bins 0..999; got "
                                                 + (input.empty() ? std::string("none") : quoted(input)));
        return;
    }
    }
}

std::string buildPrompt(Task task, const std::string &input, bool force)
{
    validateTaskInput(task, input, force);
    return constructPrompt(std::string(taskInfo(task).token) + input);
}

} // namespace florence
