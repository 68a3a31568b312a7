#pragma once
// The task panel: which Florence-2 task to run (with its input and generation settings), Run and
// Cancel, the progress of the run, the score threshold and the raw output of the last run.

#include "run/job.h"
#include "inference/inference_types.h"

#include <QDockWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace florence::ui {

/// Dock with the 15 tasks (translated names and descriptions), a text field enabled only for text
/// tasks, the region hint for region tasks, chains, num beams / max new tokens / scores, Run and
/// Cancel, the stage and token progress, the score threshold slider and the raw output. It only
/// collects settings and shows state; ModelSession runs what it asks for.
class TaskDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit TaskDock(QWidget *parent = nullptr);

    /// The job the controls describe (task, chain, text, beams, max new tokens, scores).
    AnnotateJob job() const;
    Task task() const;
    void setTask(Task task);
    void setChain(Chain chain);
    void setText(const QString &text);

    /// How the Tiles option is set.
    enum class TileMode { Off, Auto, Grid, Size };
    TileMode tileMode() const;
    void setTileMode(TileMode mode);
    /// The tiling the Tiles option asks for (std::nullopt when Off): Auto is core's default
    /// (1024-px tiles, 128 px overlap), Grid N x M columns x rows, Size a tile side; both with the
    /// overlap in pixels, and the optional full-image pass.
    std::optional<TiledRunOptions> tiling() const;
    /// Whether `task` can run tiled (core's isTileable): the option is enabled only then.
    static bool tileable(Task task);

    /// Shows (non-empty `text`) or hides the badge saying the last answer was cut at max tokens.
    void setTruncatedBadge(const QString &text);

    /// Shows the model line: rich text (links trigger chooseModelRequested), a busy bar while loading.
    void setModelStatus(const QString &richText, bool loading);
    /// Enables Run when a model is ready and nothing runs; Cancel while something runs.
    void setState(bool modelReady, bool busy);
    /// The number of selected shapes a region task would run on.
    void setRegionCount(int count);
    /// Shows the progress of the running request.
    void showProgress(const InferenceProgress &progress);
    /// Clears the progress and shows `message` under it.
    void showMessage(const QString &message);
    /// Shows the raw output of the last run and its timing line.
    void setRawOutput(const QString &text, const QString &timing);
    /// Where insertSection() puts a section of another class.
    enum class Section { BelowModelLine, AboveProgress };
    /// Adds `section` (the no-model panel, the custom task box) to the panel.
    void insertSection(QWidget *section, Section where);

    QComboBox *taskBox() const { return m_task; }
    QComboBox *chainBox() const { return m_chain; }
    QLineEdit *textEdit() const { return m_text; }
    QSpinBox *beamsBox() const { return m_beams; }
    QSpinBox *maxTokensBox() const { return m_maxTokens; }
    QCheckBox *scoresBox() const { return m_scores; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *stageLabel() const { return m_stage; }
    QSlider *thresholdSlider() const { return m_threshold; }
    QPlainTextEdit *rawOutput() const { return m_raw; }
    QLabel *modelLabel() const { return m_model; }
    QComboBox *tileModeBox() const { return m_tileMode; }
    QSpinBox *gridColsBox() const { return m_gridCols; }
    QSpinBox *gridRowsBox() const { return m_gridRows; }
    QSpinBox *tileSizeBox() const { return m_tileSize; }
    QSpinBox *overlapBox() const { return m_overlap; }
    QCheckBox *fullPassBox() const { return m_fullPass; }
    QLabel *truncatedBadge() const { return m_truncated; }

Q_SIGNALS:
    void runRequested();
    void cancelRequested();
    /// One click on "Detect, then segment/describe each box".
    void chainRequested(florence::Chain chain);
    /// The score threshold slider moved (0..1).
    void thresholdChanged(double threshold);
    /// A link of the model line was clicked.
    void chooseModelRequested();
    /// The job settings changed.
    void jobChanged();
    /// The Tiles option changed (mode, grid, size, overlap, full pass).
    void tilingChanged();

private:
    void updateInputs();
    void updateTileInputs();

    QLabel *m_model;
    QProgressBar *m_loading;
    QComboBox *m_task;
    QLabel *m_description;
    QLineEdit *m_text;
    QLabel *m_regionHint;
    QComboBox *m_chain;
    QSpinBox *m_beams;
    QSpinBox *m_maxTokens;
    QCheckBox *m_scores;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_segmentChain;
    QPushButton *m_describeChain;
    QProgressBar *m_progress;
    QLabel *m_stage;
    QSlider *m_threshold;
    QLabel *m_thresholdValue;
    QLabel *m_timing;
    QPlainTextEdit *m_raw;
    QComboBox *m_tileMode;
    QSpinBox *m_gridCols;
    QSpinBox *m_gridRows;
    QSpinBox *m_tileSize;
    QSpinBox *m_overlap;
    QCheckBox *m_fullPass;
    QWidget *m_gridRow;
    QWidget *m_sizeRow;
    QLabel *m_truncated;
    int m_regionCount = 0;
    bool m_modelReady = false;
    bool m_busy = false;
};

} // namespace florence::ui
