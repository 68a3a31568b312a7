#pragma once
// Pre-annotation of many images from the GUI: one job per image through the inference controller,
// results added to the document as they arrive.
//
// Design note: the runner submits one image at a time (the worker decodes it), so pause, cancel and
// interactive edits interleave naturally and the GUI never holds more than one image's answer. Each
// image's result is ONE undo step ("Add N annotations", which also records the job key in the image's
// doneTasks); a batch macro was dropped because it would stay open for the whole run and swallow the
// user's own edits made meanwhile. Resuming skips images whose doneTasks hold the job's key, so an
// interrupted batch (cancel, crash: the project is saved after every image) picks up where it stopped.

#include "inference/inference_types.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QVector>

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

    BatchRunner(Document *document, InferenceController *controller, QObject *parent = nullptr);

    /// Starts `job` on document images `images` (in that order). Images whose doneTasks already hold
    /// job.key() are skipped unless `force`. Returns false (nothing started) when a batch runs, the
    /// model is not ready, the controller is busy or the job is invalid (`error` says why).
    bool start(const AnnotateJob &job, const QVector<int> &images, bool force, QString *error = nullptr);
    /// Stops submitting after the image in flight; resume() goes on.
    void pause();
    void resume();
    /// Cancels the image in flight (it stays undone) and ends the batch.
    void cancel();

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    const Stats &stats() const;
    const AnnotateJob &job() const { return m_job; }
    /// "image path: message" of every failed image of the batch.
    const QStringList &failures() const { return m_failures; }
    /// (elapsed seconds, images per minute) after each processed image, for the throughput plot.
    const QVector<QPointF> &throughput() const { return m_throughput; }

Q_SIGNALS:
    void started();
    /// Counters changed (an image finished, pause, resume).
    void progressChanged();
    /// Image `image` finished: `ok` false with `error` when it failed.
    void imageFinished(int image, bool ok, const QString &error);
    /// The result of image `image` is in the document (the owner saves the project now).
    void resultApplied(int image);
    /// The batch ended (all images finished, or cancelled).
    void finished(bool cancelled);
    /// isPaused() changed.
    void pausedChanged(bool paused);

private:
    void submitNext();
    void onFinished(const InferenceResult &result);
    void finish(bool cancelled);

    Document *m_document;
    InferenceController *m_controller;
    AnnotateJob m_job;
    QVector<int> m_queue;
    int m_next = 0;
    bool m_force = false;
    bool m_running = false;
    bool m_paused = false;
    quint64 m_request = 0;
    int m_requestImage = -1;
    QElapsedTimer m_imageClock;
    QElapsedTimer m_clock;      ///< runs while not paused
    double m_elapsedBefore = 0; ///< elapsed ms before the last resume
    double m_modelMs = 0;       ///< time spent on processed images
    mutable Stats m_stats;
    QStringList m_failures;
    QVector<QPointF> m_throughput;
};

} // namespace florence::ui
