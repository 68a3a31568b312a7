#pragma once
// Pre-annotation of many images from the GUI: passes of N images through the inference controller
// (core's runJobBatch, as `florence-cli annotate --batch-size N`), results added to the document
// as each pass finishes.
//
// Design note: the runner submits one pass at a time (the worker decodes its images and runs them
// together), so pause, cancel and interactive edits interleave between passes, and the GUI never
// holds more than one pass's answers. The worker lowers N with core's chooseBatchSize() before it
// would run out of memory and says so in the pass's first progress report; later passes take as
// many images as it chose. With the Model panel's Tiles option, an image whose tile plan has more
// than one tile runs alone through runTiled, as an interactive tiled run does; an image the plan
// leaves whole (one tile, no full pass: runTiled would give the whole-image answer) joins a pass.
// Each image's result is ONE undo step ("Add N
// annotations", which also records the job key in the image's doneTasks); a batch macro was
// dropped because it would stay open for the whole run and swallow the user's own edits made
// meanwhile. Resuming skips images whose doneTasks hold the job's key, so an interrupted batch
// (cancel, crash: the project is saved after every image) picks up where it stopped.

#include "inference/inference_types.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QVector>

#include <optional>
#include <string>

namespace florence::ui {

class Document;
class InferenceController;

/// Runs one AnnotateJob over a list of document images with pause, resume and cancel.
class BatchRunner : public QObject
{
    Q_OBJECT

public:
    /// Counters of the running (or last) batch.
    struct Stats
    {
        int total = 0;      ///< images of the batch
        int done = 0;       ///< finished: processed, skipped or failed
        int processed = 0;  ///< answered by the model
        int skipped = 0;    ///< already done before (doneTasks holds the job key)
        int failed = 0;
        int annotations = 0;///< shapes and captions added
        double elapsedMs = 0.0; ///< wall time while running (pauses excluded)
        double etaMs = -1.0;    ///< estimated time left, -1 while unknown
    };

    /// How a batch runs besides its job and images.
    struct Options
    {
        bool force = false;      ///< also run on images whose doneTasks hold the job's key
        int batchSize = kDefaultBatchSize; ///< images per pass asked for (lowered to fit in memory)
        /// Run images tiled (core runTiled), one image at a time, where their plan has more than
        /// one tile; only for tileable tasks without a chain (ignored otherwise).
        std::optional<TiledRunOptions> tiling;
    };

    BatchRunner(Document *document, InferenceController *controller, QObject *parent = nullptr);

    /// Starts `job` on document images `images` (in that order). Images whose doneTasks already hold
    /// job.key() are skipped unless options.force. Returns false (nothing started) when a batch runs,
    /// the model is not ready, the controller is busy or the job is invalid (`error` says why).
    bool start(const AnnotateJob &job, const QVector<int> &images, const Options &options, QString *error = nullptr);
    /// Stops submitting after the pass in flight; resume() goes on.
    void pause();
    void resume();
    /// Cancels the pass in flight (all its images stay undone) and ends the batch.
    void cancel();

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    const Stats &stats() const;
    const AnnotateJob &job() const { return m_job; }
    /// Whether the batch tiles its images (those of more than one tile, one at a time).
    bool isTiled() const { return m_tiling.has_value(); }
    /// Images per pass asked for at start().
    int requestedBatchSize() const { return m_requestedSize; }
    /// The batch size in use and how the worker chose it (std::nullopt until the first pass
    /// reported it, and for tiled batches).
    const std::optional<BatchSizeChoice> &batchSize() const { return m_choice; }
    /// "image path: message" of every failed image of the batch.
    const QStringList &failures() const { return m_failures; }
    /// (elapsed seconds, images per minute) after each processed image, for the throughput plot (the
    /// images of a pass share its rate).
    const QVector<QPointF> &throughput() const { return m_throughput; }

Q_SIGNALS:
    void started();
    /// Counters changed (an image finished, pause, resume).
    void progressChanged();
    /// Image `image` finished: `ok` false with `error` when it failed (the images of a pass one after
    /// another, in request order).
    void imageFinished(int image, bool ok, const QString &error);
    /// The result of image `image` is in the document (the owner saves the project now).
    void resultApplied(int image);
    /// The batch ended (all images finished, or cancelled).
    void finished(bool cancelled);
    /// isPaused() changed.
    void pausedChanged(bool paused);
    /// The worker reported the batch size of a pass (batchSize()); `lowered`: below the size asked for.
    void batchSizeChosen(bool lowered);

private:
    void submitNext();
    /// Whether document image `image` runs alone through runTiled: the batch tiles, and the plan
    /// for its known size has more than one tile (or a full pass); an unknown size counts as tiled.
    bool runsTiled(int image) const;
    void onProgress(const InferenceProgress &progress);
    void onFinished(const InferenceResult &result);
    void imageDone(int image, const InferenceResult &result, double ms);
    void finish(bool cancelled);

    Document *m_document;
    InferenceController *m_controller;
    AnnotateJob m_job;
    std::string m_doneKey; ///< what doneTasks record for this batch (withTilingKey)
    QVector<int> m_queue;
    int m_next = 0;
    bool m_force = false;
    std::optional<TiledRunOptions> m_tiling;
    int m_requestedSize = 1;
    int m_passSize = 1;         ///< images per pass: the size asked for, or what the worker last chose
    std::optional<BatchSizeChoice> m_choice;
    bool m_running = false;
    bool m_paused = false;
    quint64 m_request = 0;
    QVector<int> m_pass;        ///< document images of the pass in flight, in request order
    QElapsedTimer m_imageClock; ///< runs from the submission of the pass in flight
    QElapsedTimer m_clock;      ///< runs while not paused
    double m_elapsedBefore = 0; ///< elapsed ms before the last resume
    double m_modelMs = 0;       ///< time spent on processed images (a pass's time shared by its images)
    mutable Stats m_stats;
    QStringList m_failures;
    QVector<QPointF> m_throughput;
};

} // namespace florence::ui
