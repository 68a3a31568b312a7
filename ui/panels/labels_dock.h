#pragma once
// The labels dock: every label with its colour, shape count and visibility; rename and merge.

#include <QDockWidget>
#include <QTimer>

class QTreeWidget;
class QTreeWidgetItem;
class QPushButton;

namespace florence::ui {

class Document;

/// Dock listing the project's labels. Checkboxes hide/show shapes by label (a view setting);
/// rename and merge change every shape of the project as one undoable step.
class LabelsDock : public QDockWidget
{
    Q_OBJECT

public:
    LabelsDock(Document *document, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    /// Labels selected in the list.
    QStringList selectedLabels() const;

    /// Renames `from` to `to` in the whole project (merges when `to` exists). Returns false when
    /// `to` is empty or equal to `from`.
    bool renameLabel(const QString &from, const QString &to);
    /// Merges `sources` into `target` as one step. Returns false when there is nothing to merge.
    bool mergeLabels(const QStringList &sources, const QString &target);

    /// Rebuilds the list now (it normally follows the document on the next event-loop turn).
    void refresh();

public Q_SLOTS:
    /// Asks for a new name of the selected label (dialog with completion).
    void renameSelected();
    /// Asks which of the selected labels the others merge into.
    void mergeSelected();

Q_SIGNALS:
    /// The user picked a label as the one new shapes get.
    void defaultLabelChosen(const QString &label);

private:

    Document *m_document;
    QTreeWidget *m_tree;
    QPushButton *m_rename;
    QPushButton *m_merge;
    QTimer m_refreshTimer;
    bool m_refreshing = false;
};

} // namespace florence::ui
