// Tests of the resumable, shardable folder batch (core/batch/); jobs and chains are tests/core/run.
#include "batch/batch_annotate.h"

#include "annotate/coco.h"
#include "common/error.h"
#include "common/file_io.h"
#include "image/decode.h"
#include "model_variants.h"
#include "coco_compare.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <memory>

using namespace florence;
using namespace florence::test;

class TestBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listsImages();
    void parsesShards_data();
    void parsesShards();
    void batchSkipsBrokenImageAndResumes();
    void interruptedBatchResumes();
    void shardsMergeToSingleRun();
    void checkpointOfAnotherJobRefused();
    void tornCheckpointResumesTwice_data();
    void tornCheckpointResumesTwice();
    void createsOutputFolder();

private:
    BatchOptions options(const QString &out) const;

    QTemporaryDir m_tmp;
    QString m_input;
    std::unique_ptr<Pipeline> m_pipeline;
};

void TestBatch::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    writeLocModel(m_tmp.filePath("model_loc"));
    m_pipeline = std::make_unique<Pipeline>(m_tmp.filePath("model_loc").toStdString());
    m_input = m_tmp.filePath("images");
    QVERIFY(QDir().mkpath(m_input + "/sub"));
    const auto fixture = [](const char *name) { return qs(fixturePath(std::string("images/") + name)); };
    QVERIFY(QFile::copy(fixture("img0_photo_640x480.jpg"), m_input + "/a.jpg"));
    QVERIFY(QFile::copy(fixture("img1_tall_300x900.png"), m_input + "/b.PNG"));
    QVERIFY(QFile::copy(fixture("img2_rgba_256x200.png"), m_input + "/sub/c.png"));
    QFile broken(m_input + "/broken.jpg");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\xff\xd8\xff\xe0 truncated");
    broken.close();
    QFile notes(m_input + "/notes.txt");
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.close();
}

BatchOptions TestBatch::options(const QString &out) const
{
    BatchOptions o;
    o.inputDir = m_input.toStdString();
    o.outPath = out.toStdString();
    o.job.task = Task::ObjectDetection;
    o.job.maxNewTokens = 24;
    o.job.scores = true;
    return o;
}

void TestBatch::listsImages()
{
    QCOMPARE(listImageFiles(m_input.toStdString()),
             (std::vector<std::string>{"a.jpg", "b.PNG", "broken.jpg", "sub/c.png"}));
    QCOMPARE(listImageFiles(m_input.toStdString(), false), (std::vector<std::string>{"a.jpg", "b.PNG", "broken.jpg"}));
    QVERIFY_THROWS_EXCEPTION(Error, listImageFiles("/nonexistent/folder"));
    const std::vector<std::string> files = {"0", "1", "2", "3", "4"};
    QCOMPARE(shardOf(files, 1, 2), (std::vector<std::string>{"1", "3"}));
}

void TestBatch::parsesShards_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("count");
    QTest::newRow("1/1") << "1/1" << 0 << 1;
    QTest::newRow("3/8") << "3/8" << 2 << 8;
    QTest::newRow("0/4") << "0/4" << -1 << 0;
    QTest::newRow("5/4") << "5/4" << -1 << 0;
    QTest::newRow("a/4") << "a/4" << -1 << 0;
    QTest::newRow("4") << "4" << -1 << 0;
    QTest::newRow("-1/4") << "-1/4" << -1 << 0;
}

void TestBatch::parsesShards()
{
    QFETCH(QString, text);
    QFETCH(int, index);
    QFETCH(int, count);
    if (index < 0) {
        try {
            parseShard(text.toStdString());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(text), e.what());
        }
        return;
    }
    QCOMPARE(parseShard(text.toStdString()), std::make_pair(index, count));
}

void TestBatch::batchSkipsBrokenImageAndResumes()
{
    const QString out = m_tmp.filePath("run1/coco.json");
    QVERIFY(QDir().mkpath(m_tmp.filePath("run1")));
    std::vector<BatchEvent> events;
    const BatchSummary s = runBatch(*m_pipeline, options(out), [&](const BatchEvent &e) { events.push_back(e); });
    QCOMPARE(s.total, 4);
    QCOMPARE(s.processed, 3);
    QCOMPARE(s.failures.size(), size_t(1));
    QCOMPARE(s.failures[0].first, std::string("broken.jpg"));
    QVERIFY(QString::fromStdString(s.failures[0].second).contains("broken.jpg"));
    QCOMPARE(events.size(), size_t(4));
    QCOMPARE(events.back().done, 4);
    QVERIFY(s.captionsPath.empty());
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(out.toStdString()));
    QCOMPARE(coco.at("images").size(), size_t(3));
    QVERIFY(!coco.at("annotations").empty());
    QVERIFY(coco.at("annotations")[0].contains("score"));
    const std::string first = readTextFile(out.toStdString());

    // Second run: everything comes from the checkpoint, same output.
    const BatchSummary again = runBatch(*m_pipeline, options(out));
    QCOMPARE(again.processed, 0);
    QCOMPARE(again.skipped, 3);
    QCOMPARE(readTextFile(out.toStdString()), first);
}

void TestBatch::interruptedBatchResumes()
{
    const QString reference = m_tmp.filePath("ref/coco.json");
    QVERIFY(QDir().mkpath(m_tmp.filePath("ref")));
    runBatch(*m_pipeline, options(reference));

    const QString out = m_tmp.filePath("int/coco.json");
    QVERIFY(QDir().mkpath(m_tmp.filePath("int")));
    std::atomic<bool> cancel{false};
    bool cancelled = false;
    try {
        runBatch(*m_pipeline, options(out), [&](const BatchEvent &e) { cancel = e.done >= 2; }, {}, &cancel);
    } catch (const Error &e) {
        cancelled = e.kind() == ErrorKind::Cancelled;
    }
    QVERIFY(cancelled);
    QVERIFY(!QFile::exists(out)); // no COCO file from an interrupted run
    // Simulate a crash in the middle of writing a line.
    QFile cp(QString::fromStdString(checkpointPathFor(out.toStdString())));
    QVERIFY(cp.open(QIODevice::Append));
    cp.write("{\"image\":\"sub/c.png\",\"proj");
    cp.close();

    const BatchSummary resumed = runBatch(*m_pipeline, options(out));
    QCOMPARE(resumed.skipped, 2); // a.jpg and b.PNG were done before the interruption
    QCOMPARE(resumed.processed, 1); // sub/c.png; broken.jpg fails again
    QCOMPARE(resumed.failures.size(), size_t(1));
    QCOMPARE(cocoWithoutRunTimes(out.toStdString()), cocoWithoutRunTimes(reference.toStdString()));
}

void TestBatch::shardsMergeToSingleRun()
{
    const QString single = m_tmp.filePath("single/coco.json");
    QVERIFY(QDir().mkpath(m_tmp.filePath("single")));
    runBatch(*m_pipeline, options(single));
    std::vector<std::pair<std::string, std::string>> shards;
    for (int i = 0; i < 3; ++i) {
        const QString out = m_tmp.filePath(QString("shards/part%1.json").arg(i));
        QVERIFY(QDir().mkpath(m_tmp.filePath("shards")));
        BatchOptions o = options(out);
        o.shardIndex = i;
        o.shardCount = 3;
        runBatch(*m_pipeline, o);
        shards.emplace_back(out.toStdString(), readTextFile(out.toStdString()));
    }
    const QString merged = m_tmp.filePath("shards/merged.json");
    writeFileAtomic(merged.toStdString(), mergeCocoInstances(shards));
    QCOMPARE(cocoByFileName(merged.toStdString()).dump(1), cocoByFileName(single.toStdString()).dump(1));
}

void TestBatch::checkpointOfAnotherJobRefused()
{
    const QString out = m_tmp.filePath("other/coco.json");
    QVERIFY(QDir().mkpath(m_tmp.filePath("other")));
    BatchOptions o = options(out);
    runBatch(*m_pipeline, o);
    o.job.task = Task::RegionProposal;
    try {
        runBatch(*m_pipeline, o);
        QFAIL("no error");
    } catch (const Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("--restart"), e.what());
    }
    o.restart = true;
    QCOMPARE(runBatch(*m_pipeline, o).processed, 3);
}

void TestBatch::tornCheckpointResumesTwice_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("last line cut in half") << 0;
    QTest::newRow("only the last newline missing") << 1;
    QTest::newRow("header torn") << 2;
}

void TestBatch::tornCheckpointResumesTwice()
{
    // Issue 17, finding 4: the torn last line was skipped on resume but not cut away, so the next
    // record was glued onto it and the resume after that failed ("line 4 is damaged").
    QFETCH(int, damage);
    const QString reference = m_tmp.filePath("torn-ref/coco.json");
    if (!QFile::exists(reference)) {
        QVERIFY(QDir().mkpath(m_tmp.filePath("torn-ref")));
        runBatch(*m_pipeline, options(reference));
    }
    const QString dir = m_tmp.filePath(QString("torn%1").arg(damage));
    QVERIFY(QDir().mkpath(dir));
    const QString out = dir + "/coco.json";
    const std::string cpPath = checkpointPathFor(out.toStdString());
    std::atomic<bool> cancel{false};
    try {
        runBatch(*m_pipeline, options(out), [&](const BatchEvent &e) { cancel = e.done >= 2; }, {}, &cancel);
        QFAIL("not cancelled");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Cancelled);
    }
    std::string text = readTextFile(cpPath);
    QVERIFY(text.size() > 2 && text.back() == '\n');
    const std::size_t lastStart = text.rfind('\n', text.size() - 2) + 1;
    if (damage == 0)
        text.resize(lastStart + (text.size() - lastStart) / 2); // kill in the middle of the last record
    else if (damage == 1)
        text.pop_back(); // the record is complete, its newline is not
    else
        text.resize(text.find('\n') / 2); // killed while writing the header
    writeFileAtomic(cpPath, text);

    const BatchSummary first = runBatch(*m_pipeline, options(out));
    QCOMPARE(first.skipped, damage == 0 ? 1 : damage == 1 ? 2 : 0);
    const BatchSummary second = runBatch(*m_pipeline, options(out)); // failed before the fix
    QCOMPARE(second.skipped, 3);
    QCOMPARE(second.processed, 0);
    QCOMPARE(cocoWithoutRunTimes(out.toStdString()), cocoWithoutRunTimes(reference.toStdString()));
    // Every line of the checkpoint parses: nothing glued together.
    const std::string after = readTextFile(cpPath);
    QCOMPARE(after.back(), '\n');
    std::size_t lines = 0;
    for (std::size_t pos = 0; pos < after.size(); pos = after.find('\n', pos) + 1, ++lines)
        QVERIFY(nlohmann::json::accept(after.substr(pos, after.find('\n', pos) - pos)));
    QCOMPARE(lines, std::size_t(4)); // header + a.jpg, b.PNG, sub/c.png
}

void TestBatch::createsOutputFolder()
{
    // Issue 17, finding 8: `--out new/dir/out.json` failed with "cannot write checkpoint".
    const QString out = m_tmp.filePath("new/nested/dir/out.json");
    QVERIFY(!QDir(m_tmp.filePath("new")).exists());
    BatchOptions o = options(out);
    o.shardIndex = 0;
    o.shardCount = 4; // a.jpg only: quick
    const BatchSummary s = runBatch(*m_pipeline, o);
    QCOMPARE(s.processed, 1);
    QVERIFY(QFile::exists(out));
    // A folder that cannot be created is named in the error.
    QFile blocker(m_tmp.filePath("blocker"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    try {
        runBatch(*m_pipeline, options(m_tmp.filePath("blocker/sub/out.json")));
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Io);
        QVERIFY2(QString::fromUtf8(e.what()).contains("cannot create the output folder"), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains("blocker/sub"), e.what());
    }
}

FLORENCE_TEST_CLASS(TestBatch)
#include "test_batch.moc"
