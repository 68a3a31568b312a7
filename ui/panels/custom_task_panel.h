#pragma once
// The custom-task section of the Model panel: free prompt text plus the output parser for
// fine-tunes whose prompts the pretraining never had, saved as named presets per model folder
// (core/tasks/custom_task.h, the file `florence-cli custom-task` writes).

#include "tasks/custom_task.h"

#include <QGroupBox>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace florence::ui {

/// Group box with the presets of the loaded model folder, the prompt, the parser, Save/Delete and
/// Run. Reads and writes the preset store on every change (the CLI may have changed it meanwhile);
/// a damaged store is reported in the box and never overwritten.
class CustomTaskPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit CustomTaskPanel(QWidget *parent = nullptr);

    /// The model folder whose presets are shown (empty: no model; saving is disabled).
    void setModelDir(const QString &dir);
    QString modelDir() const { return m_modelDir; }
    /// Enables Run when a model is ready and nothing runs.
    void setState(bool modelReady, bool busy);

    /// The task the controls describe (name from the preset box, may be empty).
    CustomTask task() const;
    /// Saves the controls as preset `name` (replacing one of that name) and selects it. Returns
    /// false with the reason shown in the panel (and in `why`).
    bool savePreset(const QString &name, QString *why = nullptr);
    /// Removes the selected preset; false when none is selected.
    bool deleteSelectedPreset();
    /// Selects preset `name` and fills the controls with it; false when there is none.
    bool selectPreset(const QString &name);
    /// Names of the presets of the model folder, in saving order.
    QStringList presetNames() const;

    QComboBox *presetBox() const { return m_preset; }
    QLineEdit *promptEdit() const { return m_prompt; }
    QComboBox *parserBox() const { return m_parser; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *deleteButton() const { return m_delete; }
    /// The last problem shown (a damaged store, a bad name), empty when none.
    QString message() const;

Q_SIGNALS:
    /// Run was clicked with this task.
    void runRequested(const florence::CustomTask &task);

private:
    void reload(const QString &select = QString());
    void showPreset();
    void askAndSave();
    void updateButtons();
    void setMessage(const QString &text);

    QString m_modelDir;
    QComboBox *m_preset;
    QLineEdit *m_prompt;
    QComboBox *m_parser;
    QPushButton *m_save;
    QPushButton *m_delete;
    QPushButton *m_run;
    QLabel *m_message;
    bool m_modelReady = false;
    bool m_busy = false;
    bool m_filling = false;
};

/// Translated name of an output parser ("Boxes with labels", ...).
QString parserName(OutputParser parser);

} // namespace florence::ui

Q_DECLARE_METATYPE(florence::CustomTask)
