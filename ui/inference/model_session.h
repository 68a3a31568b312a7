#pragma once
// The model side of the main window: the Model menu, the model/task, batch and plots docks, the
// status-bar model line, and how answers become annotations (one undoable step each).

#include "document/document.h"
#include "inference/inference_types.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;

namespace florence::ui {

class BatchDock;
class BatchRunner;
class InferenceController;
class MainWindow;
class PlotsDock;
class TaskDock;

/// Connects a MainWindow with the inference worker. Owns the controller (and through it the worker
/// thread), the batch runner and the three docks; lives as long as the window.
class ModelSession : public QObject
{
    Q_OBJECT

public:
    /// Adds the docks and Model menu actions to `window`; `statusLabel` is the status-bar model line.
    ModelSession(MainWindow *window, QLabel *statusLabel);
    ~ModelSession() override;

    /// The folder to load at start-up: `commandLine` (florence-studio --model DIR) when given, else
    /// the FLORENCE_MODEL_DIR environment variable, else the folder remembered in QSettings.
    static QString startupModelDir(const QString &commandLine);
    /// The device/precision/threads saved in QSettings.
    static PipelineOptions savedOptions();
    static void saveOptions(const PipelineOptions &options);

    /// Loads `dir` with the saved options on the worker (progress on the model line). When it loads,
    /// the folder is remembered. `interactive`: a failure is put to the user as a warning (else only
    /// the model line shows it, e.g. for the folder remembered from the last session).
    void loadModel(const QString &dir, bool interactive = true);
    /// Applies new options (and saves them): threads at once, device/precision by reloading the model.
    void applyOptions(const PipelineOptions &options);
    /// Uses `threads` CPU threads (<= 0: automatic) for this session without saving it
    /// (florence-studio --threads N).
    void setThreads(int threads);

    /// Runs the task panel's job on the current image; a region task runs once per selected shape
    /// and attaches each answer to its shape. Returns the request id, 0 when nothing was started
    /// (the reason is shown in the status bar and returned in `why`).
    quint64 runCurrent(QString *why = nullptr);
    /// One click: object detection, then `chain` on every box, on the current image.
    quint64 runChain(Chain chain, QString *why = nullptr);
    /// Cancels the interactive run or the batch.
    void cancel();
    /// Starts a batch with the task panel's job over all images or the ones selected in the image
    /// list (BatchDock's choice). Returns false with the reason in `why`.
    bool startBatch(QString *why = nullptr);
    /// Cancel, quit, wait (the window closes).
    void shutdown();

    InferenceController *controller() const { return m_controller; }
    BatchRunner *batch() const { return m_batch; }
    TaskDock *taskDock() const { return m_taskDock; }
    BatchDock *batchDock() const { return m_batchDock; }
    PlotsDock *plotsDock() const { return m_plotsDock; }
    /// The last answer applied (or failed), for the raw output and tests.
    const InferenceResult &lastResult() const { return m_lastResult; }
    /// Status-line text of the model state (plain text, links removed).
    QString modelStatusText() const;

Q_SIGNALS:
    /// The answer of an interactive run was handled (applied, failed or cancelled).
    void runFinished(const florence::ui::InferenceResult &result);

private:
    struct Pending
    {
        quint64 id = 0;
        int image = -1;
        QVector<ShapeId> regionIds; ///< region tasks: the shapes that gave the regions, in request order
    };

    void createActions();
    void chooseModelFolder();
    void showModelSettings();
    void showModelInfo();
    void updateModelStatus();
    void updateJobText();
    void updateRunState();
    void updateRegionCount();
    void refreshPlots();
    quint64 submitJob(const AnnotateJob &job, QString *why);
    void onProgress(const InferenceProgress &progress);
    void onFinished(const InferenceResult &result);
    void applyResult(const InferenceResult &result, const Pending &pending);
    QString failMessage(const QString &text, QString *why);

    MainWindow *m_window;
    QLabel *m_statusLabel;
    InferenceController *m_controller;
    BatchRunner *m_batch;
    TaskDock *m_taskDock;
    BatchDock *m_batchDock;
    PlotsDock *m_plotsDock;
    Pending m_pending;
    InferenceResult m_lastResult;
    bool m_interactiveLoad = false;
    int m_threads = 0; ///< CPU threads in use (<= 0: automatic)
    QTimer m_plotTimer; ///< coalesces document changes into one plot refresh
};

} // namespace florence::ui
