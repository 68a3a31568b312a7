#include "project/file_dialogs.h"

#include "annotate/formats/registry.h"
#include "convert.h"
#include "document/document.h"
#include "project/dataset_dialogs.h"
#include "project/project_controller.h"
#include "project/project_io.h"

#include <QDir>
#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>

namespace florence::ui {

FileDialogs::FileDialogs(QWidget *parent, Document *document, ProjectController *controller)
    : QObject(parent)
    , m_parent(parent)
    , m_document(document)
    , m_controller(controller)
{
    // A new project starts the dialogs in its own folder again.
    connect(controller, &ProjectController::projectOpened, this, [this] { m_lastFolder.clear(); });
}

QString FileDialogs::startFolder() const
{
    return m_lastFolder.isEmpty() ? m_document->rootDir() : m_lastFolder;
}

void FileDialogs::remember(const QString &path, bool isFolder)
{
    m_lastFolder = isFolder ? path : QFileInfo(path).absolutePath();
}

void FileDialogs::chooseImages()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        m_parent, tr("Open Images"), startFolder(),
        tr("Images (%1)").arg(imageNameFilters().join(QLatin1Char(' '))) + QStringLiteral(";;") + tr("All files (*)"));
    if (!files.isEmpty())
        Q_EMIT filesChosen(files);
}

void FileDialogs::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(m_parent, tr("Open Folder"), startFolder());
    if (!folder.isEmpty())
        Q_EMIT folderChosen(folder);
}

void FileDialogs::chooseProject()
{
    const QString path = QFileDialog::getOpenFileName(m_parent, tr("Open Project"), startFolder(),
                                                      tr("Florence Studio projects (*.json)"));
    if (!path.isEmpty())
        m_controller->openProjectFile(path);
}

void FileDialogs::saveProjectAs()
{
    const QString start = m_controller->projectPath().isEmpty() ? defaultProjectPath(m_document->rootDir())
                                                                : m_controller->projectPath();
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Save Project As"), start,
                                                      tr("Florence Studio projects (*.json)"));
    if (!path.isEmpty())
        m_controller->saveAs(path);
}

void FileDialogs::exportCoco()
{
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Export COCO"),
                                                      QDir(startFolder()).filePath(QStringLiteral("instances.json")),
                                                      tr("COCO JSON (*.json)"));
    if (path.isEmpty())
        return;
    remember(path, false);
    m_controller->exportCoco(path);
}

void FileDialogs::exportLabelmeIntoFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(m_parent, tr("Export labelme into Folder"), startFolder());
    if (folder.isEmpty())
        return;
    remember(folder, true);
    m_controller->exportLabelme(folder);
}

void FileDialogs::importCoco()
{
    const QString instances = QFileDialog::getOpenFileName(m_parent, tr("Import COCO Instances"), startFolder(),
                                                           tr("COCO JSON (*.json)"));
    if (instances.isEmpty())
        return;
    remember(instances, false);
    m_controller->importCoco(instances, ProjectController::existingCaptionsFileFor(instances));
}

void FileDialogs::importLabelmeFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(m_parent, tr("Import labelme Files"), startFolder(),
                                                            tr("labelme JSON (*.json)"));
    if (files.isEmpty())
        return;
    remember(files.first(), false);
    m_controller->importLabelme(files);
}

void FileDialogs::importLabelmeFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(m_parent, tr("Import labelme Folder"), startFolder());
    if (folder.isEmpty())
        return;
    remember(folder, true);
    QStringList files;
    QDirIterator it(folder, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (QFileInfo(file).fileName() != QLatin1String(kProjectFileName))
            files << file;
    }
    if (files.isEmpty()) {
        QMessageBox::information(m_parent, tr("Import"),
                                 tr("There are no JSON files in %1.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    m_controller->importLabelme(files);
}

void FileDialogs::exportDataset(const QString &format)
{
    const formats::FormatInfo *info = formats::findFormat(toStd(format));
    if (!info)
        return;
    DatasetExportDialog dialog(*info, QDir(startFolder()).filePath(QStringLiteral("export-") + format), m_parent);
    if (dialog.exec() != QDialog::Accepted || dialog.folder().isEmpty())
        return;
    remember(dialog.folder(), true);
    m_controller->exportDataset(format, dialog.folder(), dialog.options());
}

void FileDialogs::importDataset(const QString &format)
{
    const formats::FormatInfo *info = formats::findFormat(toStd(format));
    if (!info || !info->read)
        return;
    const QString title = tr("Import %1").arg(toQt(info->displayName));
    // Every reader takes its folder; formats whose input is one file (a .jsonl) take that too.
    const QString input = QFileDialog::getExistingDirectory(m_parent, title + QStringLiteral(" — ") + toQt(info->inputHint),
                                                            startFolder());
    if (input.isEmpty())
        return;
    remember(input, true);
    formats::ImportOptions options;
    if (!info->importVariants.empty()) {
        QStringList items;
        for (const formats::FormatVariant &v : info->importVariants)
            items << toQt(v.displayName);
        bool ok = false;
        const QString item = QInputDialog::getItem(m_parent, title, tr("Read the label files as:"), items, 0, false, &ok);
        if (!ok)
            return;
        options.variant = info->importVariants[std::size_t(items.indexOf(item))].name;
    }
    m_controller->importDataset(format, input, options);
}

} // namespace florence::ui
