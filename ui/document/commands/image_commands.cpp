#include "document/commands/image_commands.h"

#include "document/commands/undo_commands.h"

namespace florence::ui {

SetCaptions::SetCaptions(Document *document, int image, std::vector<Caption> captions, const QString &text,
                         QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_image(image)
    , m_old(document->image(image).captions)
    , m_new(std::move(captions))
    , m_oldStatus(document->image(image).status)
{
}

void SetCaptions::undo()
{
    m_document->setCaptions(m_image, m_old);
    m_document->setStatus(m_image, m_oldStatus);
    m_document->touchImage(m_image);
}

void SetCaptions::redo()
{
    m_document->setCaptions(m_image, m_new);
    m_document->setStatus(m_image, statusAfterChange(m_oldStatus, false));
    m_document->touchImage(m_image);
}

SetImageStatus::SetImageStatus(Document *document, int image, ImageStatus status, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_image(image)
    , m_old(document->image(image).status)
    , m_new(status)
{
    setText(status == ImageStatus::Reviewed ? tr("Mark as reviewed") : tr("Mark as not reviewed"));
}

void SetImageStatus::undo()
{
    m_document->setStatus(m_image, m_old);
    m_document->touchImage(m_image);
}

void SetImageStatus::redo()
{
    m_document->setStatus(m_image, m_new);
    m_document->touchImage(m_image);
}

ReplaceAnnotations::ReplaceAnnotations(Document *document, int image, std::vector<Shape> shapes,
                                       std::vector<Caption> captions, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_image(image)
    , m_oldCaptions(document->image(image).captions)
    , m_newCaptions(std::move(captions))
    , m_oldStatus(document->image(image).status)
{
    const ImageRecord &record = document->image(image);
    for (std::size_t i = 0; i < record.shapes.size(); ++i)
        m_oldEntries.push_back(ShapeEntry{int(i), document->shapeIds(image)[i], record.shapes[i]});
    for (std::size_t i = 0; i < shapes.size(); ++i)
        m_newEntries.push_back(ShapeEntry{int(i), document->nextId(), std::move(shapes[i])});
    setText(tr("Replace annotations"));
}

namespace {

QVector<ShapeId> idsOf(const std::vector<ShapeEntry> &entries)
{
    QVector<ShapeId> ids;
    for (const ShapeEntry &e : entries)
        ids << e.id;
    return ids;
}

} // namespace

void ReplaceAnnotations::undo()
{
    m_document->removeShapes(m_image, idsOf(m_newEntries));
    m_document->insertShapes(m_image, m_oldEntries);
    m_document->setCaptions(m_image, m_oldCaptions);
    m_document->setStatus(m_image, m_oldStatus);
}

void ReplaceAnnotations::redo()
{
    m_document->removeShapes(m_image, idsOf(m_oldEntries));
    m_document->insertShapes(m_image, m_newEntries);
    m_document->setCaptions(m_image, m_newCaptions);
    m_document->setStatus(m_image, statusAfterChange(m_oldStatus, false));
}

} // namespace florence::ui
