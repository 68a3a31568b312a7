#pragma once
// Fine-tuning in the window: Model ▸ Fine-tune… (FineTuneDialog), the run on its own thread
// (TrainingRunner), the Training dock's curves and buttons, and "Use the New Model", which loads
// the trained folder and runs the Model panel's task on the current image again.

#include "inference/training_runner.h"

#include <QMetaObject>
#include <QObject>

class QStatusBar;

namespace florence::ui {

class Document;
class ImageListDock;
class ModelSession;
class TrainingDock;
struct ModelSessionParts;

/// Connects the fine-tune dialog, the runner and the dock; owned by ModelSession.
class TrainingSession : public QObject
{
    Q_OBJECT

public:
    TrainingSession(ModelSession *session, const ModelSessionParts &parts, TrainingDock *dock);

    /// Opens the fine-tune dialog for the loaded model and starts the run it describes.
    void showDialog();
    /// Starts `job` (the dialog's, or a test's); false with the reason in `why`.
    bool start(TrainingJob job, QString *why = nullptr);
    /// Loads `dir` and, once it is loaded, runs the current task on the current image.
    void useModel(const QString &dir);

    TrainingRunner *runner() const { return m_runner; }
    TrainingDock *dock() const { return m_dock; }

private:
    ModelSession *m_session;
    QWidget *m_window;
    Document *m_document;
    ImageListDock *m_imageList;
    QStatusBar *m_statusBar;
    TrainingDock *m_dock;
    TrainingRunner *m_runner;
    QMetaObject::Connection m_afterLoad;
    QMetaObject::Connection m_loadFailed;
};

} // namespace florence::ui
