#pragma once
// The annotation document: the project's images and annotations (core structs) and the undo stack
// that changes them.
//
// Design note (Tiled's Document/MapObjectItem split): the document is the only source of truth.
// Every user-visible change is a QUndoCommand (ui/document/commands/) that calls the raw mutators
// below; they change the data and emit a change signal; canvas items, the image list and the docks
// follow those signals. Shapes get a session-unique ShapeId so that views can keep items and
// selections across insertions and removals (ids are not saved; a reload assigns new ones).

#include "annotate/annotation.h"
#include "annotate/prompt_table.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

class QUndoStack;

namespace florence::ui {

/// Session-unique identity of a shape (never 0, never reused within a session).
using ShapeId = quint64;

/// One shape plus its identity and position, as captured by commands.
struct ShapeEntry
{
    int index = 0;    ///< position in the image's shape list
    ShapeId id = 0;
    Shape shape;
};

/// The opened project: images, their shapes and captions, known labels, and the undo stack.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    /// Replaces everything (after opening a folder or a project file) and clears the undo stack.
    /// Image paths are relative to `rootDir` (or absolute); `labels` is the ordered list of known labels.
    void reset(const QString &rootDir, std::vector<ImageRecord> images, std::vector<std::string> labels);
    /// Adds images found later (e.g. new files in the folder); not undoable, no annotation changes.
    void appendImages(std::vector<ImageRecord> images);

    /// Folder the image paths are relative to; empty when nothing is open.
    QString rootDir() const { return m_rootDir; }
    int imageCount() const { return int(m_images.size()); }
    /// Precondition for all per-image accessors: 0 <= index < imageCount().
    const ImageRecord &image(int index) const { return m_images.at(std::size_t(index)).record; }
    /// The image's file as an absolute path.
    QString absolutePath(int index) const;
    /// Index of the image whose absolute path is `path`, -1 if none (hash lookup).
    int indexOfPath(const QString &path) const;
    /// Records the displayed size (pixels, after EXIF orientation) of an image once it was decoded.
    /// Not undoable: it is a fact about the file, not an edit.
    void setImageSize(int index, int width, int height);

    /// Ids of the image's shapes, in the same order as image(index).shapes.
    const std::vector<ShapeId> &shapeIds(int image) const { return m_images.at(std::size_t(image)).ids; }
    /// Position of shape `id` in the image's list, -1 when it is not there.
    int shapeIndex(int image, ShapeId id) const;
    /// The shape with that id, nullptr when it is not there.
    const Shape *shape(int image, ShapeId id) const;

    /// Every label in use or known, known ones first in their saved order, then new ones in order of use.
    QStringList labels() const;
    /// The known-label list as saved in the project (includes labels no shape uses any more).
    const std::vector<std::string> &knownLabels() const { return m_knownLabels; }
    /// Number of shapes per label over the whole project.
    QHash<QString, int> labelCounts() const;
    /// Hide/show by label is a view setting: not undoable, not saved in the project.
    bool isLabelVisible(const QString &label) const { return !m_hiddenLabels.contains(label); }
    void setLabelVisible(const QString &label, bool visible);
    /// Shapes with a model score below the threshold (0..1) are hidden; shapes without a score always
    /// show. A view setting like label visibility (not undoable, not saved); 0 shows everything.
    double scoreThreshold() const { return m_scoreThreshold; }
    void setScoreThreshold(double threshold);
    /// Whether the canvas shows `shape`: its label is visible and its score passes the threshold.
    bool isShapeVisible(const Shape &shape) const;

    /// Whether model results arrive as pending suggestions to review (the default) or as accepted
    /// shapes at once (the behaviour before the review layer). An application setting, not saved in
    /// the project; applyInferenceResult reads it.
    bool modelResultsPending() const { return m_modelResultsPending; }
    void setModelResultsPending(bool pending) { m_modelResultsPending = pending; }

    /// Prompt → label presets of the project (saved in the project file). Not undoable.
    const PromptTable &promptTable() const { return m_promptTable; }
    void setPromptTable(PromptTable table);

    /// Number of pending suggestions of image `image` and of the whole project.
    int pendingCount(int image) const;
    int pendingCount() const;

    // --- Review (issue 13): each call is one undoable step; returns false when nothing changed.

    /// Accepts pending shapes `ids` of `image` ("Accept N suggestion(s)").
    bool acceptSuggestions(int image, const QVector<ShapeId> &ids);
    /// Rejects pending shapes `ids` of `image`: they leave the image and are kept in its rejected
    /// list for the review statistics ("Reject N suggestion(s)").
    bool rejectSuggestions(int image, const QVector<ShapeId> &ids);
    /// Accepts the pending shapes of `image` whose score is >= `threshold` (and those without a
    /// score) and rejects the others, as one step.
    bool acceptAboveRejectRest(int image, double threshold);

    QUndoStack *undoStack() const { return m_undoStack; }
    /// Increases with every change of the saved content (autosave compares it with the saved revision).
    quint64 revision() const { return m_revision; }

    // --- API for the model panel (issue 6): each call is one undoable step.

    /// Adds shapes and captions (image pixels of image `image`) as one undoable "Add N annotations"
    /// step; returns the new shapes' ids. Model output (origin != "manual") marks an untouched image
    /// as pre-annotated. `doneTask` (a job key, see AnnotateJob::key()) is added to the image's
    /// doneTasks in the same step. Nothing is pushed when both lists are empty; a `doneTask` is then
    /// recorded without an undo step (the model answered nothing; running it again answers the same).
    QVector<ShapeId> addAnnotations(int image, std::vector<Shape> shapes, std::vector<Caption> captions = {},
                                    const std::string &doneTask = {});
    /// Replaces shape `id` of image `image` with `result` (e.g. region OCR or a refined polygon for a
    /// drawn box) as one undoable step. Returns false when the shape no longer exists.
    bool replaceShape(int image, ShapeId id, const Shape &result);
    /// Replaces shapes `ids[i]` by `results[i]` (region results attached to their regions) as one
    /// undoable step named `text`; ids no longer present are skipped. Returns the number replaced.
    int replaceShapes(int image, const QVector<ShapeId> &ids, const std::vector<Shape> &results, const QString &text);

    // --- Raw mutators, called by undo commands only: they change data and emit signals.

    /// Inserts entries at their `index` (ascending order expected); ids of 0 get fresh ids, which
    /// are written back into `entries`.
    void insertShapes(int image, std::vector<ShapeEntry> &entries);
    /// Removes the shapes with these ids.
    void removeShapes(int image, const QVector<ShapeId> &ids);
    /// Overwrites shapes by id (ids not present are ignored).
    void setShapes(int image, const QVector<ShapeId> &ids, const std::vector<Shape> &shapes);
    void setCaptions(int image, std::vector<Caption> captions);
    void setStatus(int image, ImageStatus status);
    void setDoneTasks(int image, std::vector<std::string> doneTasks);
    void setKnownLabels(std::vector<std::string> labels);
    void setRejected(int image, std::vector<Shape> rejected);
    /// Asks views to show image `image` (undo/redo of a change made on another image).
    void touchImage(int image) { Q_EMIT imageTouched(image); }
    /// A fresh shape id.
    ShapeId nextId() { return ++m_lastId; }

Q_SIGNALS:
    /// Everything was replaced (reset()).
    void documentReset();
    /// Images [first, first+count) were appended.
    void imagesAppended(int first, int count);
    /// Size or status of an image changed.
    void imageChanged(int image);
    /// Shapes were inserted into or removed from an image (views reconcile by id).
    void shapesChanged(int image);
    /// Geometry or attributes of existing shapes changed.
    void shapesModified(int image, const QVector<florence::ui::ShapeId> &ids);
    void captionsChanged(int image);
    /// The label list, label counts or label visibility may have changed.
    void labelsChanged();
    /// scoreThreshold() changed.
    void scoreThresholdChanged(double threshold);
    /// Any change of saved content (annotations, status, labels, sizes).
    void contentChanged();
    /// setPromptTable() changed the prompt table (a project setting worth saving).
    void promptTableChanged();
    /// An undo/redo touched image `image`; the main window may show it.
    void imageTouched(int image);

private:
    struct Entry
    {
        ImageRecord record;
        std::vector<ShapeId> ids;
    };
    void bump();

    QString m_rootDir;
    std::vector<Entry> m_images;
    std::vector<std::string> m_knownLabels;
    QSet<QString> m_hiddenLabels;
    double m_scoreThreshold = 0.0;
    bool m_modelResultsPending = true;
    PromptTable m_promptTable;
    mutable QHash<QString, int> m_pathIndex; ///< absolute path -> image index, rebuilt when empty
    QUndoStack *m_undoStack = nullptr;
    ShapeId m_lastId = 0;
    quint64 m_revision = 0;
};

} // namespace florence::ui
