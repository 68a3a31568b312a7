// MainWindow, part 3: the review workflow (issue 13) — the Review menu and its keys, the shape
// list dock and the suggestion count in the status bar. The logic is in ReviewController.
#include "main_window.h"

#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/items/shape_item.h"
#include "dialogs/prompt_table_dialog.h"
#include "inference/model_session.h"
#include "panels/image_list_dock.h"
#include "panels/shape_list_dock.h"
#include "review/review_controller.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

namespace florence::ui {

namespace {

const char *kSuggestionsKey = "review/modelResultsPending";
const char *kQueueOrderKey = "review/queueOrder";
const char *kHideDuplicatesKey = "review/hideDuplicates";

} // namespace

void MainWindow::createReview()
{
    m_review = new ReviewController(m_document, m_scene, m_view, [this](int image) { showImage(image); }, this);
    connect(m_review, &ReviewController::message, this, [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    m_shapeList = new ShapeListDock(m_document, m_scene, m_view, this);
    // Under the image list: the left column has the height a long list of shapes needs.
    addDockWidget(Qt::LeftDockWidgetArea, m_shapeList);
    splitDockWidget(m_imageList, m_shapeList, Qt::Vertical);
    m_panelsMenu->addAction(m_shapeList->toggleViewAction());

    QSettings settings;
    m_document->setModelResultsPending(settings.value(QLatin1String(kSuggestionsKey), true).toBool());

    // Accept / reject act on the canvas (and the shape list): Enter and Backspace keep their
    // meaning in text fields and while a polygon is being drawn (CanvasView lets the tool have them).
    QAction *accept = makeAction(QStringLiteral("actionAcceptSuggestion"), tr("&Accept Suggestion"), QString(),
                                 {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    QAction *reject = makeAction(QStringLiteral("actionRejectSuggestion"), tr("&Reject Suggestion"), QString(),
                                 {QKeySequence(Qt::Key_Backspace)});
    for (QAction *a : {accept, reject}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        removeAction(a); // not window-wide: a text field keeps its Enter and Backspace
        m_view->addAction(a);
        m_shapeList->widget()->addAction(a);
    }
    connect(accept, &QAction::triggered, m_review, &ReviewController::acceptSelected);
    connect(reject, &QAction::triggered, m_review, &ReviewController::rejectSelected);
    connect(makeAction(QStringLiteral("actionAcceptAbove"), tr("Accept Above &Threshold, Reject the Rest"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+Return"))}),
            &QAction::triggered, m_review, &ReviewController::acceptAboveThreshold);
    connect(makeAction(QStringLiteral("actionRejectAll"), tr("Reject All Suggestions on This &Image"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+Backspace"))}),
            &QAction::triggered, m_review, &ReviewController::rejectAllOnImage);
    connect(makeAction(QStringLiteral("actionNextSuggestion"), tr("&Next Suggestion"), QString(), {QKeySequence(tr("N"))}),
            &QAction::triggered, m_review, &ReviewController::nextSuggestion);
    connect(makeAction(QStringLiteral("actionPreviousSuggestion"), tr("&Previous Suggestion"), QString(),
                       {QKeySequence(tr("Shift+N"))}),
            &QAction::triggered, m_review, &ReviewController::previousSuggestion);
    using Filter = ReviewController::ImageFilter;
    connect(makeAction(QStringLiteral("actionNextImageWithSuggestions"), tr("Next Image with &Suggestions"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+N"))}),
            &QAction::triggered, this, [this] { m_review->nextImage(Filter::WithSuggestions); });
    connect(makeAction(QStringLiteral("actionNextUnannotated"), tr("Next Image &without Annotations"), QString(),
                       {QKeySequence(tr("Ctrl+Shift+D"))}),
            &QAction::triggered, this, [this] { m_review->nextImage(Filter::WithoutAnnotations); });
    connect(makeAction(QStringLiteral("actionNextNotReviewed"), tr("Next Image Not Re&viewed"), QString(),
                       {QKeySequence(tr("Ctrl+D"))}),
            &QAction::triggered, this, [this] { m_review->nextImage(Filter::NotReviewed); });
    QAction *pending = makeAction(QStringLiteral("actionModelResultsPending"), tr("&Model Results Are Suggestions"), QString());
    pending->setCheckable(true);
    pending->setChecked(m_document->modelResultsPending());
    pending->setToolTip(tr("Off: model results become shapes at once, without review"));
    connect(pending, &QAction::toggled, this, [this](bool on) {
        m_document->setModelResultsPending(on);
        QSettings().setValue(QLatin1String(kSuggestionsKey), on);
    });
    QAction *hide = makeAction(QStringLiteral("actionHideDuplicates"), tr("&Hide Duplicate Suggestions"), QString());
    hide->setCheckable(true);
    hide->setChecked(settings.value(QLatin1String(kHideDuplicatesKey), false).toBool());
    m_scene->setHideDuplicates(hide->isChecked());
    connect(hide, &QAction::toggled, this, [this](bool on) {
        m_scene->setHideDuplicates(on);
        QSettings().setValue(QLatin1String(kHideDuplicatesKey), on);
    });

    QMenu *review = new QMenu(tr("&Review"), this);
    menuBar()->insertMenu(m_modelMenu->menuAction(), review);
    for (const char *name : {"actionAcceptSuggestion", "actionRejectSuggestion", "actionAcceptAbove", "actionRejectAll", "",
                             "actionNextSuggestion", "actionPreviousSuggestion", "", "actionNextImageWithSuggestions",
                             "actionNextUnannotated", "actionNextNotReviewed"}) {
        if (*name)
            review->addAction(action(QString::fromLatin1(name)));
        else
            review->addSeparator();
    }
    review->addSeparator();
    QAction *table = makeAction(QStringLiteral("actionPromptTable"), tr("Prompt → &Label Table…"), QString());
    connect(table, &QAction::triggered, this, &MainWindow::editPromptTable);
    review->addAction(table);
    QMenu *order = review->addMenu(tr("Queue &Order"));
    auto *orders = new QActionGroup(this);
    const std::pair<QueueOrder, QString> choices[] = {{QueueOrder::LowestScore, tr("Lowest Score First")},
                                                      {QueueOrder::ByImage, tr("By Image")},
                                                      {QueueOrder::ByLabel, tr("By Label")}};
    const int saved = settings.value(QLatin1String(kQueueOrderKey), int(QueueOrder::LowestScore)).toInt();
    for (const auto &[value, text] : choices) {
        QAction *a = order->addAction(text);
        a->setObjectName(QStringLiteral("actionQueueOrder%1").arg(int(value)));
        a->setCheckable(true);
        a->setChecked(int(value) == saved);
        orders->addAction(a);
        m_actions.insert(a->objectName(), a);
        const QueueOrder o = value;
        connect(a, &QAction::triggered, this, [this, o] {
            m_review->setOrder(o);
            QSettings().setValue(QLatin1String(kQueueOrderKey), int(o));
        });
        if (int(value) == saved)
            m_review->setOrder(value);
    }
    review->addAction(pending);
    review->addAction(hide);

    // Right-click on a shape: the review and edit actions for it (it is selected first).
    m_view->viewport()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->viewport(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (QMenu *menu = shapeContextMenu(m_view->mapToScene(pos))) {
            menu->exec(m_view->viewport()->mapToGlobal(pos));
            delete menu;
        }
    });

    m_reviewLabel = new QLabel(this);
    m_reviewLabel->setObjectName(QStringLiteral("reviewLabel"));
    statusBar()->insertPermanentWidget(0, m_reviewLabel);
    const auto refresh = [this] { m_reviewLabel->setText(m_review->statusText()); };
    connect(m_document, &Document::contentChanged, this, refresh);
    connect(m_scene, &CanvasScene::imageIndexChanged, this, refresh);
}

QMenu *MainWindow::shapeContextMenu(const QPointF &scenePos)
{
    ShapeItem *item = m_scene->shapeItemAt(scenePos);
    if (!item)
        return nullptr;
    if (!m_scene->selectedIds().contains(item->id()))
        m_scene->selectIds({item->id()});
    bool anyPending = false;
    for (ShapeId id : m_scene->selectedIds())
        if (const Shape *s = m_document->shape(m_current, id))
            anyPending |= s->pending;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("shapeContextMenu"));
    if (anyPending) {
        menu->addAction(action(QStringLiteral("actionAcceptSuggestion")));
        menu->addAction(action(QStringLiteral("actionRejectSuggestion")));
        menu->addSeparator();
    }
    for (const char *name : {"actionChangeLabel", "actionEditText", "actionCopy", "actionDelete"})
        menu->addAction(action(QString::fromLatin1(name)));
    return menu;
}

void MainWindow::editPromptTable()
{
    PromptTableDialog dialog(m_document->promptTable(), m_document->labels(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_document->setPromptTable(dialog.table());
    if (dialog.runRequested()) {
        QString why;
        if (m_model->runPromptTable(&why) == 0)
            statusBar()->showMessage(why, 8000);
    }
}

} // namespace florence::ui
