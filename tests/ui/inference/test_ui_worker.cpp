// Tests of the inference worker and its controller without a window: requests and answers across
// threads, stale answers dropped by id, cancellation within one decoding step, failures as answers,
// wrong model folders, task names and region quantization (how region answers attach to shapes is
// core/run/region_answer, tested in tests/core/run).
#include "common/error.h"
#include "inference/inference_controller.h"
#include "inference/inference_worker.h"
#include "inference/task_names.h"
#include "inference_test_support.h"
#include "tasks/postprocess.h"
#include "tasks/quantizer.h"
#include "test_registry.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

Q_DECLARE_METATYPE(florence::Box)

namespace {

/// A controller with `model` loaded (waits for it).
std::unique_ptr<InferenceController> loadedController(const QString &model)
{
    auto c = std::make_unique<InferenceController>();
    QSignalSpy loaded(c.get(), &InferenceController::modelLoaded);
    c->loadModel(model, PipelineOptions{});
    if (!loaded.wait(30000))
        return nullptr;
    return c;
}

InferenceRequest request(Task task, int maxNewTokens, const QString &image = qs(fixturePath("images/img0_photo_640x480.jpg")))
{
    InferenceRequest r;
    r.imagePath = image;
    r.job.task = task;
    r.job.maxNewTokens = maxNewTokens;
    return r;
}

} // namespace

class TestInferenceWorker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void taskNamesCoverCoreTable();
    void taskNamesAreTranslated_data();
    void taskNamesAreTranslated();
    void regionQuantizationRoundTrips_data();
    void regionQuantizationRoundTrips();
    void regionPromptThroughWorker();
    void answersCrossThreads();
    void staleResultsAreDropped();
    void cancelStopsWithinOneStep();
    void failuresBecomeAnswers_data();
    void failuresBecomeAnswers();
    void wrongModelFolderIsNamed_data();
    void wrongModelFolderIsNamed();

private:
    std::unique_ptr<InferenceController> m_loc;
    std::unique_ptr<InferenceController> m_plain;
};

void TestInferenceWorker::initTestCase()
{
    m_loc = loadedController(TestModels::get().loc);
    m_plain = loadedController(TestModels::get().plain);
    QVERIFY(m_loc && m_loc->isModelReady());
    QVERIFY(m_plain && m_plain->isModelReady());
    QCOMPARE(m_plain->summary().variant, std::string("custom"));
    QVERIFY(m_plain->summary().parameterCount > 0);
}

void TestInferenceWorker::taskNamesCoverCoreTable()
{
    // The UI translates core's English names: every one of them must be marked for lupdate.
    const QStringList sources = taskTranslationSources();
    QCOMPARE(taskTable().size(), std::size_t(15));
    for (const TaskInfo &info : taskTable()) {
        QVERIFY2(sources.contains(QString::fromUtf8(info.name)), info.name);
        QVERIFY2(sources.contains(QString::fromUtf8(info.description)), info.description);
        QCOMPARE(taskName(info.task), QString::fromUtf8(info.name)); // no translator installed
        QCOMPARE(taskInputHint(info.task).isEmpty(), info.input != TaskInput::Text);
    }
}

void TestInferenceWorker::taskNamesAreTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("od");
    QTest::addColumn<QString>("decoding");
    QTest::addColumn<QString>("oneShape");
    QTest::newRow("de") << "de" << "Objekterkennung" << "Dekodierung" << "OCR: 1 Form";
    QTest::newRow("zh_CN") << "zh_CN" << "目标检测" << "解码" << "OCR：1 个形状";
    QTest::newRow("en plurals") << "en" << "Object detection" << "Decoding" << "OCR: 1 shape";
}

void TestInferenceWorker::taskNamesAreTranslated()
{
    QFETCH(QString, language);
    QFETCH(QString, od);
    QFETCH(QString, decoding);
    QFETCH(QString, oneShape);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(FLORENCE_BINARY_DIR "/app/florence_studio_%1.qm").arg(language)));
    QCoreApplication::installTranslator(&translator);
    QCOMPARE(taskName(Task::ObjectDetection), od);
    QCOMPARE(stageName(RunStage::Decoding), decoding);
    QCOMPARE(QCoreApplication::translate("florence::ui::ModelSession", "%1: %n shape(s)", nullptr, 1).arg(QStringLiteral("OCR")),
             oneShape);
    QCoreApplication::removeTranslator(&translator);
}

void TestInferenceWorker::regionQuantizationRoundTrips_data()
{
    QTest::addColumn<Box>("box");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("inside 640x480") << Box{12.3, 40.0, 320.7, 479.0} << 640 << 480;
    QTest::newRow("whole image") << Box{0, 0, 640, 480} << 640 << 480;
    QTest::newRow("bin edges 1000x1000") << Box{1, 2, 998, 999} << 1000 << 1000;
    QTest::newRow("tiny 300x900") << Box{150.2, 450.9, 150.4, 451.0} << 300 << 900;
    QTest::newRow("outside is clamped") << Box{-20, -5, 700, 600} << 640 << 480;
    QTest::newRow("wide 4000x50") << Box{3999.5, 0.1, 4000, 49.9} << 4000 << 50;
}

void TestInferenceWorker::regionQuantizationRoundTrips()
{
    QFETCH(Box, box);
    QFETCH(int, width);
    QFETCH(int, height);
    // What the worker sends (RunRequest::region -> requestInput) is exactly the quantizer's tokens.
    RunRequest r;
    r.task = Task::RegionToSegmentation;
    r.region = box;
    const std::string tokens = requestInput(r, width, height);
    QCOMPARE(tokens, boxToLocationTokens(box, width, height));
    // Bins -> pixel centres -> bins is the identity, and a centre lies within one bin of the input
    // (after clamping it to the image).
    const std::array<int, 4> bins = quantizeBox(box, width, height);
    const std::array<float, 4> centres
        = dequantizeBox({bins[0], bins[1], bins[2], bins[3]}, width, height);
    const Box back{centres[0], centres[1], centres[2], centres[3]};
    QCOMPARE(quantizeBox(back, width, height), bins);
    QCOMPARE(boxToLocationTokens(back, width, height), tokens);
    const double binW = width / 1000.0, binH = height / 1000.0;
    const double clampedX1 = std::clamp(box.x1, 0.0, double(width)), clampedY2 = std::clamp(box.y2, 0.0, double(height));
    QVERIFY(std::abs(centres[0] - clampedX1) <= binW);
    QVERIFY(std::abs(centres[3] - clampedY2) <= binH);
}

void TestInferenceWorker::regionPromptThroughWorker()
{
    // A region request's prompt carries the quantized region of each box, in order.
    InferenceRequest r = request(Task::RegionToCategory, 8);
    r.regions = {Box{10, 20, 300, 400}, Box{320.5, 0, 639, 479.9}};
    QSignalSpy finished(m_plain.get(), &InferenceController::finished);
    QVERIFY(m_plain->submit(r) != 0);
    QVERIFY(finished.wait(30000));
    const auto result = finished.last().at(0).value<InferenceResult>();
    QCOMPARE(result.status, InferenceStatus::Ok);
    QCOMPARE(result.runs.size(), std::size_t(2));
    for (int i = 0; i < 2; ++i) {
        const std::string expected = boxToLocationTokens(r.regions[std::size_t(i)], 640, 480);
        QVERIFY2(result.runs[std::size_t(i)].prompt.find(expected) != std::string::npos,
                 result.runs[std::size_t(i)].prompt.c_str());
    }
    // The image features were computed once for both regions.
    QVERIFY(result.runs[1].timings.visionCached);
}

void TestInferenceWorker::answersCrossThreads()
{
    // Progress and the answer arrive as queued signals on this (the GUI) thread, in stage order.
    QVERIFY(m_loc->thread()->isRunning());
    QVERIFY(m_loc->worker()->thread() != QThread::currentThread());
    QSignalSpy progress(m_loc.get(), &InferenceController::progress);
    QSignalSpy finished(m_loc.get(), &InferenceController::finished);
    QSignalSpy busy(m_loc.get(), &InferenceController::busyChanged);
    const quint64 id = m_loc->submit(request(Task::ObjectDetection, 24));
    QVERIFY(id != 0);
    QVERIFY(m_loc->isBusy());
    QVERIFY(finished.wait(30000));
    const auto result = finished.last().at(0).value<InferenceResult>();
    QCOMPARE(result.id, id);
    QCOMPARE(result.status, InferenceStatus::Ok);
    QCOMPARE(result.imageWidth, 640);
    QVERIFY(!result.annotations.shapes.empty());
    QVERIFY(!m_loc->isBusy());
    QCOMPARE(busy.count(), 2);
    QVERIFY(progress.count() >= 3);
    int lastStage = -1;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.at(0).value<InferenceProgress>();
        QCOMPARE(p.id, id);
        QVERIFY(int(p.progress.stage) >= lastStage);
        lastStage = int(p.progress.stage);
    }
    QCOMPARE(lastStage, int(RunStage::Postprocess));
}

void TestInferenceWorker::staleResultsAreDropped()
{
    // A request superseded by a newer one never answers; only the newest does.
    QSignalSpy finished(m_plain.get(), &InferenceController::finished);
    const int droppedBefore = m_plain->droppedResults();
    const quint64 first = m_plain->submit(request(Task::Caption, 200));
    const quint64 second = m_plain->submit(request(Task::Ocr, 5));
    QVERIFY(first != 0 && second > first);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.last().at(0).value<InferenceResult>().id, second);
    QTRY_COMPARE(m_plain->droppedResults(), droppedBefore + 1);
    // An answer arriving after cancel() is dropped too, and the controller is idle at once.
    const quint64 third = m_plain->submit(request(Task::Caption, 5));
    m_plain->cancel();
    QVERIFY(!m_plain->isBusy());
    QTRY_COMPARE(m_plain->droppedResults(), droppedBefore + 2);
    QCOMPARE(finished.count(), 1);
    QVERIFY(third > second);
}

void TestInferenceWorker::cancelStopsWithinOneStep()
{
    // The plain model never says EOS early: a 1000-token run, cancelled once decoding is under way.
    InferenceRequest r = request(Task::Caption, 1000);
    r.job.numBeams = 3;
    QSignalSpy stopped(m_plain.get(), &InferenceController::stopped);
    QSignalSpy finished(m_plain.get(), &InferenceController::finished);
    QVERIFY(m_plain->submit(r) != 0);
    InferenceWorker *worker = m_plain->worker();
    QVERIFY(QTest::qWaitFor([&] { return worker->decodingSteps() >= 20; }, 30000));
    QElapsedTimer clock;
    clock.start();
    const int stepsAtCancel = worker->decodingSteps();
    m_plain->cancel();
    QVERIFY(stopped.wait(10000));
    const double latencyMs = stopped.last().at(1).toDouble();
    const int stepsAtStop = stopped.last().at(2).toInt();
    QVERIFY(finished.isEmpty());
    // The flag is read before every decoder step: at most the step in progress completes.
    QVERIFY2(stepsAtStop - stepsAtCancel <= 1, qPrintable(QStringLiteral("%1 -> %2").arg(stepsAtCancel).arg(stepsAtStop)));
    QVERIFY(stepsAtStop < 1000);
    // One step of this run, for scale.
    InferenceRequest full = request(Task::Caption, 60);
    full.job.numBeams = 3;
    QVERIFY(m_plain->submit(full) != 0);
    QVERIFY(finished.wait(30000));
    const RunTimings t = finished.last().at(0).value<InferenceResult>().runs.back().timings;
    const double stepMs = t.decodeMs / std::max(1, t.decodeSteps);
    qInfo("cancel latency %.2f ms (worker stopped after %d -> %d steps; one decoding step %.2f ms)", latencyMs,
          stepsAtCancel, stepsAtStop, stepMs);
}

void TestInferenceWorker::failuresBecomeAnswers_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("expected");
    QTemporaryDir *dir = new QTemporaryDir; // lives as long as the process (the rows refer to it)
    writeBytes(dir->filePath(QStringLiteral("corrupt.png")), QByteArray("\x89PNG\r\n\x1a\n garbage", 17));
    QTest::newRow("corrupt image") << dir->filePath(QStringLiteral("corrupt.png")) << int(Task::ObjectDetection)
                                   << "corrupt.png";
    QTest::newRow("missing image") << dir->filePath(QStringLiteral("gone.jpg")) << int(Task::Caption) << "gone.jpg";
    QTest::newRow("text task without text") << qs(fixturePath("images/img0_photo_640x480.jpg"))
                                            << int(Task::OpenVocabularyDetection) << "needs a text input";
    QTest::newRow("region task without region") << qs(fixturePath("images/img0_photo_640x480.jpg"))
                                                << int(Task::RegionToOcr) << "needs a region";
}

void TestInferenceWorker::failuresBecomeAnswers()
{
    QFETCH(QString, image);
    QFETCH(int, task);
    QFETCH(QString, expected);
    QSignalSpy finished(m_loc.get(), &InferenceController::finished);
    QVERIFY(m_loc->submit(request(Task(task), 8, image)) != 0);
    QVERIFY(finished.wait(30000));
    const auto result = finished.last().at(0).value<InferenceResult>();
    QCOMPARE(result.status, InferenceStatus::Failed);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    // The worker goes on serving requests.
    QVERIFY(m_loc->submit(request(Task::Caption, 4)) != 0);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(0).value<InferenceResult>().status, InferenceStatus::Ok);
}

void TestInferenceWorker::wrongModelFolderIsNamed_data()
{
    QTest::addColumn<QString>("remove");   // file removed from a copy of the fixture model
    QTest::addColumn<QString>("expected"); // what the message must name
    QTest::newRow("empty folder") << "*" << "config.json";
    QTest::newRow("no weights") << "model.safetensors" << "model.safetensors";
    QTest::newRow("no tokenizer") << "tokenizer.json" << "tokenizer";
    QTest::newRow("no preprocessor config") << "preprocessor_config.json" << "preprocessor_config.json";
}

void TestInferenceWorker::wrongModelFolderIsNamed()
{
    QFETCH(QString, remove);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QDir src(TestModels::get().plain);
    if (remove != QLatin1String("*"))
        for (const QString &f : src.entryList(QDir::Files))
            if (f != remove)
                QVERIFY(QFile::copy(src.filePath(f), dir.filePath(f)));
    // The controller reports the core's message; the window wraps it in translated context.
    Studio studio{QString()};
    studio.session()->loadModel(dir.path(), true);
    QVERIFY(QTest::qWaitFor([&] { return studio.controller()->modelState() == InferenceController::ModelState::Failed; },
                            30000));
    QVERIFY2(studio.controller()->lastError().contains(expected), qPrintable(studio.controller()->lastError()));
    QCOMPARE(studio.prompts.warnings.size(), 1);
    const QString warning = studio.prompts.warnings.first();
    QVERIFY2(warning.contains(QStringLiteral("Could not load the model from %1").arg(QDir::toNativeSeparators(dir.path())))
                 && warning.contains(expected),
             qPrintable(warning));
    QVERIFY(studio.session()->modelStatusText().contains(QStringLiteral("Model ▸ Choose Model Folder…")));
    QVERIFY(!studio.taskDock()->runButton()->isEnabled());
}

FLORENCE_TEST_CLASS(TestInferenceWorker)

#include "test_ui_worker.moc"
