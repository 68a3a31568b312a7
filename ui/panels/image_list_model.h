#pragma once
// The rows of the image list: one per document image, with thumbnail, size, status or error.

#include "common/error_text.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QPixmap>

namespace florence::ui {

class Document;
class ThumbnailLoader;

/// List model over the document's images. Thumbnails and decode errors come from a ThumbnailLoader
/// (or from the canvas when it decoded the image first); they are view state, not document data.
class ImageListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        StatusRole = Qt::UserRole + 1, ///< int(ImageStatus)
        ErrorRole,                     ///< QString: core's English message, empty unless the image failed
        ErrorSummaryRole,              ///< QString: the translated sentence for that failure (no English)
        DetailRole,                    ///< QString: "640 × 480 · 120 KB · 3 shapes"
        AnnotationCountRole,           ///< int: shapes + captions
    };

    explicit ImageListModel(Document *document, QObject *parent = nullptr);

    ThumbnailLoader *loader() const { return m_loader; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    /// Stores a thumbnail that was computed elsewhere (the canvas decoded the image).
    void setThumbnail(const QString &path, const QImage &thumbnail, const QSize &size);
    /// Marks an image as failed: what was being done, core's kind and core's English message.
    void setError(const QString &path, ErrorContext context, ErrorKind kind, const QString &message);
    /// The decode error of image `row`, empty if none (or not known yet).
    QString error(int row) const;
    /// Translated name of a status ("Reviewed", ...).
    static QString statusText(int status);

private:
    void reset();
    void rowChanged(int row);
    int rowOf(const QString &path) const;

    Document *m_document;
    ThumbnailLoader *m_loader;
    QHash<QString, QPixmap> m_thumbnails;
    struct Failure
    {
        ErrorContext context = ErrorContext::Image;
        ErrorKind kind = ErrorKind::BadInput;
        QString detail;
    };
    QHash<QString, Failure> m_errors;
    mutable QHash<QString, qint64> m_fileSizes; ///< cache filled on first display
};

} // namespace florence::ui
