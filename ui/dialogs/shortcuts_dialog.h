#pragma once
// Help > Keyboard Shortcuts: a table generated from the main window's actions, and the page where
// their keys are changed (ShortcutSettings applies and saves them).

#include <QDialog>
#include <QKeySequence>

class QAction;
class QDialogButtonBox;
class QGroupBox;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QMenuBar;
class QPushButton;
class QTableWidget;
class QToolButton;

namespace florence::ui {

class ShortcutSettings;

/// Lists every action of the menu bar, grouped by menu, and the canvas's own keys and gestures; the
/// table is built from the actions themselves, so it cannot drift from what the keys do. With
/// `settings` each action's keys can be changed (a main key and an alternative), cleared and reset;
/// a key another action has is refused with the reason, and can then be moved ("Reassign").
/// Changes apply at once and are saved. Without `settings` it lists the actions that have keys.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &extraActions,
                    ShortcutSettings *settings = nullptr, QWidget *parent = nullptr);

    /// Columns: menu, action, keys (", "-separated, native text).
    QTableWidget *table() const { return m_table; }
    /// Row of `action`, -1 when not listed.
    int rowOf(const QAction *action) const;
    /// Makes `action` current (its keys go into the editors); false when not listed.
    bool selectAction(const QAction *action);
    QAction *currentAction() const { return m_current; }
    /// Key editor of slot 0 (main key) or 1 (alternative); nullptr without settings.
    QKeySequenceEdit *keyEdit(int slot) const;
    /// Removes the key of slot 0 or 1 (saved at once); nullptr without settings.
    QToolButton *clearButton(int slot) const;
    /// Says why the last key was refused; empty when it was not.
    QLabel *conflictLabel() const { return m_conflict; }
    /// Moves a refused key from the action that has it to the current one.
    QPushButton *reassignButton() const { return m_reassign; }
    QPushButton *resetButton() const { return m_reset; }
    QPushButton *resetAllButton() const { return m_resetAll; }
    QLineEdit *filterEdit() const { return m_filter; }

private:
    void buildEditor();
    void loadEditors();
    void keyEdited(int slot);
    void refreshRow(QAction *action);
    void refreshButtons();
    void showConflict(const QString &text, int slot, const QKeySequence &key);
    void applyFilter(const QString &text);

    ShortcutSettings *m_settings;
    QTableWidget *m_table;
    QLineEdit *m_filter = nullptr;
    QGroupBox *m_editor = nullptr;
    QKeySequenceEdit *m_edits[2] = {nullptr, nullptr};
    QToolButton *m_clears[2] = {nullptr, nullptr};
    QLabel *m_conflict = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_reassign = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_resetAll = nullptr;
    QAction *m_current = nullptr;
    bool m_loading = false;
    int m_pendingSlot = -1;       ///< slot of the refused key, for Reassign
    QKeySequence m_pendingKey;    ///< the refused key
};

} // namespace florence::ui
