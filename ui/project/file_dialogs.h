#pragma once
// The File menu's dialogs: open images, a folder or a project, save the project elsewhere, export
// and import annotation files. Each asks for a path and hands it to the ProjectController (or, for
// opening, to whoever listens); dialogs start in the folder the user last chose in any of them.

#include <QObject>
#include <QString>
#include <QStringList>

class QWidget;

namespace florence::ui {

class Document;
class ProjectController;

/// File dialogs of the main window, parented to `parent`.
class FileDialogs : public QObject
{
    Q_OBJECT

public:
    FileDialogs(QWidget *parent, Document *document, ProjectController *controller);

    void chooseImages();
    void chooseFolder();
    void chooseProject();
    void saveProjectAs();
    void exportCoco();
    void exportLabelmeIntoFolder();
    void importCoco();
    void importLabelmeFiles();
    void importLabelmeFolder();
    /// File > Export > <format>: the options dialog of registry format `format`, then the export.
    void exportDataset(const QString &format);
    /// File > Import > <format>: asks for the file or folder (and the reader's variant), then imports.
    void importDataset(const QString &format);

    /// The folder the next dialog starts in: the last one chosen, else the project's folder.
    QString startFolder() const;

Q_SIGNALS:
    /// The user chose image files to open.
    void filesChosen(const QStringList &files);
    /// The user chose a folder of images to open.
    void folderChosen(const QString &folder);

private:
    /// Remembers the folder of `path` (a file) or `path` itself (a folder) for the next dialog.
    void remember(const QString &path, bool isFolder);

    QWidget *m_parent;
    Document *m_document;
    ProjectController *m_controller;
    QString m_lastFolder;
};

} // namespace florence::ui
