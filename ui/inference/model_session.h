#pragma once
// The model side of the main window: loads models on the inference worker, submits the Model
// panel's runs on the current image, applies their answers (result_applier.h: one undoable step
// each), and starts and follows GUI batches. Its parts: ModelSettings (what is remembered),
// ModelMenu (the Model menu, its dialogs and the model line), InferenceController (the worker
// thread), BatchRunner (GUI batches), the Task/Batch/Plots docks (laid out by the window).

#include "document/document.h"
#include "inference/inference_types.h"
#include "tasks/custom_task.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QMenu;
class QStatusBar;
class QWidget;

namespace florence::ui {

class Autosaver;
class BatchDock;
class CustomTaskPanel;
class NoModelPanel;
class TrainingDock;
class TrainingSession;
class BatchRunner;
class CanvasScene;
class ImageListDock;
class InferenceController;
class ModelMenu;
class PlotsDock;
class Prompts;
class TaskDock;
class TextDock;
class TileGridItem;

/// What a ModelSession works with; everything is owned by the window and outlives the session.
struct ModelSessionParts
{
    QWidget *window = nullptr;           ///< parent of dialogs and of the session
    Document *document = nullptr;
    CanvasScene *scene = nullptr;        ///< the current image and its selected shapes (the regions)
    QMenu *modelMenu = nullptr;          ///< the Model menu (its first action stays last)
    QLabel *statusLabel = nullptr;       ///< the status-bar model line
    QStatusBar *statusBar = nullptr;     ///< transient messages
    Prompts *prompts = nullptr;          ///< warnings put to the user
    Autosaver *autosaver = nullptr;      ///< saved after every batch image
    ImageListDock *imageList = nullptr;  ///< images selected for a batch; failed images marked there
    TextDock *textDock = nullptr;        ///< raised when an answer brings captions
    TaskDock *taskDock = nullptr;
    BatchDock *batchDock = nullptr;
    PlotsDock *plotsDock = nullptr;
    TrainingDock *trainingDock = nullptr; ///< loss curves of fine-tuning runs
};

/// Connects the window's widgets with the inference worker. Owns the controller (and through it
/// the worker thread), the batch runner and the Model menu; lives as long as the window.
class ModelSession : public QObject
{
    Q_OBJECT

public:
    explicit ModelSession(const ModelSessionParts &parts);
    ~ModelSession() override;

    /// Loads `dir` with the saved options on the worker (progress on the model line). When it loads,
    /// the folder is remembered. `interactive`: a failure is put to the user as a warning (else only
    /// the model line shows it, e.g. for the folder remembered from the last session).
    void loadModel(const QString &dir, bool interactive = true);
    /// Applies new options (and saves them): threads at once, device/precision by reloading the model.
    void applyOptions(const PipelineOptions &options);
    /// Uses `threads` CPU threads (<= 0: automatic) for this session without saving it
    /// (florence-studio --threads N).
    void setThreads(int threads);
    /// Who sees warnings from now on.
    void setPrompts(Prompts *prompts) { m_parts.prompts = prompts; }

    /// Runs the task panel's job on the current image; a region task runs once per selected shape
    /// and attaches each answer to its shape. Returns the request id, 0 when nothing was started
    /// (the reason is shown in the status bar and returned in `why`).
    quint64 runCurrent(QString *why = nullptr);
    /// One click: object detection, then `chain` on every box, on the current image.
    quint64 runChain(Chain chain, QString *why = nullptr);
    /// Runs the project's prompt → label table (Document::promptTable()) on the current image: the
    /// table's task once per row, results labelled by the rows (one undo step). 0 when nothing started.
    quint64 runPromptTable(QString *why = nullptr);
    /// Runs a custom task (prompt + parser) with the Model panel's generation settings on the
    /// current image.
    quint64 runCustom(const CustomTask &task, QString *why = nullptr);
    /// Cancels the interactive run or the batch.
    void cancel();
    /// Starts a batch with the task panel's job over all images or the ones selected in the image
    /// list (BatchDock's choice). Returns false with the reason in `why`.
    bool startBatch(QString *why = nullptr);
    /// Cancel, quit, wait (the window closes).
    void shutdown();
    /// The Model panel's region count follows the selection and the image shown.
    void updateRegionCount();

    InferenceController *controller() const { return m_controller; }
    BatchRunner *batch() const { return m_batch; }
    ModelMenu *menu() const { return m_menu; }
    TaskDock *taskDock() const { return m_parts.taskDock; }
    BatchDock *batchDock() const { return m_parts.batchDock; }
    PlotsDock *plotsDock() const { return m_parts.plotsDock; }
    /// The custom-task box and the no-model panel in the Model panel.
    CustomTaskPanel *customTaskPanel() const { return m_custom; }
    NoModelPanel *noModelPanel() const { return m_noModel; }
    /// Model ▸ Fine-tune…, the training run and its dock.
    TrainingSession *training() const { return m_training; }
    /// The tile grid preview on the canvas (shown while the Tiles option is set for a tileable task).
    TileGridItem *tileGrid() const { return m_tileGrid; }
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

    void connectBatch();
    void updateJobText();
    void updateRunState();
    void updateTileGrid();
    quint64 submitJob(const AnnotateJob &job, QString *why, std::vector<PromptLabel> promptTable = {});
    void onProgress(const InferenceProgress &progress);
    void onFinished(const InferenceResult &result);
    void showRawOutput(const InferenceResult &result);
    void applyResult(const InferenceResult &result, const Pending &pending);
    QString failMessage(const QString &text, QString *why);

    ModelSessionParts m_parts;
    InferenceController *m_controller;
    BatchRunner *m_batch;
    ModelMenu *m_menu;
    CustomTaskPanel *m_custom;
    NoModelPanel *m_noModel;
    TrainingSession *m_training = nullptr;
    Pending m_pending;
    InferenceResult m_lastResult;
    TileGridItem *m_tileGrid = nullptr; ///< owned by the scene
    bool m_interactiveLoad = false;
    int m_threads = 0; ///< CPU threads in use (<= 0: automatic)
};

} // namespace florence::ui
