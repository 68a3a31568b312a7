#pragma once
// The table of Florence-2 tasks: token, prompt template, inputs needed and result kind.
// Mirrors the three dictionaries of processing_florence2.py (Florence2Processor.__init__).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace florence {

/// Every Florence-2 task, in the order the GUI lists them.
enum class Task {
    Caption,
    DetailedCaption,
    MoreDetailedCaption,
    ObjectDetection,
    DenseRegionCaption,
    RegionProposal,
    Ocr,
    OcrWithRegion,
    CaptionToPhraseGrounding,
    ReferringExpressionSegmentation,
    RegionToSegmentation,
    OpenVocabularyDetection,
    RegionToCategory,
    RegionToDescription,
    RegionToOcr,
};

/// What a task needs besides the image.
enum class TaskInput {
    None,    ///< the task token stands alone
    Text,    ///< free text (a caption, a referring expression, a category name)
    Region,  ///< a region, written as four <loc_N> tokens (see tasks/quantizer.h)
};

/// How the generated text is parsed (`tasks_answer_post_processing_type` in the reference).
enum class ResultKind {
    PureText,                        ///< 'pure_text'
    Ocr,                             ///< 'ocr' (quad boxes + text)
    DescriptionWithBboxes,           ///< 'description_with_bboxes'
    PhraseGrounding,                 ///< 'phrase_grounding'
    Polygons,                        ///< 'polygons'
    DescriptionWithBboxesOrPolygons, ///< 'description_with_bboxes_or_polygons'
    Bboxes,                          ///< 'bboxes'
};

/// One row of the task table. All strings are static.
struct TaskInfo
{
    Task task;
    const char *token;        ///< Florence's task token, e.g. "<OD>"
    const char *name;         ///< readable English name, e.g. "Object detection" (the GUI translates)
    const char *description;  ///< one-line English description (the GUI translates)
    TaskInput input;
    ResultKind result;
    const char *prompt;       ///< prompt template; contains "{input}" when input != None
};

/// All 15 tasks in GUI order.
const std::vector<TaskInfo> &taskTable();
/// The row of a task.
const TaskInfo &taskInfo(Task task);
/// The task whose token is exactly `token` (e.g. "<OCR>"); std::nullopt when unknown.
std::optional<Task> taskFromToken(std::string_view token);
/// The reference's name of a result kind ("pure_text", "ocr", ...).
const char *toString(ResultKind kind);

} // namespace florence
