#pragma once
// Opening folders, files and project files; saving (autosave, save as, read-only fallback); COCO and
// labelme export and import. Everything the File menu does, without widgets, so that it is tested
// through the same code path the menu uses.

#include "annotate/prompt_table.h"
#include "common/error_text.h"
#include "project/autosaver.h"
#include "project/prompts.h"

#include <QMultiHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace florence {
struct ImageRecord;
namespace formats {
struct ExportOptions;
struct ImportOptions;
} // namespace formats
} // namespace florence

namespace florence::ui {

class Document;

/// Owns the link between the document and files on disk. Failures never lose in-memory work and
/// never overwrite a file that could not be read; every message names the file and the problem.
class ProjectController : public QObject
{
    Q_OBJECT

public:
    ProjectController(Document *document, Prompts *prompts, QObject *parent = nullptr);

    Autosaver *autosaver() { return &m_autosaver; }
    /// Replaces who answers questions and sees warnings (not owned).
    void setPrompts(Prompts *prompts) { m_prompts = prompts; }
    /// Where the project is saved; empty while it cannot be saved (unreadable project file).
    QString projectPath() const { return m_autosaver.path(); }
    /// The image folder image paths are relative to.
    QString folder() const;

    /// Opens every image in `folder` (and subfolders when `recursive`). Restores the folder's project
    /// (florence-project.json, or the location chosen earlier for a read-only folder) and adds images
    /// that are new since. Returns false when the folder cannot be read (message shown).
    bool openFolder(const QString &folder, bool recursive);
    /// Opens image files; the project lives in the folder of the first file.
    bool openFiles(const QStringList &files);
    /// Opens a project file saved anywhere.
    bool openProjectFile(const QString &path);
    /// Saves the project to `path` now and keeps autosaving there (remembered for the image folder).
    bool saveAs(const QString &path);
    /// Saves now if anything changed. On failure asks for another location (Prompts). Returns true
    /// when the project is saved afterwards.
    bool save();

    /// Writes COCO instances to `instancesPath` and captions to captionsPathFor(instancesPath).
    bool exportCoco(const QString &instancesPath);
    /// Writes one labelme JSON per annotated image, next to the images (`folder` empty) or into
    /// `folder` (mirroring subfolders). Returns the number of files written, -1 when some failed.
    int exportLabelme(const QString &folder);
    /// Imports a COCO instances file and, if not empty, a captions file, as one undoable step.
    bool importCoco(const QString &instancesPath, const QString &captionsPath);
    /// Imports labelme JSON files as one undoable step; unreadable files are reported and skipped.
    bool importLabelme(const QStringList &files);

    /// Exports every image of the project as dataset format `format` (a name of core's format
    /// registry, annotate/formats/registry.h) into `folder`, then shows the summary (images,
    /// objects per class, what was converted or dropped and why) through Prompts::report. Returns
    /// false (message shown) when it failed; nothing is left half-written.
    bool exportDataset(const QString &format, const QString &folder, const formats::ExportOptions &options);
    /// The summary text of the last successful exportDataset (core's summary.txt).
    QString lastExportSummary() const { return m_lastSummary; }
    /// Imports a dataset of registry format `format` from `input` (file or folder) as one undoable
    /// step, asking whether to add or replace where images already have annotations. Images match
    /// by path, then by file name. A bad file is reported with its name and line; nothing changes.
    bool importDataset(const QString &format, const QString &input, const formats::ImportOptions &options);

    /// The captions file an export writes next to `instancesPath` (core's captionsPathFor, the
    /// CLI's rule too): "a/x.json" -> "a/x.captions.json".
    static QString captionsPathFor(const QString &instancesPath);
    /// The captions file an import of `instancesPath` reads: the first of core's
    /// captionsPathCandidates() that exists (also files written by older versions), else empty.
    static QString existingCaptionsFileFor(const QString &instancesPath);

Q_SIGNALS:
    /// The document was reset from disk (new folder, files or project).
    void projectOpened();
    /// A short status-bar message.
    void message(const QString &text);

private:
    void handleSaveFailure(const QString &path, ErrorKind kind, const QString &message);
    void startProject(const QString &folder, std::vector<ImageRecord> records, std::vector<std::string> labels,
                      const QString &projectPath, PromptTable prompts = {});
    bool applyImport(std::vector<ImageRecord> records, const QString &source, QStringList problems);
    int matchImage(const ImageRecord &record) const;
    /// Sets the size of annotated images whose size is unknown from their file header; returns the
    /// messages of the files that cannot be read.
    QStringList fillMissingSizes();
    QString storedLocation(const QString &folder) const;
    void rememberLocation(const QString &folder, const QString &projectPath);

    Document *m_document;
    Prompts *m_prompts;
    Autosaver m_autosaver;
    QString m_askedAbout; ///< path whose save failure was already put to the user
    QString m_lastSummary; ///< summary of the last dataset export
    mutable QMultiHash<QString, int> m_imagesByName; ///< file name -> image indices (import matching)
    mutable int m_namesIndexed = -1;                 ///< image count m_imagesByName was built for
};

} // namespace florence::ui
