#include "panels/image_list_dock.h"

#include "annotate/annotation.h"
#include "document/document.h"
#include "panels/image_list_model.h"
#include "panels/thumbnail_loader.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QTextLayout>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

namespace {

constexpr int kThumb = 56;   ///< drawn thumbnail side, device-independent pixels
constexpr int kPadding = 4;

/// `text` word-wrapped to `width` and cut to at most `maxLines` lines, the last one elided.
QString wrapAndElide(const QString &text, const QFont &font, int width, int maxLines)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    QStringList lines;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (int(lines.size()) == maxLines - 1) { // the rest goes on the last line, elided
            lines << QFontMetrics(font).elidedText(text.mid(line.textStart()), Qt::ElideRight, width);
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QColor ImageListDelegate::statusColor(int status)
{
    switch (ImageStatus(status)) {
    case ImageStatus::None: return QColor(140, 140, 140);
    case ImageStatus::PreAnnotated: return QColor(70, 130, 220);
    case ImageStatus::Edited: return QColor(230, 150, 40);
    case ImageStatus::Reviewed: return QColor(60, 170, 90);
    }
    return Qt::gray;
}

QSize ImageListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width() > 0 ? option.rect.width() : 220, kThumb + 2 * kPadding);
}

void ImageListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &optionIn, const QModelIndex &index) const
{
    QStyleOptionViewItem option = optionIn;
    initStyleOption(&option, index);
    // Background (selection, hover) from the style, without text or icon.
    option.text.clear();
    option.icon = QIcon();
    option.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);

    painter->save();
    const QRect r = optionIn.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const QRect thumbRect(r.left(), r.top(), kThumb, kThumb);
    const QVariant decoration = index.data(Qt::DecorationRole);
    if (decoration.canConvert<QPixmap>() && decoration.userType() == QMetaType::QPixmap) {
        const QPixmap pixmap = decoration.value<QPixmap>();
        const QSize size = pixmap.size().scaled(thumbRect.size(), Qt::KeepAspectRatio);
        const QRect target(thumbRect.center().x() - size.width() / 2 + 1, thumbRect.center().y() - size.height() / 2 + 1,
                           size.width(), size.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, pixmap);
    } else {
        decoration.value<QIcon>().paint(painter, thumbRect.adjusted(12, 12, -12, -12));
    }

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const QRect textRect = r.adjusted(kThumb + 8, 0, 0, 0);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(option.font);
    const QString error = index.data(ImageListModel::ErrorRole).toString();
    const int status = index.data(ImageListModel::StatusRole).toInt();
    const QString badge = error.isEmpty() ? ImageListModel::statusText(status) : tr("Error");
    const int badgeWidth = metrics.horizontalAdvance(badge) + 10;
    // The badge sits right of the name; when both do not fit (a long name, a long translated status)
    // it moves to the bottom right, so that the name is shown whole as far as the row allows.
    const QString fullName = index.data(Qt::DisplayRole).toString();
    const bool badgeBelow = boldMetrics.horizontalAdvance(fullName) > textRect.width() - badgeWidth - 6;

    painter->setFont(bold);
    painter->setPen(option.palette.color(textRole));
    const QString name =
        boldMetrics.elidedText(fullName, Qt::ElideMiddle, textRect.width() - (badgeBelow ? 0 : badgeWidth + 6));
    painter->drawText(QRect(textRect.left(), textRect.top(), textRect.width(), boldMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, name);

    const QRect badgeRect(textRect.right() - badgeWidth,
                          badgeBelow ? textRect.bottom() - metrics.height() - 2 : textRect.top(), badgeWidth,
                          metrics.height() + 2);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(error.isEmpty() ? statusColor(status) : QColor(200, 50, 50));
    painter->drawRoundedRect(badgeRect, 4, 4);
    painter->setPen(Qt::white);
    painter->setFont(option.font);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);

    const QRect second(textRect.left(), textRect.top() + boldMetrics.height() + 4,
                       textRect.width() - (badgeBelow ? badgeWidth + 6 : 0), textRect.height() - boldMetrics.height() - 4);
    QColor detailColor = option.palette.color(textRole);
    if (!error.isEmpty())
        detailColor = selected ? detailColor : QColor(200, 50, 50);
    else
        detailColor.setAlpha(170);
    painter->setPen(detailColor);
    const QString detail = error.isEmpty() ? index.data(ImageListModel::DetailRole).toString()
                                           : index.data(ImageListModel::ErrorSummaryRole).toString();
    const int lines = std::max(1, second.height() / metrics.lineSpacing());
    painter->drawText(second, Qt::AlignLeft | Qt::AlignTop, wrapAndElide(detail, option.font, second.width(), lines));
    painter->restore();
}

ImageListDock::ImageListDock(Document *document, QWidget *parent)
    : QDockWidget(tr("Images"), parent)
    , m_document(document)
    , m_model(new ImageListModel(document, this))
    , m_view(new QListView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("ImageListDock"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ImageListDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // a batch may run on the selected images
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setMouseTracking(true);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view);
    m_summary->setContentsMargins(6, 2, 6, 4);
    layout->addWidget(m_summary);
    setWidget(content);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!m_settingRow && current.isValid())
            Q_EMIT imageActivated(current.row());
    });
    // The summary walks every image: coalesce bursts (thumbnails arriving) into one update.
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(100);
    connect(&m_summaryTimer, &QTimer::timeout, this, &ImageListDock::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, &m_summaryTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::rowsInserted, &m_summaryTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, &m_summaryTimer, qOverload<>(&QTimer::start));
    updateSummary();
}

void ImageListDock::setCurrentRow(int row)
{
    m_settingRow = true;
    m_view->setCurrentIndex(m_model->index(row));
    m_view->scrollTo(m_model->index(row));
    m_settingRow = false;
}

QVector<int> ImageListDock::selectedRows() const
{
    QVector<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ImageListDock::updateSummary()
{
    int reviewed = 0, annotated = 0, errors = 0;
    for (int i = 0; i < m_document->imageCount(); ++i) {
        const ImageRecord &record = m_document->image(i);
        reviewed += record.status == ImageStatus::Reviewed;
        annotated += !record.shapes.empty() || !record.captions.empty();
        errors += !m_model->error(i).isEmpty();
    }
    QString text = tr("%n image(s)", nullptr, m_document->imageCount()) + QStringLiteral(" · ")
        + tr("%1 annotated").arg(annotated) + QStringLiteral(" · ") + tr("%1 reviewed").arg(reviewed);
    if (errors > 0)
        text += QStringLiteral(" · ") + tr("%n unreadable", nullptr, errors);
    m_summary->setText(text);
}

} // namespace florence::ui
