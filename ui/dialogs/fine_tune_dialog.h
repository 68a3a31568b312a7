#pragma once
// Model ▸ Fine-tune…: which images (the reviewed ones by default), which tasks, epochs, learning
// rate, batch size, what to freeze, the validation share and the output folder of a fine-tuning run
// of the loaded model on the project's annotations. The examples are built by core's converter
// (examplesFromProject, core/train/training_data.h) and counted while the choices change.

#include "inference/training_runner.h"
#include "tasks/task.h"

#include <QDialog>
#include <QVector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace florence::ui {

class Document;

/// The fine-tune dialog. Accepted: job() is the run to start.
class FineTuneDialog : public QDialog
{
    Q_OBJECT

public:
    /// Which images give the examples.
    enum class Images { Reviewed, Annotated, Selected };

    /// `selected`: the rows selected in the image list; `modelDir`: the model to fine-tune.
    FineTuneDialog(const Document *document, const QVector<int> &selected, const QString &modelDir,
                   QWidget *parent = nullptr);

    void setImages(Images images);
    /// Checks exactly `tasks`.
    void setTasks(const std::vector<Task> &tasks);
    std::vector<Task> tasks() const;
    void setOutputDir(const QString &dir);
    /// The run the controls describe (examples included). Empty train list when there is nothing
    /// to train on (the reason is in summaryLabel()).
    TrainingJob job() const;
    /// Training and validation examples of the current choice.
    int trainCount() const { return m_trainCount; }
    int validCount() const { return m_validCount; }

    QRadioButton *reviewedButton() const { return m_reviewed; }
    QListWidget *taskList() const { return m_tasks; }
    QSpinBox *epochsBox() const { return m_epochs; }
    QLineEdit *learningRateEdit() const { return m_lr; }
    QSpinBox *batchSizeBox() const { return m_batch; }
    QComboBox *freezeBox() const { return m_freeze; }
    QSpinBox *validPercentBox() const { return m_validPercent; }
    QLineEdit *outputEdit() const { return m_out; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *trainButton() const { return m_train; }

private:
    std::vector<TrainingExample> examples(QString *why) const;
    void recount();

    const Document *m_document;
    QVector<int> m_selected;
    QString m_modelDir;
    int m_trainCount = 0;
    int m_validCount = 0;
    QRadioButton *m_reviewed;
    QRadioButton *m_annotated;
    QRadioButton *m_selectedImages;
    QListWidget *m_tasks;
    QSpinBox *m_epochs;
    QLineEdit *m_lr;
    QSpinBox *m_batch;
    QComboBox *m_freeze;
    QSpinBox *m_validPercent;
    QLineEdit *m_out;
    QLabel *m_summary;
    QPushButton *m_train;
};

} // namespace florence::ui
