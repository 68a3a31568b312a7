#include "inference/model_session.h"

#include "canvas/canvas_scene.h"
#include "canvas/items/tile_grid_item.h"
#include "common/threads.h"
#include "common/error_text.h"
#include "convert.h"
#include "inference/batch_runner.h"
#include "inference/inference_controller.h"
#include "inference/model_menu.h"
#include "inference/model_settings.h"
#include "inference/result_applier.h"
#include "inference/task_names.h"
#include "inference/training_session.h"
#include "panels/custom_task_panel.h"
#include "panels/no_model_panel.h"
#include "panels/training_dock.h"
#include "panels/batch_dock.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/plots_dock.h"
#include "panels/task_dock.h"
#include "panels/text_dock.h"
#include "project/autosaver.h"
#include "project/prompts.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStatusBar>
#include <QTimer>

namespace florence::ui {

ModelSession::ModelSession(const ModelSessionParts &parts)
    : QObject(parts.window)
    , m_parts(parts)
    , m_controller(new InferenceController(this))
    , m_batch(new BatchRunner(parts.document, m_controller, this))
    , m_menu(new ModelMenu(parts.modelMenu, parts.window, m_controller, parts.statusLabel, parts.taskDock))
    , m_custom(new CustomTaskPanel(parts.taskDock))
    , m_noModel(new NoModelPanel(parts.taskDock))
{
    m_parts.taskDock->insertSection(m_noModel, TaskDock::Section::BelowModelLine);
    m_parts.taskDock->insertSection(m_custom, TaskDock::Section::AboveProgress);
    connect(m_custom, &CustomTaskPanel::runRequested, this, [this](const CustomTask &task) { runCustom(task); });
    connect(m_noModel, &NoModelPanel::loadRequested, this, [this](const QString &dir) { loadModel(dir); });
    connect(m_noModel, &NoModelPanel::downloadRequested, m_menu, &ModelMenu::showDownload);
    connect(m_noModel, &NoModelPanel::openFolderRequested, m_menu, &ModelMenu::chooseModelFolder);
    connect(m_noModel, &NoModelPanel::pickerRequested, m_menu, &ModelMenu::chooseModel);
    if (m_parts.trainingDock) {
        m_training = new TrainingSession(this, m_parts, m_parts.trainingDock);
        connect(m_menu, &ModelMenu::fineTuneRequested, m_training, &TrainingSession::showDialog);
    }

    connect(m_menu, &ModelMenu::loadRequested, this, [this](const QString &dir) { loadModel(dir); });
    connect(m_menu, &ModelMenu::optionsChosen, this, &ModelSession::applyOptions);
    connect(m_menu, &ModelMenu::runRequested, this, [this] { runCurrent(); });
    connect(m_menu, &ModelMenu::cancelRequested, this, &ModelSession::cancel);

    connect(m_controller, &InferenceController::modelStateChanged, this, &ModelSession::updateRunState);
    connect(m_controller, &InferenceController::modelLoaded, this, [this] {
        ModelSettings::rememberModelDir(m_controller->modelDir());
        m_parts.statusBar->showMessage(tr("Model loaded in %1 s").arg(QLocale().toString(m_controller->summary().loadMs / 1000.0, 'f', 1)),
                                       6000);
    });
    connect(m_controller, &InferenceController::modelLoadFailed, this, [this](const QString &dir, const QString &message) {
        const ErrorKind kind = m_controller->lastErrorKind();
        const QString text = tr("Could not load the model from %1:\n%2")
                                 .arg(QDir::toNativeSeparators(dir), userMessage(ErrorContext::ModelLoad, kind, message));
        m_parts.statusBar->showMessage(ErrorText::summary(ErrorContext::ModelLoad, kind), 10000);
        if (m_interactiveLoad)
            m_parts.prompts->warning(tr("Model not loaded"), text);
    });
    connect(m_controller, &InferenceController::busyChanged, this, &ModelSession::updateRunState);
    connect(m_controller, &InferenceController::progress, this, &ModelSession::onProgress);
    connect(m_controller, &InferenceController::finished, this, &ModelSession::onFinished);
    connect(m_controller, &InferenceController::stopped, this, [this](quint64, double latencyMs, int steps) {
        m_parts.statusBar->showMessage(
            tr("Cancelled: the model stopped %1 ms later, after %n decoding step(s)", nullptr, steps).arg(QLocale().toString(latencyMs, 'f', 0)),
            6000);
    });

    TaskDock *taskDock = m_parts.taskDock;
    connect(taskDock, &TaskDock::runRequested, this, [this] { runCurrent(); });
    connect(taskDock, &TaskDock::chainRequested, this, [this](Chain chain) { runChain(chain); });
    connect(taskDock, &TaskDock::cancelRequested, this, &ModelSession::cancel);
    connect(taskDock, &TaskDock::chooseModelRequested, m_menu, &ModelMenu::chooseModelFolder);
    connect(taskDock, &TaskDock::thresholdChanged, m_parts.document, &Document::setScoreThreshold);
    connect(taskDock, &TaskDock::jobChanged, this, &ModelSession::updateJobText);
    // The tile grid preview: a non-interactive overlay that follows the image by itself.
    m_tileGrid = new TileGridItem;
    m_parts.scene->addItem(m_tileGrid);
    connect(taskDock, &TaskDock::tilingChanged, this, &ModelSession::updateTileGrid);
    connect(taskDock, &TaskDock::jobChanged, this, &ModelSession::updateTileGrid);
    connect(m_parts.scene, &CanvasScene::selectedIdsChanged, this, &ModelSession::updateRegionCount);
    connectBatch();

    m_parts.plotsDock->followDocument(m_parts.document);
    connect(m_parts.document, &Document::documentReset, this, [this] {
        if (m_pending.id != 0)
            m_controller->cancel();
        m_pending = Pending{};
    });

    setThreads(ModelSettings::savedOptions().threads);
    updateJobText();
    updateRunState();
}

ModelSession::~ModelSession()
{
    shutdown();
}

void ModelSession::connectBatch()
{
    BatchDock *dock = m_parts.batchDock;
    dock->setBatchSize(ModelSettings::batchSize());
    connect(dock, &BatchDock::startRequested, this, [this] { startBatch(); });
    connect(dock, &BatchDock::pauseRequested, m_batch, &BatchRunner::pause);
    connect(dock, &BatchDock::resumeRequested, m_batch, &BatchRunner::resume);
    connect(dock, &BatchDock::cancelRequested, m_batch, &BatchRunner::cancel);
    // The elapsed time ticks while an image is in flight (not only when one finishes).
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] { m_parts.batchDock->showState(*m_batch); });
    connect(m_batch, &BatchRunner::started, tick, qOverload<>(&QTimer::start));
    connect(m_batch, &BatchRunner::finished, tick, &QTimer::stop);
    connect(m_batch, &BatchRunner::progressChanged, this, [this] {
        m_parts.batchDock->showState(*m_batch);
        m_parts.plotsDock->setThroughput(m_batch->throughput());
        updateRunState();
    });
    connect(m_batch, &BatchRunner::imageFinished, this, [this](int image, bool ok, const QString &error) {
        if (ok)
            return;
        const QString path = m_parts.document->absolutePath(image);
        // The batch reports core's message only; an image the batch cannot use is the common case.
        const ErrorKind kind = ErrorKind::BadInput;
        m_parts.batchDock->addFailure(QFileInfo(path).fileName(), ErrorText::summary(ErrorContext::Run, kind), error);
        m_parts.imageList->model()->setError(path, ErrorContext::Run, kind, error);
    });
    connect(m_batch, &BatchRunner::batchSizeChosen, this, [this](bool lowered) {
        if (lowered)
            m_parts.statusBar->showMessage(BatchDock::batchSizeText(*m_batch), 10000);
    });
    // Autosave after every image: a crash loses at most the pass in flight.
    connect(m_batch, &BatchRunner::resultApplied, m_parts.autosaver, [this] { m_parts.autosaver->saveNow(); });
    connect(m_batch, &BatchRunner::finished, this, [this](bool cancelled) {
        const BatchRunner::Stats &s = m_batch->stats();
        const QString message = cancelled
            ? tr("Batch stopped after %1 of %n image(s); start it again to resume", nullptr, s.total).arg(s.done)
            : tr("Batch finished: %1 of %n image(s) processed, %2 skipped, %3 failed", nullptr, s.total)
                  .arg(s.processed)
                  .arg(s.skipped)
                  .arg(s.failed);
        m_parts.taskDock->showMessage(message);
        m_parts.statusBar->showMessage(message, 10000);
    });
}

void ModelSession::shutdown()
{
    if (m_training)
        m_training->runner()->cancel(); // stops after the step in progress; nothing is saved
    m_batch->disconnect(this);
    m_controller->shutdown();
}

void ModelSession::loadModel(const QString &dir, bool interactive)
{
    if (m_batch->isRunning())
        m_batch->cancel();
    m_interactiveLoad = interactive;
    PipelineOptions options = ModelSettings::savedOptions();
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
    const PipelineOptions old = ModelSettings::savedOptions();
    ModelSettings::saveOptions(options);
    setThreads(options.threads);
    const bool reload = options.device != old.device || options.precision != old.precision;
    if (reload && !m_controller->modelDir().isEmpty())
        loadModel(m_controller->modelDir());
}

QString ModelSession::modelStatusText() const
{
    return m_menu->modelStatusText();
}

void ModelSession::updateJobText()
{
    const AnnotateJob job = m_parts.taskDock->job();
    QString text = taskName(job.task);
    if (job.chain == Chain::DetectThenSegment)
        text = tr("%1, then segment each box").arg(text);
    else if (job.chain == Chain::DetectThenDescribe)
        text = tr("%1, then describe each box").arg(text);
    if (!job.text.empty())
        text += QStringLiteral(" “%1”").arg(toQt(job.text));
    if (taskInfo(job.task).input == TaskInput::Region)
        m_parts.batchDock->setJobText(tr("Region tasks need a region per image; choose another task in the Model panel "
                                   "(or a chain: detect, then segment/describe)."));
    else
        m_parts.batchDock->setJobText(tr("Job (from the Model panel): %1").arg(text.toHtmlEscaped()));
}

void ModelSession::updateRunState()
{
    const bool ready = m_controller->isModelReady();
    const bool busy = m_controller->isBusy() || m_batch->isRunning();
    m_parts.taskDock->setState(ready, busy);
    m_custom->setState(ready, busy);
    if (ready)
        m_custom->setModelDir(m_controller->modelDir());
    const InferenceController::ModelState state = m_controller->modelState();
    const bool noModel = state == InferenceController::ModelState::None || state == InferenceController::ModelState::Failed;
    m_noModel->setVisible(noModel);
    m_custom->setVisible(!noModel);
    m_parts.batchDock->setCanStart(ready && !busy);
    m_parts.batchDock->showState(*m_batch);
}

void ModelSession::updateRegionCount()
{
    m_parts.taskDock->setRegionCount(m_parts.scene->imageIndex() >= 0 ? int(m_parts.scene->selectedIds().size()) : 0);
}

QString ModelSession::failMessage(const QString &text, QString *why)
{
    if (why)
        *why = text;
    m_parts.statusBar->showMessage(text, 6000);
    return text;
}

quint64 ModelSession::runCurrent(QString *why)
{
    return submitJob(m_parts.taskDock->job(), why);
}

quint64 ModelSession::runChain(Chain chain, QString *why)
{
    AnnotateJob job = m_parts.taskDock->job();
    job.task = Task::ObjectDetection;
    job.text.clear();
    job.chain = chain;
    return submitJob(job, why);
}

quint64 ModelSession::runPromptTable(QString *why)
{
    const PromptTable &table = m_parts.document->promptTable();
    if (table.empty())
        return failMessage(tr("The prompt table is empty: Review ▸ Prompt → Label Table…"), why), 0;
    AnnotateJob job = m_parts.taskDock->job();
    const std::optional<Task> task = taskFromToken(table.task.empty() ? "<OPEN_VOCABULARY_DETECTION>" : table.task);
    job.task = task.value_or(Task::OpenVocabularyDetection);
    job.chain = Chain::None;
    job.text = table.rows.front().prompt; // validation sees a text task with text; each row sends its own
    return submitJob(job, why, table.rows);
}

quint64 ModelSession::runCustom(const CustomTask &task, QString *why)
{
    try {
        validateCustomTask(CustomTask{task.name.empty() ? std::string("custom") : task.name, task.prompt, task.parser});
    } catch (const std::exception &e) {
        return failMessage(tr("Cannot run the custom task: %1").arg(userMessage(ErrorContext::Run, errorInfo(e, ErrorKind::BadInput))), why), 0;
    }
    AnnotateJob job = m_parts.taskDock->job();
    job.task = parserTask(task.parser);
    job.chain = Chain::None;
    job.text.clear();
    job.customPrompt = task.prompt;
    return submitJob(job, why);
}

quint64 ModelSession::submitJob(const AnnotateJob &job, QString *why, std::vector<PromptLabel> promptTable)
{
    if (!m_controller->isModelReady())
        return failMessage(tr("Load a model first: Model ▸ Choose Model Folder…"), why), 0;
    if (m_batch->isRunning())
        return failMessage(tr("A batch is running; pause or cancel it first."), why), 0;
    const int image = m_parts.scene->imageIndex();
    if (image < 0)
        return failMessage(tr("Open an image first."), why), 0;
    InferenceRequest request;
    request.imagePath = m_parts.document->absolutePath(image);
    request.job = job;
    request.promptTable = std::move(promptTable);
    if (request.promptTable.empty() && job.chain == Chain::None && TaskDock::tileable(job.task))
        request.tiling = m_parts.taskDock->tiling();
    Pending pending;
    pending.image = image;
    if (taskInfo(job.task).input == TaskInput::Region) {
        pending.regionIds = m_parts.scene->selectedIds();
        if (pending.regionIds.isEmpty())
            return failMessage(tr("%1 needs a region: draw a box or select shapes.").arg(taskName(job.task)), why), 0;
        for (ShapeId id : pending.regionIds)
            request.regions.push_back(m_parts.document->shape(image, id)->boundingBox());
    } else {
        try {
            job.validate();
        } catch (const std::exception &e) {
            return failMessage(tr("Cannot run %1: %2").arg(taskName(job.task), userMessage(ErrorContext::Run, errorInfo(e, ErrorKind::BadInput))), why), 0;
        }
    }
    pending.id = m_controller->submit(std::move(request));
    if (pending.id == 0)
        return failMessage(tr("Load a model first: Model ▸ Choose Model Folder…"), why), 0;
    m_pending = pending;
    m_parts.taskDock->setTruncatedBadge(QString());
    m_parts.taskDock->showMessage(tr("Starting…"));
    return pending.id;
}

bool ModelSession::startBatch(QString *why)
{
    QVector<int> images;
    if (m_parts.batchDock->selectedOnly()) {
        images = m_parts.imageList->selectedRows();
    } else {
        for (int i = 0; i < m_parts.document->imageCount(); ++i)
            images << i;
    }
    if (images.isEmpty()) {
        failMessage(m_parts.batchDock->selectedOnly() ? tr("Select images in the image list first.") : tr("Open images first."), why);
        return false;
    }
    BatchRunner::Options options;
    options.force = m_parts.batchDock->force();
    options.batchSize = m_parts.batchDock->batchSize();
    options.tiling = m_parts.taskDock->tiling(); // used for tileable tasks without a chain, as in runs
    ModelSettings::saveBatchSize(options.batchSize);
    QString error;
    if (!m_batch->start(m_parts.taskDock->job(), images, options, &error)) {
        failMessage(error, why);
        return false;
    }
    m_parts.batchDock->clearFailures();
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
        m_parts.taskDock->showMessage(tr("Cancelled"));
    }
}

void ModelSession::onProgress(const InferenceProgress &progress)
{
    if (progress.id == m_pending.id || m_batch->isRunning())
        m_parts.taskDock->showProgress(progress);
}

void ModelSession::showRawOutput(const InferenceResult &result)
{
    // Raw output, timing line and timing plot show the last request, a batch image's included; the
    // stages add up over its runs (a chain's detection and region runs), so they add up to the total.
    if (result.runs.empty())
        return;
    const RunTimings t = totalTimings(result);
    const double tokensPerSecond = t.decodeMs > 0 ? t.decodeSteps * 1000.0 / t.decodeMs : 0.0;
    m_parts.plotsDock->setTimings(t);
    m_parts.taskDock->setRawOutput(rawOutputText(result),
                                   tr("%1 ms in all · preprocess %2 · vision %3 · encoder %4 · decoding %5 ms "
                                      "(%6 tokens/s)")
                                       .arg(QLocale().toString(result.wallMs, 'f', 0))
                                       .arg(QLocale().toString(t.preprocessMs, 'f', 0))
                                       .arg(QLocale().toString(t.visionMs, 'f', 0))
                                       .arg(QLocale().toString(t.encoderMs, 'f', 0))
                                       .arg(QLocale().toString(t.decodeMs, 'f', 0))
                                       .arg(QLocale().toString(tokensPerSecond, 'f', 1)));
}

void ModelSession::onFinished(const InferenceResult &result)
{
    // A batch pass shows its last image that answered.
    const InferenceResult *shown = &result;
    for (const InferenceResult &item : result.items)
        if (item.status == InferenceStatus::Ok)
            shown = &item;
    showRawOutput(*shown);
    if (result.id != m_pending.id || m_pending.id == 0)
        return; // a batch image (BatchRunner applies it)
    const Pending pending = m_pending;
    m_pending = Pending{};
    m_lastResult = result;
    switch (result.status) {
    case InferenceStatus::Cancelled:
        m_parts.taskDock->showMessage(tr("Cancelled"));
        break;
    case InferenceStatus::Failed:
        m_parts.taskDock->showMessage(userMessage(ErrorContext::Run, result.errorKind, result.error));
        m_parts.statusBar->showMessage(ErrorText::summary(ErrorContext::Run, result.errorKind), 10000);
        break;
    case InferenceStatus::Ok:
        applyResult(result, pending);
        break;
    }
    if (result.status == InferenceStatus::Ok && isTruncated(result)) {
        const QString text =
            result.tiles > 0
                ? tr("⚠ %n tile(s) answered up to the limit of %1 tokens, so their answers are probably cut short. "
                     "Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.",
                     nullptr, result.truncatedTiles)
                      .arg(result.job.maxNewTokens)
                : tr("⚠ The answer used all %1 tokens, so it is probably cut short (common for OCR of dense pages). "
                     "Use Tiles to run the image in parts, or raise max tokens.")
                      .arg(result.job.maxNewTokens);
        m_parts.taskDock->setTruncatedBadge(text);
        m_parts.statusBar->showMessage(tr("The answer was cut at max tokens; try Tiles"), 10000);
    }
    Q_EMIT runFinished(result);
}

void ModelSession::applyResult(const InferenceResult &result, const Pending &pending)
{
    const QString name = result.job.customPrompt.empty()
        ? taskName(result.job.task)
        : tr("Custom task “%1”").arg(toQt(result.job.customPrompt));
    const AppliedResult applied = applyInferenceResult(
        m_parts.document, pending.image, result, pending.regionIds,
        [&](int regions) { return tr("%1 on %n region(s)", nullptr, regions).arg(name); });
    if (!applied.applied)
        return; // the project changed meanwhile
    QString message;
    if (!pending.regionIds.isEmpty()) {
        message = tr("%1: answers attached to %n region(s)", nullptr, applied.regions).arg(name);
    } else {
        message = tr("%1: %n shape(s)", nullptr, applied.shapes).arg(name);
        if (applied.captions > 0) {
            message += tr(", %n text(s) in the Captions panel", nullptr, applied.captions);
            m_parts.textDock->raise();
        }
        message += tr(" in %1 s").arg(QLocale().toString(result.wallMs / 1000.0, 'f', 2));
    }
    m_parts.taskDock->showMessage(message);
    m_parts.statusBar->showMessage(message, 6000);
}

void ModelSession::updateTileGrid()
{
    const TaskDock *dock = m_parts.taskDock;
    const AnnotateJob job = dock->job();
    std::optional<TilingOptions> tiling;
    if (job.chain == Chain::None && TaskDock::tileable(job.task))
        if (const std::optional<TiledRunOptions> options = dock->tiling())
            tiling = options->tiling;
    m_tileGrid->setTiling(tiling);
}

} // namespace florence::ui
