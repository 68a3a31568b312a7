#include "project/project_io.h"

#include "common/error.h"
#include "convert.h"
#include "document/document.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace florence::ui {

QStringList imageNameFilters()
{
    return {QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.jpe"), QStringLiteral("*.png"),
            QStringLiteral("*.bmp"), QStringLiteral("*.tif"), QStringLiteral("*.tiff"), QStringLiteral("*.webp")};
}

bool isImageFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return imageNameFilters().contains(QStringLiteral("*.") + suffix);
}

bool naturalLess(const QString &a, const QString &b)
{
    // QCollator's numeric mode needs ICU and a non-C locale; this works everywhere.
    int i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            int ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            // Compare digit runs by value: strip leading zeros, then by length, then lexically.
            QStringView x = QStringView(a).mid(i, ei - i), y = QStringView(b).mid(j, ej - j);
            while (x.size() > 1 && x.front() == QLatin1Char('0'))
                x = x.mid(1);
            while (y.size() > 1 && y.front() == QLatin1Char('0'))
                y = y.mid(1);
            if (x.size() != y.size())
                return x.size() < y.size();
            if (const int c = x.compare(y); c != 0)
                return c < 0;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toLower(), cb = b[j].toLower();
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j))
        return a.size() - i < b.size() - j;
    return a < b; // equal ignoring case and zeros: a stable, total order
}

QStringList findImages(const QString &folder, bool recursive)
{
    QStringList out;
    const QDir root(folder);
    QDirIterator it(folder, imageNameFilters(), QDir::Files | QDir::Readable | QDir::NoDotAndDotDot,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString path = it.next();
        out << root.relativeFilePath(path);
    }
    std::sort(out.begin(), out.end(), naturalLess);
    return out;
}

QString defaultProjectPath(const QString &folder)
{
    return QDir(folder).filePath(QString::fromLatin1(kProjectFileName));
}

Project projectFromDocument(const Document &document, const QString &projectPath)
{
    Project project;
    const QDir projectDir = QFileInfo(projectPath).absoluteDir();
    project.rootDir = toStd(projectDir.absolutePath());
    project.images.reserve(std::size_t(document.imageCount()));
    for (int i = 0; i < document.imageCount(); ++i) {
        project.images.push_back(document.image(i));
        project.images.back().path = toStd(projectDir.relativeFilePath(document.absolutePath(i)));
    }
    project.labels = document.knownLabels();
    for (const std::string &label : labelsInFirstUseOrder(project.images))
        if (std::find(project.labels.begin(), project.labels.end(), label) == project.labels.end())
            project.labels.push_back(label);
    project.prompts = document.promptTable();
    return project;
}

void rebaseProject(Project &project, const QString &folder)
{
    const QDir from(toQt(project.rootDir));
    const QDir to(folder);
    for (ImageRecord &image : project.images)
        image.path = toStd(to.relativeFilePath(QDir::cleanPath(from.absoluteFilePath(toQt(image.path)))));
    project.rootDir = toStd(to.absolutePath());
}

void writeFileAtomically(const QString &path, const std::string &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(ErrorKind::Io, "cannot write '" + toStd(path) + "': " + toStd(file.errorString()));
    if (file.write(data.data(), qint64(data.size())) != qint64(data.size())) {
        const std::string why = toStd(file.errorString());
        file.cancelWriting();
        throw Error(ErrorKind::Io, "cannot write '" + toStd(path) + "': " + why);
    }
    if (!file.commit())
        throw Error(ErrorKind::Io, "cannot write '" + toStd(path) + "': " + toStd(file.errorString()));
}

} // namespace florence::ui
