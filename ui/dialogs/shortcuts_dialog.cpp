#include "dialogs/shortcuts_dialog.h"

#include "dialogs/shortcut_settings.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

namespace {

constexpr int kActionRole = Qt::UserRole + 1;

QString plain(const QString &text)
{
    return ShortcutSettings::withoutMnemonic(text);
}

QString keys(const QAction *action)
{
    QStringList out;
    for (const QKeySequence &key : action->shortcuts())
        out << key.toString(QKeySequence::NativeText);
    return out.join(QStringLiteral(", "));
}

using Rows = QList<std::pair<QString, QAction *>>;

/// Appends the actions of `menu` and its submenus that `wanted` accepts.
template <typename Wanted>
void collect(const QMenu *menu, const QString &group, const Wanted &wanted, Rows &rows)
{
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), group + QStringLiteral(" ▸ ") + plain(action->text()), wanted, rows);
            continue;
        }
        if (!action->isSeparator() && wanted(action))
            rows.append({group, action});
    }
}

QAction *actionOf(const QTableWidgetItem *item)
{
    return item ? reinterpret_cast<QAction *>(item->data(kActionRole).value<quintptr>()) : nullptr;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &extraActions,
                                 ShortcutSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    // Without settings only actions that have keys are listed; with them every action that can get one.
    auto wanted = [settings](const QAction *action) {
        return !action->shortcuts().isEmpty() || (settings && settings->isManaged(action));
    };
    Rows rows;
    for (const QAction *top : menuBar->actions())
        if (top->menu())
            collect(top->menu(), plain(top->text()), wanted, rows);
    for (QAction *action : extraActions)
        if (wanted(action))
            rows.append({tr("Canvas"), action});
    if (settings) {
        for (QAction *action : settings->actions()) {
            const bool listed = std::any_of(rows.begin(), rows.end(), [action](const auto &r) { return r.second == action; });
            if (!listed)
                rows.append({tr("Window"), action});
        }
    }

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
        auto *name = new QTableWidgetItem(plain(rows[i].second->iconText()));
        name->setData(kActionRole, QVariant::fromValue(reinterpret_cast<quintptr>(rows[i].second)));
        m_table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_table->setItem(i, 1, name);
        m_table->setItem(i, 2, new QTableWidgetItem);
        refreshRow(rows[i].second);
    }
    for (int i = 0; i < gestures.size(); ++i) {
        const int row = int(rows.size()) + i;
        m_table->setItem(row, 0, new QTableWidgetItem(tr("Canvas")));
        m_table->setItem(row, 1, new QTableWidgetItem(gestures[i].second));
        m_table->setItem(row, 2, new QTableWidgetItem(gestures[i].first));
        if (settings)
            for (int column = 0; column < 3; ++column) {
                m_table->item(row, column)->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
                m_table->item(row, column)->setToolTip(tr("Handled by the canvas; cannot be changed."));
            }
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->resizeColumnsToContents();
    int columnsWidth = 0; // what the three columns need to show every entry whole
    for (int column = 0; column < 3; ++column)
        columnsWidth += m_table->columnWidth(column);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    if (settings) {
        m_filter = new QLineEdit(this);
        m_filter->setObjectName(QStringLiteral("shortcutFilter"));
        m_filter->setPlaceholderText(tr("Filter by menu, action or key"));
        m_filter->setClearButtonEnabled(true);
        connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
        layout->addWidget(m_filter);
    }
    layout->addWidget(m_table, 1);
    if (settings) {
        buildEditor();
        layout->addWidget(m_editor);
        m_resetAll = buttons->addButton(tr("Reset &All to Defaults"), QDialogButtonBox::ResetRole);
        m_resetAll->setObjectName(QStringLiteral("resetAllShortcuts"));
        m_resetAll->setAutoDefault(false);
        connect(m_resetAll, &QPushButton::clicked, this, [this] {
            m_settings->resetAll();
            m_note->setText(tr("Every shortcut is back to its default."));
        });
        connect(m_settings, &ShortcutSettings::shortcutsChanged, this, [this](QAction *action) {
            refreshRow(action);
            if (action == m_current)
                loadEditors();
            refreshButtons();
        });
        connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
            m_current = row >= 0 ? actionOf(m_table->item(row, 1)) : nullptr;
            m_note->clear();
            loadEditors();
        });
        loadEditors();
    }
    layout->addWidget(buttons);
    // As wide as the columns need (translated menu and action names and key lists are longer than
    // the English ones), within the screen.
    const QMargins margins = layout->contentsMargins();
    const int needed = columnsWidth + 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width() +
                       margins.left() + margins.right() + 4;
    const int screenWidth = screen() ? screen()->availableGeometry().width() - 40 : needed;
    resize(std::max(settings ? 640 : 560, std::min(needed, screenWidth)), 660);
}

void ShortcutsDialog::buildEditor()
{
    m_editor = new QGroupBox(this);
    auto *grid = new QGridLayout(m_editor);
    for (int slot = 0; slot < 2; ++slot) {
        auto *edit = new QKeySequenceEdit(m_editor);
        edit->setObjectName(slot == 0 ? QStringLiteral("shortcutEdit") : QStringLiteral("alternativeEdit"));
        edit->setToolTip(tr("Click, then press the new keys"));
        connect(edit, &QKeySequenceEdit::editingFinished, this, [this, slot] { keyEdited(slot); });
        // Our own clear buttons: the edit's built-in one cannot be told apart from the clear()
        // with which the edit starts every recording.
        auto *clear = new QToolButton(m_editor);
        clear->setObjectName(slot == 0 ? QStringLiteral("clearShortcut") : QStringLiteral("clearAlternative"));
        clear->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
        clear->setToolTip(tr("Remove this key"));
        connect(clear, &QToolButton::clicked, this, [this, slot] {
            if (!m_current || m_current->shortcuts().value(slot).isEmpty())
                return;
            m_settings->setShortcuts(m_current, ShortcutSettings::withSlot(m_current, slot, QKeySequence()));
            m_note->setText(tr("Key removed."));
        });
        m_edits[slot] = edit;
        m_clears[slot] = clear;
        grid->addWidget(new QLabel(slot == 0 ? tr("Shortcut:") : tr("Alternative:"), m_editor), slot, 0);
        grid->addWidget(edit, slot, 1);
        grid->addWidget(clear, slot, 2);
    }
    m_reset = new QPushButton(tr("&Reset to Default"), m_editor);
    m_reset->setObjectName(QStringLiteral("resetShortcut"));
    m_reset->setAutoDefault(false);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (!m_current)
            return;
        const QList<QAction *> losers = m_settings->resetToDefault(m_current);
        QStringList names;
        for (const QAction *a : losers)
            names << QStringLiteral("“%1”").arg(ShortcutSettings::displayName(a));
        m_note->setText(losers.isEmpty() ? tr("Default restored.")
                                         : tr("Default restored; its key was removed from %1.").arg(names.join(QStringLiteral(", "))));
    });
    grid->addWidget(m_reset, 0, 3);
    m_conflict = new QLabel(m_editor);
    m_conflict->setObjectName(QStringLiteral("shortcutConflict"));
    m_conflict->setWordWrap(true);
    m_conflict->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_reassign = new QPushButton(tr("Reassign"), m_editor);
    m_reassign->setObjectName(QStringLiteral("reassignShortcut"));
    m_reassign->setAutoDefault(false);
    m_reassign->setToolTip(tr("Take the key from the other action and give it to this one"));
    connect(m_reassign, &QPushButton::clicked, this, [this] {
        if (!m_current || m_pendingSlot < 0)
            return;
        const QKeySequence key = m_pendingKey;
        QAction *from = m_settings->reassign(m_current, m_pendingSlot, key);
        showConflict(QString(), -1, {});
        if (from)
            m_note->setText(tr("%1 moved from “%2”.").arg(key.toString(QKeySequence::NativeText), ShortcutSettings::displayName(from)));
        loadEditors();
    });
    m_note = new QLabel(m_editor);
    m_note->setObjectName(QStringLiteral("shortcutNote"));
    m_note->setWordWrap(true);
    auto *conflictRow = new QHBoxLayout;
    conflictRow->addWidget(m_conflict, 1);
    conflictRow->addWidget(m_reassign);
    grid->addLayout(conflictRow, 2, 0, 1, 4);
    grid->addWidget(m_note, 3, 0, 1, 4);
    grid->setColumnStretch(1, 1);
    showConflict(QString(), -1, {});
}

int ShortcutsDialog::rowOf(const QAction *action) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (action && actionOf(m_table->item(row, 1)) == action)
            return row;
    return -1;
}

bool ShortcutsDialog::selectAction(const QAction *action)
{
    const int row = rowOf(action);
    if (row < 0)
        return false;
    m_table->setCurrentCell(row, 1);
    m_table->scrollToItem(m_table->item(row, 1));
    return true;
}

QKeySequenceEdit *ShortcutsDialog::keyEdit(int slot) const
{
    return slot >= 0 && slot < 2 ? m_edits[slot] : nullptr;
}

QToolButton *ShortcutsDialog::clearButton(int slot) const
{
    return slot >= 0 && slot < 2 ? m_clears[slot] : nullptr;
}

void ShortcutsDialog::loadEditors()
{
    if (!m_editor)
        return;
    const bool editable = m_current && m_settings->isManaged(m_current);
    m_loading = true;
    const QList<QKeySequence> current = editable ? m_current->shortcuts() : QList<QKeySequence>();
    for (int slot = 0; slot < 2; ++slot) {
        m_edits[slot]->setKeySequence(current.value(slot));
        m_edits[slot]->setEnabled(editable);
        m_clears[slot]->setEnabled(editable && !current.value(slot).isEmpty());
    }
    m_loading = false;
    m_editor->setTitle(editable ? tr("Keys of “%1”").arg(ShortcutSettings::plainText(m_current))
                                : tr("Select an action to change its keys"));
    showConflict(QString(), -1, {});
    refreshButtons();
}

void ShortcutsDialog::keyEdited(int slot)
{
    if (!m_current || m_loading)
        return;
    const QKeySequence key = m_edits[slot]->keySequence();
    if (key.isEmpty()) { // a recording that ended without a key (focus left after a lone modifier)
        loadEditors();
        return;
    }
    if (key == m_current->shortcuts().value(slot))
        return;
    QString why;
    if (m_settings->setShortcuts(m_current, ShortcutSettings::withSlot(m_current, slot, key), &why)) {
        showConflict(QString(), -1, {});
        m_note->setText(tr("Saved. The new key works at once."));
    } else {
        showConflict(why, slot, key);
    }
}

void ShortcutsDialog::showConflict(const QString &text, int slot, const QKeySequence &key)
{
    m_pendingSlot = slot;
    m_pendingKey = key;
    m_conflict->setText(text);
    m_conflict->setVisible(!text.isEmpty());
    m_reassign->setVisible(!text.isEmpty() && m_settings->conflictingAction(key, m_current)
                           && !ShortcutSettings::isReserved(key));
    if (!text.isEmpty())
        m_note->clear();
}

void ShortcutsDialog::refreshRow(QAction *action)
{
    const int row = rowOf(action);
    if (row < 0)
        return;
    QTableWidgetItem *item = m_table->item(row, 2);
    item->setText(keys(action));
    if (!m_settings || !m_settings->isManaged(action))
        return;
    const bool custom = !m_settings->isDefault(action);
    QFont font = m_table->font();
    font.setBold(custom);
    item->setFont(font);
    QStringList defaults;
    for (const QKeySequence &key : m_settings->defaultShortcuts(action))
        defaults << key.toString(QKeySequence::NativeText);
    item->setToolTip(custom ? tr("Changed; the default is %1")
                                  .arg(defaults.isEmpty() ? tr("no key") : defaults.join(QStringLiteral(", ")))
                            : QString());
}

void ShortcutsDialog::refreshButtons()
{
    if (!m_settings)
        return;
    m_reset->setEnabled(m_current && m_settings->isManaged(m_current) && !m_settings->isDefault(m_current));
    const auto &all = m_settings->actions();
    m_resetAll->setEnabled(std::any_of(all.begin(), all.end(), [this](const QAction *a) { return !m_settings->isDefault(a); }));
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column = 0; column < 3 && !match; ++column)
            match = m_table->item(row, column)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

} // namespace florence::ui
