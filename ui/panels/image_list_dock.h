#pragma once
// The image list dock: thumbnails, names, sizes and review status of every image of the project.

#include <QDockWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVector>

class QListView;
class QLabel;

namespace florence::ui {

class Document;
class ImageListModel;

/// Draws one image row: thumbnail, file name, details, a coloured status badge, or the error.
class ImageListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// Colour of a status badge.
    static QColor statusColor(int status);
};

/// Dock listing the project's images; activating a row shows that image on the canvas.
class ImageListDock : public QDockWidget
{
    Q_OBJECT

public:
    ImageListDock(Document *document, QWidget *parent = nullptr);

    ImageListModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    /// Makes `row` the current row without emitting imageActivated.
    void setCurrentRow(int row);
    /// The selected rows (image indices), ascending.
    QVector<int> selectedRows() const;
    /// Recomputes the "N images · M annotated · K reviewed" line (normally coalesced by a timer).
    void updateSummary();

Q_SIGNALS:
    /// The user chose image `row`.
    void imageActivated(int row);

private:

    Document *m_document;
    ImageListModel *m_model;
    QListView *m_view;
    QLabel *m_summary;
    QTimer m_summaryTimer;
    bool m_settingRow = false;
};

} // namespace florence::ui
