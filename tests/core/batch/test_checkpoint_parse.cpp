// Tests of the batch checkpoint reader on hostile bytes (core/batch/checkpoint.h): every bad header
// or record is a clear Error(BadInput), never an exception of the JSON library (the fuzzer's
// finding: a header whose "format" is a number aborted the process).
#include "batch/checkpoint.h"

#include "common/error.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;

class TestCheckpointParse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileHeaders_data();
    void hostileHeaders();
    void hostileRecords_data();
    void hostileRecords();
};

namespace {

const char *kHeader = R"({"format": "florence-annotate-checkpoint", "version": 1, "job": "<OD>", "shard": "1/1"})";

/// The message of the Error(BadInput) parseCheckpoint throws on `text`, "" when it accepts it.
QString parseError(const std::string &text)
{
    try {
        parseCheckpoint(text, "out.json.checkpoint.jsonl", "<OD>", "1/1");
    } catch (const Error &e) {
        return e.kind() == ErrorKind::BadInput ? QString::fromStdString(e.what()) : QStringLiteral("wrong kind");
    }
    return {};
}

} // namespace

void TestCheckpointParse::hostileHeaders_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("expected");
    QTest::newRow("format is a number (fuzzer)") << R"({"format":0, "job": "<OD>", "shard": "1/1"})" << "not a Florence Studio checkpoint";
    QTest::newRow("format is null") << R"({"format":null, "job": "<OD>", "shard": "1/1"})" << "not a Florence Studio checkpoint";
    QTest::newRow("header is a list") << R"([1, 2])" << "not a Florence Studio checkpoint";
    QTest::newRow("version is a string")
        << R"({"format": "florence-annotate-checkpoint", "version": "1", "job": "<OD>", "shard": "1/1"})" << "newer version";
    QTest::newRow("version too new")
        << R"({"format": "florence-annotate-checkpoint", "version": 99, "job": "<OD>", "shard": "1/1"})" << "newer version";
    QTest::newRow("job is a list")
        << R"({"format": "florence-annotate-checkpoint", "version": 1, "job": ["<OD>"], "shard": "1/1"})" << "belongs to job ? shard 1/1";
    QTest::newRow("shard is a number")
        << R"({"format": "florence-annotate-checkpoint", "version": 1, "job": "<OD>", "shard": 1})" << "belongs to job <OD> shard ?";
    QTest::newRow("deep nesting") << QString(100, '[') + QString(100, ']') << "line 1 is not JSON";
}

void TestCheckpointParse::hostileHeaders()
{
    QFETCH(QString, header);
    QFETCH(QString, expected);
    const QString error = parseError(header.toStdString() + "\n{\"image\": \"a.jpg\"}\n");
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestCheckpointParse::hostileRecords_data()
{
    QTest::addColumn<QString>("record");
    QTest::addColumn<QString>("expected");
    QTest::newRow("image is a number") << R"({"image": 7, "project": {}})" << "line 2 is damaged";
    QTest::newRow("no project") << R"({"image": "a.jpg"})" << "line 2 is damaged";
    QTest::newRow("project is a string") << R"({"image": "a.jpg", "project": "x"})" << "line 2 is damaged";
    QTest::newRow("not JSON") << R"({"image": "a.jpg", "proj)" << "line 2 is damaged";
}

void TestCheckpointParse::hostileRecords()
{
    QFETCH(QString, record);
    QFETCH(QString, expected);
    // Damaged in the middle: refused with the line named. As the last line it is the torn record
    // of a killed run: ignored, and the writer cuts the file back to the header.
    const std::string header = std::string(kHeader) + "\n";
    const QString error = parseError(header + record.toStdString() + "\n" + record.toStdString() + "\n");
    QVERIFY2(error.contains(expected), qPrintable(error));
    const CheckpointState s = parseCheckpoint(header + record.toStdString() + "\n", "c.jsonl", "<OD>", "1/1");
    QVERIFY(s.exists);
    QVERIFY(s.done.empty());
    QCOMPARE(s.keepBytes, header.size());
}

FLORENCE_TEST_CLASS(TestCheckpointParse)
#include "test_checkpoint_parse.moc"
