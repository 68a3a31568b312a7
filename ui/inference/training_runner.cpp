#include "inference/training_runner.h"

#include "common/error.h"
#include "common/error_text.h"
#include "convert.h"

#include <QCoreApplication>
#include <QThread>

namespace florence::ui {

TrainingRunner::TrainingRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<florence::TrainProgress>();
    qRegisterMetaType<florence::ui::TrainingOutcome>();
}

TrainingRunner::~TrainingRunner()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

bool TrainingRunner::start(TrainingJob job)
{
    if (m_running)
        return false;
    if (m_thread)
        m_thread->wait(); // the previous run's thread has delivered its outcome already
    m_running = true;
    m_cancel = false;
    m_offGuiThread = true;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
    }
    const QString outDir = job.outDir;
    m_thread.reset(QThread::create([this, job = std::move(job)]() mutable { work(std::move(job)); }));
    m_thread->setObjectName(QStringLiteral("training"));
    m_thread->start();
    Q_EMIT started(outDir);
    return true;
}

bool TrainingRunner::isPaused() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_paused;
}

void TrainingRunner::pause()
{
    if (!m_running)
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_paused)
            return;
        m_paused = true;
    }
    Q_EMIT pausedChanged(true);
}

void TrainingRunner::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_paused)
            return;
        m_paused = false;
    }
    m_wake.notify_all();
    Q_EMIT pausedChanged(false);
}

void TrainingRunner::cancel()
{
    m_cancel = true;
    m_wake.notify_all();
}

void TrainingRunner::holdWhilePaused()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_held = m_paused;
    m_wake.wait(lock, [this] { return !m_paused || m_cancel.load(); });
    m_held = false;
}

void TrainingRunner::work(TrainingJob job)
{
    // Runs on the training thread: only queued calls reach the GUI from here.
    auto post = [this](auto fn) { QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection); };
    TrainingOutcome out;
    try {
        post([this] { Q_EMIT preparing(tr("Loading the model for training…")); });
        Trainer trainer(toStd(job.modelDir), job.settings);
        const std::size_t examples = job.train.size();
        trainer.setData(std::move(job.train), std::move(job.valid));
        for (const std::string &w : trainer.warnings())
            out.warnings << toQt(w);
        post([this, examples] {
            Q_EMIT preparing(tr("Training on %n example(s); the first step also computes the image features…", nullptr,
                                int(examples)));
        });
        const TrainResult r = trainer.run(
            [&](const TrainProgress &p) {
                if (QThread::currentThread() == QCoreApplication::instance()->thread())
                    m_offGuiThread = false;
                post([this, p] { Q_EMIT progress(p); });
                holdWhilePaused();
            },
            &m_cancel);
        out.steps = r.steps;
        out.seconds = r.seconds;
        out.examplesPerSecond = r.examplesPerSecond;
        if (r.cancelled) {
            out.cancelled = true;
        } else {
            trainer.saveModel(toStd(job.outDir), toStd(job.description));
            out.ok = true;
            out.outDir = job.outDir;
        }
    } catch (const std::exception &e) {
        const ErrorInfo info = errorInfo(e); // libtorch's own errors: internal
        out.cancelled = info.kind == ErrorKind::Cancelled;
        out.error = info.detail;
        out.errorKind = info.kind;
    } catch (...) {
        out.error = QStringLiteral("unknown error while training");
    }
    post([this, out] {
        m_running = false;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_paused = false;
        }
        Q_EMIT finished(out);
    });
}

} // namespace florence::ui
