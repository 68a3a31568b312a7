#include "inference/model_finder.h"

#include "convert.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace florence::ui {

namespace {

constexpr char kFoldersKey[] = "model/folders";

std::vector<io::FoundModel> scanAll(const std::string &hub, const std::vector<std::string> &folders)
{
    std::vector<io::FoundModel> out;
    try {
        out = io::scanHfCache(hub);
    } catch (...) {
        // an unreadable cache lists nothing (describeModelFolder never throws; the walk might)
    }
    try {
        for (io::FoundModel &m : io::scanFolders(folders))
            out.push_back(std::move(m));
    } catch (...) {
    }
    return out;
}

} // namespace

ModelFinder::ModelFinder(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<std::vector<io::FoundModel>>::finished, this, [this] {
        if (m_watched != m_generation) {
            scan(); // folders changed meanwhile
            return;
        }
        m_models = m_watcher.result();
        Q_EMIT finished();
    });
}

ModelFinder::~ModelFinder()
{
    m_watcher.waitForFinished();
}

QString ModelFinder::hubDir() const
{
    return m_hubDir.isEmpty() ? toQt(io::hfHubCacheDir()) : m_hubDir;
}

void ModelFinder::scan()
{
    ++m_generation;
    if (m_watcher.isRunning())
        return; // rescans when the running one ends
    std::vector<std::string> folders;
    for (const QString &f : m_folders)
        folders.push_back(toStd(f));
    m_watched = m_generation;
    m_watcher.setFuture(QtConcurrent::run(scanAll, toStd(hubDir()), folders));
}

QStringList ModelFinder::savedFolders()
{
    return QSettings().value(QLatin1String(kFoldersKey)).toStringList();
}

void ModelFinder::saveFolders(const QStringList &folders)
{
    QSettings().setValue(QLatin1String(kFoldersKey), folders);
}

QString formatParameterCount(std::int64_t n)
{
    if (n < 0)
        return QStringLiteral("?");
    if (n >= 1000000000)
        return QStringLiteral("%1 B").arg(QLocale().toString(double(n) / 1e9, 'f', 2));
    if (n >= 1000000)
        return QStringLiteral("%1 M").arg(QLocale().toString(double(n) / 1e6, 'f', n >= 10000000 ? 0 : 1));
    return QStringLiteral("%1 k").arg(QLocale().toString(double(n) / 1e3, 'f', 0));
}

QString formatBytes(std::uint64_t bytes)
{
    const double b = double(bytes);
    if (b >= 1e9)
        return QStringLiteral("%1 GB").arg(QLocale().toString(b / 1e9, 'f', 2));
    if (b >= 1e6)
        return QStringLiteral("%1 MB").arg(QLocale().toString(b / 1e6, 'f', b >= 1e8 ? 0 : 1));
    if (b >= 1e3)
        return QStringLiteral("%1 kB").arg(QLocale().toString(b / 1e3, 'f', 0));
    return QStringLiteral("%1 B").arg(bytes);
}

QString foundModelName(const io::FoundModel &model)
{
    if (!model.repoId.empty())
        return toQt(model.repoId);
    return QFileInfo(QDir::cleanPath(toQt(model.dir))).fileName();
}

} // namespace florence::ui
