#pragma once
// The batch panel: pre-annotate all or the selected images with the task panel's job.

#include "inference/batch_runner.h"

#include <QDockWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace florence::ui {

/// Dock with the batch scope (all / selected images), "run again where done", the batch size
/// (images per pass), Start, Pause/Resume and Cancel, a progress bar with counts and ETA, the
/// batch-size line (size in use, memory estimate, lowered or tiled) and the list of failed images.
/// ModelSession connects it to a BatchRunner.
class BatchDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit BatchDock(QWidget *parent = nullptr);

    /// Describes the job the batch would run (from the task panel).
    void setJobText(const QString &text);
    /// Enables Start when a model is ready and nothing runs.
    void setCanStart(bool canStart);
    /// Shows the runner's state and counters.
    void showState(const BatchRunner &runner);
    /// Lists an image that failed: its file name with the translated `summary`; core's `detail` as tooltip.
    void addFailure(const QString &fileName, const QString &summary, const QString &detail);
    void clearFailures();

    bool selectedOnly() const;
    bool force() const;
    /// Images per pass asked for (the Batch size box, 1..64).
    int batchSize() const;
    void setBatchSize(int size);
    QRadioButton *allButton() const { return m_all; }
    QRadioButton *selectedButton() const { return m_selected; }
    QCheckBox *forceBox() const { return m_force; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statsLabel() const { return m_stats; }
    QSpinBox *batchSizeBox() const { return m_size; }
    /// The batch-size line: the size in use and why (memory estimate, lowered, tiled).
    QLabel *batchSizeLabel() const { return m_sizeNote; }
    QListWidget *failureList() const { return m_failures; }

    /// "1:05" / "1:02:03" for a duration in milliseconds.
    static QString formatDuration(double ms);
    /// "1.9 GiB" for a byte count.
    static QString formatGiB(qint64 bytes);
    /// The batch-size line of `runner`'s batch (empty before the first batch).
    static QString batchSizeText(const BatchRunner &runner);

Q_SIGNALS:
    void startRequested();
    void pauseRequested();
    void resumeRequested();
    void cancelRequested();

private:
    QLabel *m_job;
    QRadioButton *m_all;
    QRadioButton *m_selected;
    QCheckBox *m_force;
    QSpinBox *m_size;
    QLabel *m_sizeNote;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_stats;
    QListWidget *m_failures;
    bool m_canStart = false;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace florence::ui
