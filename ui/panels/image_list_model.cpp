#include "panels/image_list_model.h"

#include "annotate/review.h"

#include "annotate/annotation.h"
#include "convert.h"
#include "document/document.h"
#include "panels/thumbnail_loader.h"

#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>

namespace florence::ui {

ImageListModel::ImageListModel(Document *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_loader(new ThumbnailLoader(this))
{
    connect(document, &Document::documentReset, this, &ImageListModel::reset);
    connect(document, &Document::imagesAppended, this, [this](int first, int count) {
        beginInsertRows({}, first, first + count - 1);
        endInsertRows();
        QStringList paths;
        for (int i = first; i < first + count; ++i)
            paths << m_document->absolutePath(i);
        m_loader->enqueue(paths);
    });
    for (auto signal : {&Document::imageChanged, &Document::shapesChanged, &Document::captionsChanged})
        connect(document, signal, this, &ImageListModel::rowChanged);
    connect(document, &Document::shapesModified, this, [this](int image) { rowChanged(image); }); // accepted suggestions
    connect(m_loader, &ThumbnailLoader::thumbnailReady, this, &ImageListModel::setThumbnail);
    connect(m_loader, &ThumbnailLoader::thumbnailFailed, this, [this](const QString &path, ErrorKind kind, const QString &message) {
        setError(path, ErrorContext::Image, kind, message);
    });
}

void ImageListModel::reset()
{
    beginResetModel();
    m_thumbnails.clear();
    m_errors.clear();
    m_fileSizes.clear();
    endResetModel();
    QStringList paths;
    for (int i = 0; i < m_document->imageCount(); ++i)
        paths << m_document->absolutePath(i);
    m_loader->setQueue(paths);
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->imageCount();
}

int ImageListModel::rowOf(const QString &path) const
{
    return m_document->indexOfPath(path);
}

void ImageListModel::rowChanged(int row)
{
    if (row >= 0 && row < rowCount())
        Q_EMIT dataChanged(index(row), index(row));
}

void ImageListModel::setThumbnail(const QString &path, const QImage &thumbnail, const QSize &size)
{
    const int row = rowOf(path);
    if (row < 0)
        return;
    m_errors.remove(path);
    if (!thumbnail.isNull())
        m_thumbnails.insert(path, QPixmap::fromImage(thumbnail));
    if (size.isValid())
        m_document->setImageSize(row, size.width(), size.height()); // emits imageChanged -> rowChanged
    rowChanged(row);
}

void ImageListModel::setError(const QString &path, ErrorContext context, ErrorKind kind, const QString &message)
{
    const int row = rowOf(path);
    if (row < 0)
        return;
    m_errors.insert(path, Failure{context, kind, message});
    rowChanged(row);
}

QString ImageListModel::error(int row) const
{
    return m_errors.value(m_document->absolutePath(row)).detail;
}

QString ImageListModel::statusText(int status)
{
    switch (ImageStatus(status)) {
    case ImageStatus::None: return tr("No annotations");
    case ImageStatus::PreAnnotated: return tr("Pre-annotated");
    case ImageStatus::Edited: return tr("Edited");
    case ImageStatus::Reviewed: return tr("Reviewed");
    }
    return QString();
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const ImageRecord &record = m_document->image(row);
    const QString path = m_document->absolutePath(row);
    switch (role) {
    case Qt::DisplayRole:
        return toQt(record.path);
    case Qt::DecorationRole:
        if (m_errors.contains(path))
            return QIcon(QStringLiteral(":/icons/broken-image.svg"));
        if (const auto it = m_thumbnails.constFind(path); it != m_thumbnails.constEnd())
            return *it;
        return QIcon(QStringLiteral(":/icons/image.svg"));
    case Qt::ToolTipRole: {
        QString tip = QDir::toNativeSeparators(path);
        if (const auto it = m_errors.constFind(path); it != m_errors.constEnd())
            tip += QLatin1Char('\n') + userMessage(it->context, it->kind, QString(it->detail).replace(path, toQt(record.path)));
        return tip;
    }
    case StatusRole:
        return int(record.status);
    case ErrorRole:
        return m_errors.value(path).detail;
    case ErrorSummaryRole:
        if (const auto it = m_errors.constFind(path); it != m_errors.constEnd())
            return ErrorText::summary(it->context, it->kind);
        return QString();
    case AnnotationCountRole:
        return int(record.shapes.size() + record.captions.size());
    case DetailRole: {
        QStringList parts;
        if (record.width > 0)
            parts << tr("%1 × %2").arg(record.width).arg(record.height);
        if (!m_fileSizes.contains(path))
            m_fileSizes.insert(path, QFileInfo(path).size());
        parts << QLocale().formattedDataSize(m_fileSizes.value(path));
        if (!record.shapes.empty())
            parts << tr("%n shape(s)", nullptr, int(record.shapes.size()));
        if (const int pending = pendingCount(record); pending > 0)
            parts << tr("%n to review", nullptr, pending);
        return parts.join(QStringLiteral(" · "));
    }
    default:
        return {};
    }
}

} // namespace florence::ui
