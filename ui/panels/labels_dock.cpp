#include "panels/labels_dock.h"

#include "dialogs/label_dialog.h"
#include "document/commands/label_commands.h"
#include "document/document.h"
#include "label_colors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(140));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

} // namespace

LabelsDock::LabelsDock(Document *document, QWidget *parent)
    : QDockWidget(tr("Labels"), parent)
    , m_document(document)
    , m_tree(new QTreeWidget(this))
    , m_rename(new QPushButton(tr("Rename…"), this))
    , m_merge(new QPushButton(tr("Merge…"), this))
{
    setObjectName(QStringLiteral("LabelsDock"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Label"), tr("Shapes")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("Untick a label to hide its shapes. Double-click to use it for new shapes."));
    m_rename->setToolTip(tr("Rename the selected label in the whole project"));
    m_merge->setToolTip(tr("Merge the selected labels into one"));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 4);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_merge);
    buttons->addStretch();
    layout->addLayout(buttons);
    setWidget(content);

    // Refreshing rebuilds the items: never do it inside a signal of one of them (a checkbox click
    // hides a label, which changes the labels), and coalesce bursts (a rename touches every image).
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &LabelsDock::refresh);
    connect(document, &Document::labelsChanged, &m_refreshTimer, qOverload<>(&QTimer::start));
    connect(document, &Document::documentReset, &m_refreshTimer, qOverload<>(&QTimer::start));
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (!m_refreshing && column == 0)
            m_document->setLabelVisible(item->data(0, Qt::UserRole).toString(), item->checkState(0) == Qt::Checked);
    });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT defaultLabelChosen(item->data(0, Qt::UserRole).toString());
    });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, [this] {
        const int n = int(selectedLabels().size());
        m_rename->setEnabled(n == 1);
        m_merge->setEnabled(n >= 2);
    });
    connect(m_rename, &QPushButton::clicked, this, &LabelsDock::renameSelected);
    connect(m_merge, &QPushButton::clicked, this, &LabelsDock::mergeSelected);
    refresh();
}

QStringList LabelsDock::selectedLabels() const
{
    QStringList out;
    for (QTreeWidgetItem *item : m_tree->selectedItems())
        out << item->data(0, Qt::UserRole).toString();
    return out;
}

void LabelsDock::refresh()
{
    m_refreshing = true;
    const QStringList selected = selectedLabels();
    const QHash<QString, int> counts = m_document->labelCounts();
    QStringList labels = m_document->labels();
    if (counts.value(QString()) > 0)
        labels << QString(); // shapes without a label
    m_tree->clear();
    for (const QString &label : labels) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(0, Qt::UserRole, label);
        item->setText(0, label.isEmpty() ? tr("(no label)") : label);
        item->setIcon(0, swatch(labelColor(label)));
        item->setText(1, QString::number(counts.value(label)));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, m_document->isLabelVisible(label) ? Qt::Checked : Qt::Unchecked);
        item->setSelected(selected.contains(label));
    }
    m_rename->setEnabled(selectedLabels().size() == 1);
    m_merge->setEnabled(selectedLabels().size() >= 2);
    m_refreshing = false;
}

bool LabelsDock::renameLabel(const QString &from, const QString &to)
{
    if (to.isEmpty() || to == from)
        return false;
    m_document->undoStack()->push(new RenameLabel(m_document, from, to));
    return true;
}

bool LabelsDock::mergeLabels(const QStringList &sources, const QString &target)
{
    QStringList others = sources;
    others.removeAll(target);
    if (others.isEmpty() || target.isEmpty())
        return false;
    florence::ui::mergeLabels(m_document, others, target);
    return true;
}

void LabelsDock::renameSelected()
{
    const QStringList selected = selectedLabels();
    if (selected.size() != 1)
        return;
    LabelDialog dialog(m_document->labels(), this);
    dialog.setWindowTitle(tr("Rename Label"));
    dialog.setPrompt(tr("New name for \"%1\" (an existing label merges the two):").arg(selected.first()));
    dialog.setLabel(selected.first());
    if (dialog.exec() == QDialog::Accepted)
        renameLabel(selected.first(), dialog.label());
}

void LabelsDock::mergeSelected()
{
    const QStringList selected = selectedLabels();
    if (selected.size() < 2)
        return;
    bool ok = false;
    const QString target = QInputDialog::getItem(this, tr("Merge Labels"),
                                                 tr("Merge the %n selected label(s) into:", nullptr, int(selected.size())),
                                                 selected, 0, true, &ok);
    if (ok)
        mergeLabels(selected, target);
}

} // namespace florence::ui
