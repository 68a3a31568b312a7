#include "main_window.h"

#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/geometry.h"
#include "canvas/image_loader.h"
#include "canvas/items/image_item.h"
#include "canvas/tools/box_tool.h"
#include "canvas/tools/polygon_tool.h"
#include "canvas/tools/select_tool.h"
#include "convert.h"
#include "dialogs/label_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "document/commands/image_commands.h"
#include "document/commands/shape_commands.h"
#include "document/shape_clipboard.h"
#include "inference/model_session.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/labels_dock.h"
#include "panels/text_dock.h"
#include "panels/thumbnail_loader.h"
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
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

const char *kRecursiveKey = "open/recursive";
const char *kGeometryKey = "window/geometry";
const char *kStateKey = "window/state";

constexpr double kPasteOffset = 10.0; ///< image pixels between a pasted copy and its source

/// Adds the named actions to a menu or tool bar; nullptr adds a separator.
template <typename Target>
void addNamedActions(Target *target, const MainWindow *window, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (name)
            target->addAction(window->action(QString::fromLatin1(name)));
        else
            target->addSeparator();
    }
}

} // namespace

/// Prompts answered with message boxes and file dialogs.
class MainWindow::DialogPrompts : public Prompts
{
public:
    explicit DialogPrompts(QWidget *parent)
        : m_parent(parent)
    {
    }

    void warning(const QString &title, const QString &text) override { QMessageBox::warning(m_parent, title, text); }

    QString chooseProjectLocation(const QString &failedPath, const QString &reason) override
    {
        QMessageBox box(QMessageBox::Warning, MainWindow::tr("Project not saved"), reason, QMessageBox::NoButton,
                        m_parent);
        QPushButton *choose = box.addButton(MainWindow::tr("Choose Location…"), QMessageBox::AcceptRole);
        box.addButton(MainWindow::tr("Keep in Memory"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != choose)
            return QString();
        const QString suggestion = failedPath.isEmpty()
            ? QDir::home().filePath(QString::fromLatin1(kProjectFileName))
            : QDir::home().filePath(QFileInfo(failedPath).fileName());
        return QFileDialog::getSaveFileName(m_parent, MainWindow::tr("Save Project As"), suggestion,
                                            MainWindow::tr("Florence Studio projects (*.json)"));
    }

    ImportMode askImportMode(int images) override
    {
        QMessageBox box(QMessageBox::Question, MainWindow::tr("Import"),
                        MainWindow::tr("%n image(s) already have annotations. Add the imported annotations to "
                                       "them, or replace theirs?",
                                       nullptr, images),
                        QMessageBox::NoButton, m_parent);
        QPushButton *add = box.addButton(MainWindow::tr("Add"), QMessageBox::AcceptRole);
        QPushButton *replace = box.addButton(MainWindow::tr("Replace"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(add);
        box.exec();
        if (box.clickedButton() == add)
            return ImportMode::Add;
        if (box.clickedButton() == replace)
            return ImportMode::Replace;
        return ImportMode::Cancel;
    }

private:
    QWidget *m_parent;
};

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
    m_scene = new CanvasScene(m_document, this);
    m_view = new CanvasView(m_scene, this);
    m_loader = new ImageLoader(this);
    setCentralWidget(m_view);

    m_errorOverlay = new QLabel(m_view->viewport());
    m_errorOverlay->setAlignment(Qt::AlignCenter);
    m_errorOverlay->setWordWrap(true);
    m_errorOverlay->setStyleSheet(QStringLiteral("color: #ff8a80; font-size: 14px; background: transparent;"));
    m_errorOverlay->hide();

    createTools();
    createActions();
    createDocks();
    createMenus();
    createToolBar();
    createStatusBar();
    m_model = new ModelSession(this, m_modelLabel);

    connect(m_controller, &ProjectController::projectOpened, this, &MainWindow::projectOpened);
    connect(m_controller, &ProjectController::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 8000);
    });
    connect(m_controller->autosaver(), &Autosaver::saved, this, [this] {
        m_lastSaveError.clear();
        updateSaveState();
    });
    connect(m_controller->autosaver(), &Autosaver::saveFailed, this, [this](const QString &, const QString &message) {
        m_lastSaveError = message;
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
        m_zoomLabel->setText(tr("%1 %").arg(zoom * 100, 0, 'f', zoom < 0.1 ? 1 : 0));
    });
    connect(m_imageList, &ImageListDock::imageActivated, this, &MainWindow::showImage);
    connect(m_labelsDock, &LabelsDock::defaultLabelChosen, this, [this](const QString &label) {
        m_defaultLabel->setCurrentText(label);
    });
    connect(m_textDock, &TextDock::changeLabelRequested, this, &MainWindow::changeLabelDialog);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateActions);

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
}

void MainWindow::createTools()
{
    m_selectTool = new SelectTool(m_scene, this);
}

QAction *MainWindow::makeAction(const QString &name, const QString &text, const QString &icon,
                                const QList<QKeySequence> &shortcuts)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!icon.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    if (!shortcuts.isEmpty()) {
        action->setShortcuts(shortcuts);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                                        shortcuts.first().toString(QKeySequence::NativeText)));
    }
    addAction(action); // shortcuts work even when the menu bar is hidden
    m_actions.insert(name, action);
    return action;
}

void MainWindow::createActions()
{
    // File
    connect(makeAction(QStringLiteral("actionOpenImages"), tr("&Open Images…"), QStringLiteral("open-image"),
                       {QKeySequence::Open}),
            &QAction::triggered, this, &MainWindow::chooseImages);
    connect(makeAction(QStringLiteral("actionOpenFolder"), tr("Open &Folder…"), QStringLiteral("open-folder"),
                       {QKeySequence(tr("Ctrl+Shift+O"))}),
            &QAction::triggered, this, &MainWindow::chooseFolder);
    QAction *recursive = makeAction(QStringLiteral("actionRecursive"), tr("Include &Subfolders"), QString());
    recursive->setCheckable(true);
    recursive->setChecked(QSettings().value(QLatin1String(kRecursiveKey), false).toBool());
    connect(recursive, &QAction::toggled, this, [](bool on) { QSettings().setValue(QLatin1String(kRecursiveKey), on); });
    connect(makeAction(QStringLiteral("actionOpenProject"), tr("Open &Project…"), QString()), &QAction::triggered, this,
            &MainWindow::chooseProject);
    connect(makeAction(QStringLiteral("actionSave"), tr("&Save Project"), QStringLiteral("save"), {QKeySequence::Save}),
            &QAction::triggered, this, [this] {
                if (m_controller->save())
                    statusBar()->showMessage(tr("Project saved"), 4000);
            });
    connect(makeAction(QStringLiteral("actionSaveAs"), tr("Save Project &As…"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+S"))}),
            &QAction::triggered, this, &MainWindow::saveProjectAs);
    connect(makeAction(QStringLiteral("actionImportCoco"), tr("&COCO Instances and Captions…"), QStringLiteral("import")),
            &QAction::triggered, this, &MainWindow::importCocoDialog);
    connect(makeAction(QStringLiteral("actionImportLabelmeFiles"), tr("&labelme Files…"), QString()),
            &QAction::triggered, this, &MainWindow::importLabelmeFilesDialog);
    connect(makeAction(QStringLiteral("actionImportLabelmeFolder"), tr("labelme &Folder…"), QString()),
            &QAction::triggered, this, &MainWindow::importLabelmeFolderDialog);
    connect(makeAction(QStringLiteral("actionExportCoco"), tr("&COCO Instances and Captions…"), QStringLiteral("export"),
                       {QKeySequence(tr("Ctrl+E"))}),
            &QAction::triggered, this, &MainWindow::exportCocoDialog);
    connect(makeAction(QStringLiteral("actionExportLabelme"), tr("&labelme Next to Images"), QString()),
            &QAction::triggered, this, [this] { m_controller->exportLabelme(QString()); });
    connect(makeAction(QStringLiteral("actionExportLabelmeFolder"), tr("labelme into &Folder…"), QString()),
            &QAction::triggered, this, &MainWindow::exportLabelmeIntoFolderDialog);
    connect(makeAction(QStringLiteral("actionQuit"), tr("&Quit"), QString(), {QKeySequence(tr("Ctrl+Q"))}), &QAction::triggered,
            this, &QWidget::close);

    // Edit
    // Undo/redo follow the change to its image (a change made on another image is shown); a first
    // push (an import into many images, a model batch) does not move the view.
    QUndoStack *stack = m_document->undoStack();
    QAction *undo = makeAction(QStringLiteral("actionUndo"), tr("&Undo"), QStringLiteral("undo"),
                               {QKeySequence(tr("Ctrl+Z"))});
    QAction *redo = makeAction(QStringLiteral("actionRedo"), tr("&Redo"), QStringLiteral("redo"),
                               {QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    connect(undo, &QAction::triggered, this, [this, stack] {
        m_followTouchedImage = true;
        stack->undo();
        m_followTouchedImage = false;
    });
    connect(redo, &QAction::triggered, this, [this, stack] {
        m_followTouchedImage = true;
        stack->redo();
        m_followTouchedImage = false;
    });
    auto updateUndoRedo = [this, stack, undo, redo] {
        undo->setEnabled(stack->canUndo());
        redo->setEnabled(stack->canRedo());
        undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
        redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    };
    connect(stack, &QUndoStack::indexChanged, this, updateUndoRedo);
    connect(stack, &QUndoStack::cleanChanged, this, updateUndoRedo);
    updateUndoRedo();
    connect(makeAction(QStringLiteral("actionCopy"), tr("&Copy"), QStringLiteral("copy"), {QKeySequence::Copy}),
            &QAction::triggered, this, &MainWindow::copySelection);
    connect(makeAction(QStringLiteral("actionPaste"), tr("&Paste"), QStringLiteral("paste"), {QKeySequence::Paste}),
            &QAction::triggered, this, &MainWindow::paste);
    connect(makeAction(QStringLiteral("actionDelete"), tr("&Delete"), QStringLiteral("delete"),
                       {QKeySequence::Delete}),
            &QAction::triggered, this, [this] {
                QString why;
                if (!m_scene->deleteSelection(&why))
                    statusBar()->showMessage(why, 5000);
            });
    connect(makeAction(QStringLiteral("actionSelectAll"), tr("Select &All"), QString(), {QKeySequence::SelectAll}),
            &QAction::triggered, this, [this] {
                if (m_current >= 0) {
                    QVector<ShapeId> ids(m_document->shapeIds(m_current).begin(), m_document->shapeIds(m_current).end());
                    m_scene->selectIds(ids);
                }
            });
    connect(makeAction(QStringLiteral("actionChangeLabel"), tr("Change &Label…"), QStringLiteral("label"),
                       {QKeySequence(tr("L"))}),
            &QAction::triggered, this, &MainWindow::changeLabelDialog);
    connect(makeAction(QStringLiteral("actionEditText"), tr("Edit &Text…"), QStringLiteral("text"),
                       {QKeySequence(tr("T"))}),
            &QAction::triggered, this, &MainWindow::editTextDialog);
    connect(makeAction(QStringLiteral("actionCombinePolygons"), tr("Com&bine Polygons"), QString(),
                       {QKeySequence(tr("Ctrl+G"))}),
            &QAction::triggered, this, [this] {
                if (!combinePolygons(m_document, m_current, m_scene->selectedIds()))
                    statusBar()->showMessage(tr("Select two or more polygons to combine them into one instance."), 5000);
            });
    connect(makeAction(QStringLiteral("actionMarkReviewed"), tr("Mark as &Reviewed"), QStringLiteral("reviewed"),
                       {QKeySequence(tr("Ctrl+R"))}),
            &QAction::triggered, this, &MainWindow::toggleReviewed);
    m_actions.value(QStringLiteral("actionMarkReviewed"))->setCheckable(true);
    connect(makeAction(QStringLiteral("actionShowAllLabels"), tr("Show All &Labels"), QStringLiteral("visible"),
                       {QKeySequence(tr("Ctrl+Shift+H"))}),
            &QAction::triggered, this, [this] {
                QStringList labels = m_document->labels();
                labels << QString(); // shapes without a label
                for (const QString &label : labels)
                    m_document->setLabelVisible(label, true);
            });

    // View
    connect(makeAction(QStringLiteral("actionZoomIn"), tr("Zoom &In"), QStringLiteral("zoom-in"),
                       {QKeySequence::ZoomIn, QKeySequence(tr("+"))}),
            &QAction::triggered, m_view, &CanvasView::zoomIn);
    connect(makeAction(QStringLiteral("actionZoomOut"), tr("Zoom &Out"), QStringLiteral("zoom-out"),
                       {QKeySequence::ZoomOut, QKeySequence(tr("-"))}),
            &QAction::triggered, m_view, &CanvasView::zoomOut);
    connect(makeAction(QStringLiteral("actionFit"), tr("&Fit to Window"), QStringLiteral("zoom-fit"),
                       {QKeySequence(tr("Ctrl+0")), QKeySequence(tr("F"))}),
            &QAction::triggered, m_view, &CanvasView::fitToWindow);
    connect(makeAction(QStringLiteral("actionActualSize"), tr("&Actual Size (100 %)"), QStringLiteral("zoom-100"),
                       {QKeySequence(tr("Ctrl+1"))}),
            &QAction::triggered, m_view, &CanvasView::actualSize);

    // Go
    connect(makeAction(QStringLiteral("actionNextImage"), tr("&Next Image"), QStringLiteral("next"),
                       {QKeySequence(tr("D")), QKeySequence(Qt::Key_PageDown)}),
            &QAction::triggered, this, &MainWindow::nextImage);
    connect(makeAction(QStringLiteral("actionPreviousImage"), tr("&Previous Image"), QStringLiteral("previous"),
                       {QKeySequence(tr("A")), QKeySequence(Qt::Key_PageUp)}),
            &QAction::triggered, this, &MainWindow::previousImage);
    connect(makeAction(QStringLiteral("actionFirstImage"), tr("&First Image"), QString(), {QKeySequence(tr("Ctrl+Home"))}),
            &QAction::triggered, this, [this] { showImage(0); });
    connect(makeAction(QStringLiteral("actionLastImage"), tr("&Last Image"), QString(), {QKeySequence(tr("Ctrl+End"))}),
            &QAction::triggered, this, [this] { showImage(m_document->imageCount() - 1); });

    // Tools: one action per tool, exclusive.
    m_toolGroup = new QActionGroup(this);
    const struct
    {
        const char *name;
        QString text;
        const char *icon;
        QString key;
        AbstractTool *tool;
    } tools[] = {
        {"actionToolSelect", tr("&Select and Edit"), "tool-select", tr("V"), m_selectTool},
        {"actionToolBox", tr("&Box"), "tool-box", tr("B"), new BoxTool(m_scene, this)},
        {"actionToolPolygon", tr("&Polygon"), "tool-polygon", tr("P"), new PolygonTool(m_scene, this)},
        {"actionToolQuad", tr("&Quad (Text Line)"), "tool-quad", tr("Q"), new QuadTool(m_scene, this)},
    };
    for (const auto &t : tools) {
        QAction *action = makeAction(QString::fromLatin1(t.name), t.text, QString::fromLatin1(t.icon), {QKeySequence(t.key)});
        action->setCheckable(true);
        m_toolGroup->addAction(action);
        m_toolForAction.insert(action, t.tool);
        AbstractTool *tool = t.tool;
        connect(action, &QAction::triggered, this, [this, tool] { setTool(tool); });
    }

    // Help
    connect(makeAction(QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"), QStringLiteral("keyboard"),
                       {QKeySequence::HelpContents}),
            &QAction::triggered, this, &MainWindow::showShortcuts);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("actionOpenImages")));
    file->addAction(action(QStringLiteral("actionOpenFolder")));
    file->addAction(action(QStringLiteral("actionRecursive")));
    file->addAction(action(QStringLiteral("actionOpenProject")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionSave")));
    file->addAction(action(QStringLiteral("actionSaveAs")));
    file->addSeparator();
    QMenu *import = file->addMenu(tr("&Import"));
    import->addAction(action(QStringLiteral("actionImportCoco")));
    import->addAction(action(QStringLiteral("actionImportLabelmeFiles")));
    import->addAction(action(QStringLiteral("actionImportLabelmeFolder")));
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(action(QStringLiteral("actionExportCoco")));
    exportMenu->addAction(action(QStringLiteral("actionExportLabelme")));
    exportMenu->addAction(action(QStringLiteral("actionExportLabelmeFolder")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionQuit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    addNamedActions(edit, this,
                    {"actionUndo", "actionRedo", nullptr, "actionCopy", "actionPaste", "actionDelete", "actionSelectAll",
                     nullptr, "actionChangeLabel", "actionEditText", "actionCombinePolygons", nullptr,
                     "actionMarkReviewed"});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    addNamedActions(view, this, {"actionZoomIn", "actionZoomOut", "actionFit", "actionActualSize"});
    view->addSeparator();
    view->addAction(action(QStringLiteral("actionShowAllLabels")));
    m_panelsMenu = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : {static_cast<QDockWidget *>(m_imageList), static_cast<QDockWidget *>(m_labelsDock),
                              static_cast<QDockWidget *>(m_textDock)})
        m_panelsMenu->addAction(dock->toggleViewAction());
    QMenu *language = view->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    const QString current = QSettings().value(QLatin1String(kLanguageSettingKey)).toString();
    const std::pair<QString, QString> choices[] = {
        {QString(), tr("System Default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文（简体）")},
    };
    for (const auto &[code, name] : choices) {
        QAction *a = language->addAction(name);
        a->setObjectName(QStringLiteral("actionLanguage_") + (code.isEmpty() ? QStringLiteral("system") : code));
        a->setCheckable(true);
        a->setChecked(code == current);
        languages->addAction(a);
        const QString c = code;
        connect(a, &QAction::triggered, this, [this, c] { setLanguage(c); });
        m_actions.insert(a->objectName(), a);
    }

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    addNamedActions(go, this, {"actionPreviousImage", "actionNextImage", "actionFirstImage", "actionLastImage"});

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addActions(m_toolGroup->actions());

    m_modelMenu = menuBar()->addMenu(tr("&Model"));
    m_modelMenu->addAction(tr("Getting a model…"), this, &MainWindow::showModelHelp);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("actionShortcuts")));
    help->addAction(tr("Getting a model…"), this, &MainWindow::showModelHelp);
    help->addSeparator();
    help->addAction(tr("&About Florence Studio"), this, [this] {
        QMessageBox::about(this, tr("About Florence Studio"),
                           tr("<b>Florence Studio</b> %1<br>Runs Microsoft's Florence-2 vision-language model locally "
                              "and turns its answers into editable annotations.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setIconSize(QSize(22, 22));
    addNamedActions(bar, this, {"actionOpenFolder", "actionSave", nullptr, "actionUndo", "actionRedo", nullptr});
    bar->addActions(m_toolGroup->actions());
    bar->addSeparator();
    auto *labelTitle = new QLabel(tr(" Label: "), bar);
    bar->addWidget(labelTitle);
    m_defaultLabel = new QComboBox(bar);
    m_defaultLabel->setEditable(true);
    m_defaultLabel->setInsertPolicy(QComboBox::NoInsert);
    m_defaultLabel->setMinimumContentsLength(16);
    m_defaultLabel->setToolTip(tr("Label given to new shapes"));
    m_defaultLabel->lineEdit()->setPlaceholderText(tr("label for new shapes"));
    m_defaultLabel->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_defaultLabel->setObjectName(QStringLiteral("defaultLabel"));
    connect(m_defaultLabel, &QComboBox::currentTextChanged, this,
            [this](const QString &text) { m_scene->setDefaultLabel(text.trimmed()); });
    bar->addWidget(m_defaultLabel);
    bar->addSeparator();
    addNamedActions(bar, this,
                    {"actionZoomIn", "actionZoomOut", "actionFit", "actionActualSize", nullptr, "actionPreviousImage",
                     "actionNextImage", "actionMarkReviewed"});
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

void MainWindow::imageFailed(const QString &path, const QString &message)
{
    if (m_current < 0 || path != currentImagePath())
        return;
    m_imageList->model()->setError(path, message);
    m_errorOverlay->setText(tr("Cannot display this image:\n%1").arg(message));
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
    m_model->shutdown(); // a run in flight is cancelled; its answer is not waited for
    event->accept();
}

void MainWindow::chooseImages()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Images"), m_document->rootDir(),
        tr("Images (%1)").arg(imageNameFilters().join(QLatin1Char(' '))) + QStringLiteral(";;")
            + tr("All files (*)"));
    if (!files.isEmpty())
        openFiles(files);
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_document->rootDir());
    if (!folder.isEmpty())
        openFolder(folder, action(QStringLiteral("actionRecursive"))->isChecked());
}

void MainWindow::chooseProject()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), m_document->rootDir(),
                                                      tr("Florence Studio projects (*.json)"));
    if (!path.isEmpty())
        m_controller->openProjectFile(path);
}

void MainWindow::saveProjectAs()
{
    const QString start = m_controller->projectPath().isEmpty() ? defaultProjectPath(m_document->rootDir())
                                                                : m_controller->projectPath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), start,
                                                      tr("Florence Studio projects (*.json)"));
    if (!path.isEmpty())
        m_controller->saveAs(path);
}

void MainWindow::exportCocoDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export COCO"),
                                                      QDir(m_document->rootDir()).filePath(QStringLiteral("instances.json")),
                                                      tr("COCO JSON (*.json)"));
    if (!path.isEmpty())
        m_controller->exportCoco(path);
}

void MainWindow::exportLabelmeIntoFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export labelme into Folder"), m_document->rootDir());
    if (!folder.isEmpty())
        m_controller->exportLabelme(folder);
}

void MainWindow::importCocoDialog()
{
    const QString instances = QFileDialog::getOpenFileName(this, tr("Import COCO Instances"), m_document->rootDir(),
                                                           tr("COCO JSON (*.json)"));
    if (instances.isEmpty())
        return;
    const QString captions = ProjectController::captionsPathFor(instances);
    m_controller->importCoco(instances, QFileInfo::exists(captions) ? captions : QString());
}

void MainWindow::importLabelmeFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import labelme Files"), m_document->rootDir(),
                                                            tr("labelme JSON (*.json)"));
    if (!files.isEmpty())
        m_controller->importLabelme(files);
}

void MainWindow::importLabelmeFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import labelme Folder"), m_document->rootDir());
    if (folder.isEmpty())
        return;
    QStringList files;
    QDirIterator it(folder, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (QFileInfo(file).fileName() != QLatin1String(kProjectFileName))
            files << file;
    }
    if (files.isEmpty()) {
        QMessageBox::information(this, tr("Import"), tr("There are no JSON files in %1.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    m_controller->importLabelme(files);
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), {}, this);
    dialog.exec();
}

void MainWindow::showModelHelp()
{
    QMessageBox::information(
        this, tr("Getting a model"),
        tr("Florence Studio needs a Florence-2 model folder in the Hugging Face layout "
           "(config.json, preprocessor_config.json, tokenizer files and model.safetensors or "
           "pytorch_model.bin), e.g. microsoft/Florence-2-base.\n\n"
           "Download one with:\n    bash scripts/download-model.sh base models/Florence-2-base\n\n"
           "then choose that folder with Model ▸ Choose Model Folder…, or start the app with "
           "--model DIR or FLORENCE_MODEL_DIR=DIR."));
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(QLatin1String(kLanguageSettingKey), code);
    statusBar()->showMessage(tr("The language changes when Florence Studio is started again."), 8000);
}

} // namespace florence::ui
