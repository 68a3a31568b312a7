// Tests of batch pre-annotation from the GUI: a folder with a corrupt image completes the others
// (also inside one pass of 4), an interrupted batch resumes without redoing work, pause/resume
// between passes, selected images only, one undo step per image, the project saved after every
// image, and the batch panel's counters. Batched passes against one-by-one runs and tiled batches:
// test_batch_passes.cpp.
#include "annotate/project.h"
#include "inference/batch_runner.h"
#include "inference_test_support.h"
#include "panels/batch_dock.h"
#include "panels/image_list_dock.h"
#include "panels/image_list_model.h"
#include "project/project_io.h"
#include "test_registry.h"

#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QUndoStack>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

class TestBatchUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corruptImageDoesNotStopTheOthers();
    void interruptedBatchResumes();
    void pauseAndResume();
    void selectedImagesOnly();
    void regionJobsAreRefused();
    void formatsDurations();
};

void TestBatchUi::corruptImageDoesNotStopTheOthers()
{
    Studio s(TestModels::get().loc, true);
    QCOMPARE(s.doc()->imageCount(), 4);
    s.taskDock()->setTask(Task::ObjectDetection);
    s.taskDock()->scoresBox()->setChecked(true);
    BatchDock *dock = s.session()->batchDock();
    dock->setBatchSize(4); // the four images in one pass: the corrupt one fails alone
    QVERIFY(dock->startButton()->isEnabled());
    const int steps = s.doc()->undoStack()->count();
    QSignalSpy finished(s.session()->batch(), &BatchRunner::finished);
    QSignalSpy saved(s.w->controller()->autosaver(), &Autosaver::saved);
    QTest::mouseClick(dock->startButton(), Qt::LeftButton);
    QVERIFY(s.session()->batch()->isRunning());
    QVERIFY(!s.taskDock()->runButton()->isEnabled()); // one thing at a time
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    const BatchRunner::Stats st = s.session()->batch()->stats();
    QCOMPARE(st.total, 4);
    QCOMPARE(st.done, 4);
    QCOMPARE(st.processed, 3);
    QCOMPARE(st.failed, 1);
    QCOMPARE(st.skipped, 0);
    QCOMPARE(dock->progressBar()->value(), 4);
    QVERIFY2(dock->statsLabel()->text().contains(QStringLiteral("1 failed")), qPrintable(dock->statsLabel()->text()));
    QCOMPARE(dock->failureList()->count(), 1);
    QVERIFY(dock->failureList()->item(0)->text().startsWith(QStringLiteral("broken.jpg: ")));
    const int broken = s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("broken.jpg")));
    QVERIFY(s.w->imageListDock()->model()->error(broken).contains(QStringLiteral("broken.jpg")));
    const std::string key = s.session()->batch()->job().key();
    QCOMPARE(key, std::string("<OD>"));
    int shapes = 0;
    for (int i = 0; i < 4; ++i) {
        const ImageRecord &r = s.doc()->image(i);
        const bool done = std::find(r.doneTasks.begin(), r.doneTasks.end(), key) != r.doneTasks.end();
        QCOMPARE(done, i != broken);
        if (i != broken) {
            QVERIFY(!r.shapes.empty());
            QCOMPARE(int(r.status), int(ImageStatus::PreAnnotated));
            QVERIFY(r.width > 0); // learnt from the worker's decode
        }
        shapes += int(r.shapes.size());
    }
    QCOMPARE(st.annotations, shapes);
    QCOMPARE(s.doc()->undoStack()->count(), steps + 3); // one step per image
    QVERIFY(saved.count() >= 3);                         // saved after every image
    const Project project = loadProject(defaultProjectPath(s.dir.path()).toStdString());
    int savedShapes = 0;
    for (const ImageRecord &r : project.images)
        savedShapes += int(r.shapes.size());
    QCOMPARE(savedShapes, shapes);
    // The throughput plot got one point per processed image.
    QCOMPARE(s.session()->batch()->throughput().size(), 3);
    // Undo takes back the last image only.
    s.doc()->undoStack()->undo();
    QCOMPARE(s.doc()->undoStack()->count(), steps + 3);
}

void TestBatchUi::interruptedBatchResumes()
{
    Studio s(TestModels::get().loc, true);
    s.taskDock()->setTask(Task::OcrWithRegion);
    BatchRunner *batch = s.session()->batch();
    QSignalSpy applied(batch, &BatchRunner::resultApplied);
    QSignalSpy finished(batch, &BatchRunner::finished);
    s.session()->batchDock()->setBatchSize(2); // passes a+b, then broken+c
    QVERIFY(s.session()->startBatch());
    QVERIFY(applied.wait(60000));
    batch->cancel(); // interrupted after the first pass
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.last().at(0).toBool(), true);
    QVERIFY(!s.controller()->isBusy());
    const int doneBefore = batch->stats().processed;
    QCOMPARE(doneBefore, 2); // the images of a pass land together
    std::vector<ImageRecord> before;
    for (int i = 0; i < 4; ++i)
        before.push_back(s.doc()->image(i));

    // A new window on the same folder (as after a crash): the saved project carries doneTasks.
    s.w->close();
    s.w = std::make_unique<MainWindow>();
    s.w->setPrompts(&s.prompts);
    s.w->show();
    QVERIFY(s.w->openFolder(s.dir.path(), false));
    QVERIFY(s.load(TestModels::get().loc));
    s.taskDock()->setTask(Task::OcrWithRegion);
    s.taskDock()->maxTokensBox()->setValue(40);
    for (int i = 0; i < 4; ++i)
        QVERIFY(s.doc()->image(i) == before[std::size_t(i)]);
    BatchRunner *again = s.session()->batch();
    QSignalSpy finishedAgain(again, &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    QVERIFY(finishedAgain.wait(120000));
    QCOMPARE(again->stats().skipped, doneBefore);        // nothing done twice
    QCOMPARE(again->stats().processed, 3 - doneBefore);  // the rest
    QCOMPARE(again->stats().failed, 1);                  // the corrupt one, again
    for (int i = 0; i < 4; ++i) {
        const ImageRecord &r = s.doc()->image(i);
        if (!before[std::size_t(i)].doneTasks.empty())
            QVERIFY(r.shapes == before[std::size_t(i)].shapes); // untouched
        for (const Shape &shape : r.shapes)
            QCOMPARE(int(shape.kind), int(ShapeKind::Quad));
    }
    // "Run again" redoes everything.
    s.session()->batchDock()->forceBox()->setChecked(true);
    QVERIFY(s.session()->startBatch());
    QVERIFY(finishedAgain.wait(120000));
    QCOMPARE(again->stats().skipped, 0);
    QCOMPARE(again->stats().processed, 3);
}

void TestBatchUi::pauseAndResume()
{
    Studio s;
    s.taskDock()->setTask(Task::ObjectDetection);
    BatchRunner *batch = s.session()->batch();
    BatchDock *dock = s.session()->batchDock();
    QSignalSpy applied(batch, &BatchRunner::resultApplied);
    QSignalSpy finished(batch, &BatchRunner::finished);
    dock->setBatchSize(2);
    QVERIFY(s.session()->startBatch());
    QVERIFY(!dock->batchSizeBox()->isEnabled()); // fixed while the batch runs
    QTest::mouseClick(dock->pauseButton(), Qt::LeftButton);
    QVERIFY(batch->isPaused());
    QCOMPARE(dock->pauseButton()->text(), QStringLiteral("Resume"));
    QVERIFY(applied.wait(60000)); // the pass in flight still lands
    QTest::qWait(300);
    QCOMPARE(applied.count(), 2); // its two images, nothing more while paused
    QVERIFY(dock->statsLabel()->text().contains(QStringLiteral("paused")));
    QTest::mouseClick(dock->pauseButton(), Qt::LeftButton);
    QVERIFY(!batch->isPaused());
    QVERIFY(finished.wait(120000));
    QCOMPARE(applied.count(), 3);
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(dock->statsLabel()->text().contains(QStringLiteral("finished")));
}

void TestBatchUi::selectedImagesOnly()
{
    Studio s;
    s.taskDock()->setTask(Task::RegionProposal);
    QListView *list = s.w->imageListDock()->view();
    list->selectionModel()->select(list->model()->index(0, 0), QItemSelectionModel::ClearAndSelect);
    list->selectionModel()->select(list->model()->index(2, 0), QItemSelectionModel::Select);
    QCOMPARE(s.w->imageListDock()->selectedRows(), (QVector<int>{0, 2}));
    s.session()->batchDock()->selectedButton()->setChecked(true);
    QSignalSpy finished(s.session()->batch(), &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    QVERIFY(finished.wait(120000));
    QCOMPARE(s.session()->batch()->stats().total, 2);
    QVERIFY(!s.doc()->image(0).shapes.empty());
    QVERIFY(s.doc()->image(1).shapes.empty());
    QVERIFY(!s.doc()->image(2).shapes.empty());
    QCOMPARE(s.doc()->image(2).shapes[0].label, std::string("region"));
}

void TestBatchUi::regionJobsAreRefused()
{
    Studio s;
    s.taskDock()->setTask(Task::RegionToOcr);
    QVERIFY(s.session()->batchDock()->findChild<QLabel *>(QStringLiteral("batchJob"))->text().contains(
        QStringLiteral("Region tasks need a region")));
    QString why;
    QVERIFY(!s.session()->startBatch(&why));
    QVERIFY2(why.contains(QStringLiteral("<REGION_TO_OCR> needs a region")), qPrintable(why));
    s.taskDock()->setTask(Task::OpenVocabularyDetection);
    QVERIFY(!s.session()->startBatch(&why));
    QVERIFY2(why.contains(QStringLiteral("needs a text input")), qPrintable(why));
    QVERIFY(!s.session()->batch()->isRunning());
}

void TestBatchUi::formatsDurations()
{
    QCOMPARE(BatchDock::formatDuration(0), QStringLiteral("0:00"));
    QCOMPARE(BatchDock::formatDuration(65400), QStringLiteral("1:05"));
    QCOMPARE(BatchDock::formatDuration(3723000), QStringLiteral("1:02:03"));
}

FLORENCE_TEST_CLASS(TestBatchUi)

#include "test_batch_ui.moc"
