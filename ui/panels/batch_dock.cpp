#include "panels/batch_dock.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace florence::ui {

BatchDock::BatchDock(QWidget *parent)
    : QDockWidget(tr("Batch"), parent)
{
    setObjectName(QStringLiteral("BatchDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);
    m_job = new QLabel(body);
    m_job->setWordWrap(true);
    m_job->setObjectName(QStringLiteral("batchJob"));
    layout->addWidget(m_job);
    m_all = new QRadioButton(tr("All images"), body);
    m_all->setChecked(true);
    m_selected = new QRadioButton(tr("Selected images"), body);
    m_selected->setToolTip(tr("The images selected in the image list (Ctrl+click, Shift+click)"));
    auto *scope = new QHBoxLayout;
    scope->addWidget(m_all);
    scope->addWidget(m_selected);
    scope->addStretch(1);
    layout->addLayout(scope);
    m_force = new QCheckBox(tr("Run again on images already done"), body);
    m_force->setToolTip(tr("Without this, images on which this job already ran are skipped (resume)"));
    layout->addWidget(m_force);
    m_size = new QSpinBox(body);
    m_size->setObjectName(QStringLiteral("batchSize"));
    m_size->setRange(1, 64);
    m_size->setValue(kDefaultBatchSize);
    m_size->setToolTip(tr("Images that go through the model together (as florence-cli annotate --batch-size). "
                          "The answers are the same for every size; larger sizes finish long answers sooner "
                          "and need more memory, so the size is lowered when it would not fit. With Tiles, images "
                          "of more than one tile run one at a time."));
    auto *sizeRow = new QHBoxLayout;
    auto *sizeLabel = new QLabel(tr("Batch size:"), body);
    sizeLabel->setBuddy(m_size);
    sizeRow->addWidget(sizeLabel);
    sizeRow->addWidget(m_size);
    sizeRow->addStretch(1);
    layout->addLayout(sizeRow);

    m_start = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), tr("Start"), body);
    m_start->setObjectName(QStringLiteral("batchStart"));
    m_pause = new QPushButton(tr("Pause"), body);
    m_pause->setObjectName(QStringLiteral("batchPause"));
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_cancel->setObjectName(QStringLiteral("batchCancel"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start, 2);
    buttons->addWidget(m_pause, 1);
    buttons->addWidget(m_cancel, 1);
    layout->addLayout(buttons);

    m_progress = new QProgressBar(body);
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_stats = new QLabel(body);
    m_stats->setWordWrap(true);
    m_stats->setObjectName(QStringLiteral("batchStats"));
    m_sizeNote = new QLabel(body);
    m_sizeNote->setWordWrap(true);
    m_sizeNote->setObjectName(QStringLiteral("batchSizeNote"));
    layout->addWidget(m_progress);
    layout->addWidget(m_stats);
    layout->addWidget(m_sizeNote);
    m_failures = new QListWidget(body);
    m_failures->setObjectName(QStringLiteral("batchFailures"));
    m_failures->setMaximumHeight(90);
    m_failures->setWordWrap(true);
    m_failures->setToolTip(tr("Images that failed; the others went on"));
    m_failures->hide();
    layout->addWidget(m_failures);
    layout->addStretch(1);
    setWidget(body);

    connect(m_start, &QPushButton::clicked, this, &BatchDock::startRequested);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &BatchDock::cancelRequested);
    setCanStart(false);
}

void BatchDock::setJobText(const QString &text)
{
    m_job->setText(text);
}

void BatchDock::setCanStart(bool canStart)
{
    m_canStart = canStart;
    m_start->setEnabled(canStart && !m_running);
    m_pause->setEnabled(m_running);
    m_cancel->setEnabled(m_running);
}

bool BatchDock::selectedOnly() const
{
    return m_selected->isChecked();
}

bool BatchDock::force() const
{
    return m_force->isChecked();
}

int BatchDock::batchSize() const
{
    return m_size->value();
}

void BatchDock::setBatchSize(int size)
{
    m_size->setValue(size);
}

QString BatchDock::formatGiB(qint64 bytes)
{
    return tr("%1 GiB").arg(double(bytes) / double(1ll << 30), 0, 'f', 1);
}

QString BatchDock::batchSizeText(const BatchRunner &runner)
{
    if (runner.stats().total == 0)
        return QString();
    const std::optional<BatchSizeChoice> &c = runner.batchSize();
    QString text;
    if (!c) {
        text = tr("Batch size %1").arg(runner.requestedBatchSize());
    } else {
        text = c->lowered() ? tr("Batch size %1, lowered from %2 to fit in memory").arg(c->size).arg(c->wanted)
                            : tr("Batch size %1").arg(c->size);
        text += QStringLiteral("; ");
        text += c->availableBytes > 0
            ? tr("estimated %1 beyond the model, %2 available").arg(formatGiB(c->estimateBytes), formatGiB(c->availableBytes))
            : tr("estimated %1 beyond the model, available memory unknown").arg(formatGiB(c->estimateBytes));
    }
    if (runner.isTiled())
        text += QStringLiteral("; ") + tr("images of more than one tile run tiled, one at a time");
    return text;
}

QString BatchDock::formatDuration(double ms)
{
    const qint64 s = qint64(std::llround(std::max(0.0, ms) / 1000.0));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void BatchDock::showState(const BatchRunner &runner)
{
    const BatchRunner::Stats &s = runner.stats();
    m_running = runner.isRunning();
    m_paused = runner.isPaused();
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    setCanStart(m_canStart);
    m_progress->setRange(0, std::max(1, s.total));
    m_progress->setValue(s.done);
    QStringList parts;
    parts << tr("%1 of %n image(s)", nullptr, s.total).arg(s.done);
    if (s.skipped > 0)
        parts << tr("%n skipped (done before)", nullptr, s.skipped);
    if (s.failed > 0)
        parts << tr("%n failed", nullptr, s.failed);
    parts << tr("%n annotation(s)", nullptr, s.annotations);
    parts << tr("elapsed %1").arg(formatDuration(s.elapsedMs));
    if (m_running && s.etaMs >= 0)
        parts << tr("ETA %1").arg(formatDuration(s.etaMs));
    if (m_paused)
        parts << tr("paused");
    else if (!m_running && s.total > 0)
        parts << (s.done == s.total ? tr("finished") : tr("stopped"));
    m_stats->setText(parts.join(QStringLiteral(" · ")));
    m_sizeNote->setText(batchSizeText(runner));
    m_size->setEnabled(!m_running);
}

void BatchDock::addFailure(const QString &fileName, const QString &summary, const QString &detail)
{
    auto *item = new QListWidgetItem(tr("%1: %2").arg(fileName, summary), m_failures);
    item->setToolTip(detail); // core's English message, for a bug report
    m_failures->show();
}

void BatchDock::clearFailures()
{
    m_failures->clear();
    m_failures->hide();
}

} // namespace florence::ui
