#pragma once
// Undo commands on labels across the whole project.

#include "document/document.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace florence::ui {

/// Renames a label on every shape of every image and in the known-label list. Renaming onto an
/// existing label merges the two ("Merge label").
class RenameLabel : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::RenameLabel)

public:
    RenameLabel(Document *document, const QString &from, const QString &to, QUndoCommand *parent = nullptr);
    /// Number of shapes the command relabels.
    int shapeCount() const { return m_shapeCount; }
    void undo() override;
    void redo() override;

private:
    struct ImageChange
    {
        int image;
        QVector<ShapeId> ids;
        std::vector<Shape> oldShapes;
        std::vector<Shape> newShapes;
    };
    Document *m_document;
    std::vector<ImageChange> m_changes;
    std::vector<std::string> m_oldKnown;
    std::vector<std::string> m_newKnown;
    int m_shapeCount = 0;
};

/// Pushes "Merge labels": every label of `sources` is renamed to `target` in one macro.
/// Returns the number of relabelled shapes.
int mergeLabels(Document *document, const QStringList &sources, const QString &target);

} // namespace florence::ui
