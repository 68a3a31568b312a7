#pragma once
// Dialog asking for a label, completing from the labels the project knows.

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace florence::ui {

/// Asks for a label: a line edit with completion plus the list of known labels (click to pick).
class LabelDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LabelDialog(const QStringList &knownLabels, QWidget *parent = nullptr);

    void setPrompt(const QString &text);
    void setLabel(const QString &label);
    /// The label typed or picked, trimmed.
    QString label() const;
    QLineEdit *lineEdit() const { return m_edit; }

private:
    QLabel *m_prompt;
    QLineEdit *m_edit;
    QListWidget *m_list;
};

} // namespace florence::ui
