#include "inference/batch_runner.h"

#include "batch/batch_annotate.h"
#include "convert.h"
#include "document/document.h"
#include "inference/inference_controller.h"
#include "inference/result_applier.h"

#include <QDir>

#include <algorithm>
#include <utility>

namespace florence::ui {

BatchRunner::BatchRunner(Document *document, InferenceController *controller, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_controller(controller)
{
    connect(controller, &InferenceController::finished, this, &BatchRunner::onFinished);
    connect(controller, &InferenceController::progress, this, &BatchRunner::onProgress);
    // Another request superseded ours (the model was reloaded, something else was submitted): the
    // pass's images go back into the queue and the batch pauses.
    connect(controller, &InferenceController::busyChanged, this, [this] {
        if (m_running && m_request != 0 && m_controller->currentRequest() != m_request) {
            m_request = 0;
            for (int i = int(m_pass.size()) - 1; i >= 0; --i)
                m_queue.insert(m_next, m_pass[i]);
            m_pass.clear();
            pause();
        }
    });
    // A document reset (another folder) invalidates the image indices.
    connect(document, &Document::documentReset, this, [this] {
        if (m_running)
            cancel();
    });
}

bool BatchRunner::start(const AnnotateJob &job, const QVector<int> &images, const Options &options, QString *error)
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
    m_force = options.force;
    // Tiles apply where an interactive run would tile (ModelSession::submitJob): tileable tasks
    // without a chain.
    m_tiling = job.chain == Chain::None && isTileable(job.task) ? options.tiling : std::nullopt;
    // Images count as done under the job's key plus the tiling's (as in florence-cli annotate's
    // checkpoints): changing the tiles runs the images again; small images that need no tiling
    // still record the batch's key, so a resumed batch skips them.
    m_doneKey = withTilingKey(job.key(), m_tiling);
    m_requestedSize = std::max(options.batchSize, 1);
    m_passSize = m_requestedSize;
    m_choice.reset();
    m_pass.clear();
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
    m_pass.clear();
    Q_EMIT progressChanged();
    Q_EMIT finished(cancelled);
}

void BatchRunner::submitNext()
{
    while (m_running && !m_paused && m_request == 0) {
        // The next pass: up to m_passSize images that still need the job, or one image to tile.
        QVector<int> pass;
        bool tiled = false;
        while (m_next < m_queue.size() && pass.size() < m_passSize) {
            const int image = m_queue[m_next];
            if (image < 0 || image >= m_document->imageCount()) {
                ++m_next;
                ++m_stats.done;
                continue;
            }
            const std::vector<std::string> &done = m_document->image(image).doneTasks;
            if (!m_force && std::find(done.begin(), done.end(), m_doneKey) != done.end()) {
                ++m_next;
                ++m_stats.done;
                ++m_stats.skipped;
                Q_EMIT progressChanged();
                continue;
            }
            const bool alone = runsTiled(image);
            if (alone && !pass.isEmpty())
                break; // it runs alone, next
            ++m_next;
            pass << image;
            if (alone) {
                tiled = true;
                break;
            }
        }
        if (pass.isEmpty()) {
            finish(false);
            return;
        }
        InferenceRequest request;
        request.job = m_job;
        request.doneKey = m_doneKey;
        if (tiled) { // one image, tiled, as an interactive tiled run
            request.imagePath = m_document->absolutePath(pass.front());
            request.tiling = m_tiling;
        } else {
            for (int image : pass)
                request.batchImages << m_document->absolutePath(image);
            request.batchSize = m_requestedSize; // the worker lowers it when memory is short
        }
        m_pass = pass;
        m_imageClock.start();
        m_request = m_controller->submit(std::move(request));
        if (m_request == 0) { // the model went away (reload): stop here, resumable later
            m_pass.clear();
            finish(true);
            return;
        }
    }
}

bool BatchRunner::runsTiled(int image) const
{
    if (!m_tiling)
        return false;
    const ImageRecord &record = m_document->image(image);
    if (record.width <= 0 || record.height <= 0)
        return true; // size unknown: runTiled decides
    try {
        const std::vector<Tile> plan = planTiles(record.width, record.height, m_tiling->tiling);
        return plan.size() != 1 || plan.front().fullImage;
    } catch (const std::exception &) {
        return true; // bad options: runTiled names them as this image's failure
    }
}

void BatchRunner::onProgress(const InferenceProgress &progress)
{
    if (!m_running || progress.id != m_request || m_request == 0 || !progress.batch || m_choice == progress.batch)
        return;
    m_choice = progress.batch;
    // Later passes take as many images as the worker could afford for this one (it fits every
    // pass again, up to the size asked for).
    m_passSize = std::max(1, m_choice->size);
    Q_EMIT batchSizeChosen(m_choice->lowered());
    Q_EMIT progressChanged();
}

void BatchRunner::onFinished(const InferenceResult &result)
{
    if (!m_running || result.id != m_request || m_request == 0)
        return;
    m_request = 0;
    const QVector<int> pass = std::exchange(m_pass, {});
    const double ms = double(m_imageClock.nsecsElapsed()) / 1e6;
    if (result.status == InferenceStatus::Cancelled) {
        finish(true);
        return;
    }
    const double perImage = ms / double(std::max<qsizetype>(pass.size(), 1));
    if (!result.items.empty() && result.status == InferenceStatus::Ok) {
        for (int k = 0; k < pass.size() && std::size_t(k) < result.items.size(); ++k)
            imageDone(pass[k], result.items[std::size_t(k)], perImage);
    } else {
        // One image (tiled), or a pass that failed as a whole (an internal error): every image
        // of it gets the answer.
        for (int image : pass) {
            InferenceResult one = result;
            one.items.clear();
            one.imagePath = m_document->absolutePath(image);
            imageDone(image, one, perImage);
        }
    }
    Q_EMIT progressChanged();
    submitNext();
}

void BatchRunner::imageDone(int image, const InferenceResult &result, double ms)
{
    ++m_stats.done;
    if (result.status != InferenceStatus::Ok) {
        ++m_stats.failed;
        m_failures << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(result.imagePath), result.error);
        Q_EMIT imageFinished(image, false, result.error);
        return;
    }
    ++m_stats.processed;
    m_modelMs += ms;
    const AppliedResult applied = applyInferenceResult(m_document, image, result);
    m_stats.annotations += applied.shapes + applied.captions;
    const double elapsedS = stats().elapsedMs / 1000.0;
    m_throughput.append(QPointF(elapsedS, ms > 0 ? 60000.0 / ms : 0.0));
    Q_EMIT imageFinished(image, true, QString());
    Q_EMIT resultApplied(image);
}

} // namespace florence::ui
