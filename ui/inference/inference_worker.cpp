#include "inference/inference_worker.h"

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

void InferenceWorker::execute(const InferenceRequest &request, InferenceResult &out)
{
    if (!m_pipeline)
        throw Error(ErrorKind::BadInput, "no model is loaded");
    const std::atomic<bool> *cancel = request.cancel.get();
    if (cancel && cancel->load())
        throw Error(ErrorKind::Cancelled, "cancelled before it started");
    const RgbImage &image = decoded(request.imagePath);
    out.imageWidth = image.width;
    out.imageHeight = image.height;

    // Progress: stage changes always, decoding steps at most every m_progressIntervalMs.
    QElapsedTimer sinceReport;
    sinceReport.start();
    RunStage lastStage = RunStage::Postprocess;
    auto report = [&](int run, int runs, const RunProgress &p, bool tiled, bool force = false) {
        if (p.stage == RunStage::Decoding)
            m_steps.fetch_add(1);
        else
            m_steps.store(0);
        if (!force && p.stage == lastStage && sinceReport.elapsed() < m_progressIntervalMs)
            return;
        lastStage = p.stage;
        sinceReport.restart();
        Q_EMIT progress(InferenceProgress{request.id, run, runs, p, tiled});
    };

    const JobProgressCallback forward = [&](const JobProgress &p) { report(p.run, p.runs, p.progress, false); };
    out.provenance = runProvenance(*m_pipeline, request.job.text);
    out.doneKey = request.promptTable.empty() ? request.job.key() : promptTableJobKey(request.job.task, request.promptTable);
    if (request.tiling && request.job.chain == Chain::None && taskInfo(request.job.task).input != TaskInput::Region) {
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
    Q_EMIT finished(out);
}

} // namespace florence::ui
