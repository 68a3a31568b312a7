#include "inference/model_session.h"

#include "canvas/canvas_scene.h"
#include "common/threads.h"
#include "convert.h"
#include "dialogs/model_settings_dialog.h"
#include "inference/batch_runner.h"
#include "inference/inference_controller.h"
#include "inference/region_results.h"
#include "inference/task_names.h"
#include "main_window.h"
#include "panels/batch_dock.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/labels_dock.h"
#include "panels/plots_dock.h"
#include "panels/task_dock.h"
#include "panels/text_dock.h"
#include "project/project_controller.h"
#include "project/prompts.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTextDocument>

namespace florence::ui {

namespace {

const char *kDirKey = "model/dir";
const char *kDeviceKey = "model/device";
const char *kPrecisionKey = "model/precision";
const char *kThreadsKey = "model/threads";

/// "232 M", "0.77 B", "94 k".
QString formatParameters(std::int64_t n)
{
    if (n >= 1000000000)
        return QStringLiteral("%1 B").arg(double(n) / 1e9, 0, 'f', 2);
    if (n >= 1000000)
        return QStringLiteral("%1 M").arg(double(n) / 1e6, 0, 'f', n >= 10000000 ? 0 : 1);
    return QStringLiteral("%1 k").arg(double(n) / 1e3, 0, 'f', 0);
}

QString deviceName(const std::string &device)
{
    return device == "cuda" ? ModelSession::tr("CUDA") : ModelSession::tr("CPU");
}

} // namespace

ModelSession::ModelSession(MainWindow *window, QLabel *statusLabel)
    : QObject(window)
    , m_window(window)
    , m_statusLabel(statusLabel)
    , m_controller(new InferenceController(this))
    , m_batch(new BatchRunner(window->document(), m_controller, this))
    , m_taskDock(new TaskDock(window))
    , m_batchDock(new BatchDock(window))
    , m_plotsDock(new PlotsDock(window))
{
    // Default layout of the right column: the model panel on top, below it one tab group with the
    // captions, labels, batch and plots (a saved window state overrides this).
    window->addPanel(m_taskDock, Qt::RightDockWidgetArea);
    window->addPanel(m_batchDock, Qt::RightDockWidgetArea);
    window->addPanel(m_plotsDock, Qt::RightDockWidgetArea);
    window->splitDockWidget(m_taskDock, window->textDock(), Qt::Vertical);
    window->tabifyDockWidget(window->textDock(), window->labelsDock());
    window->tabifyDockWidget(window->labelsDock(), m_batchDock);
    window->tabifyDockWidget(m_batchDock, m_plotsDock);
    window->textDock()->raise();
    window->resizeDocks({m_taskDock}, {380}, Qt::Horizontal);
    // The model panel gets the larger share: its controls plus a few lines of raw output.
    window->resizeDocks({m_taskDock, window->textDock()}, {620, 240}, Qt::Vertical);
    m_statusLabel->setTextFormat(Qt::RichText);
    connect(m_statusLabel, &QLabel::linkActivated, this, &ModelSession::chooseModelFolder);
    createActions();

    Document *document = window->document();
    connect(m_controller, &InferenceController::modelStateChanged, this, [this] {
        updateModelStatus();
        updateRunState();
    });
    connect(m_controller, &InferenceController::modelLoaded, this, [this] {
        QSettings().setValue(QLatin1String(kDirKey), m_controller->modelDir());
        m_window->statusBar()->showMessage(tr("Model loaded in %1 s").arg(m_controller->summary().loadMs / 1000.0, 0, 'f', 1),
                                           6000);
    });
    connect(m_controller, &InferenceController::modelLoadFailed, this, [this](const QString &dir, const QString &message) {
        const QString text = tr("Could not load the model from %1:\n%2").arg(QDir::toNativeSeparators(dir), message);
        m_window->statusBar()->showMessage(text.section(QLatin1Char('\n'), 0, 0), 10000);
        if (m_interactiveLoad)
            m_window->prompts()->warning(tr("Model not loaded"), text);
    });
    connect(m_controller, &InferenceController::busyChanged, this, &ModelSession::updateRunState);
    connect(m_controller, &InferenceController::progress, this, &ModelSession::onProgress);
    connect(m_controller, &InferenceController::finished, this, &ModelSession::onFinished);
    connect(m_controller, &InferenceController::stopped, this, [this](quint64, double latencyMs, int steps) {
        m_window->statusBar()->showMessage(
            tr("Cancelled: the model stopped %1 ms later, after %n decoding step(s)", nullptr, steps).arg(latencyMs, 0, 'f', 0),
            6000);
    });

    connect(m_taskDock, &TaskDock::runRequested, this, [this] { runCurrent(); });
    connect(m_taskDock, &TaskDock::chainRequested, this, [this](Chain chain) { runChain(chain); });
    connect(m_taskDock, &TaskDock::cancelRequested, this, &ModelSession::cancel);
    connect(m_taskDock, &TaskDock::chooseModelRequested, this, &ModelSession::chooseModelFolder);
    connect(m_taskDock, &TaskDock::thresholdChanged, document, &Document::setScoreThreshold);
    connect(m_taskDock, &TaskDock::jobChanged, this, &ModelSession::updateJobText);
    connect(window->scene(), &CanvasScene::selectedIdsChanged, this, &ModelSession::updateRegionCount);
    connect(window, &MainWindow::imageShown, this, &ModelSession::updateRegionCount);

    connect(m_batchDock, &BatchDock::startRequested, this, [this] { startBatch(); });
    connect(m_batchDock, &BatchDock::pauseRequested, m_batch, &BatchRunner::pause);
    connect(m_batchDock, &BatchDock::resumeRequested, m_batch, &BatchRunner::resume);
    connect(m_batchDock, &BatchDock::cancelRequested, m_batch, &BatchRunner::cancel);
    connect(m_batch, &BatchRunner::progressChanged, this, [this] {
        m_batchDock->showState(*m_batch);
        m_plotsDock->setThroughput(m_batch->throughput());
        updateRunState();
    });
    connect(m_batch, &BatchRunner::imageFinished, this, [this](int image, bool ok, const QString &error) {
        if (ok)
            return;
        const QString path = m_window->document()->absolutePath(image);
        m_batchDock->addFailure(QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), error));
        m_window->imageListDock()->model()->setError(path, error);
    });
    // Autosave after every image: a crash loses at most the image in flight.
    connect(m_batch, &BatchRunner::resultApplied, this, [this] { m_window->controller()->autosaver()->saveNow(); });
    connect(m_batch, &BatchRunner::finished, this, [this](bool cancelled) {
        const BatchRunner::Stats &s = m_batch->stats();
        const QString message = cancelled
            ? tr("Batch stopped after %1 of %n image(s); start it again to resume", nullptr, s.total).arg(s.done)
            : tr("Batch finished: %1 of %n image(s) processed, %2 skipped, %3 failed", nullptr, s.total)
                  .arg(s.processed)
                  .arg(s.skipped)
                  .arg(s.failed);
        m_taskDock->showMessage(message);
        m_window->statusBar()->showMessage(message, 10000);
    });

    m_plotTimer.setSingleShot(true);
    m_plotTimer.setInterval(250);
    connect(&m_plotTimer, &QTimer::timeout, this, &ModelSession::refreshPlots);
    connect(document, &Document::contentChanged, &m_plotTimer, qOverload<>(&QTimer::start));
    connect(document, &Document::documentReset, &m_plotTimer, qOverload<>(&QTimer::start));
    connect(document, &Document::scoreThresholdChanged, this, &ModelSession::refreshPlots);
    connect(document, &Document::documentReset, this, [this] {
        if (m_pending.id != 0)
            m_controller->cancel();
        m_pending = Pending{};
    });

    setThreads(savedOptions().threads);
    updateModelStatus();
    updateJobText();
    updateRunState();
    refreshPlots();
}

ModelSession::~ModelSession()
{
    shutdown();
}

void ModelSession::shutdown()
{
    m_batch->disconnect(this);
    m_controller->shutdown();
}

void ModelSession::createActions()
{
    QMenu *menu = m_window->modelMenu();
    QAction *help = menu->actions().isEmpty() ? nullptr : menu->actions().first();
    auto *choose = new QAction(QIcon(QStringLiteral(":/icons/model.svg")), tr("&Choose Model Folder…"), m_window);
    choose->setObjectName(QStringLiteral("actionChooseModel"));
    connect(choose, &QAction::triggered, this, &ModelSession::chooseModelFolder);
    auto *settings = new QAction(tr("Model &Settings…"), m_window);
    settings->setObjectName(QStringLiteral("actionModelSettings"));
    connect(settings, &QAction::triggered, this, &ModelSession::showModelSettings);
    auto *reload = new QAction(tr("&Reload Model"), m_window);
    reload->setObjectName(QStringLiteral("actionReloadModel"));
    connect(reload, &QAction::triggered, this, [this] {
        if (!m_controller->modelDir().isEmpty())
            loadModel(m_controller->modelDir());
    });
    auto *info = new QAction(tr("Model &Information…"), m_window);
    info->setObjectName(QStringLiteral("actionModelInfo"));
    connect(info, &QAction::triggered, this, &ModelSession::showModelInfo);
    auto *run = new QAction(QIcon(QStringLiteral(":/icons/run.svg")), tr("&Run Task"), m_window);
    run->setObjectName(QStringLiteral("actionRunTask"));
    connect(run, &QAction::triggered, this, [this] { runCurrent(); });
    auto *cancel = new QAction(tr("&Cancel Run"), m_window);
    cancel->setObjectName(QStringLiteral("actionCancelRun"));
    cancel->setShortcut(QKeySequence(tr("Ctrl+.")));
    connect(cancel, &QAction::triggered, this, &ModelSession::cancel);
    for (QAction *a : {choose, settings, reload, info})
        menu->insertAction(help, a);
    menu->insertSeparator(help);
    for (QAction *a : {run, cancel})
        menu->insertAction(help, a);
    menu->insertSeparator(help);
    connect(m_controller, &InferenceController::modelStateChanged, this, [this, reload, info, run] {
        reload->setEnabled(!m_controller->modelDir().isEmpty());
        info->setEnabled(m_controller->isModelReady());
        run->setEnabled(m_controller->isModelReady());
    });
    reload->setEnabled(false);
    info->setEnabled(false);
    run->setEnabled(false);
}

QString ModelSession::startupModelDir(const QString &commandLine)
{
    if (!commandLine.isEmpty())
        return commandLine;
    const QString env = qEnvironmentVariable("FLORENCE_MODEL_DIR");
    if (!env.isEmpty())
        return env;
    return QSettings().value(QLatin1String(kDirKey)).toString();
}

PipelineOptions ModelSession::savedOptions()
{
    QSettings settings;
    PipelineOptions o;
    try {
        o.device = computeDeviceFromString(toStd(settings.value(QLatin1String(kDeviceKey), QStringLiteral("cpu")).toString()));
        o.precision = precisionFromString(toStd(settings.value(QLatin1String(kPrecisionKey), QStringLiteral("fp32")).toString()));
    } catch (const std::exception &) {
        o = PipelineOptions{}; // a hand-edited setting falls back to the defaults
    }
    if (o.device == ComputeDevice::Cuda && !cudaAvailable()) {
        o.device = ComputeDevice::Cpu;
        if (o.precision == Precision::Fp16)
            o.precision = Precision::Fp32;
    }
    o.threads = settings.value(QLatin1String(kThreadsKey), 0).toInt();
    return o;
}

void ModelSession::saveOptions(const PipelineOptions &options)
{
    QSettings settings;
    settings.setValue(QLatin1String(kDeviceKey), QString::fromLatin1(toString(options.device)));
    settings.setValue(QLatin1String(kPrecisionKey), QString::fromLatin1(toString(options.precision)));
    settings.setValue(QLatin1String(kThreadsKey), options.threads);
}

void ModelSession::loadModel(const QString &dir, bool interactive)
{
    if (m_batch->isRunning())
        m_batch->cancel();
    m_interactiveLoad = interactive;
    PipelineOptions options = savedOptions();
    options.threads = m_threads > 0 ? m_threads : defaultThreadCount();
    m_controller->loadModel(dir, options);
}

void ModelSession::setThreads(int threads)
{
    m_threads = threads;
    m_controller->setThreads(threads);
}

void ModelSession::applyOptions(const PipelineOptions &options)
{
    const PipelineOptions old = savedOptions();
    saveOptions(options);
    setThreads(options.threads);
    const bool reload = options.device != old.device || options.precision != old.precision;
    if (reload && !m_controller->modelDir().isEmpty())
        loadModel(m_controller->modelDir());
}

void ModelSession::chooseModelFolder()
{
    const QString start = m_controller->modelDir().isEmpty() ? QDir::homePath() : m_controller->modelDir();
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Choose a Florence-2 Model Folder"), start);
    if (!dir.isEmpty())
        loadModel(dir);
}

void ModelSession::showModelSettings()
{
    ModelSettingsDialog dialog(savedOptions(), cudaAvailable(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        applyOptions(dialog.options());
}

void ModelSession::showModelInfo()
{
    if (!m_controller->isModelReady())
        return;
    const ModelSummary &s = m_controller->summary();
    QString text = tr("<b>Florence-2 %1</b><br>Folder: %2<br>Parameters: %3 (%4)<br>Weights: %5, declared dtype %6<br>"
                      "Computing in %7 on %8<br>Loaded in %9 s")
                       .arg(toQt(s.variant).toHtmlEscaped(), QDir::toNativeSeparators(toQt(s.dir)).toHtmlEscaped(),
                            formatParameters(s.parameterCount), QLocale().toString(qlonglong(s.parameterCount)),
                            toQt(s.weightsFormat), toQt(s.declaredDtype), toQt(s.computeDtype), deviceName(s.device))
                       .arg(s.loadMs / 1000.0, 0, 'f', 2);
    if (!s.log.empty()) {
        text += QStringLiteral("<br><br>") + tr("Loader notes:") + QStringLiteral("<ul>");
        for (const std::string &line : s.log)
            text += QStringLiteral("<li>%1</li>").arg(toQt(line).toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }
    QMessageBox::information(m_window, tr("Model Information"), text);
}

void ModelSession::updateModelStatus()
{
    const QString choose = QStringLiteral("<a href=\"choose\">%1</a>").arg(tr("Model ▸ Choose Model Folder…"));
    QString line;
    bool loading = false;
    switch (m_controller->modelState()) {
    case InferenceController::ModelState::None:
        line = tr("No model loaded — %1").arg(choose);
        break;
    case InferenceController::ModelState::Loading:
        line = tr("Loading the model from %1…").arg(QDir::toNativeSeparators(m_controller->modelDir()).toHtmlEscaped());
        loading = true;
        break;
    case InferenceController::ModelState::Ready: {
        const ModelSummary &s = m_controller->summary();
        line = tr("Florence-2 %1 · %2 parameters · %3 · %4")
                   .arg(toQt(s.variant).toHtmlEscaped(), formatParameters(s.parameterCount), toQt(s.computeDtype),
                        deviceName(s.device));
        break;
    }
    case InferenceController::ModelState::Failed:
        line = tr("Model not loaded (see the message) — %1").arg(choose);
        break;
    }
    m_statusLabel->setText(line);
    m_statusLabel->setToolTip(m_controller->modelState() == InferenceController::ModelState::Failed
                                  ? m_controller->lastError()
                                  : QDir::toNativeSeparators(m_controller->modelDir()));
    m_taskDock->setModelStatus(line, loading);
}

QString ModelSession::modelStatusText() const
{
    QTextDocument doc;
    doc.setHtml(m_statusLabel->text());
    return doc.toPlainText();
}

void ModelSession::updateJobText()
{
    const AnnotateJob job = m_taskDock->job();
    QString text = taskName(job.task);
    if (job.chain == Chain::DetectThenSegment)
        text = tr("%1, then segment each box").arg(text);
    else if (job.chain == Chain::DetectThenDescribe)
        text = tr("%1, then describe each box").arg(text);
    if (!job.text.empty())
        text += QStringLiteral(" “%1”").arg(toQt(job.text));
    if (taskInfo(job.task).input == TaskInput::Region)
        m_batchDock->setJobText(tr("Region tasks need a region per image; choose another task in the Model panel "
                                   "(or a chain: detect, then segment/describe)."));
    else
        m_batchDock->setJobText(tr("Job (from the Model panel): %1").arg(text.toHtmlEscaped()));
}

void ModelSession::updateRunState()
{
    const bool ready = m_controller->isModelReady();
    const bool busy = m_controller->isBusy() || m_batch->isRunning();
    m_taskDock->setState(ready, busy);
    m_batchDock->setCanStart(ready && !busy);
    m_batchDock->showState(*m_batch);
}

void ModelSession::updateRegionCount()
{
    m_taskDock->setRegionCount(m_window->currentImage() >= 0 ? int(m_window->scene()->selectedIds().size()) : 0);
}

QString ModelSession::failMessage(const QString &text, QString *why)
{
    if (why)
        *why = text;
    m_window->statusBar()->showMessage(text, 6000);
    return text;
}

quint64 ModelSession::runCurrent(QString *why)
{
    return submitJob(m_taskDock->job(), why);
}

quint64 ModelSession::runChain(Chain chain, QString *why)
{
    AnnotateJob job = m_taskDock->job();
    job.task = Task::ObjectDetection;
    job.text.clear();
    job.chain = chain;
    return submitJob(job, why);
}

quint64 ModelSession::submitJob(const AnnotateJob &job, QString *why)
{
    if (!m_controller->isModelReady())
        return failMessage(tr("Load a model first: Model ▸ Choose Model Folder…"), why), 0;
    if (m_batch->isRunning())
        return failMessage(tr("A batch is running; pause or cancel it first."), why), 0;
    const int image = m_window->currentImage();
    if (image < 0)
        return failMessage(tr("Open an image first."), why), 0;
    InferenceRequest request;
    request.imagePath = m_window->currentImagePath();
    request.job = job;
    Pending pending;
    pending.image = image;
    if (taskInfo(job.task).input == TaskInput::Region) {
        pending.regionIds = m_window->scene()->selectedIds();
        if (pending.regionIds.isEmpty())
            return failMessage(tr("%1 needs a region: draw a box or select shapes.").arg(taskName(job.task)), why), 0;
        for (ShapeId id : pending.regionIds)
            request.regions.push_back(m_window->document()->shape(image, id)->boundingBox());
    } else {
        try {
            job.validate();
        } catch (const std::exception &e) {
            return failMessage(tr("Cannot run %1: %2").arg(taskName(job.task), QString::fromUtf8(e.what())), why), 0;
        }
    }
    pending.id = m_controller->submit(std::move(request));
    if (pending.id == 0)
        return failMessage(tr("Load a model first: Model ▸ Choose Model Folder…"), why), 0;
    m_pending = pending;
    m_taskDock->showMessage(tr("Starting…"));
    return pending.id;
}

bool ModelSession::startBatch(QString *why)
{
    QVector<int> images;
    if (m_batchDock->selectedOnly()) {
        images = m_window->imageListDock()->selectedRows();
    } else {
        for (int i = 0; i < m_window->document()->imageCount(); ++i)
            images << i;
    }
    if (images.isEmpty()) {
        failMessage(m_batchDock->selectedOnly() ? tr("Select images in the image list first.") : tr("Open images first."), why);
        return false;
    }
    QString error;
    if (!m_batch->start(m_taskDock->job(), images, m_batchDock->force(), &error)) {
        failMessage(error, why);
        return false;
    }
    m_batchDock->clearFailures();
    return true;
}

void ModelSession::cancel()
{
    if (m_batch->isRunning()) {
        m_batch->cancel();
        return;
    }
    if (m_pending.id != 0 && m_controller->currentRequest() == m_pending.id) {
        m_controller->cancel();
        m_pending = Pending{};
        m_taskDock->showMessage(tr("Cancelled"));
    }
}

void ModelSession::onProgress(const InferenceProgress &progress)
{
    if (progress.id == m_pending.id || m_batch->isRunning())
        m_taskDock->showProgress(progress);
}

void ModelSession::onFinished(const InferenceResult &result)
{
    // Raw output, timing line and timing plot show the last run, a batch image's included.
    if (!result.runs.empty()) {
        const RunTimings &t = result.runs.back().timings;
        const double tokensPerSecond = t.decodeMs > 0 ? t.decodeSteps * 1000.0 / t.decodeMs : 0.0;
        m_plotsDock->setTimings(t);
        m_taskDock->setRawOutput(rawOutputText(result),
                                 tr("%1 ms in all · preprocess %2 · vision %3 · encoder %4 · decoding %5 ms "
                                    "(%6 tokens/s)")
                                     .arg(result.wallMs, 0, 'f', 0)
                                     .arg(t.preprocessMs, 0, 'f', 0)
                                     .arg(t.visionMs, 0, 'f', 0)
                                     .arg(t.encoderMs, 0, 'f', 0)
                                     .arg(t.decodeMs, 0, 'f', 0)
                                     .arg(tokensPerSecond, 0, 'f', 1));
    }
    if (result.id != m_pending.id || m_pending.id == 0)
        return; // a batch image (BatchRunner applies it)
    const Pending pending = m_pending;
    m_pending = Pending{};
    m_lastResult = result;
    switch (result.status) {
    case InferenceStatus::Cancelled:
        m_taskDock->showMessage(tr("Cancelled"));
        break;
    case InferenceStatus::Failed:
        m_taskDock->showMessage(tr("The run failed: %1").arg(result.error));
        m_window->statusBar()->showMessage(tr("The model run failed: %1").arg(result.error), 10000);
        break;
    case InferenceStatus::Ok:
        applyResult(result, pending);
        break;
    }
    Q_EMIT runFinished(result);
}

void ModelSession::applyResult(const InferenceResult &result, const Pending &pending)
{
    Document *document = m_window->document();
    if (pending.image < 0 || pending.image >= document->imageCount()
        || document->absolutePath(pending.image) != result.imagePath)
        return; // the project changed meanwhile
    if (document->image(pending.image).width <= 0)
        document->setImageSize(pending.image, result.imageWidth, result.imageHeight);
    const QString name = taskName(result.job.task);
    if (!pending.regionIds.isEmpty()) {
        QVector<ShapeId> ids;
        std::vector<Shape> shapes;
        for (int i = 0; i < pending.regionIds.size() && std::size_t(i) < result.regions.size(); ++i) {
            const Shape *region = document->shape(pending.image, pending.regionIds[i]);
            if (!region)
                continue;
            if (std::optional<Shape> attached = attachRegionAnswer(*region, result.job.task, result.regions[std::size_t(i)])) {
                ids << pending.regionIds[i];
                shapes.push_back(std::move(*attached));
            }
        }
        const int n = document->replaceShapes(pending.image, ids, shapes,
                                              tr("%1 on %n region(s)", nullptr, int(ids.size())).arg(name));
        const QString message = tr("%1: answers attached to %n region(s)", nullptr, n).arg(name);
        m_taskDock->showMessage(message);
        m_window->statusBar()->showMessage(message, 6000);
        return;
    }
    const ResultAnnotations &a = result.annotations;
    document->addAnnotations(pending.image, a.shapes, a.captions, result.job.key());
    QString message = tr("%1: %n shape(s)", nullptr, int(a.shapes.size())).arg(name);
    if (!a.captions.empty()) {
        message += tr(", %n text(s) in the Captions panel", nullptr, int(a.captions.size()));
        m_window->textDock()->raise();
    }
    message += tr(" in %1 s").arg(result.wallMs / 1000.0, 0, 'f', 2);
    m_taskDock->showMessage(message);
    m_window->statusBar()->showMessage(message, 6000);
}

void ModelSession::refreshPlots()
{
    const Document *document = m_window->document();
    m_plotsDock->setLabelCounts(document->labelCounts());
    QVector<double> scores;
    for (int i = 0; i < document->imageCount(); ++i)
        for (const Shape &shape : document->image(i).shapes)
            if (shape.score)
                scores << *shape.score;
    m_plotsDock->setScores(scores, document->scoreThreshold());
}

} // namespace florence::ui
