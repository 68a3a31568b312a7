#include "document/commands/shape_commands.h"

#include "convert.h"

#include <QUndoStack>

#include <algorithm>

namespace florence::ui {

namespace {

bool allFromModel(const std::vector<Shape> &shapes, const std::vector<Caption> &captions)
{
    const auto isModel = [](const std::string &origin) { return origin != kManualOrigin; };
    return std::all_of(shapes.begin(), shapes.end(), [&](const Shape &s) { return isModel(s.origin); })
        && std::all_of(captions.begin(), captions.end(), [&](const Caption &c) { return isModel(c.origin); });
}

} // namespace

AddAnnotations::AddAnnotations(Document *document, int image, std::vector<Shape> shapes,
                               std::vector<Caption> captions, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_image(image)
    , m_oldCaptions(document->image(image).captions)
    , m_oldStatus(document->image(image).status)
    , m_newStatus(statusAfterChange(m_oldStatus, allFromModel(shapes, captions)))
{
    const int first = int(document->image(image).shapes.size());
    const int count = int(shapes.size() + captions.size());
    for (std::size_t i = 0; i < shapes.size(); ++i)
        m_entries.push_back(ShapeEntry{first + int(i), document->nextId(), std::move(shapes[i])});
    m_newCaptions = m_oldCaptions;
    m_newCaptions.insert(m_newCaptions.end(), captions.begin(), captions.end());
    m_oldDone = document->image(image).doneTasks;
    m_newDone = m_oldDone;
    setText(tr("Add %n annotation(s)", nullptr, count));
}

void AddAnnotations::setDoneTask(const std::string &key)
{
    if (!key.empty() && std::find(m_newDone.begin(), m_newDone.end(), key) == m_newDone.end())
        m_newDone.push_back(key);
}

QVector<ShapeId> AddAnnotations::ids() const
{
    QVector<ShapeId> out;
    for (const ShapeEntry &e : m_entries)
        out << e.id;
    return out;
}

void AddAnnotations::undo()
{
    m_document->removeShapes(m_image, ids());
    if (m_newCaptions != m_oldCaptions)
        m_document->setCaptions(m_image, m_oldCaptions);
    m_document->setDoneTasks(m_image, m_oldDone);
    m_document->setStatus(m_image, m_oldStatus);
    m_document->touchImage(m_image);
}

void AddAnnotations::redo()
{
    if (!m_entries.empty())
        m_document->insertShapes(m_image, m_entries);
    if (m_newCaptions != m_oldCaptions)
        m_document->setCaptions(m_image, m_newCaptions);
    m_document->setDoneTasks(m_image, m_newDone);
    m_document->setStatus(m_image, m_newStatus);
    m_document->touchImage(m_image);
}

RemoveShapes::RemoveShapes(Document *document, int image, const QVector<ShapeId> &ids, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_image(image)
    , m_oldStatus(document->image(image).status)
{
    for (ShapeId id : ids) {
        const int index = document->shapeIndex(image, id);
        if (index >= 0)
            m_entries.push_back(ShapeEntry{index, id, document->image(image).shapes[std::size_t(index)]});
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const ShapeEntry &a, const ShapeEntry &b) { return a.index < b.index; });
    setText(tr("Delete %n shape(s)", nullptr, int(m_entries.size())));
}

void RemoveShapes::undo()
{
    m_document->insertShapes(m_image, m_entries); // ascending: each lands at its old index
    m_document->setStatus(m_image, m_oldStatus);
    m_document->touchImage(m_image);
}

void RemoveShapes::redo()
{
    QVector<ShapeId> ids;
    for (const ShapeEntry &e : m_entries)
        ids << e.id;
    m_document->removeShapes(m_image, ids);
    m_document->setStatus(m_image, statusAfterChange(m_oldStatus, false));
    m_document->touchImage(m_image);
}

ChangeShapes::ChangeShapes(Document *document, int image, const QVector<ShapeId> &ids, std::vector<Shape> newShapes,
                           const QString &text, UndoCommandId mergeId, quint64 gesture, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_image(image)
    , m_ids(ids)
    , m_newShapes(std::move(newShapes))
    , m_oldStatus(document->image(image).status)
    , m_newStatus(statusAfterChange(m_oldStatus, false))
    , m_mergeId(gesture != 0 ? mergeId : UndoCommandId::None)
    , m_gesture(gesture)
{
    for (ShapeId id : ids) {
        const Shape *old = document->shape(image, id);
        m_oldShapes.push_back(old ? *old : Shape{});
    }
    for (std::size_t i = 0; i < m_newShapes.size() && i < m_oldShapes.size(); ++i)
        m_newShapes[i] = afterEdit(m_oldShapes[i], std::move(m_newShapes[i]));
}

Shape afterEdit(const Shape &old, Shape next)
{
    Shape a = old, b = next;
    a.pending = b.pending = false;
    a.provenance.edited = b.provenance.edited = false;
    if (a.provenance != b.provenance || a == b)
        return next; // a new model result, or no change of content
    next.pending = false;
    if (next.origin != kManualOrigin)
        next.provenance.edited = true;
    return next;
}

ReviewSuggestions::ReviewSuggestions(Document *document, int image, const QVector<ShapeId> &accept,
                                     const QVector<ShapeId> &reject, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_image(image)
    , m_oldRejectedList(document->image(image).rejected)
    , m_oldStatus(document->image(image).status)
{
    for (ShapeId id : accept)
        if (const Shape *s = document->shape(image, id); s && s->pending && !m_acceptIds.contains(id)) {
            m_acceptIds << id;
            m_acceptOld.push_back(*s);
        }
    for (ShapeId id : reject) {
        const int index = document->shapeIndex(image, id);
        if (index >= 0 && document->image(image).shapes[std::size_t(index)].pending && !m_acceptIds.contains(id)
            && std::none_of(m_rejected.begin(), m_rejected.end(), [id](const ShapeEntry &e) { return e.id == id; }))
            m_rejected.push_back(ShapeEntry{index, id, document->image(image).shapes[std::size_t(index)]});
    }
    std::sort(m_rejected.begin(), m_rejected.end(), [](const ShapeEntry &a, const ShapeEntry &b) { return a.index < b.index; });
    const int accepted = int(m_acceptIds.size());
    const int rejected = int(m_rejected.size());
    if (accepted && rejected)
        setText(tr("Accept %1, reject %2 suggestion(s)").arg(accepted).arg(rejected));
    else if (accepted)
        setText(tr("Accept %n suggestion(s)", nullptr, accepted));
    else
        setText(tr("Reject %n suggestion(s)", nullptr, rejected));
}

void ReviewSuggestions::redo()
{
    std::vector<Shape> accepted = m_acceptOld;
    for (Shape &s : accepted)
        s.pending = false;
    if (!m_acceptIds.isEmpty())
        m_document->setShapes(m_image, m_acceptIds, accepted);
    if (!m_rejected.empty()) {
        QVector<ShapeId> ids;
        std::vector<Shape> list = m_oldRejectedList;
        for (const ShapeEntry &e : m_rejected) {
            ids << e.id;
            list.push_back(e.shape);
            list.back().pending = false;
        }
        m_document->removeShapes(m_image, ids);
        m_document->setRejected(m_image, std::move(list));
    }
    m_document->setStatus(m_image, statusAfterChange(m_oldStatus, false));
    m_document->touchImage(m_image);
}

void ReviewSuggestions::undo()
{
    if (!m_rejected.empty()) {
        std::vector<ShapeEntry> entries = m_rejected;
        m_document->insertShapes(m_image, entries);
        m_document->setRejected(m_image, m_oldRejectedList);
    }
    if (!m_acceptIds.isEmpty())
        m_document->setShapes(m_image, m_acceptIds, m_acceptOld);
    m_document->setStatus(m_image, m_oldStatus);
    m_document->touchImage(m_image);
}

bool ChangeShapes::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const ChangeShapes *>(other);
    if (!next || next->m_mergeId != m_mergeId || next->m_gesture != m_gesture || next->m_image != m_image
        || next->m_ids != m_ids)
        return false;
    m_newShapes = next->m_newShapes; // keep our old state: the whole drag is one step
    return true;
}

void ChangeShapes::undo()
{
    m_document->setShapes(m_image, m_ids, m_oldShapes);
    m_document->setStatus(m_image, m_oldStatus);
    m_document->touchImage(m_image);
}

void ChangeShapes::redo()
{
    m_document->setShapes(m_image, m_ids, m_newShapes);
    m_document->setStatus(m_image, m_newStatus);
    m_document->touchImage(m_image);
}

MoveShapes::MoveShapes(Document *document, int image, const QVector<ShapeId> &ids, std::vector<Shape> moved,
                       quint64 gesture)
    : ChangeShapes(document, image, ids, std::move(moved), tr("Move %n shape(s)", nullptr, int(ids.size())),
                   UndoCommandId::MoveShapes, gesture)
{
}

DragHandle::DragHandle(Document *document, int image, ShapeId id, const Shape &changed, quint64 gesture)
    : ChangeShapes(document, image, {id}, {changed},
                   changed.kind == ShapeKind::Box ? tr("Resize box") : tr("Move vertex"),
                   changed.kind == ShapeKind::Box ? UndoCommandId::ResizeBox : UndoCommandId::DragVertex, gesture)
{
}

InsertVertex::InsertVertex(Document *document, int image, ShapeId id, const Shape &changed)
    : ChangeShapes(document, image, {id}, {changed}, tr("Insert vertex"))
{
}

RemoveVertex::RemoveVertex(Document *document, int image, ShapeId id, const Shape &changed)
    : ChangeShapes(document, image, {id}, {changed}, tr("Delete vertex"))
{
}

namespace {

/// Copies of the shapes `ids` with one attribute changed by `change`.
template <typename Change>
std::vector<Shape> changedCopies(const Document *document, int image, const QVector<ShapeId> &ids, Change change)
{
    std::vector<Shape> out;
    for (ShapeId id : ids) {
        Shape shape = *document->shape(image, id);
        change(shape);
        out.push_back(std::move(shape));
    }
    return out;
}

} // namespace

SetShapeLabel::SetShapeLabel(Document *document, int image, const QVector<ShapeId> &ids, const QString &label)
    : ChangeShapes(document, image, ids, changedCopies(document, image, ids, [&](Shape &s) { s.label = toStd(label); }),
                   tr("Set label of %n shape(s) to \"%1\"", nullptr, int(ids.size())).arg(label))
{
}

SetShapeText::SetShapeText(Document *document, int image, const QVector<ShapeId> &ids, const QString &text)
    : ChangeShapes(document, image, ids, changedCopies(document, image, ids, [&](Shape &s) { s.text = toStd(text); }),
                   tr("Edit text of %n shape(s)", nullptr, int(ids.size())))
{
}

ReplaceShape::ReplaceShape(Document *document, int image, ShapeId id, const Shape &result)
    : ChangeShapes(document, image, {id}, {result}, tr("Apply model result"))
{
    setResults({result}); // a model result, not a person's edit
}

bool combinePolygons(Document *document, int image, const QVector<ShapeId> &ids)
{
    QVector<ShapeId> polygons;
    for (ShapeId id : ids) {
        const Shape *shape = document->shape(image, id);
        if (shape && shape->kind == ShapeKind::Polygon)
            polygons << id;
    }
    if (polygons.size() < 2)
        return false;
    Shape combined = *document->shape(image, polygons.first());
    for (int i = 1; i < polygons.size(); ++i) {
        const Shape *other = document->shape(image, polygons[i]);
        combined.rings.insert(combined.rings.end(), other->rings.begin(), other->rings.end());
    }
    QUndoStack *stack = document->undoStack();
    stack->beginMacro(QCoreApplication::translate("florence::ui::ChangeShapes", "Combine %n polygon(s)", nullptr,
                                                  int(polygons.size())));
    stack->push(new ChangeShapes(document, image, {polygons.first()}, {combined},
                                 QCoreApplication::translate("florence::ui::ChangeShapes", "Add rings")));
    stack->push(new RemoveShapes(document, image, polygons.mid(1)));
    stack->endMacro();
    return true;
}

} // namespace florence::ui
