#include "tasks/task.h"

#include <stdexcept>

namespace florence {

const std::vector<TaskInfo> &taskTable()
{
    static const std::vector<TaskInfo> table = {
        {Task::Caption, "<CAPTION>", "Caption", "One-sentence caption of the whole image.",
         TaskInput::None, ResultKind::PureText, "What does the image describe?"},
        {Task::DetailedCaption, "<DETAILED_CAPTION>", "Detailed caption",
         "A few sentences describing the image.", TaskInput::None, ResultKind::PureText,
         "Describe in detail what is shown in the image."},
        {Task::MoreDetailedCaption, "<MORE_DETAILED_CAPTION>", "More detailed caption",
         "A paragraph describing the image.", TaskInput::None, ResultKind::PureText,
         "Describe with a paragraph what is shown in the image."},
        {Task::ObjectDetection, "<OD>", "Object detection", "Boxes with a category name for each object.",
         TaskInput::None, ResultKind::DescriptionWithBboxes,
         "Locate the objects with category name in the image."},
        {Task::DenseRegionCaption, "<DENSE_REGION_CAPTION>", "Dense region caption",
         "Boxes with a short description for each region.", TaskInput::None,
         ResultKind::DescriptionWithBboxes, "Locate the objects in the image, with their descriptions."},
        {Task::RegionProposal, "<REGION_PROPOSAL>", "Region proposal", "Unlabelled boxes around likely objects.",
         TaskInput::None, ResultKind::Bboxes, "Locate the region proposals in the image."},
        {Task::Ocr, "<OCR>", "OCR", "All text in the image as plain text.", TaskInput::None,
         ResultKind::PureText, "What is the text in the image?"},
        {Task::OcrWithRegion, "<OCR_WITH_REGION>", "OCR with regions",
         "Text lines with a quadrilateral around each.", TaskInput::None, ResultKind::Ocr,
         "What is the text in the image, with regions?"},
        {Task::CaptionToPhraseGrounding, "<CAPTION_TO_PHRASE_GROUNDING>", "Phrase grounding",
         "Boxes for the phrases of a caption you type.", TaskInput::Text, ResultKind::PhraseGrounding,
         "Locate the phrases in the caption: {input}"},
        {Task::ReferringExpressionSegmentation, "<REFERRING_EXPRESSION_SEGMENTATION>",
         "Referring expression segmentation", "A polygon mask for the object you describe.", TaskInput::Text,
         ResultKind::Polygons, "Locate {input} in the image with mask"},
        {Task::RegionToSegmentation, "<REGION_TO_SEGMENTATION>", "Region to segmentation",
         "A polygon mask for the object inside a region.", TaskInput::Region, ResultKind::Polygons,
         "What is the polygon mask of region {input}"},
        {Task::OpenVocabularyDetection, "<OPEN_VOCABULARY_DETECTION>", "Open-vocabulary detection",
         "Boxes (or polygons) for the category you type.", TaskInput::Text,
         ResultKind::DescriptionWithBboxesOrPolygons, "Locate {input} in the image."},
        {Task::RegionToCategory, "<REGION_TO_CATEGORY>", "Region to category",
         "The category of the object inside a region.", TaskInput::Region, ResultKind::PureText,
         "What is the region {input}?"},
        {Task::RegionToDescription, "<REGION_TO_DESCRIPTION>", "Region to description",
         "A short description of a region.", TaskInput::Region, ResultKind::PureText,
         "What does the region {input} describe?"},
        {Task::RegionToOcr, "<REGION_TO_OCR>", "Region to OCR", "The text inside a region.", TaskInput::Region,
         ResultKind::PureText, "What text is in the region {input}?"},
    };
    return table;
}

const TaskInfo &taskInfo(Task task)
{
    for (const TaskInfo &info : taskTable())
        if (info.task == task)
            return info;
    throw std::logic_error("taskInfo: task missing from the table");
}

std::optional<Task> taskFromToken(std::string_view token)
{
    for (const TaskInfo &info : taskTable())
        if (token == info.token)
            return info.task;
    return std::nullopt;
}

const char *toString(ResultKind kind)
{
    switch (kind) {
    case ResultKind::PureText: return "pure_text";
    case ResultKind::Ocr: return "ocr";
    case ResultKind::DescriptionWithBboxes: return "description_with_bboxes";
    case ResultKind::PhraseGrounding: return "phrase_grounding";
    case ResultKind::Polygons: return "polygons";
    case ResultKind::DescriptionWithBboxesOrPolygons: return "description_with_bboxes_or_polygons";
    case ResultKind::Bboxes: return "bboxes";
    }
    return "pure_text";
}

} // namespace florence
