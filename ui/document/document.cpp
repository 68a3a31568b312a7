#include "document/document.h"

#include "annotate/review.h"

#include "convert.h"
#include "document/commands/shape_commands.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>

namespace florence::ui {

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
}

Document::~Document() = default;

void Document::reset(const QString &rootDir, std::vector<ImageRecord> images, std::vector<std::string> labels)
{
    m_undoStack->clear();
    m_rootDir = rootDir;
    m_images.clear();
    m_images.reserve(images.size());
    for (ImageRecord &record : images) {
        Entry entry;
        entry.ids.reserve(record.shapes.size());
        for (std::size_t i = 0; i < record.shapes.size(); ++i)
            entry.ids.push_back(nextId());
        entry.record = std::move(record);
        m_images.push_back(std::move(entry));
    }
    m_knownLabels = std::move(labels);
    m_promptTable = {};
    m_hiddenLabels.clear();
    m_pathIndex.clear();
    ++m_revision;
    Q_EMIT documentReset();
    Q_EMIT labelsChanged();
}

void Document::appendImages(std::vector<ImageRecord> images)
{
    if (images.empty())
        return;
    const int first = imageCount();
    m_pathIndex.clear();
    for (ImageRecord &record : images) {
        Entry entry;
        for (std::size_t i = 0; i < record.shapes.size(); ++i)
            entry.ids.push_back(nextId());
        entry.record = std::move(record);
        m_images.push_back(std::move(entry));
    }
    bump();
    Q_EMIT imagesAppended(first, imageCount() - first);
    Q_EMIT labelsChanged();
}

QString Document::absolutePath(int index) const
{
    const QString path = toQt(image(index).path);
    if (QFileInfo(path).isAbsolute() || m_rootDir.isEmpty())
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(m_rootDir).filePath(path));
}

int Document::indexOfPath(const QString &path) const
{
    if (m_pathIndex.isEmpty())
        for (int i = 0; i < imageCount(); ++i)
            m_pathIndex.insert(absolutePath(i), i);
    return m_pathIndex.value(QDir::cleanPath(QFileInfo(path).absoluteFilePath()), -1);
}

void Document::setImageSize(int index, int width, int height)
{
    ImageRecord &record = m_images.at(std::size_t(index)).record;
    if (record.width == width && record.height == height)
        return;
    record.width = width;
    record.height = height;
    bump();
    Q_EMIT imageChanged(index);
}

int Document::shapeIndex(int image, ShapeId id) const
{
    const std::vector<ShapeId> &ids = shapeIds(image);
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : int(it - ids.begin());
}

const Shape *Document::shape(int image, ShapeId id) const
{
    const int index = shapeIndex(image, id);
    return index < 0 ? nullptr : &this->image(image).shapes[std::size_t(index)];
}

QStringList Document::labels() const
{
    QStringList out;
    QSet<QString> seen;
    auto add = [&](const std::string &label) {
        const QString l = toQt(label);
        if (!l.isEmpty() && !seen.contains(l)) {
            seen.insert(l);
            out << l;
        }
    };
    for (const std::string &label : m_knownLabels)
        add(label);
    for (const Entry &entry : m_images)
        for (const Shape &shape : entry.record.shapes)
            add(shape.label);
    return out;
}

QHash<QString, int> Document::labelCounts() const
{
    QHash<QString, int> counts;
    for (const Entry &entry : m_images)
        for (const Shape &shape : entry.record.shapes)
            ++counts[toQt(shape.label)];
    return counts;
}

void Document::setLabelVisible(const QString &label, bool visible)
{
    if (visible == isLabelVisible(label))
        return;
    if (visible)
        m_hiddenLabels.remove(label);
    else
        m_hiddenLabels.insert(label);
    Q_EMIT labelsChanged();
}

void Document::setScoreThreshold(double threshold)
{
    threshold = std::clamp(threshold, 0.0, 1.0);
    if (threshold == m_scoreThreshold)
        return;
    m_scoreThreshold = threshold;
    Q_EMIT scoreThresholdChanged(threshold);
}

bool Document::isShapeVisible(const Shape &shape) const
{
    return isLabelVisible(toQt(shape.label)) && (!shape.score || *shape.score >= m_scoreThreshold);
}

QVector<ShapeId> Document::addAnnotations(int image, std::vector<Shape> shapes, std::vector<Caption> captions,
                                          const std::string &doneTask)
{
    if (shapes.empty() && captions.empty()) {
        const std::vector<std::string> &done = this->image(image).doneTasks;
        if (!doneTask.empty() && std::find(done.begin(), done.end(), doneTask) == done.end()) {
            std::vector<std::string> more = done;
            more.push_back(doneTask);
            setDoneTasks(image, std::move(more));
        }
        return {};
    }
    auto *command = new AddAnnotations(this, image, std::move(shapes), std::move(captions));
    command->setDoneTask(doneTask);
    const QVector<ShapeId> ids = command->ids();
    m_undoStack->push(command);
    return ids;
}

bool Document::replaceShape(int image, ShapeId id, const Shape &result)
{
    if (shapeIndex(image, id) < 0)
        return false;
    m_undoStack->push(new ReplaceShape(this, image, id, result));
    return true;
}

int Document::replaceShapes(int image, const QVector<ShapeId> &ids, const std::vector<Shape> &results,
                            const QString &text)
{
    QVector<ShapeId> present;
    std::vector<Shape> shapes;
    for (int i = 0; i < ids.size() && std::size_t(i) < results.size(); ++i) {
        if (shapeIndex(image, ids[i]) < 0)
            continue;
        present << ids[i];
        shapes.push_back(results[std::size_t(i)]);
    }
    if (present.isEmpty())
        return 0;
    auto *command = new ChangeShapes(this, image, present, shapes, text);
    command->setResults(std::move(shapes)); // model answers attached to shapes, not a person's edits
    m_undoStack->push(command);
    return int(present.size());
}

void Document::insertShapes(int image, std::vector<ShapeEntry> &entries)
{
    Entry &entry = m_images.at(std::size_t(image));
    for (ShapeEntry &e : entries) {
        if (e.id == 0)
            e.id = nextId();
        const int at = std::clamp(e.index, 0, int(entry.ids.size()));
        entry.ids.insert(entry.ids.begin() + at, e.id);
        entry.record.shapes.insert(entry.record.shapes.begin() + at, e.shape);
    }
    bump();
    Q_EMIT shapesChanged(image);
    Q_EMIT labelsChanged();
}

void Document::removeShapes(int image, const QVector<ShapeId> &ids)
{
    Entry &entry = m_images.at(std::size_t(image));
    for (ShapeId id : ids) {
        const int index = shapeIndex(image, id);
        if (index < 0)
            continue;
        entry.ids.erase(entry.ids.begin() + index);
        entry.record.shapes.erase(entry.record.shapes.begin() + index);
    }
    bump();
    Q_EMIT shapesChanged(image);
    Q_EMIT labelsChanged();
}

void Document::setShapes(int image, const QVector<ShapeId> &ids, const std::vector<Shape> &shapes)
{
    Entry &entry = m_images.at(std::size_t(image));
    bool labelChange = false;
    for (int i = 0; i < ids.size() && std::size_t(i) < shapes.size(); ++i) {
        const int index = shapeIndex(image, ids[i]);
        if (index < 0)
            continue;
        Shape &target = entry.record.shapes[std::size_t(index)];
        labelChange |= target.label != shapes[std::size_t(i)].label;
        target = shapes[std::size_t(i)];
    }
    bump();
    Q_EMIT shapesModified(image, ids);
    if (labelChange)
        Q_EMIT labelsChanged();
}

void Document::setCaptions(int image, std::vector<Caption> captions)
{
    m_images.at(std::size_t(image)).record.captions = std::move(captions);
    bump();
    Q_EMIT captionsChanged(image);
}

void Document::setStatus(int image, ImageStatus status)
{
    ImageRecord &record = m_images.at(std::size_t(image)).record;
    if (record.status == status)
        return;
    record.status = status;
    bump();
    Q_EMIT imageChanged(image);
}

void Document::setDoneTasks(int image, std::vector<std::string> doneTasks)
{
    ImageRecord &record = m_images.at(std::size_t(image)).record;
    if (record.doneTasks == doneTasks)
        return;
    record.doneTasks = std::move(doneTasks);
    bump();
    Q_EMIT imageChanged(image);
}

void Document::setKnownLabels(std::vector<std::string> labels)
{
    m_knownLabels = std::move(labels);
    bump();
    Q_EMIT labelsChanged();
}

void Document::setPromptTable(PromptTable table)
{
    if (m_promptTable == table)
        return;
    m_promptTable = std::move(table);
    bump();
    Q_EMIT promptTableChanged();
}

int Document::pendingCount(int image) const
{
    return florence::pendingCount(this->image(image));
}

int Document::pendingCount() const
{
    int n = 0;
    for (const Entry &e : m_images)
        n += florence::pendingCount(e.record);
    return n;
}

bool Document::acceptSuggestions(int image, const QVector<ShapeId> &ids)
{
    auto *command = new ReviewSuggestions(this, image, ids, {});
    if (command->isEmpty()) {
        delete command;
        return false;
    }
    m_undoStack->push(command);
    return true;
}

bool Document::rejectSuggestions(int image, const QVector<ShapeId> &ids)
{
    auto *command = new ReviewSuggestions(this, image, {}, ids);
    if (command->isEmpty()) {
        delete command;
        return false;
    }
    m_undoStack->push(command);
    return true;
}

bool Document::acceptAboveRejectRest(int image, double threshold)
{
    QVector<ShapeId> accept, reject;
    const ImageRecord &record = this->image(image);
    const std::vector<ShapeId> &ids = shapeIds(image);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Shape &s = record.shapes[i];
        if (s.pending)
            (!s.score || *s.score >= threshold ? accept : reject) << ids[i];
    }
    auto *command = new ReviewSuggestions(this, image, accept, reject);
    if (command->isEmpty()) {
        delete command;
        return false;
    }
    m_undoStack->push(command);
    return true;
}

void Document::setRejected(int image, std::vector<Shape> rejected)
{
    ImageRecord &record = m_images.at(std::size_t(image)).record;
    if (record.rejected == rejected)
        return;
    record.rejected = std::move(rejected);
    bump();
    Q_EMIT imageChanged(image);
}

void Document::bump()
{
    ++m_revision;
    Q_EMIT contentChanged();
}

} // namespace florence::ui
