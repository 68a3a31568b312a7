#include "project/autosaver.h"

#include "common/error_text.h"
#include "convert.h"
#include "document/document.h"
#include "project/project_io.h"

#include <QFileInfo>
#include <QUndoStack>

namespace florence::ui {

Autosaver::Autosaver(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    connect(document, &Document::contentChanged, this, &Autosaver::documentChanged);
    for (auto signal : {&Document::promptTableChanged}) // edits that are not undo steps
        connect(document, signal, this, [this] {
            m_edited = true;
            documentChanged();
        });
    connect(document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        m_edited = true;
        documentChanged();
    });
}

void Autosaver::setPath(const QString &path)
{
    m_path = path;
}

void Autosaver::markSaved()
{
    m_savedRevision = m_document->revision();
    m_edited = false;
    m_timer.stop();
}

bool Autosaver::hasUnsavedChanges() const
{
    if (m_document->revision() == m_savedRevision)
        return false;
    return m_edited || (!m_path.isEmpty() && QFileInfo::exists(m_path));
}

void Autosaver::documentChanged()
{
    if (!m_path.isEmpty() && hasUnsavedChanges())
        m_timer.start();
}

bool Autosaver::saveNow(QString *error, bool force)
{
    m_timer.stop();
    if (m_path.isEmpty() || (!force && !hasUnsavedChanges()))
        return true;
    const quint64 revision = m_document->revision();
    try {
        saveProject(projectFromDocument(*m_document, m_path), toStd(m_path));
    } catch (const std::exception &e) {
        const ErrorInfo info = errorInfo(e, ErrorKind::Io);
        if (error)
            *error = info.detail;
        Q_EMIT saveFailed(m_path, info.kind, info.detail);
        return false;
    }
    m_savedRevision = revision;
    Q_EMIT saved(m_path);
    return true;
}

} // namespace florence::ui
