#pragma once
// Fine-tuning off the GUI thread: a florence::Trainer (core/train/trainer.h) on a thread of its own,
// in the inference worker's pattern — requests in, progress and the outcome out as queued calls, an
// atomic cancel flag checked after every optimizer step — so the GUI and inference stay responsive.
// Pause holds the training thread after the current step.

#include "common/error.h"
#include "train/trainer.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QThread;

namespace florence::ui {

/// One fine-tuning run: what to train, on what, into which folder.
struct TrainingJob
{
    QString modelDir;                    ///< the base model folder
    QString outDir;                      ///< where the trained model folder is written
    TrainSettings settings;
    std::vector<TrainingExample> train;  ///< training examples (absolute image paths)
    std::vector<TrainingExample> valid;  ///< held-out examples (validation loss per epoch)
    QString description;                 ///< the data, for training_record.json
};

/// How a run ended.
struct TrainingOutcome
{
    bool ok = false;            ///< trained and saved
    bool cancelled = false;     ///< stopped by cancel(); nothing saved
    QString error;              ///< the core's message when neither
    ErrorKind errorKind = ErrorKind::Internal; ///< core's kind of that failure
    QString outDir;             ///< the saved model folder (ok)
    qint64 steps = 0;           ///< optimizer steps done
    double seconds = 0.0;
    double examplesPerSecond = 0.0;
    QStringList warnings;       ///< examples skipped and why
};

/// Runs one TrainingJob at a time on its own thread.
class TrainingRunner : public QObject
{
    Q_OBJECT

public:
    explicit TrainingRunner(QObject *parent = nullptr);
    /// Cancels a run and waits for its thread.
    ~TrainingRunner() override;

    /// Starts `job`; false when a run is going.
    bool start(TrainingJob job);
    bool isRunning() const { return m_running; }
    bool isPaused() const;
    /// Whether the training thread is waiting in a pause now (the step in progress is done).
    bool isHeld() const { return m_held; }
    /// Holds the training after the step in progress / lets it go on.
    void pause();
    void resume();
    /// Stops after the step in progress (a paused run stops at once); finished() follows.
    void cancel();
    /// Whether every progress report of the last run came from a thread other than the GUI thread.
    bool ranOffGuiThread() const { return m_offGuiThread; }

Q_SIGNALS:
    void started(const QString &outDir);
    /// Loading the model and preparing the examples (before the first step).
    void preparing(const QString &message);
    void progress(const florence::TrainProgress &progress);
    void pausedChanged(bool paused);
    void finished(const florence::ui::TrainingOutcome &outcome);

private:
    void work(TrainingJob job);
    /// Called on the training thread after each report: waits while paused.
    void holdWhilePaused();

    std::unique_ptr<QThread> m_thread;
    bool m_running = false;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_offGuiThread{true};
    std::atomic<bool> m_held{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_paused = false;
};

} // namespace florence::ui

Q_DECLARE_METATYPE(florence::TrainProgress)
Q_DECLARE_METATYPE(florence::ui::TrainingOutcome)
