#include "inference/training_session.h"

#include "dialogs/fine_tune_dialog.h"
#include "inference/inference_controller.h"
#include "inference/model_finder.h"
#include "inference/model_session.h"
#include "panels/image_list_dock.h"
#include "panels/training_dock.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace florence::ui {

TrainingSession::TrainingSession(ModelSession *session, const ModelSessionParts &parts, TrainingDock *dock)
    : QObject(session)
    , m_session(session)
    , m_window(parts.window)
    , m_document(parts.document)
    , m_imageList(parts.imageList)
    , m_statusBar(parts.statusBar)
    , m_dock(dock)
    , m_runner(new TrainingRunner(this))
{
    connect(m_runner, &TrainingRunner::started, m_dock, &TrainingDock::runStarted);
    connect(m_runner, &TrainingRunner::preparing, m_dock, &TrainingDock::showPreparing);
    connect(m_runner, &TrainingRunner::progress, m_dock, &TrainingDock::addProgress);
    connect(m_runner, &TrainingRunner::pausedChanged, m_dock, &TrainingDock::setPaused);
    connect(m_runner, &TrainingRunner::finished, m_dock, &TrainingDock::runFinished);
    connect(m_runner, &TrainingRunner::finished, this, [this](const TrainingOutcome &o) {
        if (!o.ok)
            return;
        m_statusBar->showMessage(tr("Fine-tuning done: the new model is in %1").arg(QDir::toNativeSeparators(o.outDir)),
                                 10000);
        // Its folder's parent joins the folders the model picker searches.
        QStringList folders = ModelFinder::savedFolders();
        const QString parent = QFileInfo(o.outDir).absolutePath();
        if (!folders.contains(parent)) {
            folders << parent;
            ModelFinder::saveFolders(folders);
        }
    });
    connect(m_dock, &TrainingDock::pauseRequested, m_runner, &TrainingRunner::pause);
    connect(m_dock, &TrainingDock::resumeRequested, m_runner, &TrainingRunner::resume);
    connect(m_dock, &TrainingDock::cancelRequested, m_runner, &TrainingRunner::cancel);
    connect(m_dock, &TrainingDock::useModelRequested, this, &TrainingSession::useModel);
}

void TrainingSession::showDialog()
{
    InferenceController *controller = m_session->controller();
    if (!controller->isModelReady()) {
        QMessageBox::information(m_window, tr("Fine-tune"), tr("Load the model to fine-tune first (Model ▸ Choose Model…)."));
        return;
    }
    if (m_runner->isRunning()) {
        m_dock->raise();
        return;
    }
    FineTuneDialog dialog(m_document, m_imageList->selectedRows(), controller->modelDir(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString why;
    if (!start(dialog.job(), &why))
        QMessageBox::warning(m_window, tr("Fine-tune"), why);
}

bool TrainingSession::start(TrainingJob job, QString *why)
{
    QString reason;
    if (m_runner->isRunning())
        reason = tr("A fine-tuning run is going; cancel it first.");
    else if (job.train.empty())
        reason = tr("There is nothing to train on: no example for the chosen images and tasks.");
    else if (QDir::cleanPath(job.outDir) == QDir::cleanPath(job.modelDir))
        reason = tr("The new model needs a folder of its own, not the base model's.");
    if (!reason.isEmpty()) {
        if (why)
            *why = reason;
        return false;
    }
    m_dock->show();
    m_dock->raise();
    return m_runner->start(std::move(job));
}

void TrainingSession::useModel(const QString &dir)
{
    InferenceController *controller = m_session->controller();
    disconnect(m_afterLoad);
    disconnect(m_loadFailed);
    // Once loaded, the Model panel's task runs on the current image with the new weights.
    m_afterLoad = connect(controller, &InferenceController::modelLoaded, this, [this] {
        disconnect(m_afterLoad);
        disconnect(m_loadFailed);
        QString why;
        if (m_session->runCurrent(&why) == 0 && !why.isEmpty())
            m_statusBar->showMessage(tr("The new model is loaded; %1").arg(why), 8000);
    });
    m_loadFailed = connect(controller, &InferenceController::modelLoadFailed, this, [this] {
        disconnect(m_afterLoad);
        disconnect(m_loadFailed);
    });
    m_session->loadModel(dir);
}

} // namespace florence::ui
