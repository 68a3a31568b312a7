#pragma once
// Undo commands on a whole image: its captions, its review status, and replacing all of its
// annotations (import).

#include "document/document.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace florence::ui {

/// Replaces the image-level captions of one image (edit, add, delete a caption).
class SetCaptions : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::SetCaptions)

public:
    SetCaptions(Document *document, int image, std::vector<Caption> captions, const QString &text,
                QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    std::vector<Caption> m_old;
    std::vector<Caption> m_new;
    ImageStatus m_oldStatus;
};

/// Sets the review status of one image ("Mark as reviewed").
class SetImageStatus : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::SetImageStatus)

public:
    SetImageStatus(Document *document, int image, ImageStatus status, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    ImageStatus m_old;
    ImageStatus m_new;
};

/// Replaces all shapes and captions of one image (import in "replace" mode).
class ReplaceAnnotations : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::ReplaceAnnotations)

public:
    ReplaceAnnotations(Document *document, int image, std::vector<Shape> shapes, std::vector<Caption> captions,
                       QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    std::vector<ShapeEntry> m_oldEntries;
    std::vector<ShapeEntry> m_newEntries;
    std::vector<Caption> m_oldCaptions;
    std::vector<Caption> m_newCaptions;
    ImageStatus m_oldStatus;
};

} // namespace florence::ui
