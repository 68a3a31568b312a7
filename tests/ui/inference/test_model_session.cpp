// Tests of the model side of the main window: every task end to end through the worker into the
// document (one undo step each), region answers attached to the selected shapes, chains, crafted
// answers rendered as overlays, scores and the threshold, plots, the raw output, a responsive event
// loop during a run, closing during a run, model settings and screenshots.
#include "canvas/items/shape_item.h"
#include "dialogs/model_settings_dialog.h"
#include "inference/inference_worker.h"
#include "inference/task_names.h"
#include "inference_test_support.h"
#include "panels/plots_dock.h"
#include "panels/text_dock.h"
#include "project/project_io.h"
#include "annotate/project.h"
#include "convert.h"
#include "inference/batch_runner.h"
#include "inference/model_settings.h"
#include "panels/batch_dock.h"
#include "tasks/postprocess.h"
#include "tasks/quantizer.h"
#include "test_registry.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QCheckBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QtTest>

#include "panels/qcustomplot_include.h"

#include <numeric>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

namespace {

/// Kinds of the scene items of the current image, in document order.
QList<ShapeKind> itemKinds(const Studio &s)
{
    QList<ShapeKind> kinds;
    for (ShapeId id : s.doc()->shapeIds(s.w->currentImage()))
        if (ShapeItem *item = s.w->scene()->itemFor(id))
            kinds << item->annotation().kind;
    return kinds;
}

} // namespace

class TestModelSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }
    void cleanupTestCase();
    void statusLinePointsToTheAction();
    void everyTaskEndToEnd_data();
    void everyTaskEndToEnd();
    void regionTasksAttachToEachSelectedShape();
    void chainsRunInOneClick_data();
    void chainsRunInOneClick();
    void craftedAnswersBecomeOverlays_data();
    void craftedAnswersBecomeOverlays();
    void scoresShowAndFilter();
    void plotsFollowTheProject();
    void eventLoopStaysResponsive();
    void closingDuringRunIsClean();
    void modelSettings();
    void startupModelFolder();
    void screenshots();

private:
    // Windows shared by the rows of a table (destroyed before the application).
    std::unique_ptr<Studio> m_locStudio, m_plainStudio, m_craftedStudio;
};

void TestModelSession::cleanupTestCase()
{
    m_locStudio.reset();
    m_plainStudio.reset();
    m_craftedStudio.reset();
}

void TestModelSession::statusLinePointsToTheAction()
{
    Studio s{QString()};
    QVERIFY(s.session()->modelStatusText().startsWith(QStringLiteral("No model loaded — Model ▸ Choose Model Folder…")));
    // The named action exists in the Model menu, and Help ▸ Getting a model stays.
    QStringList model;
    for (QAction *a : s.w->modelMenu()->actions())
        model << a->text().remove(QLatin1Char('&'));
    QVERIFY2(model.contains(QStringLiteral("Choose Model Folder…")), qPrintable(model.join(QLatin1Char('|'))));
    QVERIFY(model.contains(QStringLiteral("Getting a model…")));
    QVERIFY(!s.taskDock()->runButton()->isEnabled());
    QString why;
    QCOMPARE(s.session()->runCurrent(&why), quint64(0));
    QVERIFY(why.contains(QStringLiteral("Choose Model Folder")));
    // Loading shows the model.
    QVERIFY(s.load(TestModels::get().loc));
    QVERIFY2(s.session()->modelStatusText().startsWith(QStringLiteral("Florence-2 custom · ")),
             qPrintable(s.session()->modelStatusText()));
    QVERIFY(s.session()->modelStatusText().contains(QStringLiteral("fp32 · CPU")));
    QCOMPARE(QSettings().value(QStringLiteral("model/dir")).toString(), TestModels::get().loc);
    QVERIFY(s.taskDock()->runButton()->isEnabled());
}

void TestModelSession::everyTaskEndToEnd_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<bool>("locModel"); // the <loc_N>-biased model answers with geometry, the plain one with words
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expect");
    QTest::newRow("caption") << int(Task::Caption) << false << "" << "caption";
    QTest::newRow("detailed caption") << int(Task::DetailedCaption) << false << "" << "caption";
    QTest::newRow("more detailed caption") << int(Task::MoreDetailedCaption) << false << "" << "caption";
    QTest::newRow("od") << int(Task::ObjectDetection) << true << "" << "box";
    QTest::newRow("dense region caption") << int(Task::DenseRegionCaption) << true << "" << "box";
    QTest::newRow("region proposal") << int(Task::RegionProposal) << true << "" << "box";
    QTest::newRow("ocr") << int(Task::Ocr) << false << "" << "caption";
    QTest::newRow("ocr with region") << int(Task::OcrWithRegion) << true << "" << "quad";
    QTest::newRow("phrase grounding") << int(Task::CaptionToPhraseGrounding) << true << "a car and a dog" << "box";
    QTest::newRow("referring segmentation") << int(Task::ReferringExpressionSegmentation) << true << "the car"
                                            << "polygon";
    QTest::newRow("region to segmentation") << int(Task::RegionToSegmentation) << true << "" << "region polygon";
    QTest::newRow("open vocabulary") << int(Task::OpenVocabularyDetection) << true << "car" << "box or polygon";
    QTest::newRow("region to category") << int(Task::RegionToCategory) << false << "" << "region label";
    QTest::newRow("region to description") << int(Task::RegionToDescription) << false << "" << "region text";
    QTest::newRow("region to ocr") << int(Task::RegionToOcr) << false << "" << "region text";
}

void TestModelSession::everyTaskEndToEnd()
{
    QFETCH(int, task);
    QFETCH(bool, locModel);
    QFETCH(QString, text);
    QFETCH(QString, expect);
    std::unique_ptr<Studio> &studio = locModel ? m_locStudio : m_plainStudio; // one window per model
    if (!studio)
        studio = std::make_unique<Studio>(locModel ? TestModels::get().loc : TestModels::get().plain);
    Studio &s = *studio;
    QVERIFY(s.controller()->isModelReady());
    QVERIFY(s.show(0));
    const int image = s.w->currentImage();
    const Task t = Task(task);
    s.taskDock()->setTask(t);
    s.taskDock()->setText(text);
    QCOMPARE(s.taskDock()->textEdit()->isEnabled(), taskInfo(t).input == TaskInput::Text);
    QCOMPARE(s.taskDock()->taskBox()->currentText(), taskName(t));
    ShapeId region = 0;
    if (taskInfo(t).input == TaskInput::Region) {
        s.w->scene()->clearSelection();
        QVERIFY(!s.taskDock()->runButton()->isEnabled()); // no region yet
        region = s.addBox(Box{100, 80, 420, 400});
    }
    QVERIFY(s.taskDock()->runButton()->isEnabled());
    const ImageRecord before = s.doc()->image(image);
    const int steps = s.doc()->undoStack()->count();
    InferenceResult result;
    QString why;
    QVERIFY2(s.run(&result, &why), qPrintable(why));
    QCOMPARE(result.status, InferenceStatus::Ok);
    const ImageRecord &after = s.doc()->image(image);
    QCOMPARE(s.doc()->undoStack()->count(), steps + 1); // one undoable step
    QVERIFY(s.taskDock()->rawOutput()->toPlainText().contains(qs(result.runs.back().text)));
    const std::string token = taskInfo(t).token;
    if (expect == QLatin1String("caption")) {
        QCOMPARE(after.captions.size(), before.captions.size() + 1);
        QCOMPARE(after.captions.back().origin, token);
        QCOMPARE(after.shapes.size(), before.shapes.size());
        QCOMPARE(s.w->textDock()->captionList()->count(), int(after.captions.size()));
        QCOMPARE(after.doneTasks.back(), token);
    } else if (expect.startsWith(QLatin1String("region"))) {
        QCOMPARE(after.shapes.size(), before.shapes.size());
        const Shape *shape = s.doc()->shape(image, region);
        QVERIFY(shape);
        if (expect == QLatin1String("region label")) {
            QVERIFY(shape->label != "thing" && !shape->label.empty());
            QVERIFY(shape->label.find("<loc_") == std::string::npos);
        } else if (expect == QLatin1String("region text")) {
            QVERIFY(!shape->text.empty());
            QCOMPARE(shape->label, std::string("thing"));
        } else {
            QCOMPARE(int(shape->kind), int(ShapeKind::Polygon));
            QCOMPARE(shape->origin, token);
            QCOMPARE(shape->label, std::string("thing"));
        }
    } else {
        QVERIFY2(after.shapes.size() > before.shapes.size(), qPrintable(s.taskDock()->rawOutput()->toPlainText()));
        const QList<ShapeKind> kinds = itemKinds(s).mid(int(before.shapes.size()));
        QCOMPARE(kinds.size(), int(after.shapes.size() - before.shapes.size())); // every shape has its item
        for (std::size_t i = before.shapes.size(); i < after.shapes.size(); ++i) {
            const Shape &shape = after.shapes[i];
            QCOMPARE(shape.origin, token);
            if (expect == QLatin1String("box"))
                QCOMPARE(int(shape.kind), int(ShapeKind::Box));
            else if (expect == QLatin1String("quad"))
                QVERIFY(shape.kind == ShapeKind::Quad && shape.label == "text" && shape.rings[0].size() == 4);
            else if (expect == QLatin1String("polygon"))
                QVERIFY(shape.kind == ShapeKind::Polygon && !shape.rings.empty());
            else
                QVERIFY(shape.kind == ShapeKind::Box || shape.kind == ShapeKind::Polygon);
        }
        if (before.status == ImageStatus::None || before.status == ImageStatus::PreAnnotated)
            QCOMPARE(int(after.status), int(ImageStatus::PreAnnotated));
    }
    // Undo takes the whole answer back, redo restores it exactly.
    const ImageRecord applied = after;
    s.doc()->undoStack()->undo();
    QVERIFY(s.doc()->image(image).shapes == before.shapes);
    QVERIFY(s.doc()->image(image).captions == before.captions);
    s.doc()->undoStack()->redo();
    QVERIFY(s.doc()->image(image) == applied);
}

void TestModelSession::regionTasksAttachToEachSelectedShape()
{
    Studio s;
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::RegionToSegmentation);
    const ShapeId a = s.addBox(Box{20, 20, 200, 160}, "left");
    const ShapeId b = s.addBox(Box{300, 200, 600, 460}, "right");
    Shape quad;
    quad.kind = ShapeKind::Quad;
    quad.rings = {{{400, 10}, {500, 10}, {500, 60}, {400, 60}}};
    quad.label = "sign";
    const ShapeId c = s.doc()->addAnnotations(0, {quad}).value(0);
    s.w->scene()->selectIds({a, b, c});
    QCOMPARE(s.taskDock()->runButton()->isEnabled(), true);
    const int steps = s.doc()->undoStack()->count();
    const std::vector<Shape> before = s.doc()->image(0).shapes;
    InferenceResult result;
    QVERIFY(s.run(&result));
    QCOMPARE(result.runs.size(), std::size_t(3));
    // Each region's prompt is its own bounding box, quantized (a quad gives its bounding box).
    for (int i = 0; i < 3; ++i)
        QVERIFY(result.runs[std::size_t(i)].prompt.find(
                    boxToLocationTokens(before[std::size_t(i)].boundingBox(), 640, 480))
                != std::string::npos);
    QCOMPARE(s.doc()->undoStack()->count(), steps + 1);
    int polygons = 0;
    for (ShapeId id : {a, b, c}) {
        const Shape *shape = s.doc()->shape(0, id);
        QVERIFY(shape);
        polygons += shape->kind == ShapeKind::Polygon;
    }
    QVERIFY(polygons >= 2);
    QCOMPARE(s.doc()->shape(0, a)->label, std::string("left"));
    QCOMPARE(s.doc()->shape(0, b)->label, std::string("right"));
    s.doc()->undoStack()->undo();
    QVERIFY(s.doc()->image(0).shapes == before);

    // Several regions, one label each (region to category): one step too.
    s.taskDock()->setTask(Task::RegionToCategory);
    s.w->scene()->selectIds({a, b});
    QVERIFY(s.load(TestModels::get().plain));
    QVERIFY(s.run(&result));
    QCOMPARE(s.doc()->undoStack()->count(), steps + 1);
    QVERIFY(s.doc()->shape(0, a)->label != "left");
    QVERIFY(s.doc()->shape(0, b)->label != "right");
    QCOMPARE(s.doc()->shape(0, c)->label, std::string("sign"));
}

void TestModelSession::chainsRunInOneClick_data()
{
    QTest::addColumn<int>("chain");
    QTest::newRow("detect, then segment") << int(Chain::DetectThenSegment);
    QTest::newRow("detect, then describe") << int(Chain::DetectThenDescribe);
}

void TestModelSession::chainsRunInOneClick()
{
    QFETCH(int, chain);
    Studio s;
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::Caption); // the one-click buttons ignore the chosen task
    QSignalSpy progress(s.controller(), &InferenceController::progress);
    QSignalSpy done(s.session(), &ModelSession::runFinished);
    QPushButton *button = Chain(chain) == Chain::DetectThenSegment
        ? s.taskDock()->findChild<QPushButton *>(QStringLiteral("segmentChainButton"))
        : s.taskDock()->findChild<QPushButton *>(QStringLiteral("describeChainButton"));
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(done.wait(60000));
    const auto result = done.last().at(0).value<InferenceResult>();
    QCOMPARE(result.status, InferenceStatus::Ok);
    QCOMPARE(int(result.job.chain), int(Chain(chain)));
    const ImageRecord &record = s.doc()->image(0);
    QVERIFY(!record.shapes.empty());
    QCOMPARE(result.runs.size(), 1 + record.shapes.size()); // detection, then one region run per box
    const std::string origin = Chain(chain) == Chain::DetectThenSegment ? "<OD>+<REGION_TO_SEGMENTATION>"
                                                                        : "<OD>+<REGION_TO_DESCRIPTION>";
    for (const Shape &shape : record.shapes) {
        QCOMPARE(shape.origin, origin);
        if (Chain(chain) == Chain::DetectThenDescribe)
            QVERIFY(shape.kind == ShapeKind::Box && !shape.text.empty());
    }
    AnnotateJob job;
    job.chain = Chain(chain);
    QCOMPARE(record.doneTasks.back(), job.key());
    // Progress named the runs of the chain.
    int maxRun = 0;
    for (const QList<QVariant> &args : progress)
        maxRun = std::max(maxRun, args.at(0).value<InferenceProgress>().run);
    QCOMPARE(maxRun, int(result.runs.size()));
    // The timing line adds the stages of every run of the chain: they add up to (at most) the wall time.
    const RunTimings t = totalTimings(result);
    double lastRunTotal = 0.0;
    for (const RunResult &run : result.runs)
        lastRunTotal = run.timings.totalMs;
    QVERIFY(t.totalMs > lastRunTotal);
    QVERIFY2(t.preprocessMs + t.visionMs + t.encoderMs + t.decodeMs + t.postprocessMs <= result.wallMs + 1.0,
             qPrintable(QString::number(result.wallMs)));
}

void TestModelSession::craftedAnswersBecomeOverlays_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("generated");
    QTest::addColumn<QStringList>("tags");   // the tags drawn on the canvas, in order
    QTest::addColumn<QList<int>>("kinds");   // ShapeKind per shape
    QTest::addColumn<QString>("caption");    // the caption panel's new text
    QTest::newRow("od") << int(Task::ObjectDetection)
                        << "</s><s>car<loc_100><loc_200><loc_300><loc_400>dog<loc_500><loc_500><loc_600><loc_700></s>"
                        << QStringList{"car", "dog"} << QList<int>{int(ShapeKind::Box), int(ShapeKind::Box)} << "";
    QTest::newRow("region proposal") << int(Task::RegionProposal) << "</s><s><loc_1><loc_2><loc_30><loc_40></s>"
                                     << QStringList{""} << QList<int>{int(ShapeKind::Box)} << "";
    QTest::newRow("ocr with region")
        << int(Task::OcrWithRegion)
        << "</s><s>STOP<loc_100><loc_100><loc_300><loc_100><loc_300><loc_200><loc_100><loc_200>"
           "EXIT<loc_400><loc_400><loc_600><loc_410><loc_600><loc_500><loc_400><loc_490></s>"
        << QStringList{"text: STOP", "text: EXIT"} // the reference's leading </s> is not user text
        << QList<int>{int(ShapeKind::Quad), int(ShapeKind::Quad)} << "";
    QTest::newRow("referring segmentation")
        << int(Task::ReferringExpressionSegmentation)
        << "</s><s><loc_100><loc_100><loc_400><loc_120><loc_300><loc_500><loc_90><loc_400></s>" << QStringList{""}
        << QList<int>{int(ShapeKind::Polygon)} << "";
    QTest::newRow("ovd with polygon")
        << int(Task::OpenVocabularyDetection)
        << "</s><s>car<poly><loc_100><loc_100><loc_400><loc_120><loc_300><loc_500></poly></s>" << QStringList{"car"}
        << QList<int>{int(ShapeKind::Polygon)} << "";
    QTest::newRow("phrase grounding") << int(Task::CaptionToPhraseGrounding)
                                      << "</s><s>a car<loc_10><loc_20><loc_500><loc_600></s>" << QStringList{"a car"}
                                      << QList<int>{int(ShapeKind::Box)} << "";
    QTest::newRow("caption") << int(Task::Caption) << "</s><s>A cat on a mat.</s>" << QStringList{} << QList<int>{}
                             << "A cat on a mat.";
    QTest::newRow("ocr") << int(Task::Ocr) << "</s><s>HELLO WORLD</s>" << QStringList{} << QList<int>{}
                         << "HELLO WORLD";
}

void TestModelSession::craftedAnswersBecomeOverlays()
{
    QFETCH(int, task);
    QFETCH(QString, generated);
    QFETCH(QStringList, tags);
    QFETCH(QList<int>, kinds);
    QFETCH(QString, caption);
    if (!m_craftedStudio)
        m_craftedStudio = std::make_unique<Studio>(QString());
    Studio &s = *m_craftedStudio;
    QVERIFY(s.show(0));
    const Task t = Task(task);
    // The answer as the worker would hand it over: post-processed, converted, added in one step.
    const PostprocessResult parsed = postprocessGeneration(generated.toStdString(), taskInfo(t).token, 640, 480);
    const ResultAnnotations a = annotationsFromResult(parsed, 640, 480);
    const int first = int(s.doc()->image(0).shapes.size());
    const int captions = int(s.doc()->image(0).captions.size());
    s.doc()->addAnnotations(0, a.shapes, a.captions, taskInfo(t).token);
    QStringList drawn;
    QList<int> drawnKinds;
    const std::vector<ShapeId> &ids = s.doc()->shapeIds(0);
    for (std::size_t i = std::size_t(first); i < ids.size(); ++i) {
        ShapeItem *item = s.w->scene()->itemFor(ids[i]);
        QVERIFY(item && item->isVisible());
        drawn << item->tagText();
        drawnKinds << int(item->annotation().kind);
        // The overlay's outline is the shape's geometry in image pixels.
        QCOMPARE(item->outline().boundingRect(), toQt(item->annotation().boundingBox()));
    }
    QCOMPARE(drawn, tags);
    QCOMPARE(drawnKinds, kinds);
    if (!caption.isEmpty()) {
        QCOMPARE(s.w->textDock()->captionList()->count(), captions + 1);
        QCOMPARE(s.w->textDock()->captionList()->item(captions)->text(), caption);
    }
    if (t == Task::ObjectDetection) { // pixel coordinates: (bin + 0.5) * size / 1000
        const Box box = s.doc()->image(0).shapes[std::size_t(first)].box;
        QCOMPARE(box.x1, double(dequantizeCoordinate(100, 640)));
        QCOMPARE(box.y2, double(dequantizeCoordinate(400, 480)));
    }
}

void TestModelSession::scoresShowAndFilter()
{
    Studio s;
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::ObjectDetection);
    s.taskDock()->scoresBox()->setChecked(true);
    QVERIFY(s.run());
    const ImageRecord &record = s.doc()->image(0);
    QVERIFY(!record.shapes.empty());
    double low = 1, high = 0;
    for (std::size_t i = 0; i < record.shapes.size(); ++i) {
        const Shape &shape = record.shapes[i];
        QVERIFY(shape.score && *shape.score >= 0 && *shape.score <= 1);
        low = std::min(low, *shape.score);
        high = std::max(high, *shape.score);
        const QString tag = s.w->scene()->itemFor(s.doc()->shapeIds(0)[i])->tagText();
        QVERIFY2(tag.endsWith(QString::number(*shape.score, 'f', 2)), qPrintable(tag)); // "car 0.87"
    }
    // The threshold hides shapes below it (shapes without a score stay), and moving it back shows them.
    s.addBox(Box{1, 1, 50, 50}, "manual");
    QSlider *slider = s.taskDock()->thresholdSlider();
    const auto visibleCount = [&] {
        int n = 0;
        for (ShapeId id : s.doc()->shapeIds(0))
            n += s.w->scene()->itemFor(id)->isVisible();
        return n;
    };
    const int middle = int(std::round((low + high) * 50));
    slider->setValue(middle);
    QCOMPARE(s.doc()->scoreThreshold(), middle / 100.0);
    const int kept = int(std::count_if(record.shapes.begin(), record.shapes.end() - 1,
                                       [&](const Shape &x) { return *x.score >= middle / 100.0; }));
    QCOMPARE(visibleCount(), kept + 1); // the manual box has no score: always shown
    if (const int above = int(std::floor(high * 100)) + 1; above <= 100) {
        slider->setValue(above);
        QCOMPARE(visibleCount(), 1);
    }
    slider->setValue(0);
    for (ShapeId id : s.doc()->shapeIds(0))
        QVERIFY(s.w->scene()->itemFor(id)->isVisible());
    // The histogram counts every scored shape; scores are saved with the project.
    QTRY_COMPARE(std::accumulate(s.session()->plotsDock()->scoreHistogram().begin(),
                                 s.session()->plotsDock()->scoreHistogram().end(), 0),
                 int(record.shapes.size() - 1));
    QVERIFY(s.w->controller()->save());
    const Project saved = loadProject(defaultProjectPath(s.dir.path()).toStdString());
    QVERIFY(saved.images[0].shapes[0].score);
    qInfo("scores from %.3f to %.3f", low, high);
}

void TestModelSession::plotsFollowTheProject()
{
    Studio s;
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::ObjectDetection);
    QVERIFY(s.run());
    PlotsDock *plots = s.session()->plotsDock();
    QCPBars *timing = qobject_cast<QCPBars *>(plots->timingPlot()->plottable(0));
    QCOMPARE(timing->data()->size(), 4);
    const RunTimings t = totalTimings(s.session()->lastResult());
    QCOMPARE(timing->data()->at(3)->value, t.decodeMs);
    QVERIFY(t.decodeSteps > 0 && t.decodeMs > 0);
    // Label counts follow the document (coalesced).
    QCPBars *labels = qobject_cast<QCPBars *>(plots->labelPlot()->plottable(0));
    QTRY_COMPARE(labels->data()->size(), std::min(int(s.doc()->labelCounts().size()), int(PlotsDock::kMaxLabels)));
    double total = 0;
    for (auto it = labels->data()->constBegin(); it != labels->data()->constEnd(); ++it)
        total += it->value;
    QCOMPARE(int(total), int(s.doc()->image(0).shapes.size()));
}

void TestModelSession::eventLoopStaysResponsive()
{
    // A long run on the worker while the user zooms, pans and draws: the GUI thread keeps serving
    // events (a 5 ms timer's largest gap is measured) and every edit lands.
    Studio s(TestModels::get().plain);
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::Caption);
    s.taskDock()->beamsBox()->setValue(3);
    s.taskDock()->maxTokensBox()->setValue(600);
    QElapsedTimer sinceTick;
    qint64 maxGapNs = 0;
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        if (sinceTick.isValid())
            maxGapNs = std::max(maxGapNs, sinceTick.nsecsElapsed());
        sinceTick.start();
        ++ticks;
    });
    QSignalSpy done(s.session(), &ModelSession::runFinished);
    const quint64 id = s.session()->runCurrent();
    QVERIFY(id != 0);
    QElapsedTimer runClock;
    runClock.start();
    timer.start();
    QVERIFY(QTest::qWaitFor([&] { return s.controller()->worker()->decodingSteps() > 5; }, 30000));
    const double zoom = s.w->view()->transform().m11();
    s.w->action(QStringLiteral("actionZoomIn"))->trigger();
    QVERIFY(s.w->view()->transform().m11() > zoom);
    QTest::qWait(20);
    s.w->view()->horizontalScrollBar()->setValue(s.w->view()->horizontalScrollBar()->maximum());
    QTest::qWait(20);
    s.w->action(QStringLiteral("actionFit"))->trigger();
    const int shapes = int(s.doc()->image(0).shapes.size());
    s.w->action(QStringLiteral("actionToolBox"))->trigger();
    QWidget *vp = s.w->view()->viewport();
    const auto at = [&](double x, double y) { return s.w->view()->mapFromScene(QPointF(x, y)); };
    QTest::mousePress(vp, Qt::LeftButton, {}, at(50, 50));
    QTest::mouseMove(vp, at(120, 100));
    QTest::mouseMove(vp, at(200, 150));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, at(200, 150));
    s.w->action(QStringLiteral("actionToolSelect"))->trigger();
    QCOMPARE(int(s.doc()->image(0).shapes.size()), shapes + 1); // the edit landed during the run
    QVERIFY(s.controller()->isBusy());
    const QString stage = s.taskDock()->stageLabel()->text();
    QVERIFY2(stage.startsWith(QStringLiteral("Decoding: ")), qPrintable(stage));
    QVERIFY(done.wait(60000));
    timer.stop();
    const double runMs = double(runClock.nsecsElapsed()) / 1e6;
    QCOMPARE(done.last().at(0).value<InferenceResult>().status, InferenceStatus::Ok);
    QCOMPARE(s.doc()->image(0).captions.size(), std::size_t(1));
    const double maxGapMs = double(maxGapNs) / 1e6;
    qInfo("event loop during a %.0f ms run: %d ticks of a 5 ms timer, largest gap %.1f ms", runMs, ticks, maxGapMs);
    QVERIFY(runMs > 200);      // the run was long enough to mean something
    QVERIFY2(maxGapMs < 250, qPrintable(QString::number(maxGapMs))); // generous: a shared 2-core machine
}

void TestModelSession::closingDuringRunIsClean()
{
    auto s = std::make_unique<Studio>(TestModels::get().plain);
    QVERIFY(s->show(0));
    s->taskDock()->setTask(Task::Caption);
    s->taskDock()->beamsBox()->setValue(3);
    s->taskDock()->maxTokensBox()->setValue(1000);
    s->addBox(Box{1, 1, 20, 20});
    QVERIFY(s->session()->runCurrent() != 0);
    InferenceWorker *worker = s->controller()->worker();
    QVERIFY(QTest::qWaitFor([&] { return worker->decodingSteps() > 5; }, 30000));
    QThread *thread = s->controller()->thread();
    QElapsedTimer clock;
    clock.start();
    QVERIFY(s->w->close()); // saves, cancels, quits and waits for the worker
    const double closeMs = double(clock.nsecsElapsed()) / 1e6;
    QVERIFY(thread->isFinished());
    const QString project = defaultProjectPath(s->dir.path());
    s->w.reset();
    qInfo("closing during a run took %.1f ms", closeMs);
    QVERIFY(closeMs < 5000);
    QCOMPARE(loadProject(project.toStdString()).images[0].shapes.size(), std::size_t(1));
}

void TestModelSession::modelSettings()
{
    ModelSettingsDialog cpuOnly(PipelineOptions{ComputeDevice::Cpu, Precision::Bf16, 3}, false);
    QCOMPARE(cpuOnly.deviceBox()->count(), 1);
    QCOMPARE(cpuOnly.precisionBox()->count(), 2); // fp32, bf16: no fp16 on the CPU
    QCOMPARE(int(cpuOnly.options().precision), int(Precision::Bf16));
    QCOMPARE(cpuOnly.options().threads, 3);
    ModelSettingsDialog gpu(PipelineOptions{ComputeDevice::Cpu, Precision::Fp32, 0}, true);
    QCOMPARE(gpu.deviceBox()->count(), 2);
    gpu.deviceBox()->setCurrentIndex(1);
    QCOMPARE(gpu.precisionBox()->count(), 3);
    gpu.precisionBox()->setCurrentIndex(2);
    QCOMPARE(int(gpu.options().device), int(ComputeDevice::Cuda));
    QCOMPARE(int(gpu.options().precision), int(Precision::Fp16));
    gpu.deviceBox()->setCurrentIndex(0); // back to the CPU: fp16 goes away
    QCOMPARE(int(gpu.options().precision), int(Precision::Fp32));

    // Applying bf16 reloads the model in bf16; the threads reach the worker thread.
    Studio s;
    QSignalSpy threads(s.controller(), &InferenceController::threadsChanged);
    s.session()->applyOptions(PipelineOptions{ComputeDevice::Cpu, Precision::Bf16, 2});
    QVERIFY(threads.wait(10000) || !threads.isEmpty());
    QCOMPARE(threads.last().at(0).toInt(), 2);
    QVERIFY(QTest::qWaitFor([&] { return s.controller()->isModelReady(); }, 30000));
    QCOMPARE(s.controller()->summary().computeDtype, std::string("bf16"));
    QVERIFY(s.session()->modelStatusText().contains(QStringLiteral("bf16")));
    QCOMPARE(int(ModelSettings::savedOptions().precision), int(Precision::Bf16));
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::ObjectDetection);
    QVERIFY(s.run());
    s.session()->applyOptions(PipelineOptions{}); // back to the defaults for the other tests
}

void TestModelSession::startupModelFolder()
{
    qunsetenv("FLORENCE_MODEL_DIR");
    QCOMPARE(ModelSettings::startupModelDir(QString()), QString());
    QSettings().setValue(QStringLiteral("model/dir"), QStringLiteral("/remembered"));
    QCOMPARE(ModelSettings::startupModelDir(QString()), QStringLiteral("/remembered"));
    qputenv("FLORENCE_MODEL_DIR", "/from/env");
    QCOMPARE(ModelSettings::startupModelDir(QString()), QStringLiteral("/from/env"));
    QCOMPARE(ModelSettings::startupModelDir(QStringLiteral("/from/cli")), QStringLiteral("/from/cli"));
    qunsetenv("FLORENCE_MODEL_DIR");
    // A remembered folder that is gone: the model line says so, no dialog at start-up.
    Studio s{QString()};
    s.session()->loadModel(QStringLiteral("/nonexistent/model"), false);
    QVERIFY(QTest::qWaitFor([&] { return s.controller()->modelState() == InferenceController::ModelState::Failed; }, 30000));
    QVERIFY(s.prompts.warnings.isEmpty());
    QVERIFY(s.session()->modelStatusText().startsWith(QStringLiteral("Model not loaded")));
}

/// Runs OD, OCR with regions, segmentation (loc model on the sample images) and a batch and grabs the
/// window after each (od.png, ocr.png, segmentation.png, batch.png) and the four plots (plots.png),
/// checking that each rendered (full size, not blank). With FLORENCE_SCREENSHOT_DIR set they are
/// saved there (the README's screenshots); otherwise into a temporary folder.
void TestModelSession::screenshots()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    QTemporaryDir dir;
    for (const char *name : {"house.jpg", "receipt.png", "sign.jpg", "shapes.png"})
        QVERIFY(QFile::copy(QStringLiteral(FLORENCE_TEST_DATA "/../../resources/samples/") + QLatin1String(name),
                            dir.filePath(QLatin1String(name))));
    QVERIFY(copyFixtureImage("img0_photo_640x480.jpg", dir.filePath(QStringLiteral("photo.jpg"))));
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
    // The tiny random model's answers depend on the image and the length allowed: take the first
    // image and settings whose answer has shapes.
    const auto runOn = [&](const QStringList &files, Task task, bool scores, Chain chain = Chain::None) {
        for (const QString &file : files) {
            const int index = w.document()->indexOfPath(dir.filePath(file));
            QSignalSpy show(&w, &MainWindow::imageShown);
            w.showImage(index);
            if (show.isEmpty())
                show.wait(10000);
            dock->setTask(task);
            dock->scoresBox()->setChecked(scores);
            for (int attempt = 0; attempt < 14; ++attempt) {
                dock->beamsBox()->setValue(attempt / 7);
                dock->maxTokensBox()->setValue(40 + 40 * (attempt % 7));
                QSignalSpy done(session, &ModelSession::runFinished);
                const quint64 id = chain == Chain::None ? session->runCurrent() : session->runChain(chain);
                if (id == 0 || !done.wait(60000))
                    return false;
                if (!w.document()->image(index).shapes.empty())
                    return true;
            }
        }
        return false;
    };
    const auto save = [&](const QString &name) {
        QCoreApplication::processEvents();
        QTest::qWait(100);
        return saveRendered(&w, out + QLatin1Char('/') + name);
    };
    QVERIFY(runOn({"house.jpg", "shapes.png", "photo.jpg"}, Task::ObjectDetection, true));
    QVERIFY(save(QStringLiteral("od.png")));
    QVERIFY(runOn({"receipt.png", "sign.jpg", "photo.jpg"}, Task::OcrWithRegion, false));
    QVERIFY(save(QStringLiteral("ocr.png")));
    dock->setText(QStringLiteral("the exit sign"));
    QVERIFY(runOn({"house.jpg", "sign.jpg", "photo.jpg"}, Task::ReferringExpressionSegmentation, false));
    w.action(QStringLiteral("actionSelectAll"))->trigger(); // the polygon's vertex handles
    QVERIFY(save(QStringLiteral("segmentation.png")));
    w.scene()->clearSelection();
    // The plots: all four tabs side by side.
    PlotsDock *plots = session->plotsDock();
    session->batchDock()->allButton()->setChecked(true);
    dock->setTask(Task::ObjectDetection);
    dock->scoresBox()->setChecked(true);
    QSignalSpy batchDone(session->batch(), &BatchRunner::finished);
    QVERIFY(session->startBatch());
    QVERIFY(batchDone.wait(120000));
    dock->thresholdSlider()->setValue(35);
    plots->setFloating(true);
    plots->resize(560, 380);
    plots->show();
    QTest::qWait(300);
    QImage sheet(2 * 560, 2 * 340, QImage::Format_RGB32);
    sheet.fill(Qt::white);
    QPainter painter(&sheet);
    for (int i = 0; i < 4; ++i) {
        plots->tabs()->setCurrentIndex(i);
        QCoreApplication::processEvents();
        auto *plot = qobject_cast<QCustomPlot *>(plots->tabs()->currentWidget());
        plot->replot();
        painter.drawPixmap((i % 2) * 560, (i / 2) * 340, plot->toPixmap(560, 340));
    }
    painter.end();
    QVERIFY(looksRendered(sheet));
    QVERIFY(sheet.save(out + QStringLiteral("/plots.png")));
    plots->setFloating(false);
    session->batchDock()->raise();
    QVERIFY(save(QStringLiteral("batch.png")));
}

FLORENCE_TEST_CLASS(TestModelSession)

#include "test_model_session.moc"
