#pragma once
// Keeps the project file in step with the document: saves a few seconds after each edit and on
// demand (close), atomically (core saveProject -> writeFileAtomic).

#include "common/error.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace florence::ui {

class Document;

/// Saves the document's project to one path after edits. A project nobody edited is not written
/// (opening a folder leaves no file behind); once the file exists every change is saved.
class Autosaver : public QObject
{
    Q_OBJECT

public:
    explicit Autosaver(Document *document, QObject *parent = nullptr);

    /// The project file path; empty disables saving (e.g. after the file could not be read).
    void setPath(const QString &path);
    QString path() const { return m_path; }
    /// Delay between the last edit and the save, in milliseconds (default 2000).
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    int delay() const { return m_timer.interval(); }
    /// Call after the document was reset from the file at path(): its state counts as saved.
    void markSaved();

    /// True when there is something to save (edits since the last save).
    bool hasUnsavedChanges() const;
    /// Saves now when there are unsaved changes (or always with `force`). Returns false and sets
    /// `error` (the core message, naming the file) when writing failed; the in-memory work is kept.
    bool saveNow(QString *error = nullptr, bool force = false);

Q_SIGNALS:
    void saved(const QString &path);
    /// Saving failed; emitted once per failed attempt.
    void saveFailed(const QString &path, florence::ErrorKind kind, const QString &message);

private:
    void documentChanged();

    Document *m_document;
    QString m_path;
    QTimer m_timer;
    quint64 m_savedRevision = 0;
    bool m_edited = false; ///< an undoable edit happened since the document was loaded
};

} // namespace florence::ui
