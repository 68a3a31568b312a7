#pragma once
// Undo commands that add, remove or change the shapes of one image. Each captures the old and the
// new state at construction (Tiled changepolygon.*), so undo then redo restores geometry exactly.

#include "document/commands/undo_commands.h"
#include "document/document.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace florence::ui {

/// Adds shapes and captions to one image: drawing, pasting, and a model run ("Add N annotations").
class AddAnnotations : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::AddAnnotations)

public:
    /// Shapes are appended after the image's existing shapes, captions after its captions.
    AddAnnotations(Document *document, int image, std::vector<Shape> shapes, std::vector<Caption> captions,
                   QUndoCommand *parent = nullptr);
    /// Ids the new shapes have (chosen at construction, stable across undo/redo).
    QVector<ShapeId> ids() const;
    /// Also records job key `key` in the image's doneTasks (undone with the rest); call before pushing.
    void setDoneTask(const std::string &key);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    std::vector<ShapeEntry> m_entries;
    std::vector<Caption> m_oldCaptions;
    std::vector<Caption> m_newCaptions;
    ImageStatus m_oldStatus;
    ImageStatus m_newStatus;
    std::vector<std::string> m_oldDone;
    std::vector<std::string> m_newDone;
};

/// Deletes shapes of one image.
class RemoveShapes : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::RemoveShapes)

public:
    RemoveShapes(Document *document, int image, const QVector<ShapeId> &ids, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    std::vector<ShapeEntry> m_entries; ///< ascending index
    ImageStatus m_oldStatus;
};

/// Replaces some shapes of one image by new versions (geometry and/or attributes). The base of
/// every "edit a shape" command; merges with the next one of the same id and gesture (a drag).
class ChangeShapes : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::ChangeShapes)

public:
    /// `newShapes[i]` replaces shape `ids[i]`; the old versions are read from the document now.
    /// `gesture` != 0 together with a mergeId lets the commands of one drag merge into one step.
    ChangeShapes(Document *document, int image, const QVector<ShapeId> &ids, std::vector<Shape> newShapes,
                 const QString &text, UndoCommandId mergeId = UndoCommandId::None, quint64 gesture = 0,
                 QUndoCommand *parent = nullptr);
    /// Uses `shapes` as given, without the review rule of edits (afterEdit): for model results
    /// replacing shapes, which are not a person's edits. Call before pushing.
    void setResults(std::vector<Shape> shapes) { m_newShapes = std::move(shapes); }
    int id() const override { return int(m_mergeId); }
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    QVector<ShapeId> m_ids;
    std::vector<Shape> m_oldShapes;
    std::vector<Shape> m_newShapes;
    ImageStatus m_oldStatus;
    ImageStatus m_newStatus;
    UndoCommandId m_mergeId;
    quint64 m_gesture;
};

/// Moving the selected shapes by a drag or the arrow keys.
class MoveShapes : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::MoveShapes)

public:
    MoveShapes(Document *document, int image, const QVector<ShapeId> &ids, std::vector<Shape> moved, quint64 gesture);
};

/// Dragging one vertex of a quad or polygon, or a handle of a box.
class DragHandle : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::DragHandle)

public:
    DragHandle(Document *document, int image, ShapeId id, const Shape &changed, quint64 gesture);
};

/// Inserting a vertex into a polygon edge.
class InsertVertex : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::InsertVertex)

public:
    InsertVertex(Document *document, int image, ShapeId id, const Shape &changed);
};

/// Deleting a vertex of a polygon.
class RemoveVertex : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::RemoveVertex)

public:
    RemoveVertex(Document *document, int image, ShapeId id, const Shape &changed);
};

/// Setting the label of the selected shapes.
class SetShapeLabel : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::SetShapeLabel)

public:
    SetShapeLabel(Document *document, int image, const QVector<ShapeId> &ids, const QString &label);
};

/// Setting the text (OCR transcription, region description) of shapes.
class SetShapeText : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::SetShapeText)

public:
    SetShapeText(Document *document, int image, const QVector<ShapeId> &ids, const QString &text);
};

/// Replacing a shape by a model result (geometry, label, text, score, origin).
class ReplaceShape : public ChangeShapes
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::ReplaceShape)

public:
    ReplaceShape(Document *document, int image, ShapeId id, const Shape &result);
};

/// Accepting and rejecting pending suggestions of one image as one step: accepted shapes lose
/// their pending mark, rejected ones leave the image for its rejected list (review statistics).
/// Ids that are not pending shapes of the image are ignored; isEmpty() then tells nothing is left.
class ReviewSuggestions : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::ReviewSuggestions)

public:
    ReviewSuggestions(Document *document, int image, const QVector<ShapeId> &accept, const QVector<ShapeId> &reject,
                      QUndoCommand *parent = nullptr);
    bool isEmpty() const { return m_acceptIds.isEmpty() && m_rejected.empty(); }
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    int m_image;
    QVector<ShapeId> m_acceptIds;
    std::vector<Shape> m_acceptOld;
    std::vector<ShapeEntry> m_rejected; ///< ascending index
    std::vector<Shape> m_oldRejectedList;
    ImageStatus m_oldStatus;
};

/// The review rule of edits: a person changing a shape's content (geometry, label, text, score)
/// while its provenance stays the same accepts a pending suggestion and marks a model's shape
/// "edited". A new model result (new provenance) or a pure review change is left as it is.
Shape afterEdit(const Shape &old, Shape next);

/// Pushes "Combine polygons": the first selected polygon receives the rings of the others, which
/// are deleted, as one macro. Returns false (nothing pushed) unless >= 2 of `ids` are polygons.
bool combinePolygons(Document *document, int image, const QVector<ShapeId> &ids);

} // namespace florence::ui
