#pragma once
// The GUI-side half of the worker/controller pair: owns the worker thread, hands out request ids,
// forwards answers of the request it still waits for and drops stale ones.

#include "inference/inference_types.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>

namespace florence::ui {

class InferenceWorker;

/// Starts an InferenceWorker on its own QThread and talks to it only through queued signals. One
/// request is current at a time: submitting a new one cancels the previous one, whose answer is then
/// dropped by id, as is any answer arriving after cancel(). Lives on the GUI thread; never blocks it
/// except in shutdown().
class InferenceController : public QObject
{
    Q_OBJECT

public:
    enum class ModelState { None, Loading, Ready, Failed };

    explicit InferenceController(QObject *parent = nullptr);
    /// Calls shutdown().
    ~InferenceController() override;

    /// Starts loading `dir` on the worker (a request in flight is cancelled; runs wait until the load
    /// ends). Answers with modelLoaded or modelLoadFailed. Returns the load id.
    quint64 loadModel(const QString &dir, const PipelineOptions &options);
    ModelState modelState() const { return m_state; }
    bool isModelReady() const { return m_state == ModelState::Ready; }
    /// The loaded model (valid while isModelReady()).
    const ModelSummary &summary() const { return m_summary; }
    /// The folder loaded or being loaded.
    QString modelDir() const { return m_dir; }
    /// The options of the model loaded or being loaded.
    const PipelineOptions &modelOptions() const { return m_options; }
    /// The core message of the last failed load.
    QString lastError() const { return m_lastError; }
    /// Core's kind of the last failed load (picks the translated sentence shown with lastError()).
    ErrorKind lastErrorKind() const { return m_lastErrorKind; }
    /// Sets libtorch's CPU thread count on the worker thread (applies to the next runs).
    void setThreads(int threads);

    /// Queues `request` (its id and cancel flag are filled in) and makes it the current one; a
    /// previous current request is cancelled and its answer dropped. Returns the id, 0 when no model
    /// is ready (nothing queued).
    quint64 submit(InferenceRequest request);
    /// Id of the request whose answer is awaited, 0 when idle.
    quint64 currentRequest() const { return m_current; }
    bool isBusy() const { return m_current != 0; }
    /// Cancels the current request: its flag is set (the worker stops before the next decoding step)
    /// and its answer, should one still arrive, is dropped. The controller is idle at once.
    void cancel();
    /// Cancel, quit, wait: stops the worker thread (the model is freed there). Idempotent.
    void shutdown();

    /// Answers that arrived for requests nobody waited for any more.
    int droppedResults() const { return m_dropped; }
    /// The worker (for measurements in tests; lives on another thread: call only thread-safe members).
    InferenceWorker *worker() const { return m_worker; }
    QThread *thread() { return &m_thread; }

Q_SIGNALS:
    void modelStateChanged(florence::ui::InferenceController::ModelState state);
    /// A model finished loading (summary() holds it).
    void modelLoaded();
    /// Loading `dir` failed; `message` is the core's message (English, names the culprit).
    void modelLoadFailed(const QString &dir, const QString &message);
    void threadsChanged(int threads);
    /// Progress of the current request.
    void progress(const florence::ui::InferenceProgress &progress);
    /// The answer of the current request (never of a cancelled or superseded one).
    void finished(const florence::ui::InferenceResult &result);
    /// isBusy() changed.
    void busyChanged(bool busy);
    /// The worker stopped request `id` after cancel(): `latencyMs` after the flag was set, having
    /// run `steps` decoding steps in its last run.
    void stopped(quint64 id, double latencyMs, int steps);

    // Queued to the worker.
    void requestLoad(const florence::ui::ModelLoadRequest &request);
    void requestRun(const florence::ui::InferenceRequest &request);
    void requestThreads(int threads);

private:
    void onLoaded(const ModelLoadResult &result);
    void onProgress(const InferenceProgress &progress);
    void onFinished(const InferenceResult &result);
    void setState(ModelState state);
    void setCurrent(quint64 id);

    QThread m_thread;
    InferenceWorker *m_worker = nullptr;
    ModelState m_state = ModelState::None;
    ModelSummary m_summary;
    QString m_dir;
    PipelineOptions m_options;
    QString m_lastError;
    ErrorKind m_lastErrorKind = ErrorKind::Internal;
    quint64 m_lastId = 0;
    quint64 m_load = 0;    ///< id of the load awaited
    quint64 m_current = 0; ///< id of the run awaited
    CancelFlag m_cancel;   ///< flag of the current run
    QHash<quint64, QElapsedTimer> m_cancelling; ///< cancelled requests whose answer is still due
    int m_dropped = 0;
};

} // namespace florence::ui
