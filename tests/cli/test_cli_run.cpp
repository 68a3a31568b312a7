// Tests of `florence-cli run` as a process: the whole pipeline on a fixture case, the JSON it
// prints, and the exit statuses of bad requests and model folders.
#include "cli_runner.h"
#include "common/blas_core.h"
#include "fixture_data.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace florence::test;

class TestCliRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesReference_data();
    void matchesReference();
    void errors_data();
    void errors();
    void blasCore();
};

void TestCliRun::matchesReference_data()
{
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<QString>("mode");
    QTest::newRow("case003 <OD> beams 3") << "case003" << "num_beams=3";
    QTest::newRow("case023 <CAPTION_TO_PHRASE_GROUNDING> greedy") << "case023" << "num_beams=1";
}

void TestCliRun::matchesReference()
{
    QFETCH(QString, caseId);
    QFETCH(QString, mode);
    const FixtureJson &manifest = fixtureJson("manifest.json");
    const FixtureJson *kase = nullptr;
    for (const FixtureJson &c : manifest.at("cases"))
        if (qs(c.at("id").get<std::string>()) == caseId)
            kase = &c;
    QVERIFY(kase);
    const FixtureJson &want = kase->at("generate").at(mode.toStdString());
    const std::string image = manifest.at("images").at(kase->at("image_index").get<int>()).at("file").get<std::string>();
    QStringList args = {"run", "--model", qs(fixturePath("model")), "--image", qs(fixturePath(image)), "--task",
                        qs(kase->at("task").get<std::string>()), "--num-beams",
                        QString::number(want.at("generate_kwargs").at("num_beams").get<int>()), "--max-new-tokens",
                        QString::number(want.at("generate_kwargs").at("max_new_tokens").get<int>()), "--scores",
                        "--threads", "2"};
    if (!kase->at("text_input").is_null())
        args << "--text" << qs(kase->at("text_input").get<std::string>());
    const CliRun r = runCli(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const FixtureJson out = FixtureJson::parse(r.out.toStdString());
    QCOMPARE(out.at("task"), kase->at("task"));
    QCOMPARE(out.at("prompt"), kase->at("constructed_prompt"));
    QCOMPARE(out.at("input_ids"), kase->at("input_ids"));
    QCOMPARE(out.at("sequence"), want.at("sequence"));
    QCOMPARE(out.at("text"), want.at("decoded_skip_special_false"));
    QCOMPARE(out.at("image_size"), kase->at("image_size_wh"));
    const double atol = manifest.at("tolerances").at("transition_scores_atol").get<double>();
    QCOMPARE(out.at("transition_scores").size(), want.at("transition_scores").size());
    for (std::size_t i = 0; i < want.at("transition_scores").size(); ++i)
        QVERIFY(std::abs(out.at("transition_scores")[i].get<double>() - want.at("transition_scores")[i].get<double>()) <= atol);
    const std::string diff = compareJson(out.at("result"), want.at("post_process_generation_with_scores").at("ok"),
                                         manifest.at("tolerances").at("post_process_bboxes_atol").get<double>());
    QVERIFY2(diff.empty(), diff.c_str());
    for (const char *key : {"load", "preprocess", "vision", "encoder", "decode", "postprocess", "total"})
        QVERIFY2(out.at("timings_ms").at(key).get<double>() >= 0.0, key);
}

void TestCliRun::errors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    const QString model = qs(fixturePath("model"));
    const QString image = qs(fixturePath("images/img1_tall_300x900.png"));
    QTest::newRow("region task without region") << QStringList{"--model", model, "--image", image, "--task", "<REGION_TO_OCR>"} << 2 << "region";
    QTest::newRow("text for caption") << QStringList{"--model", model, "--image", image, "--task", "CAPTION", "--text", "hi"} << 2 << "<CAPTION>";
    QTest::newRow("unknown task") << QStringList{"--model", model, "--image", image, "--task", "<DETECT>"} << 2 << "unknown task '<DETECT>'";
    QTest::newRow("missing image") << QStringList{"--model", model, "--image", "/nonexistent.png", "--task", "<OD>"} << 4 << "/nonexistent.png";
    // The request is checked before the (slow) model load: a bad request is reported even with a bad folder.
    QTest::newRow("text task without text, before the load")
        << QStringList{"--model", "/tmp", "--image", image, "--task", "CAPTION_TO_PHRASE_GROUNDING"} << 2 << "needs a text input";
    QTest::newRow("not a model") << QStringList{"--model", "/tmp", "--image", image, "--task", "<OD>"} << 3 << "config.json";
    QTest::newRow("fp16 on cpu") << QStringList{"--model", model, "--image", image, "--task", "<OD>", "--dtype", "fp16"} << 2 << "fp16";
    QTest::newRow("bad region") << QStringList{"--model", model, "--image", image, "--task", "<REGION_TO_OCR>", "--region", "1,2,3"} << 2 << "--region";
}

void TestCliRun::errors()
{
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const CliRun r = runCli(QStringList{"run"} + extra);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
}

// `run` re-executes itself with OPENBLAS_CORETYPE when OpenBLAS chose kernels older than the CPU
// (core/common/blas_core.h), reports the core in its JSON, and answers with the same tokens.
void TestCliRun::blasCore()
{
    const QStringList args = {"run", "--model", qs(fixturePath("model")), "--image", qs(fixturePath("images/img0_photo_640x480.jpg")),
                              "--task", "<OD>", "--num-beams", "3", "--max-new-tokens", "20", "--threads", "1"};
    const auto runWith = [&](const QString &blasCore) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("OPENBLAS_CORETYPE");
        env.remove("FLORENCE_BLAS_CORE_FROM");
        if (blasCore.isEmpty())
            env.remove("FLORENCE_BLAS_CORE");
        else
            env.insert("FLORENCE_BLAS_CORE", blasCore);
        const CliRun r = runCli(args, 120000, env);
        if (r.exitCode != 0)
            qWarning() << r.err;
        return r.exitCode == 0 ? FixtureJson::parse(r.out.toStdString()) : FixtureJson();
    };
    const FixtureJson kept = runWith("keep"), automatic = runWith(QString());
    QVERIFY(!kept.is_null() && !automatic.is_null());
    const std::string keptLine = kept.at("model").at("blas").get<std::string>();
    const std::string autoLine = automatic.at("model").at("blas").get<std::string>();
    QCOMPARE(automatic.at("sequence"), kept.at("sequence")); // any GEMM kernels: the same tokens
    if (keptLine.empty()) { // not OpenBLAS: nothing to choose
        QCOMPARE(autoLine, std::string());
        return;
    }
    const std::string prefix = "OpenBLAS core ";
    QVERIFY2(keptLine.rfind(prefix, 0) == 0 && keptLine.find('(') == std::string::npos, keptLine.c_str());
    const std::string chosen = keptLine.substr(prefix.size());
    const std::string better = florence::betterOpenBlasCore(florence::cpuFeatures(), chosen);
    if (better.empty())
        QCOMPARE(autoLine, keptLine);
    else
        QCOMPARE(autoLine, prefix + better + " (OpenBLAS chose " + chosen + " for this CPU; FLORENCE_BLAS_CORE=keep keeps that)");
    // An explicit choice is honoured.
    if (florence::cpuFeatures().avx2 && florence::cpuFeatures().fma) {
        const FixtureJson forced = runWith("Haswell");
        QVERIFY(!forced.is_null());
        QVERIFY2(forced.at("model").at("blas").get<std::string>().rfind(prefix + "Haswell", 0) == 0,
                 forced.at("model").at("blas").get<std::string>().c_str());
        QCOMPARE(forced.at("sequence"), kept.at("sequence"));
    }
}

FLORENCE_TEST_CLASS(TestCliRun)
#include "test_cli_run.moc"
