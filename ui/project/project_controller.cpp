#include "project/project_controller.h"

#include "annotate/review.h"

#include "annotate/coco.h"
#include "annotate/formats/registry.h"
#include "annotate/labelme.h"
#include "annotate/project.h"
#include "common/error.h"
#include "common/file_io.h"
#include "convert.h"
#include "document/commands/image_commands.h"
#include "document/commands/shape_commands.h"
#include "document/document.h"
#include "image/image_header.h"
#include "project/project_io.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSettings>
#include <QUndoStack>

#include <map>

namespace florence::ui {

namespace {

const char *kLocationsKey = "project/locations"; ///< QSettings: image folder -> project file chosen elsewhere

QString what(const std::exception &e)
{
    return QString::fromUtf8(e.what());
}

/// A file that could not be read (opened, imported): the translated sentence, then core's detail.
QString readFailure(const std::exception &e)
{
    return userMessage(ErrorContext::Read, errorInfo(e, ErrorKind::BadInput));
}

/// A file that could not be written (export): the translated sentence, then core's detail.
QString writeFailure(const std::exception &e)
{
    return userMessage(ErrorContext::Write, errorInfo(e, ErrorKind::Io));
}

} // namespace

ProjectController::ProjectController(Document *document, Prompts *prompts, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_prompts(prompts)
    , m_autosaver(document)
{
    connect(&m_autosaver, &Autosaver::saveFailed, this, &ProjectController::handleSaveFailure);
    connect(&m_autosaver, &Autosaver::saved, this, [this](const QString &path) {
        m_askedAbout.clear();
        Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });
}

QString ProjectController::folder() const
{
    return m_document->rootDir();
}

QString ProjectController::storedLocation(const QString &folder) const
{
    return QSettings().value(QLatin1String(kLocationsKey)).toMap().value(folder).toString();
}

void ProjectController::rememberLocation(const QString &folder, const QString &projectPath)
{
    QSettings settings;
    QVariantMap map = settings.value(QLatin1String(kLocationsKey)).toMap();
    if (projectPath == defaultProjectPath(folder))
        map.remove(folder);
    else
        map.insert(folder, projectPath);
    settings.setValue(QLatin1String(kLocationsKey), map);
}

void ProjectController::startProject(const QString &folder, std::vector<ImageRecord> records,
                                     std::vector<std::string> labels, const QString &projectPath, PromptTable prompts)
{
    m_autosaver.saveNow(); // the previous project, if it has unsaved work
    m_askedAbout.clear();
    m_document->reset(folder, std::move(records), std::move(labels));
    m_document->setPromptTable(std::move(prompts));
    m_autosaver.setPath(projectPath);
    m_autosaver.markSaved();
    Q_EMIT projectOpened();
}

bool ProjectController::openFolder(const QString &folderIn, bool recursive)
{
    const QFileInfo info(folderIn);
    if (!info.isDir() || !info.isReadable()) {
        m_prompts->warning(tr("Cannot open folder"),
                           tr("The folder %1 does not exist or cannot be read.").arg(QDir::toNativeSeparators(folderIn)));
        return false;
    }
    const QString folder = QDir::cleanPath(info.absoluteFilePath());
    QString projectPath = storedLocation(folder);
    if (projectPath.isEmpty() || !QFileInfo::exists(projectPath))
        projectPath = defaultProjectPath(folder);

    std::vector<ImageRecord> records;
    std::vector<std::string> labels;
    PromptTable prompts;
    bool loaded = false;
    if (QFileInfo::exists(projectPath)) {
        try {
            Project project = loadProject(toStd(projectPath));
            rebaseProject(project, folder);
            records = std::move(project.images);
            labels = std::move(project.labels);
            prompts = std::move(project.prompts);
            loaded = true;
        } catch (const std::exception &e) {
            m_prompts->warning(tr("Cannot read the project file"),
                               tr("The project file %1 could not be read:\n%2\n\nThe images are shown without its "
                                  "annotations and the file is left untouched. Use File ▸ Save Project As… to keep "
                                  "new work in another file.")
                                   .arg(QDir::toNativeSeparators(projectPath), readFailure(e)));
            projectPath.clear(); // never overwrite a file we could not read
        }
    }
    QSet<QString> known;
    for (const ImageRecord &record : records)
        known.insert(toQt(record.path));
    int added = 0;
    for (const QString &relative : findImages(folder, recursive)) {
        if (known.contains(relative))
            continue;
        ImageRecord record;
        record.path = toStd(relative);
        records.push_back(std::move(record));
        ++added;
    }
    startProject(folder, std::move(records), std::move(labels), projectPath, std::move(prompts));
    if (loaded && added > 0)
        Q_EMIT message(tr("%n new image(s) found since the project was saved", nullptr, added));
    return true;
}

bool ProjectController::openFiles(const QStringList &files)
{
    if (files.isEmpty())
        return false;
    const QString folder = QDir::cleanPath(QFileInfo(files.first()).absolutePath());
    if (!openFolder(folder, false))
        return false;
    // Files outside the folder (or not matched by the image patterns) join the project too.
    std::vector<ImageRecord> extra;
    for (const QString &file : files) {
        if (m_document->indexOfPath(file) >= 0)
            continue;
        ImageRecord record;
        record.path = toStd(QDir(folder).relativeFilePath(QFileInfo(file).absoluteFilePath()));
        extra.push_back(std::move(record));
    }
    m_document->appendImages(std::move(extra));
    return true;
}

bool ProjectController::openProjectFile(const QString &path)
{
    Project project;
    try {
        project = loadProject(toStd(path));
    } catch (const std::exception &e) {
        m_prompts->warning(tr("Cannot open project"), tr("The project file %1 could not be read:\n%2")
                                                         .arg(QDir::toNativeSeparators(path), readFailure(e)));
        return false;
    }
    const QString root = toQt(project.rootDir);
    startProject(root, std::move(project.images), std::move(project.labels), QFileInfo(path).absoluteFilePath(),
                 std::move(project.prompts));
    return true;
}

bool ProjectController::saveAs(const QString &pathIn)
{
    const QString path = QFileInfo(pathIn).absoluteFilePath();
    const QString previous = m_autosaver.path();
    m_autosaver.setPath(path);
    m_askedAbout = path; // a failure here is reported below, not asked about again
    QString error;
    if (!m_autosaver.saveNow(&error, /*force*/ true)) {
        m_autosaver.setPath(previous);
        m_prompts->warning(tr("Cannot save project"), tr("The project could not be saved to %1:\n%2")
                                                           .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    if (!m_document->rootDir().isEmpty())
        rememberLocation(m_document->rootDir(), path);
    return true;
}

bool ProjectController::save()
{
    if (m_autosaver.path().isEmpty()) {
        if (!m_autosaver.hasUnsavedChanges())
            return true;
        const QString chosen = m_prompts->chooseProjectLocation(
            QString(), tr("The project has no file it can be saved to (its file could not be read)."));
        return !chosen.isEmpty() && saveAs(chosen);
    }
    m_askedAbout.clear(); // an explicit save asks again when it fails
    m_autosaver.saveNow();
    return !m_autosaver.hasUnsavedChanges();
}

void ProjectController::handleSaveFailure(const QString &path, ErrorKind kind, const QString &detail)
{
    Q_EMIT message(tr("Not saved: %1").arg(ErrorText::summary(ErrorContext::Write, kind)));
    const QString reason = userMessage(ErrorContext::Write, kind, detail);
    if (m_askedAbout == path)
        return; // asked already: keep the work in memory, retry on the next edit
    m_askedAbout = path;
    const QString chosen = m_prompts->chooseProjectLocation(
        path, tr("The project could not be saved to %1:\n%2\n\nYour work is kept in memory. Choose another location "
                 "for the project file.")
                  .arg(QDir::toNativeSeparators(path), reason));
    if (!chosen.isEmpty())
        saveAs(chosen);
}

QString ProjectController::captionsPathFor(const QString &instancesPath)
{
    return toQt(florence::captionsPathFor(toStd(instancesPath)));
}

QString ProjectController::existingCaptionsFileFor(const QString &instancesPath)
{
    for (const std::string &candidate : captionsPathCandidates(toStd(instancesPath)))
        if (QFileInfo::exists(toQt(candidate)))
            return toQt(candidate);
    return {};
}

QStringList ProjectController::fillMissingSizes()
{
    // The header says the size (EXIF orientation applied): no pixel is decoded.
    QStringList unreadable;
    for (int i = 0; i < m_document->imageCount(); ++i) {
        const ImageRecord &record = m_document->image(i);
        if (record.width > 0 || (record.shapes.empty() && record.captions.empty()))
            continue;
        const std::string path = toStd(m_document->absolutePath(i));
        try {
            const std::vector<std::uint8_t> bytes = readBinaryFile(path);
            const ImageHeader header = probeImageHeader(bytes.data(), bytes.size(), path);
            m_document->setImageSize(i, header.displayWidth(), header.displayHeight());
        } catch (const std::exception &e) {
            unreadable << what(e);
        }
    }
    return unreadable;
}

bool ProjectController::exportCoco(const QString &instancesPath)
{
    const QStringList unreadable = fillMissingSizes();
    const QString captionsPath = captionsPathFor(instancesPath);
    std::size_t pending = 0;
    try {
        std::vector<ImageRecord> images;
        for (int i = 0; i < m_document->imageCount(); ++i)
            images.push_back(m_document->image(i));
        images = acceptedOnly(images, &pending); // suggestions are exported once accepted
        CocoExportOptions options;
        options.labels = projectFromDocument(*m_document, defaultProjectPath(m_document->rootDir())).labels;
        const CocoFiles files = florence::exportCoco(images, options);
        writeFileAtomically(instancesPath, files.instances);
        writeFileAtomically(captionsPath, files.captions);
    } catch (const std::exception &e) {
        m_prompts->warning(tr("Export failed"), tr("The COCO export to %1 failed:\n%2")
                                                    .arg(QDir::toNativeSeparators(instancesPath), writeFailure(e)));
        return false;
    }
    Q_EMIT message(tr("Exported COCO instances to %1 and captions to %2")
                       .arg(QDir::toNativeSeparators(instancesPath), QDir::toNativeSeparators(captionsPath))
                   + (pending ? QStringLiteral(" · ") + tr("%n suggestion(s) not yet accepted were left out", nullptr, int(pending))
                              : QString()));
    if (!unreadable.isEmpty())
        m_prompts->warning(tr("Export incomplete"),
                           tr("%n annotated image(s) could not be read, so their width and height are 0 in %1:\n%2",
                              nullptr, int(unreadable.size()))
                               .arg(QDir::toNativeSeparators(instancesPath), unreadable.join(QLatin1Char('\n'))));
    return true;
}

int ProjectController::exportLabelme(const QString &folder)
{
    fillMissingSizes();
    int written = 0;
    QStringList failures;
    const QDir root(m_document->rootDir());
    for (int i = 0; i < m_document->imageCount(); ++i) {
        const ImageRecord record = acceptedOnly({m_document->image(i)}).front(); // suggestions once accepted
        const QString imagePath = m_document->absolutePath(i);
        QString jsonPath;
        if (folder.isEmpty()) {
            jsonPath = toQt(labelmeJsonPathFor(toStd(imagePath)));
        } else {
            jsonPath = QDir(folder).filePath(toQt(labelmeJsonPathFor(toStd(root.relativeFilePath(imagePath)))));
        }
        // Unannotated images get no file, unless one exists (so that deleted annotations propagate).
        if (record.shapes.empty() && record.captions.empty() && !QFileInfo::exists(jsonPath))
            continue;
        try {
            const QFileInfo jsonInfo(jsonPath);
            if (!QDir().mkpath(jsonInfo.absolutePath()))
                throw Error(ErrorKind::Io, "cannot create the folder '" + toStd(jsonInfo.absolutePath()) + "'");
            const std::string text = folder.isEmpty()
                ? florence::exportLabelme(record)
                : exportLabelmeAs(record, toStd(jsonInfo.absoluteDir().relativeFilePath(imagePath)));
            writeFileAtomically(jsonPath, text);
            ++written;
        } catch (const std::exception &e) {
            failures << tr("%1: %2").arg(QDir::toNativeSeparators(jsonPath), what(e));
        }
    }
    if (!failures.isEmpty()) {
        m_prompts->warning(tr("Export failed"),
                           tr("%n labelme file(s) could not be written:", nullptr, int(failures.size())) + QLatin1Char('\n')
                               + failures.mid(0, 10).join(QLatin1Char('\n')));
        return -1;
    }
    Q_EMIT message(tr("Exported %n labelme file(s)", nullptr, written));
    return written;
}

int ProjectController::matchImage(const ImageRecord &record) const
{
    const QString path = toQt(record.path);
    if (QFileInfo(path).isAbsolute())
        return m_document->indexOfPath(path);
    const int direct = m_document->indexOfPath(QDir(m_document->rootDir()).filePath(path));
    if (direct >= 0)
        return direct;
    // Fall back to the file name when exactly one project image has it.
    if (m_namesIndexed != m_document->imageCount()) {
        m_imagesByName.clear();
        for (int i = 0; i < m_document->imageCount(); ++i)
            m_imagesByName.insert(QFileInfo(toQt(m_document->image(i).path)).fileName(), i);
        m_namesIndexed = m_document->imageCount();
    }
    const QList<int> found = m_imagesByName.values(QFileInfo(path).fileName());
    return found.size() == 1 ? found.first() : -1;
}

bool ProjectController::applyImport(std::vector<ImageRecord> records, const QString &source, QStringList problems)
{
    m_namesIndexed = -1; // the document may have changed since the last import
    std::map<int, ImageRecord> matched; // document image -> what to import into it
    QStringList unmatched;
    for (ImageRecord &record : records) {
        const int index = matchImage(record);
        if (index < 0) {
            if (!record.shapes.empty() || !record.captions.empty())
                unmatched << toQt(record.path);
            continue;
        }
        ImageRecord &target = matched[index];
        target.shapes.insert(target.shapes.end(), record.shapes.begin(), record.shapes.end());
        target.captions.insert(target.captions.end(), record.captions.begin(), record.captions.end());
    }
    if (!unmatched.isEmpty())
        problems << tr("%n annotated image(s) of the file are not part of this project and were skipped: %1", nullptr,
                       int(unmatched.size()))
                        .arg(unmatched.mid(0, 5).join(QStringLiteral(", "))
                             + (unmatched.size() > 5 ? QStringLiteral(", …") : QString()));
    int annotations = 0;
    int withExisting = 0;
    for (const auto &[index, record] : matched) {
        annotations += int(record.shapes.size() + record.captions.size());
        const ImageRecord &current = m_document->image(index);
        if (!current.shapes.empty() || !current.captions.empty())
            ++withExisting;
    }
    if (annotations == 0) {
        problems.prepend(tr("Nothing was imported from %1.").arg(QDir::toNativeSeparators(source)));
        m_prompts->warning(tr("Import"), problems.join(QStringLiteral("\n\n")));
        return false;
    }
    ImportMode mode = ImportMode::Add;
    if (withExisting > 0) {
        mode = m_prompts->askImportMode(withExisting);
        if (mode == ImportMode::Cancel)
            return false;
    }
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Import %n annotation(s)", nullptr, annotations));
    for (auto &[index, record] : matched) {
        if (record.shapes.empty() && record.captions.empty() && mode == ImportMode::Add)
            continue;
        if (mode == ImportMode::Replace)
            stack->push(new ReplaceAnnotations(m_document, index, std::move(record.shapes), std::move(record.captions)));
        else
            stack->push(new AddAnnotations(m_document, index, std::move(record.shapes), std::move(record.captions)));
    }
    stack->endMacro();
    Q_EMIT message(tr("Imported %n annotation(s) into %1 image(s)", nullptr, annotations).arg(matched.size()));
    if (!problems.isEmpty())
        m_prompts->warning(tr("Import"), problems.join(QStringLiteral("\n\n")));
    return true;
}

bool ProjectController::importCoco(const QString &instancesPath, const QString &captionsPath)
{
    std::vector<ImageRecord> records;
    try {
        const std::string instances = readTextFile(toStd(instancesPath));
        if (captionsPath.isEmpty()) {
            records = florence::importCoco(instances, toStd(instancesPath));
        } else {
            const std::string captions = readTextFile(toStd(captionsPath));
            records = florence::importCoco(instances, toStd(instancesPath), &captions, toStd(captionsPath));
        }
    } catch (const std::exception &e) {
        m_prompts->warning(tr("Import failed"), tr("Nothing was imported; your annotations are unchanged.\n\n%1").arg(readFailure(e)));
        return false;
    }
    return applyImport(std::move(records), instancesPath, {});
}

bool ProjectController::exportDataset(const QString &format, const QString &folder, const formats::ExportOptions &options)
{
    fillMissingSizes();
    formats::ExportResult result;
    QStringList unreadable;
    std::size_t pending = 0; // suggestions are exported once accepted
    try {
        const formats::FormatInfo &info = formats::formatOrThrow(toStd(format));
        formats::variantOrThrow(info, options.variant);
        formats::Dataset ds;
        ds.root = toStd(m_document->rootDir());
        ds.labels = projectFromDocument(*m_document, defaultProjectPath(m_document->rootDir())).labels;
        const QDir root(m_document->rootDir());
        for (int i = 0; i < m_document->imageCount(); ++i) {
            const QString absolute = m_document->absolutePath(i);
            QString relative = root.relativeFilePath(absolute);
            if (relative.startsWith(QLatin1String("../")) || QFileInfo(relative).isAbsolute())
                relative = QFileInfo(absolute).fileName(); // opened from elsewhere: its name in the export
            formats::Dataset one;
            std::size_t left = 0;
            one.images = acceptedOnly({m_document->image(i)}, &left);
            pending += left;
            one.images[0].path = toStd(relative);
            one.sources = {toStd(absolute)};
            try {
                formats::fillImageSizes(one); // a file that does not decode cannot be exported
            } catch (const std::exception &e) {
                unreadable << what(e);
                continue;
            }
            ds.images.push_back(std::move(one.images[0]));
            ds.sources.push_back(toStd(absolute));
        }
        result = info.write(ds, options);
        formats::writeExport(result, toStd(folder));
    } catch (const std::exception &e) {
        m_prompts->warning(tr("Export failed"), tr("The export to %1 failed (the folder has no summary.txt, so it is "
                                                   "not a complete export):\n%2")
                                                    .arg(QDir::toNativeSeparators(folder), writeFailure(e)));
        return false;
    }
    m_lastSummary = toQt(result.summary.toText());
    QString text = tr("Exported %n image(s) as %1 into %2.", nullptr, int(result.summary.images))
                       .arg(toQt(result.summary.format), QDir::toNativeSeparators(folder));
    if (pending > 0) {
        const QString left = tr("%n suggestion(s) not yet accepted were left out", nullptr, int(pending));
        text += QLatin1Char(' ') + left + QLatin1Char('.');
        m_lastSummary += QLatin1Char('\n') + left + QLatin1Char('\n');
    }
    std::size_t objects = 0;
    for (const auto &kv : result.summary.objectsPerClass)
        objects += kv.second;
    text += QLatin1Char('\n') + tr("%n object(s) written.", nullptr, int(objects));
    std::size_t dropped = 0;
    for (const auto &kv : result.summary.dropped)
        dropped += kv.second;
    if (dropped > 0)
        text += QLatin1Char(' ') + tr("%n item(s) the format cannot hold were left out; the details say what and why.",
                                      nullptr, int(dropped));
    if (!result.summary.warnings.empty())
        text += QLatin1Char('\n') + tr("Please read the warnings in the details.");
    if (!unreadable.isEmpty())
        text += QLatin1Char('\n')
                + tr("%n image(s) could not be read and were left out:", nullptr, int(unreadable.size()))
                + QLatin1Char('\n') + unreadable.mid(0, 5).join(QLatin1Char('\n'));
    Q_EMIT message(tr("Exported %n image(s) into %1", nullptr, int(result.summary.images)).arg(QDir::toNativeSeparators(folder)));
    m_prompts->report(tr("Export Summary"), text, m_lastSummary);
    return true;
}

bool ProjectController::importDataset(const QString &format, const QString &input, const formats::ImportOptions &options)
{
    formats::Dataset ds;
    try {
        const formats::FormatInfo &info = formats::formatOrThrow(toStd(format));
        if (!info.read)
            throw Error(ErrorKind::BadInput, "format '" + info.name + "' cannot be read");
        ds = info.read(toStd(input), options);
    } catch (const std::exception &e) {
        m_prompts->warning(tr("Import failed"), tr("Nothing was imported; your annotations are unchanged.\n\n%1").arg(readFailure(e)));
        return false;
    }
    // Formats with flat image names (VOC, DOTA) write "sub/c.png" as "sub_c.png": match those too.
    QHash<QString, int> flatNames;
    const QDir root(m_document->rootDir());
    for (int i = 0; i < m_document->imageCount(); ++i) {
        const QString flat = root.relativeFilePath(m_document->absolutePath(i)).replace(QLatin1Char('/'), QLatin1Char('_'));
        flatNames.insert(flat, flatNames.contains(flat) ? -1 : i);
    }
    m_namesIndexed = -1;
    std::vector<ImageRecord> records;
    records.reserve(ds.images.size());
    for (std::size_t i = 0; i < ds.images.size(); ++i) {
        ImageRecord record = std::move(ds.images[i]);
        // The image file itself when it is one of the project's, else its path in the dataset
        // (matched against the project folder, then by file name, then by flattened path).
        const QString source = QFileInfo(toQt(formats::sourcePath(ds, i))).absoluteFilePath();
        if (m_document->indexOfPath(source) >= 0) {
            record.path = toStd(source);
        } else if (matchImage(record) < 0) {
            const int flat = flatNames.value(QFileInfo(toQt(record.path)).fileName(), -1);
            if (flat >= 0)
                record.path = toStd(m_document->absolutePath(flat));
        }
        records.push_back(std::move(record));
    }
    QStringList problems;
    if (!ds.notes.empty()) {
        QStringList notes;
        for (const std::string &note : ds.notes)
            notes << toQt(note);
        problems << tr("Not kept by the import:") + QLatin1Char('\n') + notes.join(QLatin1Char('\n'));
    }
    return applyImport(std::move(records), input, problems);
}

bool ProjectController::importLabelme(const QStringList &files)
{
    std::vector<ImageRecord> records;
    QStringList problems;
    for (const QString &file : files) {
        const QString absolute = QFileInfo(file).absoluteFilePath();
        try {
            records.push_back(florence::importLabelme(readTextFile(toStd(absolute)), toStd(absolute)));
        } catch (const std::exception &e) {
            problems << what(e);
        }
    }
    if (records.empty()) {
        m_prompts->warning(tr("Import failed"), tr("Nothing was imported; your annotations are unchanged.\n\n%1")
                                                    .arg(problems.mid(0, 10).join(QLatin1Char('\n'))));
        return false;
    }
    if (!problems.isEmpty())
        problems.prepend(tr("%n file(s) could not be read and were skipped:", nullptr, int(problems.size())));
    return applyImport(std::move(records), files.size() == 1 ? files.first() : QFileInfo(files.first()).absolutePath(),
                       problems.isEmpty() ? QStringList() : QStringList{problems.join(QLatin1Char('\n'))});
}

} // namespace florence::ui
