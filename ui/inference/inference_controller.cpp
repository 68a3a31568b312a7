#include "inference/inference_controller.h"

#include "inference/inference_worker.h"

namespace florence::ui {

InferenceController::InferenceController(QObject *parent)
    : QObject(parent)
{
    registerInferenceTypes();
    m_thread.setObjectName(QStringLiteral("inference"));
    m_worker = new InferenceWorker;
    m_worker->moveToThread(&m_thread);
    // The worker (and the model it owns) is deleted on its own thread when the thread ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &InferenceController::requestLoad, m_worker, &InferenceWorker::loadModel);
    connect(this, &InferenceController::requestRun, m_worker, &InferenceWorker::run);
    connect(this, &InferenceController::requestThreads, m_worker, &InferenceWorker::setThreads);
    connect(m_worker, &InferenceWorker::modelLoaded, this, &InferenceController::onLoaded);
    connect(m_worker, &InferenceWorker::progress, this, &InferenceController::onProgress);
    connect(m_worker, &InferenceWorker::finished, this, &InferenceController::onFinished);
    connect(m_worker, &InferenceWorker::threadsChanged, this, &InferenceController::threadsChanged);
    m_thread.start();
}

InferenceController::~InferenceController()
{
    shutdown();
}

void InferenceController::shutdown()
{
    if (!m_thread.isRunning())
        return;
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void InferenceController::setState(ModelState state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT modelStateChanged(state);
}

void InferenceController::setCurrent(quint64 id)
{
    const bool wasBusy = isBusy();
    m_current = id;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

quint64 InferenceController::loadModel(const QString &dir, const PipelineOptions &options)
{
    cancel();
    m_load = ++m_lastId;
    m_dir = dir;
    m_options = options;
    setState(ModelState::Loading);
    Q_EMIT requestLoad(ModelLoadRequest{m_load, dir, options});
    return m_load;
}

void InferenceController::setThreads(int threads)
{
    Q_EMIT requestThreads(threads);
}

quint64 InferenceController::submit(InferenceRequest request)
{
    if (!isModelReady())
        return 0;
    cancel(); // the previous request is superseded
    request.id = ++m_lastId;
    request.cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = request.cancel;
    setCurrent(request.id);
    Q_EMIT requestRun(request);
    return request.id;
}

void InferenceController::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
        m_cancelling[m_current].start();
    }
    m_cancel.reset();
    setCurrent(0);
}

void InferenceController::onLoaded(const ModelLoadResult &result)
{
    if (result.id != m_load)
        return; // a later load superseded this one
    m_load = 0;
    if (result.ok) {
        m_summary = result.summary;
        m_lastError.clear();
        setState(ModelState::Ready);
        Q_EMIT modelLoaded();
    } else {
        m_summary = ModelSummary{};
        m_lastError = result.error;
        m_lastErrorKind = result.errorKind;
        setState(ModelState::Failed);
        Q_EMIT modelLoadFailed(result.dir, result.error);
    }
}

void InferenceController::onProgress(const InferenceProgress &progress)
{
    if (progress.id == m_current && m_current != 0)
        Q_EMIT this->progress(progress);
}

void InferenceController::onFinished(const InferenceResult &result)
{
    if (result.id != m_current || m_current == 0) {
        ++m_dropped;
        const auto it = m_cancelling.constFind(result.id);
        if (it != m_cancelling.constEnd()) {
            const double latencyMs = double(it->nsecsElapsed()) / 1e6;
            m_cancelling.remove(result.id);
            Q_EMIT stopped(result.id, latencyMs, result.decodingSteps);
        }
        return;
    }
    // Idle while `finished` is handled, so that a handler may submit the next request; busyChanged
    // follows only when nobody did.
    m_cancel.reset();
    m_current = 0;
    Q_EMIT finished(result);
    if (m_current == 0)
        Q_EMIT busyChanged(false);
}

} // namespace florence::ui
