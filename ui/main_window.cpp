#include "main_window.h"

#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/geometry.h"
#include "canvas/image_loader.h"
#include "common/error_text.h"
#include "common/status_message_fitter.h"
#include "canvas/items/image_item.h"
#include "canvas/tools/box_tool.h"
#include "canvas/tools/polygon_tool.h"
#include "canvas/tools/select_tool.h"
#include "convert.h"
#include "dialogs/label_dialog.h"
#include "dialogs/shortcut_settings.h"
#include "dialogs/shortcuts_dialog.h"
#include "document/commands/image_commands.h"
#include "document/commands/shape_commands.h"
#include "document/shape_clipboard.h"
#include "inference/model_session.h"
#include "panels/batch_dock.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/labels_dock.h"
#include "panels/plots_dock.h"
#include "panels/shape_list_dock.h"
#include "panels/task_dock.h"
#include "panels/text_dock.h"
#include "panels/thumbnail_loader.h"
#include "panels/training_dock.h"
#include "project/dialog_prompts.h"
#include "project/file_dialogs.h"
#include "project/project_controller.h"
#include "project/project_io.h"
#include "resources.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QCompleter>
#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

const char *kGeometryKey = "window/geometry";
const char *kStateKey = "window/state";

constexpr double kPasteOffset = 10.0; ///< image pixels between a pasted copy and its source

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_dialogPrompts(std::make_unique<DialogPrompts>(this))
{
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/florence-studio.svg")));
    setObjectName(QStringLiteral("MainWindow"));
    m_prompts = m_dialogPrompts.get();
    m_controller = new ProjectController(m_document, m_prompts, this);
    m_fileDialogs = new FileDialogs(this, m_document, m_controller);
    connect(m_fileDialogs, &FileDialogs::filesChosen, this, &MainWindow::openFiles);
    connect(m_fileDialogs, &FileDialogs::folderChosen, this, [this](const QString &folder) {
        openFolder(folder, action(QStringLiteral("actionRecursive"))->isChecked());
    });
    m_scene = new CanvasScene(m_document, this);
    m_view = new CanvasView(m_scene, this);
    m_loader = new ImageLoader(this);
    setCentralWidget(m_view);

    m_errorOverlay = new QLabel(m_view->viewport());
    m_errorOverlay->setAlignment(Qt::AlignCenter);
    m_errorOverlay->setWordWrap(true);
    m_errorOverlay->setStyleSheet(QStringLiteral("color: #ff8a80; font-size: 12px; background: transparent;"));
    m_errorOverlay->setTextFormat(Qt::RichText);
    m_errorOverlay->hide();

    createTools();
    createActions();
    createDocks();
    createMenus();
    createToolBar();
    createStatusBar();
    createReview();
    createModelSession();

    connect(m_controller, &ProjectController::projectOpened, this, &MainWindow::projectOpened);
    connect(m_controller, &ProjectController::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 8000);
    });
    connect(m_controller->autosaver(), &Autosaver::saved, this, [this] {
        m_lastSaveError.clear();
        updateSaveState();
    });
    connect(m_controller->autosaver(), &Autosaver::saveFailed, this, [this](const QString &, ErrorKind kind, const QString &message) {
        m_lastSaveError = userMessage(ErrorContext::Write, kind, message);
        updateSaveState();
    });
    connect(m_document, &Document::contentChanged, this, &MainWindow::updateSaveState);
    connect(m_document, &Document::imageTouched, this, [this](int image) {
        if (m_followTouchedImage)
            showImage(image);
    });
    connect(m_document, &Document::labelsChanged, this, &MainWindow::refreshDefaultLabels);
    connect(m_document, &Document::imageChanged, this, [this](int image) {
        if (image == m_current)
            updateTitle();
    });
    connect(m_loader, &ImageLoader::loaded, this, [this](const QString &path, std::shared_ptr<const ImagePyramid> p) {
        imageLoaded(path, std::move(p));
    });
    connect(m_loader, &ImageLoader::failed, this, &MainWindow::imageFailed);
    connect(m_scene, &CanvasScene::selectedIdsChanged, this, [this] {
        m_textDock->setSelection(m_scene->selectedIds());
        updateActions();
    });
    connect(m_scene, &CanvasScene::message, this, [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_view, &CanvasView::cursorPixelChanged, this, [this](const QPoint &pixel, bool inside) {
        m_pixelLabel->setText(inside ? tr("x %1, y %2").arg(pixel.x()).arg(pixel.y()) : QString());
    });
    connect(m_view, &CanvasView::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(tr("%1 %").arg(QLocale().toString(zoom * 100, 'f', zoom < 0.1 ? 1 : 0)));
    });
    connect(m_imageList, &ImageListDock::imageActivated, this, &MainWindow::showImage);
    connect(m_labelsDock, &LabelsDock::defaultLabelChosen, this, [this](const QString &label) {
        m_defaultLabel->setCurrentText(label);
    });
    connect(m_textDock, &TextDock::changeLabelRequested, this, &MainWindow::changeLabelDialog);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateActions);

    ShortcutSettings::install(this); // every action exists now: saved shortcuts replace the defaults

    setWindowTitle(tr("Florence Studio"));
    resize(1400, 900);
    QSettings settings;
    restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray());
    restoreState(settings.value(QLatin1String(kStateKey)).toByteArray());
    setTool(m_selectTool);
    updateActions();
    updateSaveState();
}

MainWindow::~MainWindow()
{
    // Tools and the scene reference each other; drop the tool before the scene goes. The document
    // (and its undo stack, which emits signals while it is cleared) outlives the widgets that listen
    // to it: silence it first.
    m_model->shutdown(); // cancel, quit, wait: the worker thread ends before the widgets go
    m_scene->setTool(nullptr);
    m_document->undoStack()->disconnect();
    m_document->disconnect();
}

void MainWindow::setPrompts(Prompts *prompts)
{
    m_prompts = prompts ? prompts : m_dialogPrompts.get();
    m_controller->setPrompts(m_prompts);
    m_model->setPrompts(m_prompts);
}

void MainWindow::createModelSession()
{
    // Default layout of the right column: the model panel on top, below it one tab group with the
    // captions, labels, batch and plots (a saved window state overrides this).
    auto *taskDock = new TaskDock(this);
    auto *batchDock = new BatchDock(this);
    auto *plotsDock = new PlotsDock(this);
    auto *trainingDock = new TrainingDock(this);
    addPanel(taskDock, Qt::RightDockWidgetArea);
    addPanel(batchDock, Qt::RightDockWidgetArea);
    addPanel(plotsDock, Qt::RightDockWidgetArea);
    addPanel(trainingDock, Qt::RightDockWidgetArea);
    splitDockWidget(taskDock, m_textDock, Qt::Vertical);
    tabifyDockWidget(m_textDock, m_labelsDock);
    tabifyDockWidget(m_labelsDock, batchDock);
    tabifyDockWidget(batchDock, plotsDock);
    tabifyDockWidget(plotsDock, trainingDock);
    m_textDock->raise();
    resizeDocks({taskDock}, {380}, Qt::Horizontal);
    // The model panel gets the larger share: its controls plus a few lines of raw output.
    resizeDocks({taskDock, m_textDock}, {620, 240}, Qt::Vertical);

    // Tab titles of tabified docks are shown whole (German "Beschriftungen" was cut to "La…"):
    // Qt creates the tab bars lazily, so this runs once the event loop has laid the window out.
    QTimer::singleShot(0, this, [this] {
        for (QTabBar *bar : findChildren<QTabBar *>(QString(), Qt::FindDirectChildrenOnly)) {
            bar->setElideMode(Qt::ElideNone);
            bar->setUsesScrollButtons(true);
        }
    });

    ModelSessionParts parts;
    parts.window = this;
    parts.document = m_document;
    parts.scene = m_scene;
    parts.modelMenu = m_modelMenu;
    parts.statusLabel = m_modelLabel;
    parts.statusBar = statusBar();
    parts.prompts = m_prompts;
    parts.autosaver = m_controller->autosaver();
    parts.imageList = m_imageList;
    parts.textDock = m_textDock;
    parts.taskDock = taskDock;
    parts.batchDock = batchDock;
    parts.plotsDock = plotsDock;
    parts.trainingDock = trainingDock;
    m_model = new ModelSession(parts);
    connect(this, &MainWindow::imageShown, m_model, &ModelSession::updateRegionCount);
}

void MainWindow::createTools()
{
    m_selectTool = new SelectTool(m_scene, this);
}

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);
    m_imageList = new ImageListDock(m_document, this);
    addDockWidget(Qt::LeftDockWidgetArea, m_imageList);
    m_labelsDock = new LabelsDock(m_document, this);
    addDockWidget(Qt::RightDockWidgetArea, m_labelsDock);
    m_textDock = new TextDock(m_document, this);
    addDockWidget(Qt::RightDockWidgetArea, m_textDock);
    resizeDocks({m_imageList, m_labelsDock}, {280, 280}, Qt::Horizontal);
}

void MainWindow::addPanel(QDockWidget *panel, Qt::DockWidgetArea area)
{
    addDockWidget(area, panel);
    m_panelsMenu->addAction(panel->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_pixelLabel = new QLabel(this);
    m_pixelLabel->setMinimumWidth(120);
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setMinimumWidth(60);
    m_positionLabel = new QLabel(this);
    m_saveLabel = new QLabel(this);
    m_modelLabel = new QLabel(this); // ModelSession writes the model line
    m_modelLabel->setObjectName(QStringLiteral("modelLabel"));
    for (QLabel *label : {m_pixelLabel, m_zoomLabel, m_positionLabel, m_saveLabel, m_modelLabel})
        statusBar()->addPermanentWidget(label);
    new StatusMessageFitter(statusBar()); // long messages elided, not cut
}

void MainWindow::setTool(AbstractTool *tool)
{
    m_scene->setTool(tool);
    for (auto it = m_toolForAction.constBegin(); it != m_toolForAction.constEnd(); ++it)
        it.key()->setChecked(it.value() == tool);
}

bool MainWindow::openPaths(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        if (QFileInfo(path).isDir())
            return openFolder(path, action(QStringLiteral("actionRecursive"))->isChecked());
        files << path;
    }
    return !files.isEmpty() && openFiles(files);
}

bool MainWindow::openFolder(const QString &folder, bool recursive)
{
    return m_controller->openFolder(folder, recursive);
}

bool MainWindow::openFiles(const QStringList &files)
{
    if (!m_controller->openFiles(files))
        return false;
    showImage(m_document->indexOfPath(files.first()));
    return true;
}

void MainWindow::projectOpened()
{
    m_current = -1;
    m_loader->clear();
    m_pasteCount = 0;
    m_textDock->setImage(-1);
    refreshDefaultLabels();
    updateTitle();
    updateSaveState();
    if (m_document->imageCount() > 0)
        showImage(0);
    else
        m_scene->setImageIndex(-1);
    statusBar()->showMessage(tr("Opened %n image(s) from %1", nullptr, m_document->imageCount())
                                 .arg(QDir::toNativeSeparators(m_document->rootDir())),
                             6000);
}

void MainWindow::showImage(int index)
{
    if (index < 0 || index >= m_document->imageCount() || index == m_current)
        return;
    m_current = index;
    m_pasteCount = 0;
    m_errorOverlay->hide();
    m_scene->setImageIndex(index);
    m_view->fitToWindow();
    m_imageList->setCurrentRow(index);
    m_textDock->setImage(index);
    updateTitle();
    updateActions();
    const QString path = m_document->absolutePath(index);
    m_loader->request(path); // may deliver at once from the cache
    if (index + 1 < m_document->imageCount())
        m_loader->prefetch(m_document->absolutePath(index + 1));
}

QString MainWindow::currentImagePath() const
{
    return m_current >= 0 ? m_document->absolutePath(m_current) : QString();
}

QSize MainWindow::currentImageSize() const
{
    if (m_current < 0)
        return QSize();
    const ImageRecord &record = m_document->image(m_current);
    return record.width > 0 ? QSize(record.width, record.height) : QSize();
}

void MainWindow::imageLoaded(const QString &path, std::shared_ptr<const ImagePyramid> pyramid)
{
    if (m_current < 0 || path != currentImagePath())
        return;
    m_document->setImageSize(m_current, pyramid->size().width(), pyramid->size().height());
    m_imageList->model()->setThumbnail(path, pyramid->levels.back().scaled(ThumbnailLoader::kSide,
                                                                          ThumbnailLoader::kSide, Qt::KeepAspectRatio,
                                                                          Qt::SmoothTransformation),
                                       pyramid->size());
    m_scene->setPyramid(std::move(pyramid));
    if (m_view->isFitting())
        m_view->fitToWindow();
    Q_EMIT imageShown(m_current, true);
}

void MainWindow::imageFailed(const QString &path, ErrorKind kind, const QString &message)
{
    if (m_current < 0 || path != currentImagePath())
        return;
    m_imageList->model()->setError(path, ErrorContext::Image, kind, message);
    // The translated sentence large, core's English detail (for a bug report) small below it.
    m_errorOverlay->setText(QStringLiteral("<p style=\"font-size: 16px; font-weight: bold\">%1</p><p>%2</p>")
                                .arg(ErrorText::summary(ErrorContext::Image, kind).toHtmlEscaped(), message.toHtmlEscaped()));
    m_errorOverlay->setGeometry(m_view->viewport()->rect().adjusted(40, 40, -40, -40));
    m_errorOverlay->show();
    statusBar()->showMessage(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), message), 10000);
    Q_EMIT imageShown(m_current, false);
}

void MainWindow::nextImage()
{
    if (m_current + 1 < m_document->imageCount())
        showImage(m_current + 1);
}

void MainWindow::previousImage()
{
    if (m_current > 0)
        showImage(m_current - 1);
}

void MainWindow::reportError(const QString &message)
{
    statusBar()->showMessage(tr("An operation failed and was abandoned: %1").arg(message), 15000);
}

QRectF MainWindow::selectedRegion() const
{
    QRectF region;
    if (m_current < 0)
        return region;
    for (ShapeId id : m_scene->selectedIds())
        if (const Shape *shape = m_document->shape(m_current, id))
            region |= toQt(shape->boundingBox());
    return region;
}

void MainWindow::copySelection()
{
    const QVector<ShapeId> ids = m_scene->selectedIds();
    if (m_current < 0 || ids.isEmpty())
        return;
    std::vector<Shape> shapes;
    for (ShapeId id : ids)
        shapes.push_back(*m_document->shape(m_current, id));
    try {
        QGuiApplication::clipboard()->setMimeData(shapesToMimeData(shapes, currentImagePath()));
    } catch (const std::exception &e) {
        statusBar()->showMessage(tr("Cannot copy: %1").arg(QString::fromUtf8(e.what())), 8000);
        return;
    }
    m_pasteCount = 0;
    statusBar()->showMessage(tr("Copied %n shape(s)", nullptr, int(shapes.size())), 4000);
}

int MainWindow::paste()
{
    if (m_current < 0)
        return 0;
    QString source;
    std::vector<Shape> shapes = shapesFromMimeData(QGuiApplication::clipboard()->mimeData(), &source);
    if (shapes.empty())
        return 0;
    // Onto the image they came from: offset each paste so the copies do not hide each other.
    const double offset = source == currentImagePath() ? kPasteOffset * ++m_pasteCount : 0.0;
    const QRectF bounds = m_scene->imageRect();
    for (Shape &shape : shapes) {
        const QRectF box = toQt(shape.boundingBox());
        shape = translated(shape, clampedDelta(box, QPointF(offset, offset), bounds));
    }
    const QVector<ShapeId> ids = m_document->addAnnotations(m_current, std::move(shapes));
    m_scene->selectIds(ids);
    return int(ids.size());
}

bool MainWindow::setSelectionLabel(const QString &label)
{
    const QVector<ShapeId> ids = m_scene->selectedIds();
    if (m_current < 0 || ids.isEmpty())
        return false;
    m_document->undoStack()->push(new SetShapeLabel(m_document, m_current, ids, label));
    return true;
}

bool MainWindow::setSelectionText(const QString &text)
{
    const QVector<ShapeId> ids = m_scene->selectedIds();
    if (m_current < 0 || ids.isEmpty())
        return false;
    m_document->undoStack()->push(new SetShapeText(m_document, m_current, ids, text));
    return true;
}

void MainWindow::toggleReviewed()
{
    if (m_current < 0)
        return;
    const ImageRecord &record = m_document->image(m_current);
    ImageStatus next = ImageStatus::Reviewed;
    if (record.status == ImageStatus::Reviewed)
        next = record.shapes.empty() && record.captions.empty() ? ImageStatus::None : ImageStatus::Edited;
    m_document->undoStack()->push(new SetImageStatus(m_document, m_current, next));
}

void MainWindow::changeLabelDialog()
{
    const QVector<ShapeId> ids = m_scene->selectedIds();
    if (m_current < 0 || ids.isEmpty()) {
        statusBar()->showMessage(tr("Select shapes first."), 4000);
        return;
    }
    LabelDialog dialog(m_document->labels(), this);
    dialog.setPrompt(tr("Label for %n selected shape(s):", nullptr, int(ids.size())));
    dialog.setLabel(toQt(m_document->shape(m_current, ids.first())->label));
    if (dialog.exec() == QDialog::Accepted)
        setSelectionLabel(dialog.label());
}

void MainWindow::editTextDialog()
{
    const QVector<ShapeId> ids = m_scene->selectedIds();
    if (m_current < 0 || ids.isEmpty()) {
        statusBar()->showMessage(tr("Select shapes first."), 4000);
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Edit Text"),
                                                        tr("Text of %n selected shape(s):", nullptr, int(ids.size())),
                                                        toQt(m_document->shape(m_current, ids.first())->text), &ok);
    if (ok)
        setSelectionText(text);
}

void MainWindow::refreshDefaultLabels()
{
    const QString current = m_defaultLabel->currentText();
    const QSignalBlocker blocker(m_defaultLabel);
    m_defaultLabel->clear();
    m_defaultLabel->addItems(m_document->labels());
    m_defaultLabel->setCurrentText(current);
}

void MainWindow::updateActions()
{
    const bool hasImage = m_current >= 0;
    const bool hasSelection = hasImage && !m_scene->selectedIds().isEmpty();
    for (const char *name : {"actionCopy", "actionChangeLabel", "actionEditText", "actionCombinePolygons"})
        action(QString::fromLatin1(name))->setEnabled(hasSelection);
    for (const char *name : {"actionPaste", "actionSelectAll", "actionMarkReviewed", "actionZoomIn", "actionZoomOut",
                             "actionFit", "actionActualSize"})
        action(QString::fromLatin1(name))->setEnabled(hasImage);
    action(QStringLiteral("actionNextImage"))->setEnabled(m_current + 1 < m_document->imageCount());
    action(QStringLiteral("actionPreviousImage"))->setEnabled(m_current > 0);
    action(QStringLiteral("actionMarkReviewed"))->setChecked(hasImage && m_document->image(m_current).status == ImageStatus::Reviewed);
}

void MainWindow::updateTitle()
{
    if (m_current < 0) {
        setWindowTitle(tr("Florence Studio"));
        m_positionLabel->clear();
        return;
    }
    const ImageRecord &record = m_document->image(m_current);
    setWindowTitle(tr("%1 — Florence Studio").arg(QFileInfo(currentImagePath()).fileName()));
    QString position = tr("Image %1 of %2").arg(m_current + 1).arg(m_document->imageCount());
    if (record.width > 0)
        position += QStringLiteral(" · ") + tr("%1 × %2 pixels").arg(record.width).arg(record.height);
    position += QStringLiteral(" · ") + ImageListModel::statusText(int(record.status));
    m_positionLabel->setText(position);
    updateActions();
}

void MainWindow::updateSaveState()
{
    const Autosaver *saver = m_controller->autosaver();
    if (m_document->imageCount() == 0)
        m_saveLabel->clear();
    else if (saver->path().isEmpty())
        m_saveLabel->setText(saver->hasUnsavedChanges() ? tr("Not saved (no project file)") : QString());
    else if (!m_lastSaveError.isEmpty() && saver->hasUnsavedChanges())
        m_saveLabel->setText(tr("Not saved"));
    else
        m_saveLabel->setText(saver->hasUnsavedChanges() ? tr("Unsaved changes") : tr("All changes saved"));
    m_saveLabel->setToolTip(m_lastSaveError.isEmpty() ? QDir::toNativeSeparators(saver->path()) : m_lastSaveError);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_controller->save()) {
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"),
            tr("Your changes could not be saved (%1). Quit anyway and lose them?").arg(m_lastSaveError),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
    // The work is saved: the window goes at once, then a run in flight is cancelled (the model checks
    // between vision blocks, encoder layers and decoding steps) and the worker thread ends.
    hide();
    m_model->shutdown();
    event->accept();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), {}, ShortcutSettings::of(this), this);
    dialog.exec();
}

void MainWindow::showModelHelp()
{
    QMessageBox::information(
        this, tr("Getting a model"),
        tr("Florence Studio needs a Florence-2 model folder in the Hugging Face layout "
           "(config.json, preprocessor_config.json, tokenizer files and model.safetensors or "
           "pytorch_model.bin), e.g. microsoft/Florence-2-base.\n\n"
           "Model ▸ Download Model… fetches one into the Hugging Face cache (shared with Python tools); "
           "on the command line:\n    florence-cli download base\n\n"
           "Model ▸ Choose Model… lists the models found on this computer; Model ▸ Choose Model Folder… "
           "opens any folder; or start the app with --model DIR or FLORENCE_MODEL_DIR=DIR."));
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(QLatin1String(kLanguageSettingKey), code);
    statusBar()->showMessage(tr("The language changes when Florence Studio is started again."), 8000);
}

} // namespace florence::ui
