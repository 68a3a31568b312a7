#pragma once
// Review ▸ Prompt → Label Table…: edits the project's prompt → label presets (annotate/prompt_table.h)
// for open-vocabulary detection, phrase grounding and referring segmentation: one row per prompt
// ("a red car") with the project label its results get ("car"). The table runs as one loop over the
// rows (ModelSession::runPromptTable) and is saved in the project file.

#include "annotate/prompt_table.h"

#include <QDialog>

class QComboBox;
class QTableWidget;

namespace florence::ui {

class PromptTableDialog : public QDialog
{
    Q_OBJECT

public:
    /// `labels` are offered as completions of the label column.
    PromptTableDialog(const PromptTable &table, const QStringList &labels, QWidget *parent = nullptr);

    /// The table as edited: rows with an empty prompt are dropped, the task is a token.
    PromptTable table() const;
    /// Why the table cannot be used ("row 2 repeats the prompt 'car'"), or "" when it can.
    QString problem() const;
    /// True when the dialog was closed with "Save and Run".
    bool runRequested() const { return m_run; }

    QTableWidget *rows() const { return m_rows; }
    QComboBox *task() const { return m_task; }

private:
    void addRow(const QString &prompt = {}, const QString &label = {});
    void finish(bool run);

    QComboBox *m_task;
    QTableWidget *m_rows;
    QStringList m_labels;
    bool m_run = false;
};

} // namespace florence::ui
