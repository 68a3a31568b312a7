// Tests of the review workflow (issue 13) driven like a user: model results arrive as pending
// suggestions that never replace accepted shapes; accept / reject by key with one undo step each;
// an edit accepts; the diff marks and the duplicate filter; the queue walk across images in score
// order; the shape list; label tags select their shape; provenance through save and reopen; the
// prompt table saved with the project. Ends with the scripted review measurement of the README.
#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/items/shape_item.h"
#include "dialogs/prompt_table_dialog.h"
#include "document/commands/shape_commands.h"
#include "document/document.h"
#include "inference/result_applier.h"
#include "main_window.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "panels/shape_list_dock.h"
#include "project/project_controller.h"
#include "project/project_io.h"
#include "review/review_controller.h"
#include "annotate/coco.h"
#include "annotate/project.h"
#include "common/file_io.h"
#include "ui/ui_test_support.h"
#include "test_registry.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using florence::test::FakePrompts;
using florence::test::writeImage;

namespace {

Shape modelBox(double x1, double y1, double x2, double y2, const std::string &label, double score)
{
    Shape s;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    s.score = score;
    s.origin = "<OD>";
    s.provenance.model = "microsoft/Florence-2-base";
    s.provenance.checkpoint = "sha256:0123456789abcdef";
    s.provenance.time = "2026-12-03T15:00:00Z";
    return s;
}

Shape handBox(double x1, double y1, double x2, double y2, const std::string &label)
{
    Shape s;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    return s;
}

/// A result of <OD> on image `path` as the worker would deliver it.
InferenceResult odResult(const QString &path, std::vector<Shape> shapes)
{
    InferenceResult r;
    r.imagePath = path;
    r.job.task = Task::ObjectDetection;
    r.imageWidth = 400;
    r.imageHeight = 300;
    r.annotations.shapes = std::move(shapes);
    return r;
}

struct Window
{
    QTemporaryDir dir;
    FakePrompts prompts;
    std::unique_ptr<MainWindow> w;

    Window()
    {
        for (const char *name : {"a.png", "b.png", "c.png"})
            writeImage(dir.filePath(QString::fromLatin1(name)), 400, 300, Qt::darkGray);
        open();
    }
    void open()
    {
        w = std::make_unique<MainWindow>();
        w->setPrompts(&prompts);
        w->resize(1200, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->controller()->autosaver()->setDelay(50);
        QSignalSpy shown(w.get(), &MainWindow::imageShown);
        QVERIFY(w->openFolder(dir.path(), false));
        QVERIFY(shown.wait(10000) || !shown.isEmpty());
    }
    Document *doc() const { return w->document(); }
    QString path(int i) const { return doc()->absolutePath(i); }
    /// Applies an <OD> answer to image `i` as the model session does.
    void apply(int i, std::vector<Shape> shapes)
    {
        QVERIFY(applyInferenceResult(doc(), i, odResult(path(i), std::move(shapes))).applied);
    }
    ShapeId id(int image, int index) const { return doc()->shapeIds(image)[std::size_t(index)]; }
    void key(int k, Qt::KeyboardModifiers mods = {})
    {
        w->view()->setFocus();
        QTest::keyClick(w->view()->viewport(), Qt::Key(k), mods);
    }
};

} // namespace

class TestReviewUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suggestionsNeverReplaceAcceptedShapes();
    void resultsAtOnceWhenSuggestionsAreOff();
    void acceptRejectByKeyWithUndo();
    void editAcceptsAndMarksEdited();
    void drawingToolKeepsEnterAndBackspace();
    void diffMarksAndDuplicateFilter();
    void queueWalksAcrossImagesInScoreOrder();
    void nextImageJumps();
    void shapeListSelectsFiltersAndSorts();
    void clickingATagSelectsItsShape();
    void contextMenuOfASuggestion();
    void provenanceAndReviewSurviveSaveAndReopen();
    void promptTableSavedWithProject();
    void exportsLeaveSuggestionsOut();
    void reviewHundredSuggestions();
};

void TestReviewUi::suggestionsNeverReplaceAcceptedShapes()
{
    Window win;
    win.doc()->addAnnotations(0, {handBox(10, 10, 60, 60, "car")});
    const Shape accepted = win.doc()->image(0).shapes[0];
    win.apply(0, {modelBox(10, 10, 60, 60, "truck", 0.9), modelBox(100, 100, 150, 150, "car", 0.4)});
    const ImageRecord &r = win.doc()->image(0);
    QCOMPARE(r.shapes.size(), std::size_t(3));
    QCOMPARE(r.shapes[0], accepted); // untouched, even where the model saw something else
    QVERIFY(r.shapes[1].pending && r.shapes[2].pending);
    QCOMPARE(win.doc()->pendingCount(0), 2);
    QCOMPARE(win.doc()->pendingCount(), 2);
    // The image list and the status bar count them.
    const QString detail = win.w->imageListDock()->model()->data(win.w->imageListDock()->model()->index(0),
                                                                  ImageListModel::DetailRole).toString();
    QVERIFY2(detail.contains("2 to review"), qPrintable(detail));
    QTRY_VERIFY(win.w->findChild<QLabel *>("reviewLabel")->text().contains("2 suggestion"));
    // Suggestions are drawn dashed: their items say so.
    ShapeItem *item = win.w->scene()->itemFor(win.id(0, 1));
    QVERIFY(item && item->annotation().pending);
    QVERIFY(item->toolTip().contains("microsoft/Florence-2-base"));
}

void TestReviewUi::resultsAtOnceWhenSuggestionsAreOff()
{
    Window win;
    QAction *mode = win.w->action(QStringLiteral("actionModelResultsPending"));
    QVERIFY(mode->isChecked()); // the default
    mode->trigger();
    QVERIFY(!win.doc()->modelResultsPending());
    win.apply(0, {modelBox(1, 1, 20, 20, "car", 0.5)});
    QVERIFY(!win.doc()->image(0).shapes[0].pending);
    // The choice is remembered.
    Window again;
    QVERIFY(!again.w->action(QStringLiteral("actionModelResultsPending"))->isChecked());
    again.w->action(QStringLiteral("actionModelResultsPending"))->trigger();
}

void TestReviewUi::acceptRejectByKeyWithUndo()
{
    Window win;
    win.apply(0, {modelBox(10, 10, 60, 60, "car", 0.9), modelBox(100, 100, 150, 150, "dog", 0.3),
                  modelBox(200, 100, 250, 150, "cat", 0.5)});
    QUndoStack *stack = win.doc()->undoStack();
    const int steps = stack->count();
    const ShapeId car = win.id(0, 0), dog = win.id(0, 1);
    win.w->scene()->selectIds({car});
    win.key(Qt::Key_Return);
    QVERIFY(!win.doc()->shape(0, car)->pending);
    QCOMPARE(stack->count(), steps + 1);
    QCOMPARE(int(win.doc()->image(0).status), int(ImageStatus::Edited));
    win.w->scene()->selectIds({dog});
    win.key(Qt::Key_Backspace);
    QVERIFY(!win.doc()->shape(0, dog));
    QCOMPARE(win.doc()->image(0).rejected.size(), std::size_t(1));
    QCOMPARE(win.doc()->image(0).rejected[0].label, std::string("dog"));
    QCOMPARE(stack->count(), steps + 2);
    stack->undo(); // the dog comes back where it was, pending
    QCOMPARE(win.id(0, 1), dog);
    QVERIFY(win.doc()->shape(0, dog)->pending);
    QVERIFY(win.doc()->image(0).rejected.empty());
    stack->undo();
    QVERIFY(win.doc()->shape(0, car)->pending);
    stack->redo();
    stack->redo();
    QVERIFY(!win.doc()->shape(0, dog));
    // Accept above the threshold (0.4), reject the rest: the remaining cat 0.5 is accepted.
    win.doc()->setScoreThreshold(0.4);
    win.w->action(QStringLiteral("actionAcceptAbove"))->trigger();
    QCOMPARE(win.doc()->pendingCount(0), 0);
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(2));
    // Accepting nothing pushes nothing.
    const int before = stack->count();
    QVERIFY(!win.doc()->acceptSuggestions(0, {win.id(0, 0)}));
    QCOMPARE(stack->count(), before);
}

void TestReviewUi::editAcceptsAndMarksEdited()
{
    Window win;
    win.apply(0, {modelBox(10, 10, 60, 60, "car", 0.9)});
    const ShapeId id = win.id(0, 0);
    Shape moved = *win.doc()->shape(0, id);
    moved.box = Box{20, 20, 70, 70};
    const int steps = win.doc()->undoStack()->count();
    win.doc()->undoStack()->push(new MoveShapes(win.doc(), 0, {id}, {moved}, 1));
    const Shape &after = *win.doc()->shape(0, id);
    QVERIFY(!after.pending);
    QVERIFY(after.provenance.edited);
    QCOMPARE(after.provenance.model, std::string("microsoft/Florence-2-base")); // "model, then edited"
    QCOMPARE(win.doc()->undoStack()->count(), steps + 1);
    win.doc()->undoStack()->undo();
    QVERIFY(win.doc()->shape(0, id)->pending);
    QVERIFY(!win.doc()->shape(0, id)->provenance.edited);
    // Relabelling accepts too; a hand-drawn shape never gets "edited" provenance.
    win.doc()->undoStack()->push(new SetShapeLabel(win.doc(), 0, {id}, QStringLiteral("truck")));
    QVERIFY(!win.doc()->shape(0, id)->pending);
    win.doc()->addAnnotations(0, {handBox(1, 1, 5, 5, "x")});
    const ShapeId hand = win.id(0, 1);
    win.doc()->undoStack()->push(new SetShapeLabel(win.doc(), 0, {hand}, QStringLiteral("y")));
    QVERIFY(!win.doc()->shape(0, hand)->provenance.edited);
}

void TestReviewUi::drawingToolKeepsEnterAndBackspace()
{
    Window win;
    win.apply(0, {modelBox(10, 10, 60, 60, "car", 0.9)});
    win.w->scene()->selectIds({win.id(0, 0)});
    win.w->action(QStringLiteral("actionToolPolygon"))->trigger();
    QWidget *vp = win.w->view()->viewport();
    const auto at = [&](double x, double y) { return win.w->view()->mapFromScene(QPointF(x, y)); };
    for (const QPointF &p : {QPointF(200, 50), QPointF(300, 50), QPointF(300, 150), QPointF(250, 200)}) {
        QTest::mouseClick(vp, Qt::LeftButton, {}, at(p.x(), p.y()));
        QTest::mouseMove(vp, at(p.x() + 1, p.y() + 1));
    }
    win.key(Qt::Key_Backspace); // removes the last vertex, rejects nothing
    win.key(Qt::Key_Return);    // finishes the polygon, accepts nothing
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(2));
    QVERIFY(win.doc()->image(0).shapes[0].pending);
    QCOMPARE(win.doc()->image(0).shapes[1].kind, ShapeKind::Polygon);
    QCOMPARE(win.doc()->image(0).shapes[1].rings[0].size(), std::size_t(3));
}

void TestReviewUi::diffMarksAndDuplicateFilter()
{
    Window win;
    win.doc()->addAnnotations(0, {handBox(10, 10, 60, 60, "car"), handBox(100, 10, 150, 60, "person"),
                                  handBox(300, 200, 350, 250, "tree")});
    win.apply(0, {modelBox(10, 10, 60, 58, "car", 0.9),       // duplicate
                  modelBox(100, 10, 150, 60, "dog", 0.8),     // label conflict
                  modelBox(200, 200, 250, 250, "car", 0.7)}); // new
    CanvasScene *scene = win.w->scene();
    QCOMPARE(scene->itemFor(win.id(0, 3))->reviewMark(), QStringLiteral("duplicate"));
    QCOMPARE(scene->itemFor(win.id(0, 4))->reviewMark(), QStringLiteral("label conflict"));
    QCOMPARE(scene->itemFor(win.id(0, 5))->reviewMark(), QString());
    QCOMPARE(scene->itemFor(win.id(0, 2))->reviewMark(), QStringLiteral("not found"));
    QVERIFY(scene->itemFor(win.id(0, 3))->tagText().endsWith(QStringLiteral(" · duplicate")));
    QVERIFY(scene->itemFor(win.id(0, 3))->isVisible());
    win.w->action(QStringLiteral("actionHideDuplicates"))->trigger();
    QVERIFY(!scene->itemFor(win.id(0, 3))->isVisible()); // only what changed remains
    QVERIFY(scene->itemFor(win.id(0, 4))->isVisible());
    win.w->action(QStringLiteral("actionHideDuplicates"))->trigger();
    // The shape list filters by the same categories.
    ShapeListDock *list = win.w->shapeListDock();
    list->stateFilter()->setCurrentIndex(list->stateFilter()->findText(QStringLiteral("Duplicates")));
    QCOMPARE(list->table()->rowCount(), 1);
    QCOMPARE(list->idAt(0), win.id(0, 3));
    list->stateFilter()->setCurrentIndex(list->stateFilter()->findText(QStringLiteral("Label conflicts")));
    QCOMPARE(list->table()->rowCount(), 1);
    list->stateFilter()->setCurrentIndex(list->stateFilter()->findText(QStringLiteral("Not found by model")));
    QCOMPARE(list->table()->rowCount(), 1);
    QCOMPARE(list->idAt(0), win.id(0, 2));
    list->stateFilter()->setCurrentIndex(list->stateFilter()->findText(QStringLiteral("New suggestions")));
    QCOMPARE(list->table()->rowCount(), 1);
    QCOMPARE(list->idAt(0), win.id(0, 5));
}

void TestReviewUi::queueWalksAcrossImagesInScoreOrder()
{
    Window win;
    win.apply(0, {modelBox(10, 10, 60, 60, "a", 0.9), modelBox(100, 100, 150, 150, "b", 0.2)});
    win.apply(2, {modelBox(10, 10, 60, 60, "c", 0.5)});
    ReviewController *review = win.w->review();
    QCOMPARE(int(review->order()), int(QueueOrder::LowestScore));
    win.w->showImage(1);
    win.key(Qt::Key_N); // lowest score first: b 0.2 on image 0
    QCOMPARE(win.w->currentImage(), 0);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(0, 1)});
    QVERIFY(win.w->view()->zoom() > 1.0); // zoomed to the small shape
    win.key(Qt::Key_N);
    QCOMPARE(win.w->currentImage(), 2);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(2, 0)});
    win.key(Qt::Key_N, Qt::ShiftModifier); // back
    QCOMPARE(win.w->currentImage(), 0);
    // Enter accepts b and moves on to c; Backspace rejects c and moves on to a.
    win.key(Qt::Key_Return);
    QCOMPARE(win.w->currentImage(), 2);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(2, 0)});
    win.key(Qt::Key_Backspace);
    QCOMPARE(win.w->currentImage(), 0);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(0, 0)});
    win.key(Qt::Key_Return);
    QCOMPARE(win.doc()->pendingCount(), 0);
    QTRY_VERIFY(win.w->findChild<QLabel *>("reviewLabel")->text().isEmpty());
    // By image: image order, then shape order; the order is remembered.
    win.w->action(QStringLiteral("actionQueueOrder%1").arg(int(QueueOrder::ByImage)))->trigger();
    QCOMPARE(int(review->order()), int(QueueOrder::ByImage));
    Window again;
    QCOMPARE(int(again.w->review()->order()), int(QueueOrder::ByImage));
    again.w->action(QStringLiteral("actionQueueOrder%1").arg(int(QueueOrder::LowestScore)))->trigger();
}

void TestReviewUi::nextImageJumps()
{
    Window win;
    win.apply(2, {modelBox(10, 10, 60, 60, "a", 0.9)});
    win.doc()->addAnnotations(1, {handBox(1, 1, 9, 9, "x")});
    win.w->showImage(0);
    win.w->action(QStringLiteral("actionNextImageWithSuggestions"))->trigger();
    QCOMPARE(win.w->currentImage(), 2);
    win.w->action(QStringLiteral("actionNextUnannotated"))->trigger();
    QCOMPARE(win.w->currentImage(), 0); // wraps around
    win.w->showImage(1);
    win.w->action(QStringLiteral("actionMarkReviewed"))->trigger();
    win.w->showImage(0);
    win.w->action(QStringLiteral("actionNextNotReviewed"))->trigger();
    QCOMPARE(win.w->currentImage(), 2); // image 1 is reviewed
}

void TestReviewUi::shapeListSelectsFiltersAndSorts()
{
    Window win;
    win.doc()->addAnnotations(0, {handBox(10, 10, 60, 60, "car")});
    win.apply(0, {modelBox(100, 100, 150, 150, "dog", 0.3), modelBox(200, 100, 250, 150, "cat", 0.8)});
    ShapeListDock *list = win.w->shapeListDock();
    QTableWidget *table = list->table();
    QCOMPARE(table->rowCount(), 3);
    table->sortItems(ShapeListDock::ScoreColumn, Qt::DescendingOrder);
    QCOMPARE(table->item(0, ShapeListDock::LabelColumn)->text(), QStringLiteral("cat"));
    QCOMPARE(table->item(1, ShapeListDock::LabelColumn)->text(), QStringLiteral("dog"));
    QCOMPARE(table->item(2, ShapeListDock::LabelColumn)->text(), QStringLiteral("car")); // no score: last
    QVERIFY(table->item(0, ShapeListDock::SourceColumn)->text().contains("microsoft/Florence-2-base"));
    // Clicking a row selects the shape on the canvas; selecting on the canvas selects the row.
    table->selectRow(1);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(0, 1)});
    win.w->scene()->selectIds({win.id(0, 2)});
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(list->idAt(table->selectionModel()->selectedRows().first().row()), win.id(0, 2));
    // Filters: label text, state, source.
    list->labelFilter()->setText(QStringLiteral("DO"));
    QCOMPARE(table->rowCount(), 1);
    list->labelFilter()->clear();
    list->stateFilter()->setCurrentIndex(list->stateFilter()->findText(QStringLiteral("Drawn by hand")));
    QCOMPARE(table->rowCount(), 1);
    list->stateFilter()->setCurrentIndex(0);
    QComboBox *source = list->sourceFilter();
    QVERIFY(source->findText(QStringLiteral("microsoft/Florence-2-base")) > 0);
    source->setCurrentIndex(source->findText(QStringLiteral("microsoft/Florence-2-base")));
    QCOMPARE(table->rowCount(), 2);
    // Return on the list accepts the selected suggestion.
    source->setCurrentIndex(0);
    win.w->scene()->selectIds({win.id(0, 1)});
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    QVERIFY(!win.doc()->image(0).shapes[1].pending);
}

void TestReviewUi::clickingATagSelectsItsShape()
{
    Window win;
    // A small shape whose tag lies over a big one drawn later (on top).
    win.doc()->addAnnotations(0, {handBox(100, 100, 140, 140, "small"), handBox(50, 20, 350, 280, "big")});
    CanvasView *view = win.w->view();
    ShapeItem *small = win.w->scene()->itemFor(win.id(0, 0));
    const QRectF tag = small->tagSceneRect();
    QVERIFY(!tag.isEmpty());
    QVERIFY(tag.bottom() <= 100.0 + 1e-9 && tag.top() > 20); // inside the big shape
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(tag.center()));
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(0, 0)});
}

void TestReviewUi::contextMenuOfASuggestion()
{
    Window win;
    win.doc()->addAnnotations(0, {handBox(10, 10, 60, 60, "car")});
    win.apply(0, {modelBox(100, 100, 150, 150, "dog", 0.3)});
    QVERIFY(!win.w->shapeContextMenu(QPointF(300, 20))); // nothing there
    std::unique_ptr<QMenu> menu(win.w->shapeContextMenu(QPointF(125, 125)));
    QVERIFY(menu);
    QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{win.id(0, 1)}); // right-click selects
    QAction *accept = win.w->action(QStringLiteral("actionAcceptSuggestion"));
    QVERIFY(menu->actions().contains(accept));
    QVERIFY(menu->actions().contains(win.w->action(QStringLiteral("actionRejectSuggestion"))));
    accept->trigger();
    QVERIFY(!win.doc()->image(0).shapes[1].pending);
    std::unique_ptr<QMenu> plain(win.w->shapeContextMenu(QPointF(35, 35)));
    QVERIFY(plain && !plain->actions().contains(accept)); // an accepted shape: edit actions only
    QVERIFY(plain->actions().contains(win.w->action(QStringLiteral("actionChangeLabel"))));
}

void TestReviewUi::provenanceAndReviewSurviveSaveAndReopen()
{
    Window win;
    win.apply(0, {modelBox(10, 10, 60, 60, "car", 0.9), modelBox(100, 100, 150, 150, "dog", 0.3)});
    win.w->scene()->selectIds({win.id(0, 1)});
    win.key(Qt::Key_Backspace);
    const ImageRecord before = win.doc()->image(0);
    QVERIFY(win.w->controller()->autosaver()->saveNow());
    win.open(); // a new window reads the project file
    const ImageRecord &after = win.doc()->image(0);
    QCOMPARE(after.shapes, before.shapes);
    QCOMPARE(after.rejected, before.rejected);
    QVERIFY(after.shapes[0].pending);
    QCOMPARE(after.shapes[0].provenance.checkpoint, std::string("sha256:0123456789abcdef"));
}

void TestReviewUi::promptTableSavedWithProject()
{
    Window win;
    PromptTableDialog dialog(PromptTable{}, {QStringLiteral("car")});
    QCOMPARE(dialog.rows()->rowCount(), 1); // an empty row to start typing
    dialog.rows()->item(0, 0)->setText(QStringLiteral("a red car"));
    dialog.rows()->item(0, 1)->setText(QStringLiteral("car"));
    dialog.rows()->insertRow(1);
    dialog.rows()->setItem(1, 0, new QTableWidgetItem(QStringLiteral("a red car")));
    dialog.rows()->setItem(1, 1, new QTableWidgetItem(QStringLiteral("auto")));
    QVERIFY(dialog.problem().contains("a red car"));
    dialog.rows()->item(1, 0)->setText(QStringLiteral("  "));
    QVERIFY(dialog.problem().isEmpty());
    dialog.task()->setCurrentIndex(dialog.task()->findData(QStringLiteral("<CAPTION_TO_PHRASE_GROUNDING>")));
    const PromptTable table = dialog.table();
    QCOMPARE(table, (PromptTable{"<CAPTION_TO_PHRASE_GROUNDING>", {{"a red car", "car"}}}));
    win.doc()->setPromptTable(table);
    QVERIFY(win.w->controller()->autosaver()->saveNow());
    win.open();
    QCOMPARE(win.doc()->promptTable(), table);
    // Without a model the run is refused with a reason, nothing changes.
    QCOMPARE(win.doc()->image(0).shapes.size(), std::size_t(0));
}

void TestReviewUi::exportsLeaveSuggestionsOut()
{
    Window win;
    win.doc()->addAnnotations(0, {handBox(10, 10, 60, 60, "car")});
    win.apply(0, {modelBox(100, 100, 150, 150, "dog", 0.3)});
    const QString out = win.dir.filePath(QStringLiteral("export/coco.json"));
    QDir().mkpath(win.dir.filePath(QStringLiteral("export")));
    QSignalSpy messages(win.w->controller(), &ProjectController::message);
    QVERIFY(win.w->controller()->exportCoco(out));
    const std::vector<ImageRecord> back = importCoco(readTextFile(out.toStdString()), "coco.json");
    std::size_t shapes = 0;
    for (const ImageRecord &r : back)
        shapes += r.shapes.size();
    QCOMPARE(shapes, std::size_t(1)); // the car; the dog suggestion is not exported
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().at(0).toString().contains("1 suggestion"), qPrintable(messages.last().at(0).toString()));
    // Accepted, it is exported with its provenance.
    win.doc()->acceptSuggestions(0, {win.id(0, 1)});
    QVERIFY(win.w->controller()->exportCoco(out));
    const std::vector<ImageRecord> again = importCoco(readTextFile(out.toStdString()), "coco.json");
    bool found = false;
    for (const ImageRecord &r : again)
        for (const Shape &s : r.shapes)
            found |= s.label == "dog" && s.provenance.model == "microsoft/Florence-2-base" && !s.pending;
    QVERIFY(found);
}

void TestReviewUi::reviewHundredSuggestions()
{
    // The README's measurement: 100 suggestions on 10 images, reviewed with the queue (N once, then
    // one key per suggestion) against the flow without it (per image: pick each shape with a click,
    // then Delete for a wrong one, nothing for a right one; D to the next image).
    Window win;
    for (int i = 3; i < 10; ++i)
        writeImage(win.dir.filePath(QStringLiteral("img%1.png").arg(i)), 400, 300, Qt::darkGray);
    win.open();
    QCOMPARE(win.doc()->imageCount(), 10);
    const auto fill = [&] {
        for (int image = 0; image < 10; ++image) {
            std::vector<Shape> shapes;
            for (int k = 0; k < 10; ++k)
                shapes.push_back(modelBox(10 + 38 * k, 10 + 25 * k, 40 + 38 * k, 40 + 25 * k, k % 3 ? "car" : "dog",
                                          0.05 + 0.09 * k + 0.001 * image));
            win.apply(image, std::move(shapes));
        }
    };
    fill();
    QCOMPARE(win.doc()->pendingCount(), 100);
    int keys = 0;
    QElapsedTimer clock;
    clock.start();
    win.w->showImage(0);
    win.key(Qt::Key_N);
    ++keys;
    while (win.doc()->pendingCount() > 0) {
        const ShapeId id = win.w->scene()->selectedIds().value(0);
        QVERIFY(id != 0);
        const Shape *s = win.doc()->shape(win.w->currentImage(), id);
        QVERIFY(s && s->pending);
        win.key(s->label == "dog" ? Qt::Key_Backspace : Qt::Key_Return);
        ++keys;
        QVERIFY(keys < 200);
    }
    const double queueSeconds = clock.elapsed() / 1000.0;
    QCOMPARE(keys, 101);
    int rejected = 0;
    for (int i = 0; i < 10; ++i)
        rejected += int(win.doc()->image(i).rejected.size());
    QCOMPARE(rejected, 40);
    qInfo("review of 100 suggestions with the queue: %d keystrokes, %.2f s (offscreen, scripted)", keys, queueSeconds);

    // The flow before the review layer: results are shapes at once; per image, click every shape to
    // check it (selecting shows its label and score), Delete the wrong ones, D to the next image.
    for (int i = 0; i < 10; ++i) {
        QVector<ShapeId> all(win.doc()->shapeIds(i).begin(), win.doc()->shapeIds(i).end());
        win.doc()->undoStack()->push(new RemoveShapes(win.doc(), i, all));
    }
    win.doc()->setModelResultsPending(false);
    fill();
    QCOMPARE(win.doc()->pendingCount(), 0);
    int events = 0;
    clock.restart();
    win.w->showImage(0);
    for (int image = 0; image < 10; ++image) {
        if (image > 0) {
            win.key(Qt::Key_D);
            ++events;
        }
        QCOMPARE(win.w->currentImage(), image);
        const std::vector<ShapeId> ids = win.doc()->shapeIds(image);
        for (ShapeId id : ids) {
            const Box b = win.doc()->shape(image, id)->box;
            QTest::mouseClick(win.w->view()->viewport(), Qt::LeftButton, {},
                              win.w->view()->mapFromScene(QPointF((b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2)));
            ++events;
            QCOMPARE(win.w->scene()->selectedIds(), QVector<ShapeId>{id});
            if (win.doc()->shape(image, id)->label == "dog") {
                win.key(Qt::Key_Delete);
                ++events;
            }
        }
    }
    const double oldSeconds = clock.elapsed() / 1000.0;
    QCOMPARE(events, 9 + 100 + 40);
    qInfo("the same review without the queue: %d clicks and keystrokes, %.2f s (offscreen, scripted)", events, oldSeconds);
    win.doc()->setModelResultsPending(true);
}

FLORENCE_TEST_CLASS(TestReviewUi)
#include "test_review_ui.moc"
