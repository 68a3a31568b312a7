#include "panels/task_dock.h"

#include "convert.h"
#include "inference/task_names.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

namespace {

constexpr int kDefaultMaxTokens = 1024;

/// Whether a chain (detect, then a region task per box) can start with `task`: core's rule.
bool chainable(Task task)
{
    AnnotateJob probe;
    probe.task = task;
    probe.chain = Chain::DetectThenSegment;
    if (taskInfo(task).input == TaskInput::Text)
        probe.text = "x";
    try {
        probe.validate();
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

TaskDock::TaskDock(QWidget *parent)
    : QDockWidget(tr("Model"), parent)
{
    setObjectName(QStringLiteral("TaskDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);

    m_model = new QLabel(body);
    m_model->setWordWrap(true);
    m_model->setTextFormat(Qt::RichText);
    m_model->setObjectName(QStringLiteral("modelStatus"));
    connect(m_model, &QLabel::linkActivated, this, [this] { Q_EMIT chooseModelRequested(); });
    m_loading = new QProgressBar(body);
    m_loading->setRange(0, 0);
    m_loading->setMaximumHeight(8);
    m_loading->setTextVisible(false);
    m_loading->hide();
    layout->addWidget(m_model);
    layout->addWidget(m_loading);

    m_task = new QComboBox(body);
    m_task->setObjectName(QStringLiteral("taskBox"));
    for (const TaskInfo &info : taskTable()) {
        m_task->addItem(taskName(info.task), int(info.task));
        m_task->setItemData(m_task->count() - 1,
                            QStringLiteral("%1 — %2").arg(QString::fromLatin1(info.token), taskDescription(info.task)),
                            Qt::ToolTipRole);
    }
    m_task->setCurrentIndex(m_task->findData(int(Task::ObjectDetection)));
    m_description = new QLabel(body);
    m_description->setWordWrap(true);
    m_description->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_description->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_text = new QLineEdit(body);
    m_text->setObjectName(QStringLiteral("taskText"));
    m_text->setClearButtonEnabled(true);
    m_regionHint = new QLabel(body);
    m_regionHint->setWordWrap(true);
    m_chain = new QComboBox(body);
    m_chain->setObjectName(QStringLiteral("chainBox"));
    m_chain->addItem(tr("Nothing more"), int(Chain::None));
    m_chain->addItem(tr("Segment each box"), int(Chain::DetectThenSegment));
    m_chain->addItem(tr("Describe each box"), int(Chain::DetectThenDescribe));
    m_chain->setToolTip(tr("Run a region task on every detected box: a polygon or a description per object"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Task:"), m_task);
    form->addRow(QString(), m_description);
    form->addRow(tr("Text:"), m_text);
    form->addRow(QString(), m_regionHint);
    form->addRow(tr("Then:"), m_chain);

    m_beams = new QSpinBox(body);
    m_beams->setObjectName(QStringLiteral("beamsBox"));
    m_beams->setRange(0, 10);
    m_beams->setSpecialValueText(tr("model default"));
    m_beams->setToolTip(tr("Beam search width; more beams are slower and sometimes better"));
    m_maxTokens = new QSpinBox(body);
    m_maxTokens->setObjectName(QStringLiteral("maxTokensBox"));
    m_maxTokens->setRange(1, 4096);
    m_maxTokens->setValue(kDefaultMaxTokens);
    m_maxTokens->setToolTip(tr("Longest answer, in tokens"));
    m_scores = new QCheckBox(tr("Confidence scores"), body);
    m_scores->setObjectName(QStringLiteral("scoresBox"));
    m_scores->setToolTip(tr("Give every box a score (mean probability of its location tokens)"));
    auto *options = new QHBoxLayout;
    options->addWidget(m_beams);
    options->addWidget(new QLabel(tr("max tokens:"), body));
    options->addWidget(m_maxTokens);
    form->addRow(tr("Beams:"), options);
    form->addRow(QString(), m_scores);

    // Tiles: run detection / OCR tile by tile on large images (core runTiled), previewed on the canvas.
    m_tileMode = new QComboBox(body);
    m_tileMode->setObjectName(QStringLiteral("tileModeBox"));
    m_tileMode->addItem(tr("Off (whole image at once)"), int(TileMode::Off));
    m_tileMode->addItem(tr("Auto (1024 px tiles)"), int(TileMode::Auto));
    m_tileMode->addItem(tr("Grid of N × M tiles"), int(TileMode::Grid));
    m_tileMode->addItem(tr("Tile size"), int(TileMode::Size));
    m_tileMode->setToolTip(tr("Large images: run the task on overlapping tiles at full resolution and merge the "
                              "answers (detection and OCR tasks)"));
    m_gridCols = new QSpinBox(body);
    m_gridCols->setObjectName(QStringLiteral("gridColsBox"));
    m_gridCols->setRange(1, 64);
    m_gridCols->setValue(2);
    m_gridRows = new QSpinBox(body);
    m_gridRows->setObjectName(QStringLiteral("gridRowsBox"));
    m_gridRows->setRange(1, 64);
    m_gridRows->setValue(2);
    m_gridRow = new QWidget(body);
    auto *gridLayout = new QHBoxLayout(m_gridRow);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_gridCols);
    gridLayout->addWidget(new QLabel(tr("columns ×"), m_gridRow));
    gridLayout->addWidget(m_gridRows);
    gridLayout->addWidget(new QLabel(tr("rows"), m_gridRow));
    gridLayout->addStretch(1);
    m_tileSize = new QSpinBox(body);
    m_tileSize->setObjectName(QStringLiteral("tileSizeBox"));
    m_tileSize->setRange(64, 16384);
    m_tileSize->setSingleStep(128);
    m_tileSize->setValue(1024);
    m_tileSize->setSuffix(tr(" px"));
    m_overlap = new QSpinBox(body);
    m_overlap->setObjectName(QStringLiteral("overlapBox"));
    m_overlap->setRange(0, 4096);
    m_overlap->setSingleStep(16);
    m_overlap->setValue(128);
    m_overlap->setSuffix(tr(" px"));
    m_overlap->setToolTip(tr("Overlap between neighbouring tiles, so objects cut by one tile are whole in the next"));
    m_sizeRow = new QWidget(body);
    auto *sizeLayout = new QHBoxLayout(m_sizeRow);
    sizeLayout->setContentsMargins(0, 0, 0, 0);
    sizeLayout->addWidget(m_tileSize);
    sizeLayout->addWidget(new QLabel(tr("overlap"), m_sizeRow));
    sizeLayout->addWidget(m_overlap);
    sizeLayout->addStretch(1);
    m_fullPass = new QCheckBox(tr("Also run the whole image"), body);
    m_fullPass->setObjectName(QStringLiteral("fullPassBox"));
    m_fullPass->setToolTip(tr("Catches objects larger than a tile; its shapes replace the cut pieces"));
    form->addRow(tr("Tiles:"), m_tileMode);
    form->addRow(QString(), m_gridRow);
    form->addRow(QString(), m_sizeRow);
    form->addRow(QString(), m_fullPass);
    layout->addLayout(form);

    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), tr("Run"), body);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setDefault(true);
    m_run->setToolTip(tr("Run the task on the current image (Ctrl+Return)"));
    m_run->setShortcut(QKeySequence(tr("Ctrl+Return")));
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop the run after the current decoding step (Model ▸ Cancel Run, Ctrl+.)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 2);
    buttons->addWidget(m_cancel, 1);
    layout->addLayout(buttons);
    m_segmentChain = new QPushButton(tr("Detect + Segment"), body);
    m_segmentChain->setObjectName(QStringLiteral("segmentChainButton"));
    m_segmentChain->setToolTip(tr("Object detection, then a polygon for each detected box"));
    m_describeChain = new QPushButton(tr("Detect + Describe"), body);
    m_describeChain->setObjectName(QStringLiteral("describeChainButton"));
    m_describeChain->setToolTip(tr("Object detection, then a description for each detected box"));
    auto *chains = new QHBoxLayout;
    chains->addWidget(m_segmentChain);
    chains->addWidget(m_describeChain);
    layout->addLayout(chains);

    m_progress = new QProgressBar(body);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_stage = new QLabel(body);
    m_stage->setObjectName(QStringLiteral("stageLabel"));
    m_stage->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addWidget(m_stage);
    m_truncated = new QLabel(body);
    m_truncated->setObjectName(QStringLiteral("truncatedBadge"));
    m_truncated->setWordWrap(true);
    m_truncated->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0a800; border-radius: 4px; padding: 4px; }"));
    m_truncated->hide();
    layout->addWidget(m_truncated);

    m_threshold = new QSlider(Qt::Horizontal, body);
    m_threshold->setObjectName(QStringLiteral("thresholdSlider"));
    m_threshold->setRange(0, 100);
    m_threshold->setToolTip(tr("Hide shapes whose score is below the threshold (shapes without a score always show)"));
    m_thresholdValue = new QLabel(body);
    m_thresholdValue->setMinimumWidth(m_thresholdValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 4);
    auto *threshold = new QHBoxLayout;
    threshold->addWidget(new QLabel(tr("Hide scores below"), body));
    threshold->addWidget(m_threshold, 1);
    threshold->addWidget(m_thresholdValue);
    layout->addLayout(threshold);

    auto *rawBox = new QGroupBox(tr("Raw output of the last run"), body);
    auto *rawLayout = new QVBoxLayout(rawBox);
    rawLayout->setContentsMargins(4, 4, 4, 4);
    m_timing = new QLabel(rawBox);
    m_timing->setWordWrap(true);
    m_timing->setObjectName(QStringLiteral("timingLabel"));
    m_raw = new QPlainTextEdit(rawBox);
    m_raw->setObjectName(QStringLiteral("rawOutput"));
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setPlaceholderText(tr("The text the model generated, special tokens included."));
    m_raw->setMinimumHeight(60);
    // No preferred height: the scroll area sizes the panel by its height-for-width (the preferred
    // height), so the raw output fills what is left instead of asking for scrolling.
    m_raw->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    rawLayout->addWidget(m_timing);
    rawLayout->addWidget(m_raw, 1);
    layout->addWidget(rawBox, 1);
    // A dock squeezed by its neighbours scrolls instead of letting its wrapped labels overlap.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("taskDockScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(body);
    scroll->setMinimumWidth(body->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    setWidget(scroll);

    connect(m_task, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateInputs();
        Q_EMIT jobChanged();
    });
    connect(m_chain, qOverload<int>(&QComboBox::currentIndexChanged), this, &TaskDock::jobChanged);
    connect(m_text, &QLineEdit::textChanged, this, [this] {
        updateInputs();
        Q_EMIT jobChanged();
    });
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        if (m_run->isEnabled())
            Q_EMIT runRequested();
    });
    connect(m_beams, qOverload<int>(&QSpinBox::valueChanged), this, &TaskDock::jobChanged);
    connect(m_maxTokens, qOverload<int>(&QSpinBox::valueChanged), this, &TaskDock::jobChanged);
    connect(m_scores, &QCheckBox::toggled, this, &TaskDock::jobChanged);
    connect(m_tileMode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateTileInputs();
        Q_EMIT tilingChanged();
    });
    for (QSpinBox *box : {m_gridCols, m_gridRows, m_tileSize, m_overlap})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &TaskDock::tilingChanged);
    connect(m_fullPass, &QCheckBox::toggled, this, &TaskDock::tilingChanged);
    connect(m_run, &QPushButton::clicked, this, &TaskDock::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &TaskDock::cancelRequested);
    connect(m_segmentChain, &QPushButton::clicked, this, [this] { Q_EMIT chainRequested(Chain::DetectThenSegment); });
    connect(m_describeChain, &QPushButton::clicked, this, [this] { Q_EMIT chainRequested(Chain::DetectThenDescribe); });
    connect(m_threshold, &QSlider::valueChanged, this, [this](int value) {
        m_thresholdValue->setText(QLocale().toString(value / 100.0, 'f', 2));
        Q_EMIT thresholdChanged(value / 100.0);
    });
    m_thresholdValue->setText(QLocale().toString(0.0, 'f', 2));
    updateTileInputs();
    updateInputs();
    setState(false, false);
}

Task TaskDock::task() const
{
    return Task(m_task->currentData().toInt());
}

void TaskDock::setTask(Task task)
{
    m_task->setCurrentIndex(m_task->findData(int(task)));
}

void TaskDock::setChain(Chain chain)
{
    m_chain->setCurrentIndex(m_chain->findData(int(chain)));
}

void TaskDock::setText(const QString &text)
{
    m_text->setText(text);
}

AnnotateJob TaskDock::job() const
{
    AnnotateJob job;
    job.task = task();
    const TaskInfo &info = taskInfo(job.task);
    if (info.input == TaskInput::Text)
        job.text = toStd(m_text->text().trimmed());
    job.chain = m_chain->isEnabled() ? Chain(m_chain->currentData().toInt()) : Chain::None;
    job.numBeams = m_beams->value();
    job.maxNewTokens = m_maxTokens->value();
    job.scores = m_scores->isChecked();
    return job;
}

void TaskDock::updateInputs()
{
    const Task t = task();
    const TaskInfo &info = taskInfo(t);
    m_description->setText(taskDescription(t));
    const bool textTask = info.input == TaskInput::Text;
    m_text->setEnabled(textTask);
    m_text->setPlaceholderText(textTask ? taskInputHint(t) : tr("(this task takes no text)"));
    const bool regionTask = info.input == TaskInput::Region;
    m_regionHint->setVisible(regionTask);
    if (regionTask)
        m_regionHint->setText(m_regionCount > 0
                                  ? tr("Runs on the %n selected shape(s); the answer is attached to each.", nullptr,
                                       m_regionCount)
                                  : tr("Draw a box or select shapes: the task runs on each selected region."));
    m_chain->setEnabled(chainable(t));
    updateTileInputs();
    setState(m_modelReady, m_busy);
}

bool TaskDock::tileable(Task task)
{
    return isTileable(task);
}

TaskDock::TileMode TaskDock::tileMode() const
{
    return TileMode(m_tileMode->currentData().toInt());
}

void TaskDock::setTileMode(TileMode mode)
{
    m_tileMode->setCurrentIndex(m_tileMode->findData(int(mode)));
}

std::optional<TiledRunOptions> TaskDock::tiling() const
{
    const TileMode mode = tileMode();
    if (mode == TileMode::Off)
        return std::nullopt;
    TiledRunOptions options; // Auto: core's documented defaults
    if (mode == TileMode::Grid) {
        options.tiling.gridCols = m_gridCols->value();
        options.tiling.gridRows = m_gridRows->value();
    } else if (mode == TileMode::Size) {
        options.tiling.tileSize = m_tileSize->value();
    }
    if (mode != TileMode::Auto)
        options.tiling.overlap = double(m_overlap->value());
    options.tiling.fullPass = m_fullPass->isChecked();
    return options;
}

void TaskDock::updateTileInputs()
{
    const bool can = tileable(task());
    const TileMode mode = tileMode();
    m_tileMode->setEnabled(can);
    m_tileMode->setToolTip(can ? tr("Large images: run the task on overlapping tiles at full resolution and merge "
                                    "the answers")
                               : tr("Only detection and OCR tasks on the whole image run tiled"));
    m_gridRow->setVisible(mode == TileMode::Grid);
    m_sizeRow->setVisible(mode == TileMode::Grid || mode == TileMode::Size);
    m_tileSize->setVisible(mode == TileMode::Size);
    m_fullPass->setVisible(mode != TileMode::Off);
    for (QWidget *w : std::initializer_list<QWidget *>{m_gridRow, m_sizeRow, m_fullPass})
        w->setEnabled(can);
}

void TaskDock::setTruncatedBadge(const QString &text)
{
    m_truncated->setText(text);
    m_truncated->setVisible(!text.isEmpty());
}

void TaskDock::setModelStatus(const QString &richText, bool loading)
{
    m_model->setText(richText);
    m_loading->setVisible(loading);
}

void TaskDock::setState(bool modelReady, bool busy)
{
    m_modelReady = modelReady;
    m_busy = busy;
    const TaskInfo &info = taskInfo(task());
    const bool inputOk = (info.input != TaskInput::Text || !m_text->text().trimmed().isEmpty())
                         && (info.input != TaskInput::Region || m_regionCount > 0);
    m_run->setEnabled(modelReady && !busy && inputOk);
    m_segmentChain->setEnabled(modelReady && !busy);
    m_describeChain->setEnabled(modelReady && !busy);
    m_cancel->setEnabled(busy);
    if (!busy) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
}

void TaskDock::setRegionCount(int count)
{
    if (count == m_regionCount)
        return;
    m_regionCount = count;
    updateInputs();
}

void TaskDock::showProgress(const InferenceProgress &p)
{
    QString runs = p.tiled      ? tr("Tile %1 of %2 · ").arg(p.run).arg(p.runs)
                   : p.runs > 1 ? tr("Run %1 of %2 · ").arg(p.run).arg(p.runs)
                                : QString();
    if (p.batch && p.batch->size > 1) // a GUI batch pass: its images decode together
        runs.prepend(tr("%n images together · ", nullptr, p.batch->size));
    const bool decoding = p.progress.stage == RunStage::Decoding;
    if (p.tiled) { // the bar counts tiles, the current one filling by its tokens
        const int share = decoding ? std::min(99, 100 * p.progress.tokens / std::max(1, p.progress.maxTokens)) : 0;
        m_progress->setRange(0, 100 * std::max(1, p.runs));
        m_progress->setValue(100 * (p.run - 1) + share);
    }
    if (decoding) {
        if (!p.tiled) {
            m_progress->setRange(0, std::max(1, p.progress.maxTokens));
            m_progress->setValue(p.progress.tokens);
        }
        m_stage->setText(runs + tr("Decoding: %n token(s)", nullptr, p.progress.tokens));
    } else {
        if (!p.tiled)
            m_progress->setRange(0, 0);
        m_stage->setText(runs + stageName(p.progress.stage) + QStringLiteral("…"));
    }
}

void TaskDock::showMessage(const QString &message)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_stage->setText(message);
}

void TaskDock::insertSection(QWidget *section, Section where)
{
    auto *layout = qobject_cast<QVBoxLayout *>(m_progress->parentWidget()->layout());
    const int index = where == Section::BelowModelLine ? layout->indexOf(m_loading) + 1 : layout->indexOf(m_progress);
    layout->insertWidget(index, section);
}

void TaskDock::setRawOutput(const QString &text, const QString &timing)
{
    m_raw->setPlainText(text);
    m_timing->setText(timing);
}

} // namespace florence::ui
