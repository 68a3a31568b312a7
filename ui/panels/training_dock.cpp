#include "panels/training_dock.h"

#include "common/error_text.h"
#include "dialogs/download_dialog.h"
#include "panels/qcustomplot_include.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace florence::ui {

TrainingDock::TrainingDock(QWidget *parent)
    : QDockWidget(tr("Training"), parent)
{
    setObjectName(QStringLiteral("TrainingDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);

    m_plot = new QCustomPlot(body);
    m_plot->setObjectName(QStringLiteral("lossPlot"));
    m_plot->setMinimumHeight(180);
    m_plot->xAxis->setLabel(tr("optimizer step"));
    m_plot->yAxis->setLabel(tr("loss"));
    auto *train = m_plot->addGraph();
    train->setName(tr("training loss (per step)"));
    train->setPen(QPen(QColor(0x2a, 0x7f, 0xd4), 1.5));
    train->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    auto *valid = m_plot->addGraph();
    valid->setName(tr("validation loss (per epoch)"));
    valid->setPen(QPen(QColor(0xd0, 0x60, 0x20), 2));
    valid->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QColor(0xd0, 0x60, 0x20), QColor(0xd0, 0x60, 0x20), 7));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->xAxis->setRange(0, 10);
    m_plot->yAxis->setRange(0, 1);

    m_state = new QLabel(tr("No training yet: Model ▸ Fine-tune…"), body);
    m_state->setObjectName(QStringLiteral("trainingState"));
    m_state->setWordWrap(true);
    m_message = new QLabel(body);
    m_message->setObjectName(QStringLiteral("trainingMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pause = new QPushButton(tr("Pause"), body);
    m_pause->setObjectName(QStringLiteral("pauseTrainingButton"));
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_cancel->setObjectName(QStringLiteral("cancelTrainingButton"));
    m_cancel->setToolTip(tr("Stop after the current step; nothing is saved"));
    m_use = new QPushButton(QIcon(QStringLiteral(":/icons/model.svg")), tr("Use the New Model"), body);
    m_use->setObjectName(QStringLiteral("useModelButton"));
    m_use->setToolTip(tr("Load the trained model and run the current task on the current image again"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_use);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_state);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    setWidget(body);

    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &TrainingDock::cancelRequested);
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (!m_trainedDir.isEmpty())
            Q_EMIT useModelRequested(m_trainedDir);
    });
    m_pause->setEnabled(false);
    m_cancel->setEnabled(false);
    m_use->setEnabled(false);
}

void TrainingDock::runStarted(const QString &outDir)
{
    m_train.clear();
    m_valid.clear();
    m_trainedDir.clear();
    m_firstStep = -1;
    m_running = true;
    m_paused = false;
    m_clock.start();
    m_state->setText(tr("Starting the training into %1…").arg(QDir::toNativeSeparators(outDir)));
    m_message->clear();
    m_pause->setText(tr("Pause"));
    m_pause->setEnabled(true);
    m_cancel->setEnabled(true);
    m_use->setEnabled(false);
    redraw();
}

void TrainingDock::showPreparing(const QString &message)
{
    m_state->setText(message);
}

void TrainingDock::addProgress(const TrainProgress &p)
{
    if (p.validation) {
        m_valid.append(QPointF(double(p.step), p.validLoss));
        m_message->setText(tr("Epoch %1: validation loss %2").arg(p.epoch + 1).arg(QLocale().toString(p.validLoss, 'f', 4)));
        redraw();
        return;
    }
    m_train.append(QPointF(double(p.step), p.loss));
    // ETA from the pace of the steps after the first report (the first step also caches the
    // image features, which the others do not repeat).
    double eta = -1.0;
    if (m_firstStep < 0) {
        m_firstStep = p.step;
        m_firstStepMs = m_clock.elapsed();
    } else if (p.step > m_firstStep) {
        const double msPerStep = double(m_clock.elapsed() - m_firstStepMs) / double(p.step - m_firstStep);
        eta = msPerStep * double(p.totalSteps - p.step) / 1000.0;
    }
    m_state->setText(tr("Step %1 of %2 · epoch %3 · loss %4 · %5 examples/s · %6 left")
                         .arg(p.step)
                         .arg(p.totalSteps)
                         .arg(p.epoch + 1)
                         .arg(QLocale().toString(p.loss, 'f', 4))
                         .arg(QLocale().toString(p.examplesPerSecond, 'f', 2))
                         .arg(formatDuration(eta)));
    redraw();
}

void TrainingDock::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (paused)
        m_message->setText(tr("Paused after the current step"));
    else
        m_message->clear();
}

void TrainingDock::runFinished(const TrainingOutcome &o)
{
    m_running = false;
    m_paused = false;
    m_pause->setText(tr("Pause"));
    m_pause->setEnabled(false);
    m_cancel->setEnabled(false);
    QString text;
    if (o.ok) {
        m_trainedDir = o.outDir;
        text = tr("Trained %n step(s) in %1 s (%2 examples/s); the model is in %3", nullptr, int(o.steps))
                   .arg(QLocale().toString(o.seconds, 'f', 1))
                   .arg(QLocale().toString(o.examplesPerSecond, 'f', 2))
                   .arg(QDir::toNativeSeparators(o.outDir));
    } else if (o.cancelled) {
        text = tr("Cancelled after %n step(s); nothing was saved", nullptr, int(o.steps));
    } else {
        text = userMessage(ErrorContext::Training, o.errorKind, o.error);
    }
    if (!o.warnings.isEmpty())
        text += QLatin1Char('\n') + tr("%n example(s) skipped: %1", nullptr, int(o.warnings.size())).arg(o.warnings.first());
    m_message->setText(text);
    m_use->setEnabled(o.ok);
}

void TrainingDock::redraw()
{
    QVector<double> x, y;
    for (const QPointF &p : m_train) {
        x << p.x();
        y << p.y();
    }
    m_plot->graph(0)->setData(x, y, true);
    x.clear();
    y.clear();
    for (const QPointF &p : m_valid) {
        x << p.x();
        y << p.y();
    }
    m_plot->graph(1)->setData(x, y, true);
    double lo = 0.0, hi = 1.0, last = 10.0;
    bool any = false;
    for (const QVector<QPointF> *points : {&m_train, &m_valid})
        for (const QPointF &p : *points) {
            if (!std::isfinite(p.y()))
                continue;
            lo = any ? std::min(lo, p.y()) : p.y();
            hi = any ? std::max(hi, p.y()) : p.y();
            last = std::max(last, p.x());
            any = true;
        }
    const double pad = std::max(0.05, (hi - lo) * 0.08);
    m_plot->yAxis->setRange(std::max(0.0, lo - pad), hi + pad);
    m_plot->xAxis->setRange(0, last + 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace florence::ui
