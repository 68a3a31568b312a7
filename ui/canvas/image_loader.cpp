#include "canvas/image_loader.h"

#include "common/error_text.h"
#include "convert.h"
#include "image/decode.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace florence::ui {

DecodedImage decodeImageJob(const QString &path, bool wantPyramid, int thumbnailSide)
{
    DecodedImage out;
    out.path = path;
    QElapsedTimer timer;
    timer.start();
    try {
        RgbImage rgb = decodeImageFile(toStd(path));
        out.decodeMilliseconds = double(timer.nsecsElapsed()) / 1e6;
        out.size = QSize(rgb.width, rgb.height);
        if (wantPyramid) {
            out.pyramid = buildImagePyramid(rgb);
            if (!out.pyramid)
                throw std::runtime_error("not enough memory to display " + toStd(path));
        }
        if (thumbnailSide > 0) {
            QImage source;
            if (out.pyramid) {
                source = out.pyramid->levels.back();
            } else {
                // Shrink cheaply by 2^k first so the smooth scaling below stays fast on huge images.
                RgbImage small;
                int step = 1;
                while (std::max(rgb.width, rgb.height) / (step * 2) >= thumbnailSide * 2)
                    step *= 2;
                small.width = (rgb.width + step - 1) / step;
                small.height = (rgb.height + step - 1) / step;
                small.pixels.resize(std::size_t(small.width) * std::size_t(small.height) * 3);
                for (int y = 0; y < small.height; ++y)
                    for (int x = 0; x < small.width; ++x)
                        for (int c = 0; c < 3; ++c)
                            small.pixels[(std::size_t(y) * small.width + x) * 3 + c] =
                                rgb.pixels[(std::size_t(y) * step * rgb.width + std::size_t(x) * step) * 3 + c];
                source = toQImage(small);
            }
            out.thumbnail = source.scaled(thumbnailSide, thumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        }
    } catch (const std::exception &e) {
        out.pyramid.reset();
        out.thumbnail = QImage();
        const ErrorInfo info = errorInfo(e, ErrorKind::BadInput); // OpenCV's own exceptions: a bad file
        out.error = info.detail;
        out.errorKind = info.kind;
    }
    out.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

ImageLoader::ImageLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const ImagePyramid>>();
    m_pool.setMaxThreadCount(2); // the current image and one prefetch
}

ImageLoader::~ImageLoader()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ImageLoader::request(const QString &path)
{
    m_wanted = path;
    if (auto pyramid = cached(path)) {
        remember(path, pyramid); // most recent first
        Q_EMIT loaded(path, pyramid, 0.0);
        return;
    }
    if (!m_running.contains(path))
        start(path);
}

void ImageLoader::prefetch(const QString &path)
{
    if (!cached(path) && !m_running.contains(path) && m_running.size() < 2)
        start(path);
}

std::shared_ptr<const ImagePyramid> ImageLoader::cached(const QString &path) const
{
    for (const auto &entry : m_cache)
        if (entry.first == path)
            return entry.second;
    return nullptr;
}

void ImageLoader::clear()
{
    ++m_generation;
    m_cache.clear();
    m_wanted.clear();
}

void ImageLoader::start(const QString &path)
{
    m_running << path;
    auto *watcher = new QFutureWatcher<DecodedImage>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const DecodedImage result = watcher->result();
        m_running.removeAll(result.path);
        if (generation == m_generation)
            finished(result);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [path] { return decodeImageJob(path, true, 0); }));
}

void ImageLoader::finished(const DecodedImage &result)
{
    if (result.pyramid)
        remember(result.path, result.pyramid);
    if (result.path != m_wanted)
        return; // stale or prefetched: cached, not delivered
    if (result.pyramid)
        Q_EMIT loaded(result.path, result.pyramid, result.milliseconds);
    else
        Q_EMIT failed(result.path, result.errorKind, result.error);
}

void ImageLoader::remember(const QString &path, std::shared_ptr<const ImagePyramid> pyramid)
{
    m_cache.remove_if([&](const auto &entry) { return entry.first == path; });
    m_cache.emplace_front(path, std::move(pyramid));
    qint64 bytes = 0;
    int count = 0;
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        bytes += it->second->byteCount();
        ++count;
        if (count > 1 && (count > kCacheEntries || bytes > kCacheBytes))
            it = m_cache.erase(it);
        else
            ++it;
    }
}

} // namespace florence::ui
