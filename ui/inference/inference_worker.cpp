#include "inference/inference_worker.h"

#include "batch/batch_annotate.h"
#include "common/error.h"
#include "common/error_text.h"
#include "common/threads.h"
#include "convert.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace florence::ui {

InferenceWorker::InferenceWorker(QObject *parent)
    : QObject(parent)
{
    registerInferenceTypes();
}

InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::loadModel(const ModelLoadRequest &request)
{
    ModelLoadResult out;
    out.id = request.id;
    out.dir = request.dir;
    try {
        m_pipeline.reset(); // free the old weights before reading the new ones
        m_pipeline = std::make_unique<Pipeline>(toStd(request.dir), request.options);
        out.summary = m_pipeline->summary();
        out.ok = true;
    } catch (const std::exception &e) {
        m_pipeline.reset();
        const ErrorInfo info = errorInfo(e, ErrorKind::ModelFormat);
        out.error = info.detail;
        out.errorKind = info.kind;
    } catch (...) {
        m_pipeline.reset();
        out.error = QStringLiteral("unknown error while loading the model");
    }
    Q_EMIT modelLoaded(out);
}

void InferenceWorker::unloadModel()
{
    m_pipeline.reset();
}

void InferenceWorker::setThreads(int threads)
{
    int now = 0;
    try {
        now = setThreadCount(threads);
    } catch (...) {
        now = 0;
    }
    Q_EMIT threadsChanged(now);
}

const RgbImage &InferenceWorker::decoded(const QString &path)
{
    const qint64 stamp = QFileInfo(path).lastModified().toMSecsSinceEpoch();
    if (path != m_imagePath || stamp != m_imageStamp || m_image.empty()) {
        m_imagePath.clear();
        m_image = decodeImageFile(toStd(path)); // throws Error naming the file
        m_imagePath = path;
        m_imageStamp = stamp;
    }
    return m_image;
}

/// Sends a request's progress: stage changes always, decoding steps at most every
/// m_progressIntervalMs; counts decoding steps for decodingSteps().
class InferenceWorker::Reporter
{
public:
    Reporter(InferenceWorker *worker, quint64 id)
        : m_worker(worker)
        , m_id(id)
    {
        m_sinceReport.start();
    }
    std::optional<BatchSizeChoice> batch; ///< sent with every report of a batch pass

    void operator()(int run, int runs, const RunProgress &p, bool tiled, bool force = false)
    {
        if (p.stage == RunStage::Decoding)
            m_worker->m_steps.fetch_add(1);
        else
            m_worker->m_steps.store(0);
        if (!force && p.stage == m_lastStage && m_sinceReport.elapsed() < m_worker->m_progressIntervalMs)
            return;
        m_lastStage = p.stage;
        m_sinceReport.restart();
        Q_EMIT m_worker->progress(InferenceProgress{m_id, run, runs, p, tiled, batch});
    }

private:
    InferenceWorker *m_worker;
    quint64 m_id;
    QElapsedTimer m_sinceReport;
    RunStage m_lastStage = RunStage::Postprocess;
};

void InferenceWorker::execute(const InferenceRequest &request, InferenceResult &out)
{
    if (!m_pipeline)
        throw Error(ErrorKind::BadInput, "no model is loaded");
    const std::atomic<bool> *cancel = request.cancel.get();
    if (cancel && cancel->load())
        throw Error(ErrorKind::Cancelled, "cancelled before it started");
    if (!request.batchImages.isEmpty())
        return executePass(request, out);
    const RgbImage &image = decoded(request.imagePath);
    out.imageWidth = image.width;
    out.imageHeight = image.height;

    Reporter report(this, request.id);

    const JobProgressCallback forward = [&](const JobProgress &p) { report(p.run, p.runs, p.progress, false); };
    out.provenance = runProvenance(*m_pipeline, request.job.text);
    out.doneKey = request.promptTable.empty() ? request.job.key() : promptTableJobKey(request.job.task, request.promptTable);
    const bool tiles = request.tiling && request.job.chain == Chain::None && taskInfo(request.job.task).input != TaskInput::Region;
    if (tiles)
        out.doneKey = withTilingKey(out.doneKey, request.tiling);
    if (!request.doneKey.empty())
        out.doneKey = request.doneKey;
    if (tiles) {
        request.job.validate();
        const RunRequest runRequest = request.job.request();
        TiledCallbacks callbacks;
        int lastTile = -1;
        callbacks.progress = [&](const TileProgress &p) {
            const bool newTile = p.tile != lastTile; // every tile shows, however short its stages
            lastTile = p.tile;
            report(p.tile + 1, p.tiles, p.run, true, newTile);
        };
        TiledResult tiled = runTiled(*m_pipeline, image, runRequest, *request.tiling, callbacks, cancel);
        out.annotations.shapes = std::move(tiled.shapes);
        out.tiles = int(tiled.tiles.size());
        out.truncatedTiles = tiled.truncatedTiles;
        for (const TileRun &t : tiled.runs) {
            RunResult r;
            r.task = runRequest.task;
            r.prompt = std::string(taskInfo(runRequest.task).token) + runRequest.text;
            r.text = t.text;
            r.truncated = t.truncated;
            r.imageWidth = t.tile.rect.width;
            r.imageHeight = t.tile.rect.height;
            r.timings = t.timings;
            out.runs.push_back(std::move(r));
        }
    } else if (taskInfo(request.job.task).input == TaskInput::Region) {
        out.runs = runRegions(*m_pipeline, image, request.job, request.regions, forward, cancel);
    } else if (!request.promptTable.empty()) {
        out.annotations = runPromptTable(*m_pipeline, image, request.job, request.promptTable, forward, cancel, &out.runs);
    } else {
        out.annotations = runJob(*m_pipeline, image, request.job, forward, cancel, &out.runs);
    }
}

void InferenceWorker::executePass(const InferenceRequest &request, InferenceResult &out)
{
    const std::atomic<bool> *cancel = request.cancel.get();
    // The same choice as florence-cli annotate: lowered until the estimate fits in memory.
    const BatchSizeChoice choice = chooseBatchSize(*m_pipeline, request.batchSize, request.job, batchAvailableMemory());
    out.batch = choice;
    Reporter report(this, request.id);
    report.batch = choice;
    report(1, 1, RunProgress{}, false, true);

    const int n = int(request.batchImages.size());
    const Provenance provenance = runProvenance(*m_pipeline, request.job.text);
    out.items.resize(std::size_t(n));
    std::vector<RgbImage> decodedImages(static_cast<std::size_t>(n));
    std::vector<const RgbImage *> images;
    std::vector<std::size_t> decodedIndex; // item of each entry of `images`
    for (int k = 0; k < n; ++k) {
        InferenceResult &item = out.items[std::size_t(k)];
        item.id = request.id;
        item.imagePath = request.batchImages[k];
        item.job = request.job;
        item.doneKey = request.doneKey.empty() ? request.job.key() : request.doneKey;
        item.provenance = provenance;
        try {
            decodedImages[std::size_t(k)] = decodeImageFile(toStd(item.imagePath)); // throws Error naming the file
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::Internal)
                throw;
            item.status = InferenceStatus::Failed;
            item.error = QString::fromUtf8(e.what());
            continue;
        } catch (const std::exception &e) { // the image alone fails, as a request of its own would
            item.status = InferenceStatus::Failed;
            item.error = QString::fromUtf8(e.what());
            continue;
        }
        item.imageWidth = decodedImages[std::size_t(k)].width;
        item.imageHeight = decodedImages[std::size_t(k)].height;
        images.push_back(&decodedImages[std::size_t(k)]);
        decodedIndex.push_back(std::size_t(k));
    }
    if (images.empty())
        return;
    std::vector<JobOutcome> outcomes = runJobBatch(
        *m_pipeline, images, request.job, choice.size,
        [&](std::size_t, const JobProgress &p) { report(p.run, p.runs, p.progress, false); }, cancel);
    for (std::size_t d = 0; d < outcomes.size(); ++d) {
        InferenceResult &item = out.items[decodedIndex[d]];
        JobOutcome &o = outcomes[d];
        if (!o.ok()) {
            item.status = InferenceStatus::Failed;
            item.error = QString::fromStdString(o.error);
            continue;
        }
        item.annotations = std::move(*o.annotations);
        item.runs = std::move(o.runs);
        if (!item.runs.empty())
            item.decodingSteps = item.runs.back().timings.decodeSteps;
    }
}

void InferenceWorker::run(const InferenceRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    m_steps.store(0);
    InferenceResult out;
    out.id = request.id;
    out.imagePath = request.imagePath;
    out.job = request.job;
    try {
        execute(request, out);
    } catch (const std::exception &e) {
        const ErrorInfo info = errorInfo(e); // libtorch's c10::Error and the like: an internal failure
        out.status = info.kind == ErrorKind::Cancelled ? InferenceStatus::Cancelled : InferenceStatus::Failed;
        out.error = info.detail;
        out.errorKind = info.kind;
    } catch (...) {
        out.status = InferenceStatus::Failed;
        out.error = QStringLiteral("unknown error");
    }
    out.decodingSteps = m_steps.load();
    out.wallMs = double(clock.nsecsElapsed()) / 1e6;
    for (InferenceResult &item : out.items)
        item.wallMs = out.wallMs / double(out.items.size());
    Q_EMIT finished(out);
}

} // namespace florence::ui
