#pragma once
// The training dock: loss curves of a fine-tuning run (QCustomPlot: training loss per step,
// validation loss per epoch), step/epoch, examples per second and ETA, Pause/Resume and Cancel,
// and "Use the New Model" once the trained folder is written.

#include "inference/training_runner.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QPointF>
#include <QVector>

class QCustomPlot;
class QLabel;
class QPushButton;

namespace florence::ui {

/// Shows what a TrainingRunner reports; the buttons only ask (TrainingSession acts).
class TrainingDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit TrainingDock(QWidget *parent = nullptr);

    /// A run into `outDir` starts: the curves are cleared.
    void runStarted(const QString &outDir);
    void showPreparing(const QString &message);
    /// One step (a training-loss point) or one epoch's validation (a validation point).
    void addProgress(const TrainProgress &progress);
    void setPaused(bool paused);
    void runFinished(const TrainingOutcome &outcome);

    /// (step, loss) points drawn so far.
    const QVector<QPointF> &trainPoints() const { return m_train; }
    const QVector<QPointF> &validPoints() const { return m_valid; }
    QCustomPlot *plot() const { return m_plot; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *useButton() const { return m_use; }
    /// The folder "Use the New Model" loads (empty until a run succeeded).
    QString trainedDir() const { return m_trainedDir; }

Q_SIGNALS:
    void pauseRequested();
    void resumeRequested();
    void cancelRequested();
    /// "Use the New Model": load trainedDir() and run the current image again.
    void useModelRequested(const QString &dir);

private:
    void redraw();

    QCustomPlot *m_plot;
    QLabel *m_state;
    QLabel *m_message;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    QPushButton *m_use;
    QVector<QPointF> m_train;
    QVector<QPointF> m_valid;
    QElapsedTimer m_clock;
    qint64 m_firstStep = -1;
    qint64 m_firstStepMs = 0;
    bool m_running = false;
    bool m_paused = false;
    QString m_trainedDir;
};

} // namespace florence::ui
