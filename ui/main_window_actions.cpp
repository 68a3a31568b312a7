// The main window's actions, menus and tool bar (MainWindow::createActions, createMenus,
// createToolBar): every QAction is made here, named, given its shortcut and icon, and connected to
// what it does; the menus and the tool bar list them by name.
#include "main_window.h"

#include "annotate/formats/registry.h"
#include "canvas/canvas_scene.h"
#include "convert.h"
#include "canvas/canvas_view.h"
#include "canvas/tools/box_tool.h"
#include "canvas/tools/polygon_tool.h"
#include "canvas/tools/select_tool.h"
#include "document/commands/shape_commands.h"
#include "panels/image_list_dock.h"
#include "panels/labels_dock.h"
#include "panels/text_dock.h"
#include "project/file_dialogs.h"
#include "project/project_controller.h"
#include "resources.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace florence::ui {

namespace {

const char *kRecursiveKey = "open/recursive";

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
            &QAction::triggered, m_fileDialogs, &FileDialogs::chooseImages);
    connect(makeAction(QStringLiteral("actionOpenFolder"), tr("Open &Folder…"), QStringLiteral("open-folder"),
                       {QKeySequence(tr("Ctrl+Shift+O"))}),
            &QAction::triggered, m_fileDialogs, &FileDialogs::chooseFolder);
    QAction *recursive = makeAction(QStringLiteral("actionRecursive"), tr("Include Su&bfolders"), QString());
    recursive->setCheckable(true);
    recursive->setChecked(QSettings().value(QLatin1String(kRecursiveKey), false).toBool());
    connect(recursive, &QAction::toggled, this, [](bool on) { QSettings().setValue(QLatin1String(kRecursiveKey), on); });
    connect(makeAction(QStringLiteral("actionOpenProject"), tr("Open &Project…"), QString()), &QAction::triggered,
            m_fileDialogs, &FileDialogs::chooseProject);
    connect(makeAction(QStringLiteral("actionSave"), tr("&Save Project"), QStringLiteral("save"), {QKeySequence::Save}),
            &QAction::triggered, this, [this] {
                if (m_controller->save())
                    statusBar()->showMessage(tr("Project saved"), 4000);
            });
    connect(makeAction(QStringLiteral("actionSaveAs"), tr("Save Project &As…"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+S"))}),
            &QAction::triggered, m_fileDialogs, &FileDialogs::saveProjectAs);
    connect(makeAction(QStringLiteral("actionImportCoco"), tr("&COCO Instances and Captions…"), QStringLiteral("import")),
            &QAction::triggered, m_fileDialogs, &FileDialogs::importCoco);
    connect(makeAction(QStringLiteral("actionImportLabelmeFiles"), tr("&labelme Files…"), QString()),
            &QAction::triggered, m_fileDialogs, &FileDialogs::importLabelmeFiles);
    connect(makeAction(QStringLiteral("actionImportLabelmeFolder"), tr("labelme &Folder…"), QString()),
            &QAction::triggered, m_fileDialogs, &FileDialogs::importLabelmeFolder);
    connect(makeAction(QStringLiteral("actionExportCoco"), tr("&COCO Instances and Captions…"), QStringLiteral("export"),
                       {QKeySequence(tr("Ctrl+E"))}),
            &QAction::triggered, m_fileDialogs, &FileDialogs::exportCoco);
    connect(makeAction(QStringLiteral("actionExportLabelme"), tr("&labelme Next to Images"), QString()),
            &QAction::triggered, this, [this] { m_controller->exportLabelme(QString()); });
    connect(makeAction(QStringLiteral("actionExportLabelmeFolder"), tr("labelme into &Folder…"), QString()),
            &QAction::triggered, m_fileDialogs, &FileDialogs::exportLabelmeIntoFolder);
    action(QStringLiteral("actionImportCoco"))->setData(QStringLiteral("coco"));
    action(QStringLiteral("actionExportCoco"))->setData(QStringLiteral("coco"));
    for (const char *labelme : {"actionImportLabelmeFiles", "actionImportLabelmeFolder", "actionExportLabelme",
                                "actionExportLabelmeFolder"})
        action(QString::fromLatin1(labelme))->setData(QStringLiteral("labelme"));
    for (const formats::FormatInfo &format : formats::formats()) {
        const QString name = toQt(format.name);
        if (name == QLatin1String("coco") || name == QLatin1String("labelme"))
            continue;
        // Format names come from core; translators may add them under this context.
        const QString shown = QCoreApplication::translate("florence::formats", format.displayName.c_str());
        if (format.read) {
            QAction *in = makeAction(QStringLiteral("actionImport_") + name, tr("%1…").arg(shown), QString());
            in->setData(name);
            connect(in, &QAction::triggered, m_fileDialogs, [this, name] { m_fileDialogs->importDataset(name); });
        }
        QAction *out = makeAction(QStringLiteral("actionExport_") + name, tr("%1…").arg(shown), QString());
        out->setData(name);
        connect(out, &QAction::triggered, m_fileDialogs, [this, name] { m_fileDialogs->exportDataset(name); });
    }
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
    connect(makeAction(QStringLiteral("actionMarkReviewed"), tr("Mark as Re&viewed"), QStringLiteral("reviewed"),
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
    import->setObjectName(QStringLiteral("menuImport"));
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->setObjectName(QStringLiteral("menuExport"));
    // One entry per format of core's registry, in its order (adding a format there adds it here).
    // COCO and labelme keep their own actions (a file pair; files next to the images).
    for (const formats::FormatInfo &format : formats::formats()) {
        const QString name = toQt(format.name);
        if (name == QLatin1String("coco")) {
            import->addAction(action(QStringLiteral("actionImportCoco")));
            exportMenu->addAction(action(QStringLiteral("actionExportCoco")));
        } else if (name == QLatin1String("labelme")) {
            import->addAction(action(QStringLiteral("actionImportLabelmeFiles")));
            import->addAction(action(QStringLiteral("actionImportLabelmeFolder")));
            exportMenu->addAction(action(QStringLiteral("actionExportLabelme")));
            exportMenu->addAction(action(QStringLiteral("actionExportLabelmeFolder")));
            import->addSeparator();
            exportMenu->addSeparator();
        } else {
            if (format.read)
                import->addAction(action(QStringLiteral("actionImport_") + name));
            exportMenu->addAction(action(QStringLiteral("actionExport_") + name));
        }
    }
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
    QMenu *language = view->addMenu(tr("Lan&guage"));
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
    m_defaultLabel->setToolTip(tr("Label given to new shapes"));
    const QString placeholder = tr("label for new shapes");
    m_defaultLabel->lineEdit()->setPlaceholderText(placeholder);
    // Wide enough for the placeholder in every language (the contents length counts 'x' widths).
    const QFontMetrics metrics = m_defaultLabel->fontMetrics();
    m_defaultLabel->setMinimumContentsLength(
        std::max(16, metrics.horizontalAdvance(placeholder) / std::max(1, metrics.horizontalAdvance(QLatin1Char('x'))) + 2));
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

} // namespace florence::ui
