// Tests of `florence-cli annotate` and `florence-cli merge` as processes: outputs, progress lines,
// exit statuses, shards merged equal to a single run.
#include "cli_runner.h"
#include "coco_compare.h"
#include "common/file_io.h"
#include "model_variants.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace florence;
using namespace florence::test;

class TestCliAnnotate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void annotatesFolder();
    void greedyScoresClamped();
    void shardsAndMerge();
    void captionsFile();
    void promptTable();
    void batchSizeSameOutput();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_tmp;
    QString m_model;
    QString m_input;
};

void TestCliAnnotate::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_model = m_tmp.filePath("model_loc");
    writeLocModel(m_model);
    m_input = m_tmp.filePath("in");
    QVERIFY(QDir().mkpath(m_input));
    QVERIFY(QFile::copy(qs(fixturePath("images/img0_photo_640x480.jpg")), m_input + "/a.jpg"));
    QVERIFY(QFile::copy(qs(fixturePath("images/img2_rgba_256x200.png")), m_input + "/c.png"));
    QVERIFY(QFile::copy(qs(fixturePath("images/img1_tall_300x900.png")), m_input + "/b.png"));
}

void TestCliAnnotate::annotatesFolder()
{
    QFile broken(m_input + "/zz_broken.png");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\x89PNG\r\n\x1a\n");
    broken.close();
    const QString out = m_tmp.filePath("all.json");
    const CliRun r = runCli({"annotate", "--model", m_model, "--task", "<OD>", "--max-new-tokens", "24", "--scores",
                             m_input, "--out", out});
    QFile::remove(m_input + "/zz_broken.png");
    QCOMPARE(r.exitCode, 1); // one image failed, the others were written
    QVERIFY2(r.err.contains("zz_broken.png"), qPrintable(r.err));
    QVERIFY(!r.out.contains('\r')); // stdout is not a TTY: plain lines
    QVERIFY(r.out.contains("4/4"));
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(out.toStdString()));
    QCOMPARE(coco.at("images").size(), size_t(3));
    QVERIFY(!coco.at("annotations").empty());
    QVERIFY(QFile::exists(out + ".checkpoint.jsonl"));
}

void TestCliAnnotate::greedyScoresClamped()
{
    // With 1 beam the reference's scores are exp(mean processed logit), > 1 on this model: `run`
    // keeps the raw number, `annotate` writes shapes with the confidence clamped to 0..1 (it used
    // to refuse with "score outside 0..1").
    const CliRun raw = runCli({"run", "--model", m_model, "--image", m_input + "/a.jpg", "--task", "<OD>",
                               "--max-new-tokens", "24", "--num-beams", "1", "--scores"});
    QVERIFY2(raw.exitCode == 0, qPrintable(raw.err));
    const nlohmann::json run = nlohmann::json::parse(raw.out.toStdString());
    double maxRaw = 0.0;
    for (const auto &v : run.at("result").at("<OD>").at("scores"))
        maxRaw = std::max(maxRaw, v.get<double>());
    QVERIFY2(maxRaw > 1.0, qPrintable(QString::number(maxRaw))); // the case the clamp is for
    const QString out = m_tmp.filePath("greedy.json");
    const CliRun r = runCli({"annotate", "--model", m_model, "--task", "<OD>", "--max-new-tokens", "24", "--num-beams",
                             "1", "--scores", m_input, "--out", out, "--restart"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(out.toStdString()));
    QVERIFY(!coco.at("annotations").empty());
    bool sawOne = false;
    for (const auto &a : coco.at("annotations")) {
        const double score = a.at("score").get<double>();
        QVERIFY2(score >= 0.0 && score <= 1.0, qPrintable(QString::number(score)));
        sawOne = sawOne || score == 1.0;
    }
    QVERIFY(sawOne);
}

void TestCliAnnotate::shardsAndMerge()
{
    const QString single = m_tmp.filePath("single.json");
    QCOMPARE(runCli({"annotate", "--model", m_model, "--task", "OCR_WITH_REGION", "--max-new-tokens", "24", m_input,
                     "--out", single}).exitCode, 0);
    QStringList parts;
    for (int i = 1; i <= 2; ++i) {
        const QString out = m_tmp.filePath(QString("part%1.json").arg(i));
        const CliRun r = runCli({"annotate", "--model", m_model, "--task", "OCR_WITH_REGION", "--max-new-tokens", "24",
                                 "--shard", QString("%1/2").arg(i), m_input, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        parts << out;
    }
    const QString merged = m_tmp.filePath("merged.json");
    const CliRun m = runCli(QStringList{"merge", "--out", merged} + parts);
    QVERIFY2(m.exitCode == 0, qPrintable(m.err));
    const nlohmann::json got = cocoByFileName(merged.toStdString());
    QCOMPARE(got.dump(1), cocoByFileName(single.toStdString()).dump(1));
    // OCR quads: an 8-number polygon segmentation plus bbox, text in attributes.text.
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(merged.toStdString()));
    QVERIFY(!coco.at("annotations").empty());
    const auto &a = coco.at("annotations")[0];
    QCOMPARE(a.at("segmentation").size(), size_t(1));
    QCOMPARE(a.at("segmentation")[0].size(), size_t(8));
    QCOMPARE(a.at("bbox").size(), size_t(4));
    QVERIFY(a.at("attributes").contains("text"));
}

void TestCliAnnotate::captionsFile()
{
    const QString out = m_tmp.filePath("cap.json");
    const CliRun r = runCli({"annotate", "--model", qs(fixturePath("model")), "--task", "<CAPTION>", "--max-new-tokens", "6",
                             m_input, "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const nlohmann::json instances = nlohmann::json::parse(readTextFile(out.toStdString()));
    QCOMPARE(instances.at("images").size(), size_t(3)); // listed even without annotations
    QVERIFY(instances.at("annotations").empty());
    const nlohmann::json captions = nlohmann::json::parse(readTextFile(m_tmp.filePath("cap.captions.json").toStdString()));
    QCOMPARE(captions.at("annotations").size(), size_t(3));
    QVERIFY(captions.at("annotations")[0].contains("caption"));
}

void TestCliAnnotate::promptTable()
{
    const QString table = m_tmp.filePath("prompts.json");
    writeFileAtomic(table.toStdString(), R"({"task": "<OPEN_VOCABULARY_DETECTION>",
        "rows": [{"prompt": "a red car", "label": "car"}, {"prompt": "a bike", "label": "bicycle"}]})");
    const QString out = m_tmp.filePath("prompts_out.json");
    const CliRun r = runCli({"annotate", "--model", m_model, "--max-new-tokens", "24", "--prompts", table, m_input,
                             "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("<OPEN_VOCABULARY_DETECTION>|prompts="), qPrintable(r.out));
    const nlohmann::json coco = nlohmann::json::parse(readTextFile(out.toStdString()));
    std::set<std::string> categories, prompts;
    for (const auto &c : coco.at("categories"))
        categories.insert(c.at("name").get<std::string>());
    QCOMPARE(categories, (std::set<std::string>{"car", "bicycle"})); // labelled by the table
    for (const auto &a : coco.at("annotations")) {
        const auto &p = a.at("attributes").at("provenance");
        QCOMPARE(p.at("model").get<std::string>(), std::string("model_loc"));
        prompts.insert(p.at("prompt").get<std::string>());
    }
    QCOMPARE(prompts, (std::set<std::string>{"a red car", "a bike"}));

    const CliRun wrongTask = runCli({"annotate", "--model", m_model, "--task", "<OD>", "--prompts", table, m_input,
                                     "--out", out});
    QCOMPARE(wrongTask.exitCode, 2);
    QVERIFY2(wrongTask.err.contains("<OD>"), qPrintable(wrongTask.err));
    writeFileAtomic(table.toStdString(), R"({"rows": [{"prompt": "a"}, {"prompt": "a"}]})");
    const CliRun bad = runCli({"annotate", "--model", m_model, "--task", "OPEN_VOCABULARY_DETECTION", "--prompts", table,
                               m_input, "--out", out});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("prompts.json") && bad.err.contains("appears twice"), qPrintable(bad.err));
}

void TestCliAnnotate::batchSizeSameOutput()
{
    // --batch-size changes how many images go through the model together, never the output: a chain
    // (detections, then every box segmented in batches) with a broken image in the folder, run one
    // image at a time and three at a time (the broken one failing alone inside a batch).
    QFile broken(m_input + "/b_broken.png");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\x89PNG\r\n\x1a\n");
    broken.close();
    QString outs[2];
    int k = 0;
    for (const char *n : {"1", "3"}) {
        outs[k] = m_tmp.filePath(QString("batch%1.json").arg(n));
        const CliRun r = runCli({"annotate", "--model", m_model, "--task", "<OD>", "--chain", "segment", "--max-new-tokens",
                                 "20", "--batch-size", n, m_input, "--out", outs[k]});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("b_broken.png"), qPrintable(r.err));
        QVERIFY2(r.out.contains(QString("annotate: batch size %1;").arg(n).toUtf8()), r.out.constData());
        ++k;
    }
    QFile::remove(m_input + "/b_broken.png");
    // Byte for byte, except the run time each annotation's provenance records.
    const std::string one = cocoWithoutRunTimes(outs[0].toStdString()), three = cocoWithoutRunTimes(outs[1].toStdString());
    QCOMPARE(QString::fromStdString(three), QString::fromStdString(one));
    QVERIFY(!nlohmann::json::parse(one).at("annotations").empty());
    // the default is logged as such
    const CliRun d = runCli({"annotate", "--model", m_model, "--task", "<OD>", "--max-new-tokens", "4", m_input, "--out",
                             m_tmp.filePath("default.json")});
    QVERIFY2(d.out.contains("(default)"), d.out.constData());
}

void TestCliAnnotate::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    const QString model = qs(fixturePath("model"));
    QTest::newRow("region task") << QStringList{"--model", model, "--task", "<REGION_TO_OCR>", "IN", "--out", "/tmp/x.json"} << 2 << "region";
    QTest::newRow("bad shard") << QStringList{"--model", model, "--task", "<OD>", "--shard", "3/2", "IN", "--out", "/tmp/x.json"} << 2 << "3/2";
    QTest::newRow("bad chain") << QStringList{"--model", model, "--task", "<OD>", "--chain", "paint", "IN", "--out", "/tmp/x.json"} << 2 << "paint";
    QTest::newRow("bad model") << QStringList{"--model", "/nonexistent", "--task", "<OD>", "IN", "--out", "/tmp/x.json"} << 3 << "/nonexistent";
    QTest::newRow("no input") << QStringList{"--model", model, "--task", "<OD>", "--out", "/tmp/x.json"} << 2 << "INPUT_DIR";
    QTest::newRow("missing folder") << QStringList{"--model", model, "--task", "<OD>", "/nonexistent/in", "--out", "/tmp/x.json"} << 4 << "/nonexistent/in";
}

void TestCliAnnotate::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    args.replaceInStrings(QRegularExpression("^IN$"), m_input);
    const CliRun r = runCli(QStringList{"annotate"} + args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
}

FLORENCE_TEST_CLASS(TestCliAnnotate)
#include "test_cli_annotate.moc"
