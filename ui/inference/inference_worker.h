#pragma once
// The inference worker: lives on its own QThread, owns the Pipeline and makes every libtorch call
// (Qt's worker/controller pattern, examples/corelib/threads/mandelbrot). Requests arrive as queued
// slot calls, answers leave as queued signals; nothing here touches a widget.

#include "inference/inference_types.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace florence::ui {

/// Loads and runs a Florence-2 model on the thread it was moved to. Each slot catches every
/// exception and turns it into a failed answer (Qt "Exception Safety": none may leave a slot).
class InferenceWorker : public QObject
{
    Q_OBJECT

public:
    explicit InferenceWorker(QObject *parent = nullptr);
    ~InferenceWorker() override;

    /// Decoding steps of the run in progress so far (thread-safe; tests measure cancel latency).
    int decodingSteps() const { return m_steps.load(); }
    /// Minimum milliseconds between two decoding-progress signals (stage changes always report).
    void setProgressInterval(int milliseconds) { m_progressIntervalMs = milliseconds; }

public Q_SLOTS:
    /// Replaces the model with the one in request.dir (the old one is freed first). Answers modelLoaded.
    void loadModel(const florence::ui::ModelLoadRequest &request);
    /// Frees the model.
    void unloadModel();
    /// Sets libtorch's CPU thread count on this thread (florence::setThreadCount); answers threadsChanged.
    void setThreads(int threads);
    /// Runs a request; answers with progress signals and exactly one finished signal.
    void run(const florence::ui::InferenceRequest &request);

Q_SIGNALS:
    void modelLoaded(const florence::ui::ModelLoadResult &result);
    void threadsChanged(int threads);
    void progress(const florence::ui::InferenceProgress &progress);
    void finished(const florence::ui::InferenceResult &result);

private:
    class Reporter;
    void execute(const InferenceRequest &request, InferenceResult &out);
    /// A GUI batch pass (request.batchImages): decodes every image, runs runJobBatch on the ones
    /// that decoded and fills out.items.
    void executePass(const InferenceRequest &request, InferenceResult &out);
    const RgbImage &decoded(const QString &path);

    std::unique_ptr<Pipeline> m_pipeline;
    QString m_imagePath;      ///< path of m_image
    qint64 m_imageStamp = 0;  ///< modification time of m_image's file (ms since epoch)
    RgbImage m_image;         ///< the last decoded image (region runs on one image decode it once)
    std::atomic<int> m_steps{0};
    int m_progressIntervalMs = 30;
};

} // namespace florence::ui
