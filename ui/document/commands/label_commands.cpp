#include "document/commands/label_commands.h"

#include "convert.h"

#include <QUndoStack>

#include <algorithm>

namespace florence::ui {

RenameLabel::RenameLabel(Document *document, const QString &from, const QString &to, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_oldKnown(document->knownLabels())
{
    const std::string oldLabel = toStd(from);
    const std::string newLabel = toStd(to);
    const bool merge = document->labels().contains(to);
    for (int image = 0; image < document->imageCount(); ++image) {
        const ImageRecord &record = document->image(image);
        ImageChange change{image, {}, {}, {}};
        for (std::size_t i = 0; i < record.shapes.size(); ++i) {
            if (record.shapes[i].label != oldLabel)
                continue;
            change.ids << document->shapeIds(image)[i];
            change.oldShapes.push_back(record.shapes[i]);
            change.newShapes.push_back(record.shapes[i]);
            change.newShapes.back().label = newLabel;
        }
        if (!change.ids.isEmpty()) {
            m_shapeCount += change.ids.size();
            m_changes.push_back(std::move(change));
        }
    }
    for (const std::string &label : m_oldKnown) {
        const std::string renamed = label == oldLabel ? newLabel : label;
        if (std::find(m_newKnown.begin(), m_newKnown.end(), renamed) == m_newKnown.end())
            m_newKnown.push_back(renamed);
    }
    setText(merge ? tr("Merge label \"%1\" into \"%2\"").arg(from, to) : tr("Rename label \"%1\" to \"%2\"").arg(from, to));
}

void RenameLabel::undo()
{
    for (const ImageChange &c : m_changes)
        m_document->setShapes(c.image, c.ids, c.oldShapes);
    m_document->setKnownLabels(m_oldKnown);
}

void RenameLabel::redo()
{
    for (const ImageChange &c : m_changes)
        m_document->setShapes(c.image, c.ids, c.newShapes);
    m_document->setKnownLabels(m_newKnown);
}

int mergeLabels(Document *document, const QStringList &sources, const QString &target)
{
    QUndoStack *stack = document->undoStack();
    int count = 0;
    stack->beginMacro(QCoreApplication::translate("florence::ui::RenameLabel", "Merge %n label(s) into \"%1\"", nullptr,
                                                  int(sources.size()))
                          .arg(target));
    for (const QString &source : sources) {
        if (source == target)
            continue;
        auto *command = new RenameLabel(document, source, target);
        count += command->shapeCount();
        stack->push(command);
    }
    stack->endMacro();
    return count;
}

} // namespace florence::ui
