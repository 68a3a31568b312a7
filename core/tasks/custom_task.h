#pragma once
// Custom tasks for fine-tunes with prompts the pretraining never had (DocVQA, "<ANALYZE>"-style
// captions, region captions): free prompt text plus the output parser to apply, saved as named
// presets per model folder.
//
// Presets live in one JSON file (customTaskStorePath(): $FLORENCE_CUSTOM_TASKS, else
// $XDG_CONFIG_HOME/florence-studio/custom_tasks.json, else ~/.config/florence-studio/custom_tasks.json),
// keyed by the model folder's absolute path, so read-only model folders (the Hugging Face cache)
// get presets too:
//   {"version": 1, "models": {"/abs/model/dir": [{"name": "...", "prompt": "...", "parser": "boxes"}]}}

#include "tasks/task.h"

#include <string>
#include <vector>

namespace florence {

/// The post-processing applied to a custom task's answer.
enum class OutputParser {
    PlainText,       ///< 'pure_text': the text without <s>/</s>
    Boxes,           ///< 'description_with_bboxes': label + 4 <loc_> per box
    Quads,           ///< 'ocr': text + 8 <loc_> per quad
    Polygons,        ///< 'polygons': label + <loc_> pairs
    BoxesOrPolygons, ///< 'description_with_bboxes_or_polygons'
};

/// "text", "boxes", "quads", "polygons", "boxes-or-polygons".
const char *toString(OutputParser parser);
/// Parses the names above (also "plain", "pure_text", "bboxes", "ocr", "polygon"); throws
/// Error(BadInput) listing the valid names.
OutputParser outputParserFromString(const std::string &name);
/// The built-in task whose parser is `parser` (Caption, ObjectDetection, OcrWithRegion,
/// ReferringExpressionSegmentation, OpenVocabularyDetection): a run of a custom task is a run of that
/// task with the custom prompt (RunRequest::customPrompt).
Task parserTask(OutputParser parser);

/// One custom task.
struct CustomTask
{
    std::string name;   ///< unique per model folder, non-blank, at most 200 bytes
    std::string prompt; ///< the processor text (task tokens in it are expanded as by the reference)
    OutputParser parser = OutputParser::PlainText;

    bool operator==(const CustomTask &o) const { return name == o.name && prompt == o.prompt && parser == o.parser; }
};

/// Throws Error(BadInput) naming the field when the name is blank or too long, or the prompt is
/// empty, longer than 64 KiB or not valid UTF-8.
void validateCustomTask(const CustomTask &task);

/// Where presets are stored (see the file comment).
std::string customTaskStorePath();

/// The preset file. Every call reads the file; writes are atomic (temporary file + rename). A file
/// that is not valid (not JSON, wrong version, bad entry) is reported with its path and the problem
/// and never overwritten.
class CustomTaskStore
{
public:
    explicit CustomTaskStore(std::string path = customTaskStorePath());

    const std::string &path() const { return m_path; }
    /// Presets of `modelDir` (matched by absolute, normalised path), in saving order. A missing
    /// file means none. Throws Error(BadInput) naming the file for a damaged one, Error(Io).
    std::vector<CustomTask> list(const std::string &modelDir) const;
    /// Adds `task`, or replaces the preset of the same name. Validates it first.
    void save(const std::string &modelDir, const CustomTask &task) const;
    /// Removes the preset `name`; false when there was none.
    bool remove(const std::string &modelDir, const std::string &name) const;
    /// The preset `name`; throws Error(BadInput) naming the store and listing the names when absent.
    CustomTask get(const std::string &modelDir, const std::string &name) const;

private:
    std::string m_path;
};

} // namespace florence
