#include "dialogs/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}

/// The action's name without mnemonic or ellipsis; its icon text when set explicitly (Undo/Redo,
/// whose text changes with the command).
QString nameOf(const QAction *action)
{
    return plain(action->iconText());
}

QString keys(const QAction *action)
{
    QStringList out;
    for (const QKeySequence &key : action->shortcuts())
        out << key.toString(QKeySequence::NativeText);
    return out.join(QStringLiteral(", "));
}

/// Appends the actions of `menu` and its submenus that have shortcuts.
void collect(const QMenu *menu, const QString &group, QList<std::pair<QString, const QAction *>> &rows)
{
    for (const QAction *action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), group + QStringLiteral(" ▸ ") + plain(action->text()), rows);
            continue;
        }
        if (!action->isSeparator() && !action->shortcuts().isEmpty())
            rows.append({group, action});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &extraActions, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<std::pair<QString, const QAction *>> rows;
    for (const QAction *top : menuBar->actions())
        if (top->menu())
            collect(top->menu(), plain(top->text()), rows);
    for (const QAction *action : extraActions)
        if (!action->shortcuts().isEmpty())
            rows.append({tr("Canvas"), action});

    // Mouse gestures and keys the canvas handles itself (they have no menu action).
    const QList<std::pair<QString, QString>> gestures{
        {tr("Mouse wheel"), tr("Zoom around the cursor")},
        {tr("Middle button drag, or Space + drag"), tr("Pan")},
        {tr("Ctrl+click"), tr("Add a shape to / remove it from the selection")},
        {tr("Drag on empty canvas"), tr("Rubber-band selection (Ctrl adds)")},
        {tr("Shift+drag"), tr("Rubber-band selection starting anywhere, adding to the selection")},
        {tr("Double-click on a polygon edge"), tr("Insert a vertex")},
        {tr("Click a vertex, then Delete"), tr("Delete that vertex")},
        {tr("Arrow keys (Shift: 10 px)"), tr("Move the selected shapes by 1 pixel")},
        {tr("Enter, double-click or right-click"), tr("Finish a polygon")},
        {tr("Backspace"), tr("Remove the last polygon vertex")},
        {tr("Escape"), tr("Cancel drawing or dragging; clear the selection")},
    };

    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Menu"), tr("Action"), tr("Shortcut")});
    m_table->setRowCount(int(rows.size() + gestures.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_table->setItem(i, 1, new QTableWidgetItem(nameOf(rows[i].second)));
        m_table->setItem(i, 2, new QTableWidgetItem(keys(rows[i].second)));
    }
    for (int i = 0; i < gestures.size(); ++i) {
        const int row = int(rows.size()) + i;
        m_table->setItem(row, 0, new QTableWidgetItem(tr("Canvas")));
        m_table->setItem(row, 1, new QTableWidgetItem(gestures[i].second));
        m_table->setItem(row, 2, new QTableWidgetItem(gestures[i].first));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 620);
}

} // namespace florence::ui
