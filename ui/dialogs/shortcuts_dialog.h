#pragma once
// Help > Keyboard Shortcuts: a table generated from the main window's actions.

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace florence::ui {

/// Lists every action of the menu bar that has a shortcut, grouped by menu; the table is built from
/// the actions themselves, so it cannot drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &extraActions, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace florence::ui
