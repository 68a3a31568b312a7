// Tests of jobs, region runs and chains (core/run/job.h) with the loc-biased tiny model, whose
// answers are full of boxes: job validation, the requests a job builds, chains (one region run per
// box, answers attached by the one rule of core/run/region_answer.h).
#include "run/job.h"

#include "common/error.h"
#include "image/decode.h"
#include "model_variants.h"
#include "run/region_answer.h"
#include "tasks/quantizer.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace florence;
using namespace florence::test;

class TestJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void jobValidation_data();
    void jobValidation();
    void requestsComeFromTheJob();
    void regionRunsOnePerRegion();
    void chains();
    void describedChainShapesHaveNoLocationTokens();
    void shapesCarryProvenance();
    void promptTableLabelsByRow();
    void customPromptJob();

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<Pipeline> m_pipeline;
    RgbImage m_image;
};

void TestJob::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    writeLocModel(m_tmp.filePath("model_loc"));
    m_pipeline = std::make_unique<Pipeline>(m_tmp.filePath("model_loc").toStdString());
    m_image = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
}

void TestJob::jobValidation_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<int>("chain");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("region task") << int(Task::RegionToSegmentation) << int(Chain::None) << "" << "needs a region";
    QTest::newRow("text task without text") << int(Task::OpenVocabularyDetection) << int(Chain::None) << " " << "--text";
    QTest::newRow("chain after caption") << int(Task::Caption) << int(Chain::DetectThenSegment) << "" << "detection task";
    QTest::newRow("text for OD") << int(Task::ObjectDetection) << int(Chain::None) << "car" << "takes no text";
}

void TestJob::jobValidation()
{
    QFETCH(int, task);
    QFETCH(int, chain);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    AnnotateJob job;
    job.task = Task(task);
    job.chain = Chain(chain);
    job.text = text.toStdString();
    try {
        job.validate();
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
    }
}

void TestJob::chains()
{
    AnnotateJob od;
    od.maxNewTokens = 24;
    const ResultAnnotations boxes = runJob(*m_pipeline, m_image, od);
    QVERIFY(!boxes.shapes.empty());
    for (const Shape &s : boxes.shapes)
        QCOMPARE(s.kind, ShapeKind::Box);

    AnnotateJob segment = od;
    segment.chain = Chain::DetectThenSegment;
    std::vector<int> runsSeen;
    const ResultAnnotations seg = runJob(*m_pipeline, m_image, segment, [&](const JobProgress &p) {
        if (runsSeen.empty() || runsSeen.back() != p.run)
            runsSeen.push_back(p.run);
    });
    QCOMPARE(seg.shapes.size(), boxes.shapes.size());
    QCOMPARE(int(runsSeen.size()), 1 + int(boxes.shapes.size())); // one region run per box
    for (std::size_t i = 0; i < seg.shapes.size(); ++i) {
        QCOMPARE(seg.shapes[i].label, boxes.shapes[i].label);
        QCOMPARE(QString::fromStdString(seg.shapes[i].origin), QString("<OD>+<REGION_TO_SEGMENTATION>"));
    }
    QVERIFY(std::any_of(seg.shapes.begin(), seg.shapes.end(), [](const Shape &s) { return s.kind == ShapeKind::Polygon; }));

    AnnotateJob describe = od;
    describe.chain = Chain::DetectThenDescribe;
    const ResultAnnotations desc = runJob(*m_pipeline, m_image, describe);
    QCOMPARE(desc.shapes.size(), boxes.shapes.size());
    for (std::size_t i = 0; i < desc.shapes.size(); ++i) {
        QCOMPARE(desc.shapes[i].box, boxes.shapes[i].box);
        QVERIFY(!desc.shapes[i].text.empty());
    }
}

void TestJob::requestsComeFromTheJob()
{
    AnnotateJob job;
    job.task = Task::OpenVocabularyDetection;
    job.text = "car";
    job.numBeams = 2;
    job.maxNewTokens = 17;
    job.scores = true;
    const RunRequest whole = job.request();
    QCOMPARE(int(whole.task), int(Task::OpenVocabularyDetection));
    QCOMPARE(whole.text, std::string("car"));
    QVERIFY(!whole.region);
    QCOMPARE(whole.numBeams, 2);
    QCOMPARE(whole.maxNewTokens, 17);
    QVERIFY(whole.scores);
    const RunRequest region = job.regionRequest(Task::RegionToDescription, Box{1, 2, 30, 40});
    QCOMPARE(int(region.task), int(Task::RegionToDescription));
    QVERIFY(region.text.empty());
    QVERIFY(region.region && *region.region == (Box{1, 2, 30, 40}));
    QCOMPARE(region.numBeams, 2);
    QCOMPARE(region.maxNewTokens, 17);
    QCOMPARE(chainRegionTask(Chain::DetectThenSegment), Task::RegionToSegmentation);
    QCOMPARE(chainRegionTask(Chain::DetectThenDescribe), Task::RegionToDescription);
    QVERIFY_THROWS_EXCEPTION(Error, chainRegionTask(Chain::None));
}

void TestJob::regionRunsOnePerRegion()
{
    AnnotateJob job;
    job.task = Task::RegionToCategory;
    job.maxNewTokens = 8;
    const std::vector<Box> regions{Box{10, 20, 300, 400}, Box{320.5, 0, 639, 479.9}};
    std::vector<int> runsSeen;
    const std::vector<RunResult> results = runRegions(*m_pipeline, m_image, job, regions, [&](const JobProgress &p) {
        QCOMPARE(p.runs, 2);
        if (runsSeen.empty() || runsSeen.back() != p.run)
            runsSeen.push_back(p.run);
    });
    QCOMPARE(results.size(), std::size_t(2));
    QCOMPARE(runsSeen, (std::vector<int>{1, 2}));
    for (std::size_t i = 0; i < 2; ++i)
        QVERIFY(results[i].prompt.find(boxToLocationTokens(regions[i], 640, 480)) != std::string::npos);
    QVERIFY(results[1].timings.visionCached); // the vision tower ran once
    QVERIFY_THROWS_EXCEPTION(Error, runRegions(*m_pipeline, m_image, job, {}));
    AnnotateJob od;
    QVERIFY_THROWS_EXCEPTION(Error, runRegions(*m_pipeline, m_image, od, regions));
}

void TestJob::describedChainShapesHaveNoLocationTokens()
{
    // The loc-biased model repeats locations in its region descriptions; a described shape keeps
    // the words only, as in the GUI (the one rule of attachRegionAnswer), and the detection's score.
    AnnotateJob job;
    job.maxNewTokens = 24;
    job.scores = true;
    job.chain = Chain::DetectThenDescribe;
    std::vector<RunResult> runs;
    const ResultAnnotations out = runJob(*m_pipeline, m_image, job, {}, nullptr, &runs);
    QVERIFY(!out.shapes.empty());
    QCOMPARE(runs.size(), 1 + out.shapes.size());
    bool rawHadLocations = false;
    for (std::size_t i = 0; i < out.shapes.size(); ++i) {
        rawHadLocations |= runs[i + 1].result.text.find("<loc_") != std::string::npos;
        QVERIFY2(out.shapes[i].text.find("<loc_") == std::string::npos, out.shapes[i].text.c_str());
        QCOMPARE(out.shapes[i].text, stripLocationTokens(runs[i + 1].result.text));
    }
    QVERIFY(rawHadLocations); // the rule was exercised
    AnnotateJob od = job;
    od.chain = Chain::None;
    const ResultAnnotations boxes = runJob(*m_pipeline, m_image, od);
    QCOMPARE(boxes.shapes.size(), out.shapes.size());
    for (std::size_t i = 0; i < out.shapes.size(); ++i) {
        QVERIFY(boxes.shapes[i].score);
        QCOMPARE(out.shapes[i].score, boxes.shapes[i].score);
    }
}

void TestJob::shapesCarryProvenance()
{
    AnnotateJob job;
    job.task = Task::OpenVocabularyDetection;
    job.text = "a red car";
    job.maxNewTokens = 24;
    job.chain = Chain::DetectThenDescribe;
    const ResultAnnotations out = runJob(*m_pipeline, m_image, job);
    QVERIFY(!out.shapes.empty());
    const ModelSummary &summary = m_pipeline->summary();
    QCOMPARE(summary.name, std::string("model_loc"));
    // Not in a Hugging Face cache: a sampled fingerprint of the weights.
    QVERIFY2(QString::fromStdString(summary.checkpointId).contains(QRegularExpression("^fp:[0-9a-f]{16}$")),
             summary.checkpointId.c_str());
    for (const Shape &s : out.shapes) {
        QCOMPARE(s.provenance.model, summary.name);
        QCOMPARE(s.provenance.checkpoint, summary.checkpointId);
        QCOMPARE(s.provenance.prompt, std::string("a red car"));
        QVERIFY2(QString::fromStdString(s.provenance.time)
                     .contains(QRegularExpression("^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$")),
                 s.provenance.time.c_str());
        QVERIFY(!s.provenance.edited);
        QVERIFY(!s.pending); // the core makes shapes; the GUI decides whether they are suggestions
    }
}

void TestJob::promptTableLabelsByRow()
{
    AnnotateJob job;
    job.task = Task::OpenVocabularyDetection;
    job.maxNewTokens = 24;
    const std::vector<PromptLabel> table{{"a red car", "car"}, {"bike", ""}};
    std::vector<int> rowsSeen;
    std::vector<RunResult> runs;
    const ResultAnnotations out = runPromptTable(*m_pipeline, m_image, job, table, [&](const JobProgress &p) {
        QCOMPARE(p.runs, 2);
        if (rowsSeen.empty() || rowsSeen.back() != p.run)
            rowsSeen.push_back(p.run);
    }, nullptr, &runs);
    QCOMPARE(rowsSeen, (std::vector<int>{1, 2}));
    QCOMPARE(runs.size(), std::size_t(2));
    // Each row gives what a single run with its prompt gives, relabelled by the table.
    AnnotateJob first = job, second = job;
    first.text = "a red car";
    second.text = "bike";
    const ResultAnnotations a = runJob(*m_pipeline, m_image, first);
    const ResultAnnotations b = runJob(*m_pipeline, m_image, second);
    QVERIFY(!a.shapes.empty() && !b.shapes.empty());
    QCOMPARE(out.shapes.size(), a.shapes.size() + b.shapes.size());
    for (std::size_t i = 0; i < out.shapes.size(); ++i) {
        const bool firstRow = i < a.shapes.size();
        const Shape &single = firstRow ? a.shapes[i] : b.shapes[i - a.shapes.size()];
        QCOMPARE(out.shapes[i].box, single.box);
        QCOMPARE(out.shapes[i].label, firstRow ? std::string("car") : single.label);
        QCOMPARE(out.shapes[i].provenance.prompt, firstRow ? std::string("a red car") : std::string("bike"));
    }
    // The key that doneTasks and checkpoints record: the task and a hash of the table.
    const std::string key = promptTableJobKey(Task::OpenVocabularyDetection, table);
    QVERIFY2(QString::fromStdString(key).contains(QRegularExpression("^<OPEN_VOCABULARY_DETECTION>\\|prompts=[0-9a-f]{16}$")),
             key.c_str());
    QCOMPARE(promptTableJobKey(Task::OpenVocabularyDetection, table), key);
    QVERIFY(promptTableJobKey(Task::OpenVocabularyDetection, {{"a red car", "auto"}, {"bike", ""}}) != key);
    QVERIFY(promptTableJobKey(Task::CaptionToPhraseGrounding, table) != key);
    AnnotateJob od;
    QVERIFY_THROWS_EXCEPTION(Error, runPromptTable(*m_pipeline, m_image, od, table));
    QVERIFY_THROWS_EXCEPTION(Error, runPromptTable(*m_pipeline, m_image, job, {}));
}

void TestJob::customPromptJob()
{
    // A custom task: the prompt is sent as is, the parser task's post-processing applies, and the
    // text checks of the parser task (OVD needs text) do not apply.
    AnnotateJob job;
    job.task = Task::OpenVocabularyDetection; // parserTask(BoxesOrPolygons)
    job.customPrompt = "<OD>";
    job.maxNewTokens = 24;
    job.validate();
    QCOMPARE(job.request().customPrompt, std::string("<OD>"));
    QCOMPARE(job.key(), std::string("custom:<OPEN_VOCABULARY_DETECTION>:<OD>"));
    QVERIFY(job.regionRequest(Task::RegionToSegmentation, Box{1, 2, 30, 40}).customPrompt.empty());
    std::vector<RunResult> runs;
    const ResultAnnotations custom = runJob(*m_pipeline, m_image, job, {}, nullptr, &runs);
    QCOMPARE(int(runs.size()), 1);
    AnnotateJob od;
    od.maxNewTokens = 24;
    std::vector<RunResult> odRuns;
    runJob(*m_pipeline, m_image, od, {}, nullptr, &odRuns);
    QCOMPARE(runs[0].prompt, odRuns[0].prompt); // "<OD>" expands to the OD prompt
    QCOMPARE(runs[0].text, odRuns[0].text);
    QVERIFY(!custom.shapes.empty());

    AnnotateJob withText = job;
    withText.text = "car";
    QVERIFY_THROWS_EXCEPTION(Error, withText.validate());
    AnnotateJob region = job;
    region.task = Task::RegionToCategory;
    QVERIFY_THROWS_EXCEPTION(Error, region.validate());
}

FLORENCE_TEST_CLASS(TestJob)
#include "test_job.moc"
