#include "inference/task_names.h"

#include <QCoreApplication>

namespace florence::ui {

namespace {

const char *const kContext = "florence::ui::TaskNames";

/// The English names and descriptions of core's task table, marked for translation.
const char *const kSources[] = {
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Caption"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "One-sentence caption of the whole image."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Detailed caption"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "A few sentences describing the image."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "More detailed caption"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "A paragraph describing the image."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Object detection"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Boxes with a category name for each object."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Dense region caption"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Boxes with a short description for each region."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Region proposal"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Unlabelled boxes around likely objects."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "OCR"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "All text in the image as plain text."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "OCR with regions"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Text lines with a quadrilateral around each."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Phrase grounding"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Boxes for the phrases of a caption you type."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Referring expression segmentation"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "A polygon mask for the object you describe."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Region to segmentation"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "A polygon mask for the object inside a region."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Open-vocabulary detection"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Boxes (or polygons) for the category you type."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Region to category"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "The category of the object inside a region."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Region to description"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "A short description of a region."),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "Region to OCR"),
    QT_TRANSLATE_NOOP("florence::ui::TaskNames", "The text inside a region."),
};

QString tr(const char *text)
{
    return QCoreApplication::translate(kContext, text);
}

} // namespace

QString taskName(Task task)
{
    return tr(taskInfo(task).name);
}

QString taskDescription(Task task)
{
    return tr(taskInfo(task).description);
}

QString taskInputHint(Task task)
{
    switch (task) {
    case Task::CaptionToPhraseGrounding:
        return QCoreApplication::translate("florence::ui::TaskNames", "A caption whose phrases to find, e.g. “A green car parked next to a tree”");
    case Task::ReferringExpressionSegmentation:
        return QCoreApplication::translate("florence::ui::TaskNames", "The object to segment, e.g. “the dog on the left”");
    case Task::OpenVocabularyDetection:
        return QCoreApplication::translate("florence::ui::TaskNames", "The category to find, e.g. “traffic light”");
    default:
        return QString();
    }
}

QString stageName(RunStage stage)
{
    switch (stage) {
    case RunStage::Preprocess: return QCoreApplication::translate("florence::ui::TaskNames", "Preprocessing");
    case RunStage::Vision: return QCoreApplication::translate("florence::ui::TaskNames", "Vision encoder");
    case RunStage::Encoder: return QCoreApplication::translate("florence::ui::TaskNames", "Text encoder");
    case RunStage::Decoding: return QCoreApplication::translate("florence::ui::TaskNames", "Decoding");
    case RunStage::Postprocess: return QCoreApplication::translate("florence::ui::TaskNames", "Post-processing");
    }
    return QString();
}

QStringList taskTranslationSources()
{
    QStringList out;
    for (const char *s : kSources)
        out << QString::fromUtf8(s);
    return out;
}

} // namespace florence::ui
