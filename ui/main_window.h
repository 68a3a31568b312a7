#pragma once
// The application's main window: menus and tool bar, the canvas, and the docks around it (image
// list, labels, captions and text). Usable all day without a model.

#include "common/error.h"
#include "document/document.h"

#include <QHash>
#include <QMainWindow>
#include <QString>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QMenu;

namespace florence::ui {

class AbstractTool;
class CanvasScene;
class CanvasView;
class DialogPrompts;
class FileDialogs;
class ImageListDock;
class ImageLoader;
class ImagePyramid;
class LabelsDock;
class ModelSession;
class ProjectController;
class Prompts;
class ReviewController;
class ShapeListDock;
class TextDock;

/// Main window of Florence Studio. Starts without a model and without images.
///
/// Room for the model panel (issue 6): addPanel() docks a panel on the right next to the labels;
/// modelMenu() is the Model menu; a result lands in the document as one undoable step through
/// Document::addAnnotations() / Document::replaceShape(); selectedRegion() gives the region a
/// region task runs on (a drawn box or the bounding box of the selected shapes).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens command-line arguments: folders (recursively when "Include Subfolders" is on) or image
    /// files. Returns false when nothing could be opened.
    bool openPaths(const QStringList &paths);
    /// Opens every image in `folder` with its project (see ProjectController::openFolder).
    bool openFolder(const QString &folder, bool recursive);
    /// Opens image files (their folder's project).
    bool openFiles(const QStringList &files);

    /// Shows document image `index` on the canvas (pixels are decoded off the GUI thread; imageShown
    /// follows). Out-of-range indices are ignored.
    void showImage(int index);
    int currentImage() const { return m_current; }
    /// Absolute path of the image shown, empty when none.
    QString currentImagePath() const;
    /// Size in pixels of the image shown, invalid while unknown.
    QSize currentImageSize() const;

    /// The region (image pixels) a region task would use: the bounding box of the selected shapes,
    /// or an empty rect when nothing is selected.
    QRectF selectedRegion() const;
    /// Docks an extra panel (e.g. the model panel) and lists it in View ▸ Panels.
    void addPanel(QDockWidget *panel, Qt::DockWidgetArea area = Qt::RightDockWidgetArea);
    QMenu *modelMenu() const { return m_modelMenu; }

    /// Replaces how questions and warnings are put to the user (tests); the window keeps ownership
    /// of its default dialogs, not of `prompts`.
    void setPrompts(Prompts *prompts);
    /// Who answers questions and sees warnings now (the dialogs, or what setPrompts() installed).
    Prompts *prompts() const { return m_prompts; }

    Document *document() const { return m_document; }
    CanvasScene *scene() const { return m_scene; }
    CanvasView *view() const { return m_view; }
    ProjectController *controller() const { return m_controller; }
    ImageListDock *imageListDock() const { return m_imageList; }
    LabelsDock *labelsDock() const { return m_labelsDock; }
    TextDock *textDock() const { return m_textDock; }
    ShapeListDock *shapeListDock() const { return m_shapeList; }
    ReviewController *review() const { return m_review; }
    /// The context menu of the shape at `scenePos` (selected first): accept / reject when it is a
    /// suggestion, then label, text, copy, delete. nullptr when no shape is there. The caller owns it.
    QMenu *shapeContextMenu(const QPointF &scenePos);
    ImageLoader *imageLoader() const { return m_loader; }
    /// The model side: Model menu, task/batch/plots docks, inference worker.
    ModelSession *modelSession() const { return m_model; }
    /// The action with that objectName ("actionCopy", "actionToolBox", ...), nullptr if none.
    QAction *action(const QString &name) const { return m_actions.value(name); }
    QComboBox *defaultLabelBox() const { return m_defaultLabel; }

    // Edit operations behind the menu actions (public so that tests and the model panel can call them).
    void copySelection();
    /// Pastes shapes from the clipboard into the current image (offset when pasted onto the image
    /// they came from). Returns the number of shapes pasted.
    int paste();
    /// Sets the label of the selected shapes (one step).
    bool setSelectionLabel(const QString &label);
    /// Sets the text of the selected shapes (one step).
    bool setSelectionText(const QString &text);
    /// Toggles "reviewed" on the current image (one step).
    void toggleReviewed();
    void nextImage();
    void previousImage();
    /// Shows an unexpected error (an exception the application's event-loop guard caught).
    void reportError(const QString &message);

Q_SIGNALS:
    /// Image `index` is on screen: pixels shown, or the decode failed (`ok` false, message shown).
    void imageShown(int index, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createTools();
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void createModelSession();
    void createReview();
    void editPromptTable();
    QAction *makeAction(const QString &name, const QString &text, const QString &icon,
                        const QList<QKeySequence> &shortcuts = {});
    void updateActions();
    void updateTitle();
    void updateSaveState();
    void setTool(AbstractTool *tool);
    void projectOpened();
    void imageLoaded(const QString &path, std::shared_ptr<const ImagePyramid> pyramid);
    void imageFailed(const QString &path, florence::ErrorKind kind, const QString &message);
    void refreshDefaultLabels();

    void changeLabelDialog();
    void editTextDialog();
    void showShortcuts();
    void showModelHelp();
    void setLanguage(const QString &code);

    Document *m_document = nullptr;
    std::unique_ptr<DialogPrompts> m_dialogPrompts;
    Prompts *m_prompts = nullptr;
    ModelSession *m_model = nullptr;
    ProjectController *m_controller = nullptr;
    FileDialogs *m_fileDialogs = nullptr;
    CanvasScene *m_scene = nullptr;
    CanvasView *m_view = nullptr;
    ImageLoader *m_loader = nullptr;
    ImageListDock *m_imageList = nullptr;
    LabelsDock *m_labelsDock = nullptr;
    TextDock *m_textDock = nullptr;
    ShapeListDock *m_shapeList = nullptr;
    ReviewController *m_review = nullptr;
    QLabel *m_reviewLabel = nullptr;
    QLabel *m_errorOverlay = nullptr;
    QLabel *m_pixelLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_positionLabel = nullptr;
    QLabel *m_saveLabel = nullptr;
    QLabel *m_modelLabel = nullptr;
    QComboBox *m_defaultLabel = nullptr;
    QMenu *m_modelMenu = nullptr;
    QMenu *m_panelsMenu = nullptr;
    QActionGroup *m_toolGroup = nullptr;
    QHash<QString, QAction *> m_actions;
    QHash<QAction *, AbstractTool *> m_toolForAction;
    AbstractTool *m_selectTool = nullptr;
    int m_current = -1;
    bool m_followTouchedImage = false; ///< true while the Undo/Redo actions run
    int m_pasteCount = 0;      ///< consecutive pastes onto the source image (each offset further)
    QString m_lastSaveError;
};

} // namespace florence::ui
