#pragma once
// Value types that cross the thread boundary between the GUI and the inference worker. Each carries
// the id of its request so that the GUI can drop answers nobody waits for any more; all are
// registered with Qt's meta-type system (registerInferenceTypes) for queued signals.

#include "batch/batch_size.h"
#include "common/error.h"
#include "run/job.h"
#include "pipeline.h"
#include "tasks/result_annotations.h"
#include "tiling/tiled_run.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace florence::ui {

/// A cancellation flag shared by the GUI (which sets it) and the worker (which checks it between
/// stages and decoding steps).
using CancelFlag = std::shared_ptr<std::atomic<bool>>;

/// Asks the worker to load a model folder.
struct ModelLoadRequest
{
    quint64 id = 0;
    QString dir;             ///< model folder (Hugging Face layout)
    PipelineOptions options; ///< device, precision, CPU threads
};

/// The worker's answer to a ModelLoadRequest.
struct ModelLoadResult
{
    quint64 id = 0;
    bool ok = false;
    QString dir;
    QString error;        ///< core message naming the missing/garbled file or key (English)
    ErrorKind errorKind = ErrorKind::Internal; ///< core's kind of the failure (picks the translated sentence)
    ModelSummary summary; ///< valid when ok
};

/// One inference request: a job on an image file, or a region task on several regions of it.
struct InferenceRequest
{
    quint64 id = 0;
    QString imagePath;        ///< absolute path; decoded on the worker thread
    AnnotateJob job;          ///< task (or chain), text input and generation settings
    std::vector<Box> regions; ///< region tasks: one run per region, image pixels, in this order
    /// Prompt → label rows: when not empty, job.task runs once per row (runPromptTable) and the
    /// results carry the rows' labels.
    std::vector<PromptLabel> promptTable;
    /// Whole-image detection/OCR tasks without a chain: run tile by tile (core runTiled) and
    /// merged; std::nullopt runs the whole image at once.
    std::optional<TiledRunOptions> tiling;
    /// A GUI batch pass: when not empty, `job` runs on every one of these images (imagePath,
    /// regions, promptTable and tiling are unused) through core's runJobBatch, batchSize images
    /// at a time after chooseBatchSize() has lowered it to fit in memory; the answer's `items`
    /// hold one result per image, in this order. A failing image fails alone; cancelling stops
    /// the whole pass.
    QStringList batchImages;
    int batchSize = 1;        ///< batch passes: images through the model together (asked for)
    /// What the images' doneTasks record on success; empty: the job's key (the prompt table's, and
    /// withTilingKey's suffix when the run is tiled). A GUI batch sets its own key for every pass,
    /// tiled or not, so that resuming skips exactly what it did.
    std::string doneKey;
    CancelFlag cancel;        ///< never null once submitted
};

/// Progress of a request, reported while it runs.
struct InferenceProgress
{
    quint64 id = 0;
    int run = 1;           ///< 1-based pipeline run within the request (regions, chain steps, tiles)
    int runs = 1;          ///< runs known so far
    RunProgress progress;  ///< stage, and tokens so far while decoding
    bool tiled = false;    ///< run/runs count the tiles of a tiled run
    /// Batch passes: the batch size in use and how it was chosen (sent when the pass starts and
    /// with every later report of it); std::nullopt for other requests.
    std::optional<BatchSizeChoice> batch;
};

/// How a request ended.
enum class InferenceStatus { Ok, Failed, Cancelled };

/// The worker's answer to an InferenceRequest.
struct InferenceResult
{
    quint64 id = 0;
    InferenceStatus status = InferenceStatus::Ok;
    QString error;                     ///< Failed/Cancelled: the core message
    ErrorKind errorKind = ErrorKind::Internal; ///< Failed/Cancelled: core's kind of the failure
    QString imagePath;
    AnnotateJob job;
    int imageWidth = 0;                ///< pixels of the decoded (EXIF-oriented) image
    int imageHeight = 0;
    ResultAnnotations annotations;     ///< whole-image jobs (chains included)
    Provenance provenance;             ///< model, checkpoint, prompt and time of this result
    std::string doneKey;               ///< what doneTasks records: job.key(), or the prompt table's key
    std::vector<RunResult> runs;       ///< every pipeline run, in order (raw text, prompt, timings);
                                       ///< region requests: one run per region, in request order
    int decodingSteps = 0;             ///< decoding steps of the last run, also when cancelled
    int tiles = 0;                     ///< tiled runs: the number of tiles (runs has one per tile)
    int truncatedTiles = 0;            ///< tiled runs: tiles whose answer hit max_new_tokens
    double wallMs = 0.0;               ///< wall time of the request on the worker, decoding included
                                       ///< (a batch pass's item: the pass's time divided by its images)
    /// Batch passes: one answer per image of request.batchImages, in that order (Ok or Failed on
    /// its own); the pass itself is Ok unless it was cancelled or met an internal error.
    std::vector<InferenceResult> items;
    std::optional<BatchSizeChoice> batch; ///< batch passes: the batch size used and why
};

/// Whether an answer used the whole max_new_tokens budget (a run's RunResult::truncated, or a
/// tile's), so it is probably cut short: the GUI then suggests tiles or more tokens.
bool isTruncated(const InferenceResult &result);

/// Registers the types above for queued connections (idempotent; call before connecting).
void registerInferenceTypes();

/// The raw generated text of every run of a result, one block per run.
QString rawOutputText(const InferenceResult &result);
/// The stage timings of every run of a result added up (a chain's detection and region runs).
RunTimings totalTimings(const InferenceResult &result);

} // namespace florence::ui

Q_DECLARE_METATYPE(florence::ui::ModelLoadRequest)
Q_DECLARE_METATYPE(florence::ui::ModelLoadResult)
Q_DECLARE_METATYPE(florence::ui::InferenceRequest)
Q_DECLARE_METATYPE(florence::ui::InferenceProgress)
Q_DECLARE_METATYPE(florence::ui::InferenceResult)
