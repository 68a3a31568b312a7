// End-to-end tests of the Pipeline facade (core/pipeline.h): image file -> decode -> preprocess ->
// model -> generation -> post-processing, against every generation case of the reference fixtures
// (tokens, texts, transition and sequence scores, beam indices, the finished-hypothesis list, both
// post-processing calls). Pipeline::run is the path of the GUI, the CLI and the benchmarks.
#include "pipeline.h"

#include "common/error.h"
#include "common/file_io.h"
#include "fixture_data.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "io/safetensors.h"
#include "model_variants.h"
#include "tasks/postprocess.h"
#include "test_registry.h"
#include "text/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace florence;
using namespace florence::test;


class TestPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void generationCases_data();
    void generationCases();
    void regionFromPixels();
    void visionCacheReused();
    void cancelStopsRun();
    void cancelInsideEncoders_data();
    void cancelInsideEncoders();
    void modelInputRun();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void rejectsBadModelFolder();

private:
    Pipeline &pipeline(const std::string &model);
    const RgbImage &image(int index);

    QTemporaryDir m_tmp;
    std::map<std::string, std::unique_ptr<Pipeline>> m_pipelines;
    std::map<int, RgbImage> m_images;
};

Pipeline &TestPipeline::pipeline(const std::string &model)
{
    auto it = m_pipelines.find(model);
    if (it == m_pipelines.end()) {
        const std::string dir = model == "model_eos" ? m_tmp.filePath("model_eos").toStdString() : fixturePath(model);
        it = m_pipelines.emplace(model, std::make_unique<Pipeline>(dir)).first;
    }
    return *it->second;
}

const RgbImage &TestPipeline::image(int index)
{
    auto it = m_images.find(index);
    if (it == m_images.end()) {
        const FixtureJson &img = fixtureJson("manifest.json").at("images").at(index);
        it = m_images.emplace(index, decodeImageFile(fixturePath(img.at("file").get<std::string>()))).first;
    }
    return it->second;
}

void TestPipeline::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    writeEosModel(m_tmp.filePath("model_eos"));
}

void TestPipeline::generationCases_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<QString>("mode");
    forEachGeneration([](const std::string &list, const FixtureJson &c, const std::string &mode, const FixtureJson &) {
        const std::string id = c.at("id").get<std::string>();
        QTest::newRow((id + " " + mode).c_str()) << qs(list) << qs(id) << qs(mode);
    });
}

void TestPipeline::generationCases()
{
    QFETCH(QString, list);
    QFETCH(QString, caseId);
    QFETCH(QString, mode);
    const FixtureJson &manifest = fixtureJson("manifest.json");
    const FixtureJson *kase = nullptr;
    for (const FixtureJson &c : manifest.at(list.toStdString()))
        if (c.at("id").get<std::string>() == caseId.toStdString())
            kase = &c;
    QVERIFY(kase);
    const FixtureJson &expected = kase->at("generate").at(mode.toStdString());
    const FixtureJson &kwargs = expected.at("generate_kwargs");

    RunRequest request;
    const std::string token = kase->at("task").get<std::string>();
    request.task = *taskFromToken(token);
    if (!kase->at("text_input").is_null())
        request.text = kase->at("text_input").get<std::string>();
    request.numBeams = kwargs.at("num_beams").get<int>();
    request.maxNewTokens = kwargs.at("max_new_tokens").get<int>();
    request.scores = true;
    const RgbImage &img = image(kase->at("image_index").get<int>());
    const RunResult r = pipeline(kase->at("model").get<std::string>()).run(img, request);

    // Token ids and texts: exact (manifest.tolerances.token_ids_and_text).
    QCOMPARE(qs(r.prompt), qs(kase->at("constructed_prompt").get<std::string>()));
    QCOMPARE(r.inputIds, kase->at("input_ids").get<std::vector<std::int64_t>>());
    QCOMPARE(r.sequence, expected.at("sequence").get<std::vector<std::int64_t>>());
    QCOMPARE(qs(r.text), qs(expected.at("decoded_skip_special_false").get<std::string>()));
    QCOMPARE(r.imageWidth, kase->at("image_size_wh").at(0).get<int>());
    QCOMPARE(r.imageHeight, kase->at("image_size_wh").at(1).get<int>());

    // Transition scores within manifest.tolerances.transition_scores_atol.
    const double scoreAtol = manifest.at("tolerances").at("transition_scores_atol").get<double>();
    const auto want = expected.at("transition_scores").get<std::vector<double>>();
    QCOMPARE(r.transitionScores.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
        QVERIFY2(std::abs(r.transitionScores[i] - want[i]) <= scoreAtol, qPrintable(QString::number(i)));
    QCOMPARE(r.timings.decodeSteps, expected.at("num_generation_steps").get<int>());
    if (expected.contains("sequences_scores")) {
        QVERIFY(r.sequenceScore.has_value());
        QVERIFY(std::abs(*r.sequenceScore - expected.at("sequences_scores").at(0).get<double>())
                <= manifest.at("tolerances").at("sequences_scores_atol").get<double>());
        // The beam search itself: beam per token and every hypothesis offered to the n-best list.
        std::vector<int> beamIdx = expected.at("beam_indices").get<std::vector<int>>();
        while (!beamIdx.empty() && beamIdx.back() == -1)
            beamIdx.pop_back();
        QCOMPARE(r.beamIndices, beamIdx);
        const FixtureJson &hyps = expected.at("finished_hypotheses");
        QCOMPARE(r.finishedHypotheses.size(), hyps.size());
        const double hypAtol = manifest.at("tolerances").at("finished_hypotheses_score_atol").get<double>();
        for (std::size_t i = 0; i < hyps.size(); ++i) {
            const FinishedHypothesis &h = r.finishedHypotheses[i];
            QCOMPARE(h.tokens, hyps[i].at("tokens").get<std::vector<std::int64_t>>());
            QCOMPARE(h.generatedLen, hyps[i].at("generated_len").get<int>());
            QCOMPARE(h.keptInFinalList, hyps[i].at("kept_in_final_list").get<bool>());
            QVERIFY2(std::abs(h.score - hyps[i].at("score").get<double>()) <= hypAtol, qPrintable(QString::number(i)));
        }
    } else {
        QVERIFY(!r.sequenceScore);
    }

    // Both post-processing calls of the reference, within post_process_bboxes_atol.
    const double atol = manifest.at("tolerances").at("post_process_bboxes_atol").get<double>();
    const FixtureJson &plain = expected.at("post_process_generation");
    if (plain.contains("ok")) {
        const std::string diff = compareJson(toReferenceJson(postprocessGeneration(r.text, token, r.imageWidth, r.imageHeight)),
                                             plain.at("ok"), atol);
        QVERIFY2(diff.empty(), diff.c_str());
    }
    const FixtureJson &scored = expected.at("post_process_generation_with_scores");
    if (scored.contains("ok")) {
        const std::string diff = compareJson(toReferenceJson(r.result), scored.at("ok"), atol);
        QVERIFY2(diff.empty(), diff.c_str());
    }
}

void TestPipeline::regionFromPixels()
{
    // A region in pixels becomes the same prompt as the <loc_> text the fixtures use.
    const RgbImage &img = image(0); // 640 x 480
    RunRequest byText;
    byText.task = Task::RegionToCategory;
    byText.text = "<loc_100><loc_200><loc_500><loc_900>";
    RunRequest byRegion = byText;
    byRegion.text.clear();
    // bins: floor(x / (640 / 1000)), floor(y / (480 / 1000))
    byRegion.region = Box{64.0, 96.0, 320.5, 432.2};
    QCOMPARE(qs(requestInput(byRegion, img.width, img.height)), qs(byText.text));
    byText.maxNewTokens = byRegion.maxNewTokens = 8;
    Pipeline &p = pipeline("model");
    const RunResult a = p.run(img, byText);
    const RunResult b = p.run(img, byRegion);
    QCOMPARE(qs(a.prompt), qs(b.prompt));
    QCOMPARE(a.sequence, b.sequence);
}

void TestPipeline::visionCacheReused()
{
    Pipeline &p = pipeline("model");
    p.clearCache();
    RunRequest r;
    r.task = Task::Caption;
    r.maxNewTokens = 4;
    const RunResult first = p.run(image(1), r);
    QVERIFY(!first.timings.visionCached);
    r.task = Task::ObjectDetection;
    const RunResult second = p.run(image(1), r);
    QVERIFY(second.timings.visionCached);
    QCOMPARE(second.timings.visionMs, 0.0);
    const RunResult other = p.run(image(2), r);
    QVERIFY(!other.timings.visionCached);
}

void TestPipeline::cancelStopsRun()
{
    Pipeline &p = pipeline("model");
    std::atomic<bool> cancel{false};
    RunRequest r;
    r.task = Task::MoreDetailedCaption;
    r.maxNewTokens = 64;
    int lastToken = 0;
    std::vector<RunStage> stages;
    auto progress = [&](const RunProgress &pr) {
        if (stages.empty() || stages.back() != pr.stage)
            stages.push_back(pr.stage);
        if (pr.stage == RunStage::Decoding) {
            lastToken = pr.tokens;
            if (pr.tokens == 5)
                cancel = true;
        }
    };
    bool cancelled = false;
    try {
        p.run(image(0), r, progress, &cancel);
    } catch (const Error &e) {
        cancelled = e.kind() == ErrorKind::Cancelled;
    }
    QVERIFY(cancelled);
    QCOMPARE(lastToken, 5); // stopped within one decoding step
    QVERIFY(stages.size() >= 2);
    QCOMPARE(stages.front(), RunStage::Preprocess);
    QCOMPARE(stages.back(), RunStage::Decoding);
}

void TestPipeline::cancelInsideEncoders_data()
{
    QTest::addColumn<int>("stage");
    QTest::addColumn<QString>("where");
    QTest::newRow("vision") << int(RunStage::Vision) << "run cancelled in the vision encoder";
    QTest::newRow("text encoder") << int(RunStage::Encoder) << "run cancelled in the text encoder";
}

void TestPipeline::cancelInsideEncoders()
{
    // Cancel is checked between vision blocks and encoder layers, not only between stages: set
    // once a stage has started, it stops that stage.
    QFETCH(int, stage);
    QFETCH(QString, where);
    Pipeline &p = pipeline("model");
    p.clearCache();
    std::atomic<bool> cancel{false};
    RunRequest r;
    r.task = Task::Caption;
    r.maxNewTokens = 8;
    try {
        p.run(image(1), r, [&](const RunProgress &pr) { cancel = cancel || int(pr.stage) == stage; }, &cancel);
        QFAIL("not cancelled");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
        QCOMPARE(QString::fromUtf8(e.what()), where);
    }
}

void TestPipeline::modelInputRun()
{
    // Pipeline::run from a model input prepared elsewhere (the fixture's PIL-resized 8-bit image,
    // rescaled and normalised by the core) gives the reference's tokens; the run on the decoded file
    // then reuses the cached image features. Sizes come from the config (577 image tokens).
    const FixtureJson &kase = fixtureJson("manifest.json").at("cases").at(3);
    Pipeline &p = pipeline("model");
    p.clearCache();
    const io::SafetensorsFile images(fixturePath("tensors/images.safetensors"));
    const std::string ref = kase.at("pixel_values_from").get<std::string>();
    PreprocessedImage input;
    input.resizedRgb = images.toU8(ref.substr(ref.find(':') + 1));
    input.width = input.height = 768;
    input.originalWidth = kase.at("image_size_wh").at(0).get<int>();
    input.originalHeight = kase.at("image_size_wh").at(1).get<int>();
    input.pixelValues = pixelValuesFromResized(input.resizedRgb.data(), input.resizedRgb.size(), input.width,
                                               input.height, loadPreprocessorConfig(fixturePath("model")));
    RunRequest r;
    r.task = Task::ObjectDetection;
    r.numBeams = 3;
    r.maxNewTokens = kase.at("generate").at("num_beams=3").at("generate_kwargs").at("max_new_tokens").get<int>();
    const RunResult a = p.run(input, r);
    QCOMPARE(a.sequence, kase.at("generate").at("num_beams=3").at("sequence").get<std::vector<std::int64_t>>());
    QVERIFY(!a.timings.visionCached && a.timings.visionMs > 0.0);
    const RunResult b = p.run(image(kase.at("image_index").get<int>()), r);
    QCOMPARE(b.sequence, a.sequence);
    QVERIFY(b.timings.visionCached);
    QCOMPARE(p.imageTokenCount(), 577);
    PreprocessedImage wrong = input;
    wrong.pixelValues.pop_back();
    QVERIFY_THROWS_EXCEPTION(Error, p.run(wrong, r));
}

void TestPipeline::rejectsBadRequests_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("grounding without text") << int(Task::CaptionToPhraseGrounding) << "" << "text";
    QTest::newRow("region task without region") << int(Task::RegionToOcr) << "" << "region";
    QTest::newRow("caption with text") << int(Task::Caption) << "a dog" << "<CAPTION>";
}

void TestPipeline::rejectsBadRequests()
{
    QFETCH(int, task);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    RunRequest r;
    r.task = Task(task);
    r.text = text.toStdString();
    try {
        pipeline("model").run(image(0), r);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
    }
}

void TestPipeline::rejectsBadModelFolder()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(qs(fixturePath("model/config.json")), dir.filePath("config.json")));
    try {
        Pipeline p(dir.path().toStdString());
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains("preprocessor_config.json") && msg.contains("tokenizer"), e.what());
    }
    PipelineOptions fp16;
    fp16.precision = Precision::Fp16;
    QVERIFY_THROWS_EXCEPTION(Error, Pipeline(fixturePath("model"), fp16));
}

FLORENCE_TEST_CLASS(TestPipeline)
#include "test_pipeline.moc"
