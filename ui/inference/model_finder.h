#pragma once
// Finding the Florence-2 models on the machine for the GUI: the Hugging Face hub cache and the
// folders the user added (core/io/model_scan.h), scanned off the GUI thread (QtConcurrent), and
// how their sizes read. The model picker and the no-model panel use it.

#include "io/model_scan.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <vector>

namespace florence::ui {

/// Scans the hub cache and the user's folders on a pool thread; finished() follows on the GUI thread.
class ModelFinder : public QObject
{
    Q_OBJECT

public:
    /// `hubDir` empty: the hub cache of the environment (io::hfHubCacheDir()).
    explicit ModelFinder(QObject *parent = nullptr);
    ~ModelFinder() override;

    void setHubDir(const QString &dir) { m_hubDir = dir; }
    /// The hub cache scanned (the environment's unless set).
    QString hubDir() const;
    void setFolders(const QStringList &folders) { m_folders = folders; }
    QStringList folders() const { return m_folders; }

    /// Starts a scan (a scan in progress finishes first, its answer is dropped).
    void scan();
    bool isScanning() const { return m_watcher.isRunning(); }
    /// The models of the last finished scan: hub cache first (by repo and revision), then folders.
    const std::vector<io::FoundModel> &models() const { return m_models; }

    /// Folders the user added in the model picker (QSettings "model/folders").
    static QStringList savedFolders();
    static void saveFolders(const QStringList &folders);

Q_SIGNALS:
    void finished();

private:
    QString m_hubDir;
    QStringList m_folders;
    std::vector<io::FoundModel> m_models;
    QFutureWatcher<std::vector<io::FoundModel>> m_watcher;
    int m_generation = 0;
    int m_watched = 0;
};

/// "232 M", "0.77 B", "94 k" parameters.
QString formatParameterCount(std::int64_t n);
/// "1.5 GB", "463 MB", "12 kB" (SI units, as the hub shows them).
QString formatBytes(std::uint64_t bytes);
/// One line naming a found model: "microsoft/Florence-2-base-ft" or the folder's name.
QString foundModelName(const io::FoundModel &model);

} // namespace florence::ui
