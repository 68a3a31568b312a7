#include "panels/thumbnail_loader.h"

#include "canvas/image_loader.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace florence::ui {

ThumbnailLoader::ThumbnailLoader(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(2);
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_queue.clear();
    m_pool.waitForDone();
}

void ThumbnailLoader::setQueue(const QStringList &paths)
{
    clear();
    enqueue(paths);
}

void ThumbnailLoader::enqueue(const QStringList &paths)
{
    m_queue << paths;
    startJobs();
}

void ThumbnailLoader::prioritize(const QString &path)
{
    if (m_queue.removeOne(path))
        m_queue.prepend(path);
}

void ThumbnailLoader::clear()
{
    m_queue.clear();
    ++m_generation;
}

void ThumbnailLoader::startJobs()
{
    while (!m_queue.isEmpty() && m_running < m_pool.maxThreadCount()) {
        const QString path = m_queue.takeFirst();
        ++m_running;
        auto *watcher = new QFutureWatcher<DecodedImage>(this);
        const quint64 generation = m_generation;
        connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            --m_running;
            const DecodedImage result = watcher->result();
            if (generation == m_generation) {
                if (result.error.isEmpty())
                    Q_EMIT thumbnailReady(result.path, result.thumbnail, result.size);
                else
                    Q_EMIT thumbnailFailed(result.path, result.errorKind, result.error);
            }
            startJobs();
            if (!isBusy())
                Q_EMIT idle();
        });
        watcher->setFuture(QtConcurrent::run(&m_pool, [path] { return decodeImageJob(path, false, kSide); }));
    }
}

} // namespace florence::ui
