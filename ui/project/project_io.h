#pragma once
// Finding images in folders and converting between the document and core's Project.

#include "annotate/project.h"

#include <QString>
#include <QStringList>

namespace florence::ui {

class Document;

/// File name of the project file Florence Studio keeps next to the images.
inline const char *kProjectFileName = "florence-project.json";

/// File-name patterns of the image formats the decoder reads (JPEG, PNG, BMP, TIFF, WebP).
QStringList imageNameFilters();
/// True when `fileName` has one of the image extensions (case-insensitive).
bool isImageFileName(const QString &fileName);

/// Natural, case-insensitive order of file names: "img2" < "img10" < "IMG11".
bool naturalLess(const QString &a, const QString &b);

/// Image files in `folder` (and below it when `recursive`), as paths relative to `folder` with '/'
/// separators, in natural order ("img2" before "img10"). Hidden folders are skipped.
QStringList findImages(const QString &folder, bool recursive);

/// The project file path used for `folder` by default: <folder>/florence-project.json.
QString defaultProjectPath(const QString &folder);

/// A core Project with everything the document holds, ready to be saved at `projectPath`: image
/// paths relative to the project file's folder (they are relative to the image folder in the
/// document; the two differ when the project is saved elsewhere), `labels` the known labels, then
/// labels in use that are not known yet.
Project projectFromDocument(const Document &document, const QString &projectPath);

/// Makes the image paths of `project` (relative to project.rootDir, as loadProject() returns them)
/// relative to `folder` instead, and sets rootDir to `folder`.
void rebaseProject(Project &project, const QString &folder);

/// Writes `data` to `path` atomically with QSaveFile. Throws Error(Io) naming the file and the
/// system's reason when the folder is read-only, the disk is full, etc.; the old file stays intact.
void writeFileAtomically(const QString &path, const std::string &data);

} // namespace florence::ui
