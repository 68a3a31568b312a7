#pragma once
// Prompt → label presets: open-vocabulary prompts ("a red car") mapped to the project's labels
// ("car"). Run as one loop over the rows (runPromptTable in run/job.h), saved in the project file and
// read from a file by `florence-cli annotate --prompts FILE`.
//
// File layout (UTF-8 JSON, also the "prompts" member of a project file):
//   {"task": "<OPEN_VOCABULARY_DETECTION>",            (optional: the task to run)
//    "rows": [{"prompt": "a red car", "label": "car"}, ...]}
// An empty label keeps the label the model gave.

#include <string>
#include <vector>

namespace florence {

/// One row: the text sent to the model and the label its results get.
struct PromptLabel
{
    std::string prompt;
    std::string label;

    bool operator==(const PromptLabel &o) const { return prompt == o.prompt && label == o.label; }
    bool operator!=(const PromptLabel &o) const { return !(*this == o); }
};

/// A prompt table and the task it runs (a task token, empty when not chosen).
struct PromptTable
{
    std::string task;
    std::vector<PromptLabel> rows;

    bool empty() const { return rows.empty(); }
    bool operator==(const PromptTable &o) const { return task == o.task && rows == o.rows; }
    bool operator!=(const PromptTable &o) const { return !(*this == o); }
};

/// At most this many rows (one model run each).
constexpr std::size_t kMaxPromptRows = 10000;

/// Serializes the table as the JSON above. Throws Error(BadInput) for an empty prompt, a string that
/// is not UTF-8, or a task other than the three prompt-table tasks.
std::string promptTableToJson(const PromptTable &table);
/// Parses the JSON above; `fileName` names the file in messages. Throws Error(BadInput) naming the
/// file and JSON path for malformed JSON, missing or mistyped members, empty prompts, duplicate
/// prompts, an unknown task or more than kMaxPromptRows rows. Never returns a partial table.
PromptTable promptTableFromJson(const std::string &text, const std::string &fileName);
/// Reads a prompt table file (readTextFile + promptTableFromJson).
PromptTable loadPromptTable(const std::string &path);

/// The tasks a prompt table can run, as one readable list.
inline const char *kPromptTableTasks =
    "<OPEN_VOCABULARY_DETECTION>, <CAPTION_TO_PHRASE_GROUNDING> or <REFERRING_EXPRESSION_SEGMENTATION>";
/// True for the three task tokens above.
bool isPromptTableTaskToken(const std::string &token);

} // namespace florence
