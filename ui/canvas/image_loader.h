#pragma once
// Decodes the image shown on the canvas off the GUI thread (QtConcurrent) and keeps a few
// recently shown images so that going back and forth is instant.

#include "canvas/image_pyramid.h"
#include "common/error.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <list>
#include <memory>

namespace florence::ui {

/// What one decode job produced: pixels (pyramid and/or thumbnail) or an error message.
struct DecodedImage
{
    QString path;
    std::shared_ptr<const ImagePyramid> pyramid; ///< null when not asked for or on error
    QImage thumbnail;                            ///< null when not asked for or on error
    QSize size;                                  ///< displayed size in pixels (after EXIF orientation)
    QString error;                               ///< core's message (names the file); empty on success
    ErrorKind errorKind = ErrorKind::Internal;   ///< core's kind of the failure (picks the translated sentence)
    double milliseconds = 0;                     ///< time spent decoding and preparing
    double decodeMilliseconds = 0;               ///< of which in core's decodeImageFile
};

/// Decodes `path` with core's decodeImageFile (the pixels the model sees, EXIF orientation applied)
/// and builds what is asked for. Never throws: failures land in DecodedImage::error.
/// `thumbnailSide` > 0 asks for a thumbnail whose longer side is at most that many pixels.
DecodedImage decodeImageJob(const QString &path, bool wantPyramid, int thumbnailSide);

/// Loads canvas images one at a time off the GUI thread; results arrive as signals on the GUI thread.
class ImageLoader : public QObject
{
    Q_OBJECT

public:
    explicit ImageLoader(QObject *parent = nullptr);
    ~ImageLoader() override;

    /// Asks for the pixels of `path`. A cached image is delivered at once (synchronously); otherwise
    /// a job starts and loaded()/failed() follows. A newer request makes older pending results stale
    /// (they are cached but not delivered).
    void request(const QString &path);
    /// Decodes `path` into the cache in the background without delivering it.
    void prefetch(const QString &path);
    /// The cached pyramid of `path`, or nullptr.
    std::shared_ptr<const ImagePyramid> cached(const QString &path) const;
    /// Forgets the cache and every pending result.
    void clear();
    /// Blocks until no job is running (tests, shutdown).
    void waitForDone() { m_pool.waitForDone(); }

Q_SIGNALS:
    void loaded(const QString &path, std::shared_ptr<const florence::ui::ImagePyramid> pyramid, double milliseconds);
    void failed(const QString &path, florence::ErrorKind kind, const QString &message);

private:
    void start(const QString &path);
    void finished(const DecodedImage &result);
    void remember(const QString &path, std::shared_ptr<const ImagePyramid> pyramid);

    QThreadPool m_pool;
    QString m_wanted;        ///< path whose result is delivered
    QStringList m_running;   ///< paths with a job in flight
    quint64 m_generation = 0;
    std::list<std::pair<QString, std::shared_ptr<const ImagePyramid>>> m_cache; ///< most recent first
    static constexpr int kCacheEntries = 3;
    static constexpr qint64 kCacheBytes = qint64(1536) << 20;
};

} // namespace florence::ui
