// The Model panel's Tiles option (issue 16) through the real window: the grid preview on the
// canvas is core's tile plan, a tiled run goes through the inference worker (progress per tile,
// cancel) and its shapes land in image pixels exactly as core's runTiled puts them, and an answer
// cut at max_new_tokens shows the badge that suggests tiles.
#include "canvas/items/tile_grid_item.h"
#include "document/document.h"
#include "image/decode.h"
#include "inference_test_support.h"
#include "pipeline.h"
#include "test_registry.h"
#include "tiling/tiled_run.h"

#include <QAction>
#include <QLabel>
#include <QUndoStack>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

namespace {

QVector<QRect> corePlan(int width, int height, const TilingOptions &options)
{
    QVector<QRect> out;
    for (const Tile &t : planTiles(width, height, options))
        if (!t.fullImage)
            out << QRect(t.rect.x, t.rect.y, t.rect.width, t.rect.height);
    return out;
}

} // namespace

class TestTilesUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridPreviewIsCoresPlan();
    void tiledRunLandsInImagePixels();
    void tiledRunCancels();
    void truncatedAnswerShowsBadge();
    void screenshot();
};

void TestTilesUi::gridPreviewIsCoresPlan()
{
    Studio s;
    QVERIFY(s.show(s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("a.jpg"))))); // 640 x 480
    TaskDock *dock = s.taskDock();
    TileGridItem *grid = s.session()->tileGrid();
    QVERIFY(grid);
    QCOMPARE(grid->scene(), static_cast<QGraphicsScene *>(s.w->scene()));
    QVERIFY(!grid->isVisible()); // Off by default
    QCOMPARE(grid->acceptedMouseButtons(), Qt::NoButton); // never takes a click from the tools

    dock->setTask(Task::ObjectDetection);
    dock->setTileMode(TaskDock::TileMode::Grid);
    dock->gridColsBox()->setValue(3);
    dock->gridRowsBox()->setValue(2);
    dock->overlapBox()->setValue(40);
    TilingOptions grid32;
    grid32.gridCols = 3;
    grid32.gridRows = 2;
    grid32.overlap = 40;
    QVERIFY(grid->isVisible());
    QCOMPARE(grid->tiles(), corePlan(640, 480, grid32));
    QCOMPARE(grid->tiles().size(), 6);
    QCOMPARE(grid->boundingRect(), QRectF(0, 0, 640, 480));

    dock->setTileMode(TaskDock::TileMode::Size);
    dock->tileSizeBox()->setValue(256);
    dock->overlapBox()->setValue(64);
    TilingOptions size256;
    size256.tileSize = 256;
    size256.overlap = 64;
    QCOMPARE(grid->tiles(), corePlan(640, 480, size256));
    QVERIFY(dock->tiling().has_value());
    QCOMPARE(dock->tiling()->tiling.tileSize, 256);

    // Another image: the grid follows its size.
    QVERIFY(s.show(s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("b.png"))))); // 300 x 900
    QCOMPARE(grid->tiles(), corePlan(300, 900, size256));

    // Auto is core's default plan (one tile on these small images).
    dock->setTileMode(TaskDock::TileMode::Auto);
    QCOMPARE(grid->tiles(), corePlan(300, 900, TilingOptions{}));

    // A task that does not tile: option disabled, no preview; Off: none either.
    dock->setTask(Task::Caption);
    QVERIFY(!dock->tileModeBox()->isEnabled());
    QVERIFY(!grid->isVisible());
    QVERIFY(grid->tiles().isEmpty());
    dock->setTask(Task::OcrWithRegion);
    QVERIFY(grid->isVisible());
    dock->setTileMode(TaskDock::TileMode::Off);
    QVERIFY(!grid->isVisible());
    QVERIFY(!dock->tiling().has_value());
}

void TestTilesUi::tiledRunLandsInImagePixels()
{
    Studio s;
    const int image = s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("a.jpg")));
    QVERIFY(s.show(image));
    TaskDock *dock = s.taskDock();
    dock->setTask(Task::ObjectDetection);
    dock->setTileMode(TaskDock::TileMode::Grid);
    dock->gridColsBox()->setValue(2);
    dock->gridRowsBox()->setValue(2);
    dock->overlapBox()->setValue(32);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    const int steps = s.doc()->undoStack()->count();
    InferenceResult result;
    QVERIFY(s.run(&result));
    QCOMPARE(int(result.status), int(InferenceStatus::Ok));
    QCOMPARE(result.tiles, 4);
    QCOMPARE(result.runs.size(), std::size_t(4));
    QCOMPARE(result.imageWidth, 640);
    // Progress named every tile, in order.
    QSet<int> tilesSeen;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.at(0).value<InferenceProgress>();
        QVERIFY(p.tiled);
        QCOMPARE(p.runs, 4);
        tilesSeen.insert(p.run);
    }
    QCOMPARE(tilesSeen, (QSet<int>{1, 2, 3, 4}));
    QVERIFY(s.taskDock()->rawOutput()->toPlainText().contains(QStringLiteral("Tile 4 of 4")));

    // The shapes are core's runTiled answer on the decoded image: image pixels, merged.
    Pipeline pipeline(TestModels::get().loc.toStdString());
    const RgbImage decoded = decodeImageFile(s.dir.filePath(QStringLiteral("a.jpg")).toStdString());
    TiledRunOptions options;
    options.tiling.gridCols = 2;
    options.tiling.gridRows = 2;
    options.tiling.overlap = 32;
    const TiledResult want = runTiled(pipeline, decoded, dock->job().request(), options);
    QVERIFY(!want.shapes.empty()); // the loc-biased model answers with boxes on every tile
    const std::vector<Shape> &got = s.doc()->image(image).shapes;
    QCOMPARE(got.size(), want.shapes.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].label, want.shapes[i].label);
        const Box g = got[i].boundingBox(), e = want.shapes[i].boundingBox();
        QVERIFY(std::abs(g.x1 - e.x1) < 1e-3 && std::abs(g.y1 - e.y1) < 1e-3 && std::abs(g.x2 - e.x2) < 1e-3
                && std::abs(g.y2 - e.y2) < 1e-3);
        QVERIFY(g.x1 >= -1 && g.y1 >= -1 && g.x2 <= 641 && g.y2 <= 481);
    }
    // ... and not the whole-image answer: some shape lies in the right or lower tiles only.
    bool beyondFirstTile = false;
    for (const Shape &shape : got)
        beyondFirstTile |= shape.boundingBox().x1 > 336 || shape.boundingBox().y1 > 256;
    QVERIFY(beyondFirstTile);
    QCOMPARE(s.doc()->undoStack()->count(), steps + 1); // one undoable step
}

void TestTilesUi::tiledRunCancels()
{
    Studio s;
    QVERIFY(s.show(s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("a.jpg")))));
    TaskDock *dock = s.taskDock();
    dock->setTask(Task::ObjectDetection);
    dock->setTileMode(TaskDock::TileMode::Size);
    dock->tileSizeBox()->setValue(64);
    dock->overlapBox()->setValue(0);
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy stopped(s.controller(), &InferenceController::stopped);
    const int image = s.w->currentImage();
    const quint64 id = s.session()->runCurrent();
    QVERIFY(id != 0);
    QVERIFY(QTest::qWaitFor([&] {
        for (const QList<QVariant> &args : progress)
            if (args.at(0).value<InferenceProgress>().run >= 2)
                return true;
        return false;
    }, 60000));
    QVERIFY(dock->cancelButton()->isEnabled());
    dock->cancelButton()->click();
    // The worker stops (its answer is dropped: nothing lands) long before the 80th tile.
    QVERIFY(stopped.wait(60000) || !stopped.isEmpty());
    QCOMPARE(stopped.last().at(0).value<quint64>(), id);
    QCOMPARE(progress.last().at(0).value<InferenceProgress>().runs, 80); // 10 x 8 tiles of 64 px
    QVERIFY(progress.last().at(0).value<InferenceProgress>().run < 80);
    QVERIFY(s.doc()->image(image).shapes.empty());
    QVERIFY(dock->stageLabel()->text().contains(QStringLiteral("Cancelled")));
}

void TestTilesUi::truncatedAnswerShowsBadge()
{
    Studio s;
    QVERIFY(s.show(s.doc()->indexOfPath(s.dir.filePath(QStringLiteral("a.jpg")))));
    TaskDock *dock = s.taskDock();
    QVERIFY(dock->truncatedBadge()->isHidden());
    dock->setTask(Task::OcrWithRegion);
    dock->maxTokensBox()->setValue(12); // the loc-biased model never stops this early
    InferenceResult result;
    QVERIFY(s.run(&result));
    QVERIFY(result.runs.at(0).truncated);
    QVERIFY(isTruncated(result));
    QVERIFY(!dock->truncatedBadge()->isHidden());
    QVERIFY2(dock->truncatedBadge()->text().contains(QStringLiteral("Tiles")), qPrintable(dock->truncatedBadge()->text()));
    QVERIFY(dock->truncatedBadge()->text().contains(QStringLiteral("12 tokens")));
    // A tiled run names the tiles that were cut.
    dock->setTileMode(TaskDock::TileMode::Grid);
    dock->gridColsBox()->setValue(2);
    dock->gridRowsBox()->setValue(1);
    QVERIFY(s.run(&result));
    QCOMPARE(result.truncatedTiles, 2);
    QVERIFY(dock->truncatedBadge()->text().contains(QStringLiteral("2 tile(s)")));
    // A run that ends by itself hides the badge (the plain model answers a caption with EOS).
    dock->setTileMode(TaskDock::TileMode::Off);
    QVERIFY(s.load(TestModels::get().plain));
    dock->setTask(Task::Caption);
    dock->maxTokensBox()->setValue(200);
    QVERIFY(s.run(&result));
    if (!isTruncated(result))
        QVERIFY(dock->truncatedBadge()->isHidden());
    else
        QVERIFY(!dock->truncatedBadge()->isHidden());
}

void TestTilesUi::screenshot()
{
    // docs/tiles.png: a 2400 x 1800 photo, Auto tiles (1024 px, 128 px overlap: 3 x 2), the grid
    // over the merged answer, per-tile raw output, and the badge of tiles cut at max tokens.
    QTemporaryDir tmp;
    const QString outDir = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    QTemporaryDir dir;
    QImage photo(QStringLiteral(FLORENCE_TEST_DATA "/../../resources/samples/house.jpg"));
    QVERIFY(!photo.isNull());
    QVERIFY(photo.scaled(2400, 1800, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .save(dir.filePath(QStringLiteral("aerial.jpg")), "JPG", 90));
    MainWindow w;
    FakePrompts prompts;
    w.setPrompts(&prompts);
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy shown(&w, &MainWindow::imageShown);
    QVERIFY(w.openFolder(dir.path(), false));
    QVERIFY(shown.wait(10000) || !shown.isEmpty());
    ModelSession *session = w.modelSession();
    session->loadModel(TestModels::get().loc);
    QVERIFY(QTest::qWaitFor([&] { return session->controller()->isModelReady(); }, 30000));
    TaskDock *dock = session->taskDock();
    dock->setTask(Task::ObjectDetection);
    dock->maxTokensBox()->setValue(40);
    dock->setTileMode(TaskDock::TileMode::Auto);
    QCOMPARE(session->tileGrid()->tiles().size(), 6);
    QSignalSpy done(session, &ModelSession::runFinished);
    QVERIFY(session->runCurrent() != 0);
    QVERIFY(done.wait(120000));
    QVERIFY(!w.document()->image(0).shapes.empty());
    w.action(QStringLiteral("actionFit"))->trigger();
    QCoreApplication::processEvents();
    QTest::qWait(200);
    const QImage grab = w.grab().toImage();
    QVERIFY(looksRendered(grab));
    // A palette image keeps the PNG small enough for the README.
    QVERIFY(grab.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither).save(outDir + QStringLiteral("/tiles.png")));
}

FLORENCE_TEST_CLASS(TestTilesUi)
#include "test_tiles_ui.moc"
