#pragma once
// Decodes thumbnails (and learns sizes, and finds broken files) for the image list off the GUI thread.

#include "common/error.h"

#include <QImage>
#include <QObject>
#include <QSize>
#include <QStringList>
#include <QThreadPool>

namespace florence::ui {

/// Queue of thumbnail jobs run with QtConcurrent on a private pool (two at a time, so the canvas's
/// own decoding keeps a core); results arrive on the GUI thread. Each job decodes the file with
/// core's decoder, so an unreadable file is reported exactly as the canvas and the model would.
class ThumbnailLoader : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    /// Longer side of thumbnails in pixels.
    static constexpr int kSide = 96;

    /// Replaces the queue by `paths` (absolute), processed in order.
    void setQueue(const QStringList &paths);
    /// Adds paths at the end of the queue.
    void enqueue(const QStringList &paths);
    /// Moves `path` to the front of the queue (e.g. a visible row).
    void prioritize(const QString &path);
    /// Drops the queue; running jobs finish but their results are dropped.
    void clear();
    /// True while jobs are queued or running.
    bool isBusy() const { return !m_queue.isEmpty() || m_running > 0; }
    /// Blocks until running jobs are done (shutdown, tests).
    void waitForDone() { m_pool.waitForDone(); }

Q_SIGNALS:
    void thumbnailReady(const QString &path, const QImage &thumbnail, const QSize &imageSize);
    void thumbnailFailed(const QString &path, florence::ErrorKind kind, const QString &message);
    /// The queue ran empty.
    void idle();

private:
    void startJobs();

    QThreadPool m_pool;
    QStringList m_queue;
    int m_running = 0;
    quint64 m_generation = 0;
};

} // namespace florence::ui
