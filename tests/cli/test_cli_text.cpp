// Tests of florence-cli's text sub-commands (tokenize, decode, prompt, postprocess), run as a
// process: JSON on stdout against the reference fixtures, exit status and message on errors.
#include "fixture_data.h"

#include <QProcess>

#include <functional>
#include <set>
#include <QtTest>

using florence::test::fixtureJson;
using florence::test::FixtureJson;
using florence::test::qs;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

CliRun runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli"), args);
    CliRun r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString modelDir()
{
    return qs(florence::test::fixturePath("model"));
}

template <typename T>
QString joined(const std::vector<T> &values)
{
    QStringList parts;
    for (const T &v : values)
        parts << QString::number(v, 'g', 17);
    return parts.join(',');
}

QString joinedIds(const std::vector<std::int64_t> &values)
{
    QStringList parts;
    for (std::int64_t v : values)
        parts << QString::number(v);
    return parts.join(',');
}

} // namespace

class TestCliText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenize_data();
    void tokenize();
    void decode();
    void prompt();
    void postprocess_data();
    void postprocess();
    void errors_data();
    void errors();
};

void TestCliText::tokenize_data()
{
    QTest::addColumn<int>("index");
    const auto &cases = fixtureJson("tokenizer_cases.json").at("cases");
    for (int i : {0, 4, 15, 20, 28, 41, 49}) // plain, punctuation, accents, emoji, loc tokens, <mask>, region prompt
        QTest::newRow(cases[i].at("id").get<std::string>().c_str()) << i;
}

void TestCliText::tokenize()
{
    QFETCH(int, index);
    const auto &c = fixtureJson("tokenizer_cases.json").at("cases").at(index);
    const CliRun r = runCli({"tokenize", "--model", modelDir(), "--text", qs(c.at("text").get<std::string>())});
    QCOMPARE(r.exitCode, 0);
    const FixtureJson out = FixtureJson::parse(r.out.toStdString());
    QCOMPARE(out.at("input_ids"), c.at("input_ids"));
    QCOMPARE(out.at("tokens"), c.at("tokens"));
}

void TestCliText::decode()
{
    const auto &c = fixtureJson("tokenizer_cases.json").at("cases").at(49);
    const QString ids = joinedIds(c.at("input_ids").get<std::vector<std::int64_t>>());
    CliRun r = runCli({"decode", "--model", modelDir(), "--ids", ids});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(FixtureJson::parse(r.out.toStdString()).at("text"), c.at("decode_skip_special_false"));
    r = runCli({"decode", "--model", modelDir(), "--ids", ids, "--skip-special-tokens"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(FixtureJson::parse(r.out.toStdString()).at("text"), c.at("decode_skip_special_true"));
}

void TestCliText::prompt()
{
    std::set<std::string> seen; // one run per task
    for (const char *list : {"cases", "cases_eos"}) {
        for (const auto &c : fixtureJson("manifest.json").at(list)) {
            if (!seen.insert(c.at("task").get<std::string>()).second)
                continue;
            QStringList args = {"prompt", "--task", qs(c.at("task").get<std::string>())};
            if (!c.at("text_input").is_null())
                args << "--text" << qs(c.at("text_input").get<std::string>());
            const CliRun r = runCli(args);
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(FixtureJson::parse(r.out.toStdString()).at("prompt"), c.at("constructed_prompt"));
        }
    }
}

void TestCliText::postprocess_data()
{
    QTest::addColumn<int>("index");
    // One case per result kind and the score-mode cases (test_tasks runs all of them in-process;
    // every florence-cli start loads libtorch, which takes a while).
    const auto &cases = fixtureJson("postprocess_cases.json").at("cases");
    std::set<std::string> kinds;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const bool scoreMode = cases[i].contains("sequence");
        if (kinds.insert(cases[i].at("type").get<std::string>()).second || scoreMode)
            QTest::newRow(cases[i].at("id").get<std::string>().c_str()) << int(i);
    }
}

void TestCliText::postprocess()
{
    QFETCH(int, index);
    const auto &c = fixtureJson("postprocess_cases.json").at("cases").at(index);
    const auto size = c.at("image_size_wh");
    QStringList args = {"postprocess", "--task", qs(c.at("task").get<std::string>()), "--image-size",
                        QString("%1,%2").arg(size[0].get<int>()).arg(size[1].get<int>())};
    if (c.contains("text")) {
        args << "--text" << qs(c.at("text").get<std::string>());
    } else {
        args << "--model" << modelDir() << "--sequence"
             << joinedIds(c.at("sequence").get<std::vector<std::int64_t>>())
             << "--scores=" + joined(c.at("transition_beam_score").get<std::vector<double>>());
    }
    const CliRun r = runCli(args);
    if (c.at("expected").contains("exception")) {
        QCOMPARE(r.exitCode, 2);
        return;
    }
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const FixtureJson got = FixtureJson::parse(r.out.toStdString());
    const FixtureJson &want = c.at("expected").at("ok");
    // Same structure and key order; numbers within manifest.tolerances.post_process_bboxes_atol.
    const double atol = fixtureJson("manifest.json").at("tolerances").at("post_process_bboxes_atol").get<double>();
    std::function<void(const FixtureJson &, const FixtureJson &)> same = [&](const FixtureJson &a, const FixtureJson &b) {
        if (b.is_number()) {
            QVERIFY(a.is_number());
            QVERIFY(std::abs(a.get<double>() - b.get<double>()) <= atol);
            return;
        }
        QCOMPARE(a.type(), b.type());
        QCOMPARE(a.size(), b.size());
        if (b.is_object()) {
            auto ia = a.begin();
            for (auto ib = b.begin(); ib != b.end(); ++ib, ++ia) {
                QCOMPARE(ia.key(), ib.key());
                same(ia.value(), ib.value());
            }
        } else if (b.is_array()) {
            for (std::size_t i = 0; i < b.size(); ++i)
                same(a[i], b[i]);
        } else {
            QCOMPARE(a, b);
        }
    };
    same(got, want);
}

void TestCliText::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString m = modelDir();
    QTest::newRow("scores count mismatch")
        << QStringList{"postprocess", "--model", m, "--task", "<OD>", "--image-size", "640,480", "--sequence", "2,0,5901,2",
                       "--scores=-0.1,-0.2"}
        << 2 << "i.e. 3 for a sequence of 4 ids; got 2";
    QTest::newRow("scores without sequence")
        << QStringList{"postprocess", "--task", "<OD>", "--image-size", "640,480", "--text", "x", "--scores=-0.1"} << 2
        << "--scores needs --sequence";
    QTest::newRow("text and sequence")
        << QStringList{"postprocess", "--model", m, "--task", "<OD>", "--image-size", "1,1", "--text", "x", "--sequence", "2,0"}
        << 2 << "either --text or --sequence";
    QTest::newRow("bad image size") << QStringList{"postprocess", "--task", "<OD>", "--image-size", "640", "--text", "x"}
                                    << 2 << "--image-size";
    QTest::newRow("unknown id in sequence")
        << QStringList{"postprocess", "--model", m, "--task", "<OD>", "--image-size", "1,1", "--sequence", "2,0,99999"} << 2
        << "token id 99999";
    QTest::newRow("loc beyond int64")
        << QStringList{"postprocess", "--task", "<OD>", "--image-size", "1,1", "--text",
                       "car<loc_99999999999999999999><loc_1><loc_2><loc_3>"}
        << 2 << "<loc_99999999999999999999>";
    QTest::newRow("unknown task") << QStringList{"prompt", "--task", "<DETECT>"} << 2 << "unknown task '<DETECT>'";
    QTest::newRow("text for a task without input") << QStringList{"prompt", "--task", "<CAPTION>", "--text", "a dog"} << 2
                                                   << "takes no text input";
    QTest::newRow("region task without region") << QStringList{"prompt", "--task", "<REGION_TO_OCR>"} << 2
                                                << "needs a region";
    QTest::newRow("bad id list") << QStringList{"decode", "--model", m, "--ids", "1,x,3"} << 2 << "'x' is not an integer";
    QTest::newRow("unknown id") << QStringList{"decode", "--model", m, "--ids", "0,51289"} << 2 << "token id 51289";
    QTest::newRow("missing model") << QStringList{"tokenize", "--model", "/nonexistent/model", "--text", "x"} << 3
                                   << "no tokenizer files";
    QTest::newRow("missing text") << QStringList{"tokenize", "--model", m} << 2 << "--text";
}

void TestCliText::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliRun r = runCli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliText)
#include "test_cli_text.moc"
