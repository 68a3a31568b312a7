#pragma once
// Model ▸ Download…: fetches microsoft/Florence-2-{base,large}[-ft] or any ORG/NAME into the Hugging
// Face cache layout with the core downloader (core/io/download.h) on a pool thread: progress bar,
// speed and ETA, cancel, resume (the next start continues the partial files), the sha256 check,
// HF_ENDPOINT / HF_TOKEN, and the core's offline message. The GUI thread never waits on the network.

#include "common/error.h"
#include "io/download.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace florence::ui {

/// The download dialog. After a successful download, Load emits loadRequested(snapshotDir()).
class DownloadDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DownloadDialog(QWidget *parent = nullptr);
    /// Cancels a running download and waits for its thread (the partial file stays for a resume).
    ~DownloadDialog() override;

    /// What to download: "base", "large", "base-ft", "large-ft" or ORG/NAME.
    void setRepo(const QString &repo);
    QString repo() const;
    /// Where to (empty: the environment's hub cache), from where (empty: $HF_ENDPOINT or the hub),
    /// with which token (empty: $HF_TOKEN) and timeouts (tests use a local server).
    void setCacheDir(const QString &dir);
    void setEndpoint(const QString &endpoint) { m_options.endpoint = endpoint.toStdString(); }
    void setToken(const QString &token) { m_options.token = token.toStdString(); }
    void setTimeouts(long connectS, long stallS);

    /// Starts (or resumes) the download; false with the reason shown when the name is not valid.
    bool start();
    /// Asks the running download to stop; the partial file is kept for the next start.
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

    /// The folder to load after a successful download, else empty.
    QString snapshotDir() const { return m_snapshotDir; }
    /// The message of the last failed download (the core's), else empty.
    QString lastError() const { return m_lastError; }
    /// Progress reports received (for tests: progress is shown while it runs).
    int progressReports() const { return m_reports; }

    QComboBox *repoBox() const { return m_repo; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QPushButton *loadButton() const { return m_load; }

    /// What one download ended with.
    struct Outcome
    {
        bool ok = false;
        bool cancelled = false;
        QString error;
        ErrorKind errorKind = ErrorKind::Internal;
        io::DownloadResult result;
    };

Q_SIGNALS:
    /// A download ended: ok, cancelled (resumable) or failed (lastError()).
    void finished(bool ok);
    /// Load was clicked after a download.
    void loadRequested(const QString &dir);

protected:
    void reject() override;

private:
    void showProgress(const io::DownloadProgress &p);
    void onFinished();
    void updateButtons();
    void updateTarget();

    io::DownloadOptions m_options;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<Outcome> m_watcher;
    QString m_snapshotDir;
    QString m_lastError;
    bool m_resumable = false;
    int m_reports = 0;

    QComboBox *m_repo;
    QLabel *m_target;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_message;
    QPushButton *m_download;
    QPushButton *m_cancelButton;
    QPushButton *m_load;
    QPushButton *m_close;
};

/// "5.2 MB/s".
QString formatSpeed(double bytesPerSecond);
/// "1 h 02 min", "4 min 05 s", "12 s"; "—" when unknown (< 0).
QString formatDuration(double seconds);

} // namespace florence::ui
