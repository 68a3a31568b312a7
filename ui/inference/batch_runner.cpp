#include "inference/batch_runner.h"

#include "convert.h"
#include "document/document.h"
#include "inference/inference_controller.h"
#include "inference/result_applier.h"

#include <QDir>

#include <algorithm>

namespace florence::ui {

BatchRunner::BatchRunner(Document *document, InferenceController *controller, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_controller(controller)
{
    connect(controller, &InferenceController::finished, this, &BatchRunner::onFinished);
    // Another request superseded ours (the model was reloaded, something else was submitted): the
    // image goes back into the queue and the batch pauses.
    connect(controller, &InferenceController::busyChanged, this, [this] {
        if (m_running && m_request != 0 && m_controller->currentRequest() != m_request) {
            m_request = 0;
            --m_next;
            pause();
        }
    });
    // A document reset (another folder) invalidates the image indices.
    connect(document, &Document::documentReset, this, [this] {
        if (m_running)
            cancel();
    });
}

bool BatchRunner::start(const AnnotateJob &job, const QVector<int> &images, bool force, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_running)
        return fail(tr("A batch is already running."));
    if (!m_controller->isModelReady())
        return fail(tr("No model is loaded."));
    if (m_controller->isBusy())
        return fail(tr("The model is busy; wait for the current run or cancel it."));
    try {
        job.validate();
    } catch (const std::exception &e) {
        return fail(tr("This job cannot run on whole images: %1").arg(QString::fromUtf8(e.what())));
    }
    m_job = job;
    m_queue = images;
    m_next = 0;
    m_force = force;
    m_running = true;
    m_paused = false;
    m_stats = Stats{};
    m_stats.total = int(images.size());
    m_failures.clear();
    m_throughput.clear();
    m_elapsedBefore = 0;
    m_modelMs = 0;
    m_clock.start();
    Q_EMIT started();
    Q_EMIT progressChanged();
    submitNext();
    return true;
}

const BatchRunner::Stats &BatchRunner::stats() const
{
    m_stats.elapsedMs = m_elapsedBefore + (m_running && !m_paused ? double(m_clock.nsecsElapsed()) / 1e6 : 0.0);
    const int remaining = m_stats.total - m_stats.done;
    m_stats.etaMs = m_stats.processed > 0 ? m_modelMs / m_stats.processed * remaining : -1.0;
    return m_stats;
}

void BatchRunner::pause()
{
    if (!m_running || m_paused)
        return;
    m_elapsedBefore += double(m_clock.nsecsElapsed()) / 1e6;
    m_paused = true;
    Q_EMIT pausedChanged(true);
    Q_EMIT progressChanged();
}

void BatchRunner::resume()
{
    if (!m_running || !m_paused)
        return;
    m_paused = false;
    m_clock.start();
    Q_EMIT pausedChanged(false);
    Q_EMIT progressChanged();
    if (m_request == 0)
        submitNext();
}

void BatchRunner::cancel()
{
    if (!m_running)
        return;
    if (m_request != 0 && m_controller->currentRequest() == m_request)
        m_controller->cancel();
    m_request = 0;
    finish(true);
}

void BatchRunner::finish(bool cancelled)
{
    if (!m_paused)
        m_elapsedBefore += double(m_clock.nsecsElapsed()) / 1e6;
    m_running = false;
    m_paused = false;
    m_request = 0;
    Q_EMIT progressChanged();
    Q_EMIT finished(cancelled);
}

void BatchRunner::submitNext()
{
    while (m_running && !m_paused && m_request == 0) {
        if (m_next >= m_queue.size()) {
            finish(false);
            return;
        }
        const int image = m_queue[m_next++];
        if (image < 0 || image >= m_document->imageCount()) {
            ++m_stats.done;
            continue;
        }
        const std::vector<std::string> &done = m_document->image(image).doneTasks;
        if (!m_force && std::find(done.begin(), done.end(), m_job.key()) != done.end()) {
            ++m_stats.done;
            ++m_stats.skipped;
            Q_EMIT progressChanged();
            continue;
        }
        InferenceRequest request;
        request.imagePath = m_document->absolutePath(image);
        request.job = m_job;
        m_requestImage = image;
        m_imageClock.start();
        m_request = m_controller->submit(std::move(request));
        if (m_request == 0) { // the model went away (reload): stop here, resumable later
            finish(true);
            return;
        }
    }
}

void BatchRunner::onFinished(const InferenceResult &result)
{
    if (!m_running || result.id != m_request || m_request == 0)
        return;
    m_request = 0;
    const int image = m_requestImage;
    const double ms = double(m_imageClock.nsecsElapsed()) / 1e6;
    if (result.status == InferenceStatus::Cancelled) {
        finish(true);
        return;
    }
    ++m_stats.done;
    if (result.status == InferenceStatus::Failed) {
        ++m_stats.failed;
        m_failures << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(result.imagePath), result.error);
        Q_EMIT imageFinished(image, false, result.error);
    } else {
        ++m_stats.processed;
        m_modelMs += ms;
        const AppliedResult applied = applyInferenceResult(m_document, image, result);
        m_stats.annotations += applied.shapes + applied.captions;
        const double elapsedS = stats().elapsedMs / 1000.0;
        m_throughput.append(QPointF(elapsedS, ms > 0 ? 60000.0 / ms : 0.0));
        Q_EMIT imageFinished(image, true, QString());
        Q_EMIT resultApplied(image);
    }
    Q_EMIT progressChanged();
    submitNext();
}

} // namespace florence::ui
