// GUI batches through core's batched path (issue 11) and tiled GUI batches (issue 16): a pass of
// N images on the worker gives every image what a run on it alone gives, a corrupt image in a pass
// fails alone, batch sizes 1 and 4 put the same shapes into the document as interactive runs, the
// batch panel shows the size in use (and a lowered one), cancelling stops the whole pass at once, a
// superseded pass goes back into the queue, and with the Tiles option each image of more than one
// tile runs tiled, one at a time, landing where core's runTiled puts it, while one-tile images stay
// in the passes.
#include "document/document.h"
#include "image/decode.h"
#include "inference/batch_runner.h"
#include "inference/inference_worker.h"
#include "inference_test_support.h"
#include "panels/batch_dock.h"
#include "pipeline.h"
#include "test_registry.h"
#include "batch/batch_annotate.h"
#include "tiling/tiled_run.h"

#include <QComboBox>
#include <QScopeGuard>
#include <QLabel>
#include <QPainter>
#include <QSet>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

namespace {

/// `shapes` without their provenance (its time differs from run to run).
std::vector<Shape> withoutProvenance(std::vector<Shape> shapes)
{
    for (Shape &s : shapes)
        s.provenance = Provenance{};
    return shapes;
}

/// The fixture images of the suites, with a corrupt file between them.
QStringList passImages(const QTemporaryDir &dir)
{
    writeBytes(dir.filePath(QStringLiteral("corrupt.png")), QByteArray("\x89PNG\r\n\x1a\n garbage", 17));
    return {qs(fixturePath("images/img0_photo_640x480.jpg")), qs(fixturePath("images/img1_tall_300x900.png")),
            dir.filePath(QStringLiteral("corrupt.png")), qs(fixturePath("images/img2_rgba_256x200.png"))};
}

/// Waits for the answer of request `id` on `controller`.
std::optional<InferenceResult> answer(InferenceController *controller, quint64 id)
{
    QSignalSpy finished(controller, &InferenceController::finished);
    if (id == 0 || !finished.wait(120000))
        return std::nullopt;
    const auto result = finished.last().at(0).value<InferenceResult>();
    return result.id == id ? std::optional<InferenceResult>(result) : std::nullopt;
}

/// Every image's shapes and captions, provenance left out.
std::vector<std::pair<std::vector<Shape>, std::vector<Caption>>> documentAnswers(Document *doc)
{
    std::vector<std::pair<std::vector<Shape>, std::vector<Caption>>> out;
    for (int i = 0; i < doc->imageCount(); ++i)
        out.emplace_back(withoutProvenance(doc->image(i).shapes), doc->image(i).captions);
    return out;
}

/// Whether image `index`'s shapes are core's runTiled answer on it with `options` (image pixels,
/// merged), as an interactive tiled run gives them.
bool landedAsRunTiled(const Studio &s, int index, const TiledRunOptions &options)
{
    static Pipeline pipeline(TestModels::get().loc.toStdString());
    const RgbImage decoded = decodeImageFile(s.doc()->absolutePath(index).toStdString());
    const TiledResult want = runTiled(pipeline, decoded, s.taskDock()->job().request(), options);
    const std::vector<Shape> &got = s.doc()->image(index).shapes;
    if (want.shapes.empty() || got.size() != want.shapes.size())
        return false;
    for (std::size_t k = 0; k < got.size(); ++k) {
        const Box g = got[k].boundingBox(), e = want.shapes[k].boundingBox();
        // Same computation on the same pixels; 1e-3 px allows for the float -> double round trip.
        if (got[k].label != want.shapes[k].label || std::abs(g.x1 - e.x1) >= 1e-3 || std::abs(g.y1 - e.y1) >= 1e-3
            || std::abs(g.x2 - e.x2) >= 1e-3 || std::abs(g.y2 - e.y2) >= 1e-3)
            return false;
    }
    return true;
}

} // namespace

class TestBatchPasses : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passMatchesOneByOne_data();
    void passMatchesOneByOne();
    void passCancelStopsWithinOneStep();
    void batchSizesGiveTheSameShapes_data();
    void batchSizesGiveTheSameShapes();
    void loweredBatchSizeIsShownAndUsed();
    void cancelStopsThePass();
    void supersededPassGoesBackIntoTheQueue();
    void tiledBatchRunsEachImageTiled();
    void tilesLeaveSmallImagesInPasses();
};

void TestBatchPasses::passMatchesOneByOne_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<int>("chain");
    QTest::newRow("<OD>") << int(Task::ObjectDetection) << int(Chain::None);
    QTest::newRow("<OCR_WITH_REGION>") << int(Task::OcrWithRegion) << int(Chain::None);
    QTest::newRow("<CAPTION>") << int(Task::Caption) << int(Chain::None);
    QTest::newRow("<OD>+segment") << int(Task::ObjectDetection) << int(Chain::DetectThenSegment);
}

void TestBatchPasses::passMatchesOneByOne()
{
    QFETCH(int, task);
    QFETCH(int, chain);
    InferenceController controller;
    QSignalSpy loaded(&controller, &InferenceController::modelLoaded);
    controller.loadModel(TestModels::get().loc, PipelineOptions{});
    QVERIFY(loaded.wait(30000));
    QTemporaryDir dir;
    const QStringList images = passImages(dir);
    AnnotateJob job;
    job.task = Task(task);
    job.chain = Chain(chain);
    job.maxNewTokens = 40;
    job.scores = chain == int(Chain::None); // scores are equal up to float noise: compared below

    InferenceRequest pass;
    pass.job = job;
    pass.batchImages = images;
    pass.batchSize = 4;
    QSignalSpy progress(&controller, &InferenceController::progress);
    const std::optional<InferenceResult> got = answer(&controller, controller.submit(pass));
    QVERIFY(got);
    QCOMPARE(int(got->status), int(InferenceStatus::Ok));
    QVERIFY(got->batch);
    QCOMPARE(got->batch->wanted, 4);
    QCOMPARE(got->batch->size, 4); // the tiny model fits
    QVERIFY(got->batch->estimateBytes > 0);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.first().at(0).value<InferenceProgress>().batch, got->batch); // told at the start
    QCOMPARE(got->items.size(), std::size_t(4));

    int answered = 0; // shapes and captions compared
    for (int k = 0; k < 4; ++k) {
        const InferenceResult &item = got->items[std::size_t(k)];
        QCOMPARE(item.imagePath, images[k]);
        QCOMPARE(item.doneKey, job.key());
        if (k == 2) { // the corrupt image fails alone, named
            QCOMPARE(int(item.status), int(InferenceStatus::Failed));
            QVERIFY2(item.error.contains(QStringLiteral("corrupt.png")), qPrintable(item.error));
            continue;
        }
        QCOMPARE(int(item.status), int(InferenceStatus::Ok));
        InferenceRequest alone;
        alone.job = job;
        alone.imagePath = images[k];
        const std::optional<InferenceResult> want = answer(&controller, controller.submit(alone));
        QVERIFY(want);
        QCOMPARE(int(want->status), int(InferenceStatus::Ok));
        QCOMPARE(item.imageWidth, want->imageWidth);
        QCOMPARE(item.imageHeight, want->imageHeight);
        QCOMPARE(item.runs.size(), want->runs.size());
        for (std::size_t r = 0; r < item.runs.size(); ++r) {
            QCOMPARE(item.runs[r].sequence, want->runs[r].sequence); // token-identical
            QCOMPARE(item.runs[r].text, want->runs[r].text);
        }
        QCOMPARE(item.annotations.captions, want->annotations.captions);
        std::vector<Shape> a = withoutProvenance(item.annotations.shapes);
        std::vector<Shape> b = withoutProvenance(want->annotations.shapes);
        QCOMPARE(a.size(), b.size());
        answered += int(a.size() + item.annotations.captions.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            // Scores: the stacked vision tower and padded encoder differ from a lone run in the last
            // float32 bits, which moves a score by up to 1.8e-4 (docs/architecture.md, "Batched
            // inference"); the manifest's sequence-score tolerance is 1e-4 per log-probability.
            QCOMPARE(a[i].score.has_value(), b[i].score.has_value());
            if (a[i].score)
                QVERIFY2(std::abs(*a[i].score - *b[i].score) < 1e-3,
                         qPrintable(QStringLiteral("%1 vs %2").arg(*a[i].score).arg(*b[i].score)));
            a[i].score = b[i].score;
            QVERIFY(a[i] == b[i]);
        }
    }
    QVERIFY(answered > 0); // at 40 tokens some images answer nothing parsable, not all
}

void TestBatchPasses::passCancelStopsWithinOneStep()
{
    InferenceController controller;
    QSignalSpy loaded(&controller, &InferenceController::modelLoaded);
    controller.loadModel(TestModels::get().plain, PipelineOptions{});
    QVERIFY(loaded.wait(30000));
    // The plain model never says EOS early: four 1000-token captions decoded together.
    InferenceRequest pass;
    pass.job.task = Task::Caption;
    pass.job.maxNewTokens = 1000;
    pass.job.numBeams = 3;
    pass.batchSize = 4;
    for (int k = 0; k < 4; ++k)
        pass.batchImages << qs(fixturePath("images/img0_photo_640x480.jpg"));
    QSignalSpy stopped(&controller, &InferenceController::stopped);
    QSignalSpy finished(&controller, &InferenceController::finished);
    QVERIFY(controller.submit(pass) != 0);
    InferenceWorker *worker = controller.worker();
    QVERIFY(QTest::qWaitFor([&] { return worker->decodingSteps() >= 4 * 20; }, 60000));
    const int stepsAtCancel = worker->decodingSteps();
    controller.cancel();
    QVERIFY(stopped.wait(10000));
    const int stepsAtStop = stopped.last().at(2).toInt();
    QVERIFY(finished.isEmpty());
    // The flag is read before every decoder step: at most the step in progress completes (each
    // step reports once per request of the pass).
    QVERIFY2(stepsAtStop - stepsAtCancel <= 4, qPrintable(QStringLiteral("%1 -> %2").arg(stepsAtCancel).arg(stepsAtStop)));
    qInfo("pass of 4 cancelled: stopped %.2f ms after the flag, %d -> %d progress steps",
          stopped.last().at(1).toDouble(), stepsAtCancel, stepsAtStop);
}

void TestBatchPasses::batchSizesGiveTheSameShapes_data()
{
    QTest::addColumn<int>("task");
    QTest::newRow("<OD>") << int(Task::ObjectDetection);
    QTest::newRow("<OCR_WITH_REGION>") << int(Task::OcrWithRegion);
}

void TestBatchPasses::batchSizesGiveTheSameShapes()
{
    QFETCH(int, task);
    Studio s;
    s.taskDock()->setTask(Task(task));
    Document *doc = s.doc();
    const int start = doc->undoStack()->index();

    // One image at a time, interactively.
    for (int i = 0; i < doc->imageCount(); ++i) {
        QVERIFY(s.show(i));
        QVERIFY(s.run());
    }
    const auto interactive = documentAnswers(doc);
    int shapes = 0;
    for (const auto &image : interactive)
        shapes += int(image.first.size());
    QVERIFY(shapes > 0); // at 40 tokens an image may answer nothing parsable, not all of them
    const int interactiveSteps = doc->undoStack()->count() - start; // one per image that answered

    BatchRunner *batch = s.session()->batch();
    BatchDock *dock = s.session()->batchDock();
    dock->forceBox()->setChecked(true);
    for (int size : {1, 4}) {
        doc->undoStack()->setIndex(start);
        QVERIFY(doc->image(0).shapes.empty());
        dock->setBatchSize(size);
        QSignalSpy progress(s.controller(), &InferenceController::progress);
        QSignalSpy finished(batch, &BatchRunner::finished);
        QVERIFY(s.session()->startBatch());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(batch->stats().processed, doc->imageCount());
        QCOMPARE(doc->undoStack()->count(), start + interactiveSteps); // one step per image, as interactively
        QVERIFY2(documentAnswers(doc) == interactive, qPrintable(QStringLiteral("batch size %1").arg(size)));
        for (int i = 0; i < doc->imageCount(); ++i)
            QCOMPARE(doc->image(i).doneTasks, std::vector<std::string>{s.taskDock()->job().key()});
        // The passes: ceil(3 / size) requests, each told the batch size in use.
        QSet<quint64> passes;
        for (const QList<QVariant> &args : progress) {
            const auto p = args.at(0).value<InferenceProgress>();
            QVERIFY(p.batch);
            QCOMPARE(p.batch->size, size);
            passes.insert(p.id);
        }
        QCOMPARE(int(passes.size()), (doc->imageCount() + size - 1) / size);
        QVERIFY(batch->batchSize());
        QCOMPARE(batch->batchSize()->size, size);
        const QString note = dock->batchSizeLabel()->text();
        QVERIFY2(note.startsWith(QStringLiteral("Batch size %1; estimated ").arg(size)) && note.contains(QStringLiteral("available")),
                 qPrintable(note));
    }
}

void TestBatchPasses::loweredBatchSizeIsShownAndUsed()
{
    Studio s;
    for (const char *name : {"d.jpg", "e.jpg", "f.jpg"}) // six images
        QVERIFY(copyFixtureImage("img0_photo_640x480.jpg", s.dir.filePath(QString::fromLatin1(name))));
    QVERIFY(s.w->openFolder(s.dir.path(), false));
    QCOMPARE(s.doc()->imageCount(), 6);
    s.taskDock()->setTask(Task::ObjectDetection);
    const AnnotateJob job = s.taskDock()->job();
    // Memory for 1.2 requests of this job (80 % of 1.5): the worker lowers 3 to 1.
    Pipeline pipeline(TestModels::get().loc.toStdString());
    const std::int64_t one = pipeline.estimateBatchBytes(1, job.numBeams, job.maxNewTokens);
    qputenv("FLORENCE_AVAILABLE_MEMORY", QByteArray::number(qint64(one + one / 2)));
    const auto restore = qScopeGuard([] { qunsetenv("FLORENCE_AVAILABLE_MEMORY"); });
    BatchRunner *batch = s.session()->batch();
    BatchDock *dock = s.session()->batchDock();
    dock->setBatchSize(3);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy chosen(batch, &BatchRunner::batchSizeChosen);
    QSignalSpy finished(batch, &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    QVERIFY(finished.wait(120000));
    QCOMPARE(batch->stats().processed, 6);
    QVERIFY(!chosen.isEmpty());
    QVERIFY(chosen.first().at(0).toBool()); // lowered
    QVERIFY(batch->batchSize());
    QCOMPARE(batch->batchSize()->wanted, 3);
    QCOMPARE(batch->batchSize()->size, 1);
    QCOMPARE(batch->batchSize()->availableBytes, one + one / 2);
    QCOMPARE(batch->batchSize()->estimateBytes, one);
    const QString note = dock->batchSizeLabel()->text();
    QVERIFY2(note.startsWith(QStringLiteral("Batch size 1, lowered from 3 to fit in memory; estimated ")), qPrintable(note));
    // The first pass took three images (run one by one inside it), the next ones one each.
    QVector<quint64> passes;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.at(0).value<InferenceProgress>();
        QVERIFY(p.batch);
        QCOMPARE(p.batch->size, 1);
        if (passes.isEmpty() || passes.last() != p.id)
            passes << p.id;
    }
    QCOMPARE(passes.size(), 4);
}

void TestBatchPasses::cancelStopsThePass()
{
    Studio s(TestModels::get().plain);
    s.taskDock()->setTask(Task::Caption);
    s.taskDock()->maxTokensBox()->setValue(1000); // the plain model never says EOS early
    BatchRunner *batch = s.session()->batch();
    BatchDock *dock = s.session()->batchDock();
    dock->setBatchSize(4);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy stopped(s.controller(), &InferenceController::stopped);
    QSignalSpy finished(batch, &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    QVERIFY(QTest::qWaitFor([&] {
        for (const QList<QVariant> &args : progress)
            if (args.at(0).value<InferenceProgress>().progress.tokens >= 10)
                return true;
        return false;
    }, 60000));
    QVERIFY2(s.taskDock()->stageLabel()->text().startsWith(QStringLiteral("4 images together · ")),
             qPrintable(s.taskDock()->stageLabel()->text()));
    QTest::mouseClick(dock->cancelButton(), Qt::LeftButton);
    QCOMPARE(finished.count(), 1); // the batch ends at once
    QCOMPARE(finished.last().at(0).toBool(), true);
    QVERIFY(!s.controller()->isBusy());
    QVERIFY(stopped.wait(10000) || !stopped.isEmpty()); // and the worker stops the whole pass
    QVERIFY(stopped.last().at(2).toInt() < 3 * 1000);
    QCOMPARE(batch->stats().processed, 0);
    QCOMPARE(batch->stats().done, 0);
    for (int i = 0; i < s.doc()->imageCount(); ++i) {
        QVERIFY(s.doc()->image(i).captions.empty());
        QVERIFY(s.doc()->image(i).doneTasks.empty()); // resumable: nothing of the pass counts as done
    }
    QVERIFY(dock->statsLabel()->text().contains(QStringLiteral("stopped")));
}

void TestBatchPasses::supersededPassGoesBackIntoTheQueue()
{
    // Another request replaces the pass in flight (something else was submitted): the batch pauses
    // with the pass's images back in the queue, and Resume runs every image once.
    Studio s;
    s.taskDock()->setTask(Task::ObjectDetection);
    BatchRunner *batch = s.session()->batch();
    s.session()->batchDock()->setBatchSize(2);
    QSignalSpy applied(batch, &BatchRunner::resultApplied);
    QSignalSpy finished(batch, &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    const quint64 pass = s.controller()->currentRequest();
    QVERIFY(pass != 0);
    InferenceRequest other;
    other.imagePath = s.doc()->absolutePath(0);
    other.job.task = Task::Caption;
    other.job.maxNewTokens = 8;
    const quint64 id = s.controller()->submit(other);
    QVERIFY(id != 0 && id != pass);
    QVERIFY(batch->isPaused());
    QVERIFY(batch->isRunning());
    QCOMPARE(batch->stats().done, 0);
    QVERIFY(QTest::qWaitFor([&] { return !s.controller()->isBusy(); }, 60000)); // the other request answered
    QCOMPARE(applied.count(), 0); // the superseded pass's answer was dropped
    batch->resume();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QCOMPARE(batch->stats().processed, 3);
    QCOMPARE(applied.count(), 3);
    QList<int> images;
    for (const QList<QVariant> &args : applied)
        images << args.at(0).toInt();
    QCOMPARE(images, (QList<int>{0, 1, 2})); // in order, none twice
}

void TestBatchPasses::tiledBatchRunsEachImageTiled()
{
    Studio s;
    TaskDock *dock = s.taskDock();
    dock->setTask(Task::ObjectDetection);
    dock->setTileMode(TaskDock::TileMode::Grid);
    dock->gridColsBox()->setValue(2);
    dock->gridRowsBox()->setValue(2);
    dock->overlapBox()->setValue(32);
    BatchRunner *batch = s.session()->batch();
    BatchDock *batchDock = s.session()->batchDock();
    batchDock->setBatchSize(4);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy finished(batch, &BatchRunner::finished);
    const int steps = s.doc()->undoStack()->count();
    QVERIFY(s.session()->startBatch());
    QVERIFY(batch->isTiled());
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QCOMPARE(batch->stats().processed, 3);
    QCOMPARE(s.doc()->undoStack()->count(), steps + 3); // one step per image
    QCOMPARE(batchDock->batchSizeLabel()->text(),
             QStringLiteral("Batch size 4; images of more than one tile run tiled, one at a time"));
    // One request per image, every report a tile of a 2 x 2 grid, none a batch pass.
    QSet<quint64> requests;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.at(0).value<InferenceProgress>();
        QVERIFY(p.tiled);
        QCOMPARE(p.runs, 4);
        QVERIFY(!p.batch);
        requests.insert(p.id);
    }
    QCOMPARE(int(requests.size()), 3);

    // Every image's shapes are core's runTiled answer on it (image pixels, merged), as for an
    // interactive tiled run; the images count as done under the job's key plus the tiling's, the
    // key florence-cli annotate --tiles checkpoints under.
    TiledRunOptions options;
    options.tiling.gridCols = 2;
    options.tiling.gridRows = 2;
    options.tiling.overlap = 32;
    BatchOptions cli;
    cli.job = dock->job();
    cli.tiling = options;
    const std::string tiledKey = batchJobKey(cli);
    QVERIFY2(tiledKey.rfind("<OD>|tiles=2x2/32/", 0) == 0, tiledKey.c_str());
    for (int i = 0; i < s.doc()->imageCount(); ++i) {
        QVERIFY(landedAsRunTiled(s, i, options));
        QCOMPARE(s.doc()->image(i).doneTasks, std::vector<std::string>{tiledKey});
    }
    // The same tiles again: nothing to do. Whole images: another job, so every image runs again.
    // (A batch with nothing to do may finish inside startBatch.)
    auto runBatch = [&] {
        const int before = int(finished.count());
        return s.session()->startBatch() && (finished.count() > before || finished.wait(120000));
    };
    QVERIFY(runBatch());
    QCOMPARE(batch->stats().skipped, 3);
    QCOMPARE(batch->stats().processed, 0);
    dock->setTileMode(TaskDock::TileMode::Off);
    QVERIFY(runBatch());
    QVERIFY(!batch->isTiled());
    QCOMPARE(batch->stats().skipped, 0);
    QCOMPARE(batch->stats().processed, 3);
    for (int i = 0; i < s.doc()->imageCount(); ++i)
        QCOMPARE(s.doc()->image(i).doneTasks, (std::vector<std::string>{tiledKey, "<OD>"}));
    dock->setTileMode(TaskDock::TileMode::Grid);

    // A chain does not tile (as in interactive runs): the same panel settings batch it.
    dock->chainBox()->setCurrentIndex(dock->chainBox()->findData(int(Chain::DetectThenSegment)));
    batchDock->forceBox()->setChecked(true);
    QVERIFY(s.session()->startBatch());
    QVERIFY(!batch->isTiled());
    QVERIFY(finished.wait(120000));
    QCOMPARE(batch->stats().processed, 3);
    QVERIFY(batchDock->batchSizeLabel()->text().startsWith(QStringLiteral("Batch size 4")));
}

void TestBatchPasses::tilesLeaveSmallImagesInPasses()
{
    // The three fixture images fit in one 1024-pixel tile; a 2200 x 1000 image needs three.
    Studio s;
    QImage big(2200, 1000, QImage::Format_RGB32);
    big.fill(Qt::darkCyan);
    QPainter painter(&big);
    painter.fillRect(QRect(300, 200, 500, 400), Qt::yellow);
    painter.fillRect(QRect(1500, 300, 400, 500), Qt::red);
    painter.end();
    QVERIFY(big.save(s.dir.filePath(QStringLiteral("z_big.png"))));
    QVERIFY(s.w->openFolder(s.dir.path(), false));
    QCOMPARE(s.doc()->imageCount(), 4);
    const int bigIndex = s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("z_big.png")));
    QCOMPARE(bigIndex, 3);
    // Sizes come with the thumbnails (an image of unknown size would run tiled, alone).
    QVERIFY(QTest::qWaitFor([&] {
        for (int i = 0; i < 4; ++i)
            if (s.doc()->image(i).width <= 0)
                return false;
        return true;
    }, 20000));
    QCOMPARE(s.doc()->image(bigIndex).width, 2200);
    TaskDock *dock = s.taskDock();
    dock->setTask(Task::ObjectDetection);
    dock->setTileMode(TaskDock::TileMode::Auto);
    BatchRunner *batch = s.session()->batch();
    s.session()->batchDock()->setBatchSize(4);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy finished(batch, &BatchRunner::finished);
    QVERIFY(s.session()->startBatch());
    QVERIFY(finished.wait(120000));
    QCOMPARE(batch->stats().processed, 4);
    // Two requests: a pass of the three small images, then the big one tiled (3 tiles).
    QVector<quint64> requests;
    QSet<quint64> passes, tiled;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.at(0).value<InferenceProgress>();
        if (requests.isEmpty() || requests.last() != p.id)
            requests << p.id;
        if (p.batch)
            passes.insert(p.id);
        if (p.tiled) {
            QCOMPARE(p.runs, 3);
            tiled.insert(p.id);
        }
    }
    QCOMPARE(requests.size(), 2);
    QCOMPARE(passes, QSet<quint64>{requests[0]});
    QCOMPARE(tiled, QSet<quint64>{requests[1]});
    // Either way every image got what a tiled run on it gives (one tile: the whole-image answer).
    for (int i = 0; i < 4; ++i)
        QVERIFY2(landedAsRunTiled(s, i, TiledRunOptions{}), qPrintable(s.doc()->absolutePath(i)));
}

FLORENCE_TEST_CLASS(TestBatchPasses)

#include "test_batch_passes.moc"
