// Tests of the Florence-2 task table (core/tasks/task.h).
#include "test_registry.h"

#include "tasks/task.h"

#include <QtTest>

#include <set>
#include <string>

using namespace florence;

class TestTasks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokensRoundTrip_data();
    void tokensRoundTrip();
    void tableIsComplete();
};

void TestTasks::tokensRoundTrip_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("input");
    QTest::addColumn<QString>("resultKind");
    // The reference's tasks_answer_post_processing_type and prompt dictionaries.
    QTest::newRow("caption") << "<CAPTION>" << int(TaskInput::None) << "pure_text";
    QTest::newRow("ocr") << "<OCR>" << int(TaskInput::None) << "pure_text";
    QTest::newRow("ocr-region") << "<OCR_WITH_REGION>" << int(TaskInput::None) << "ocr";
    QTest::newRow("od") << "<OD>" << int(TaskInput::None) << "description_with_bboxes";
    QTest::newRow("dense") << "<DENSE_REGION_CAPTION>" << int(TaskInput::None) << "description_with_bboxes";
    QTest::newRow("proposal") << "<REGION_PROPOSAL>" << int(TaskInput::None) << "bboxes";
    QTest::newRow("grounding") << "<CAPTION_TO_PHRASE_GROUNDING>" << int(TaskInput::Text) << "phrase_grounding";
    QTest::newRow("res") << "<REFERRING_EXPRESSION_SEGMENTATION>" << int(TaskInput::Text) << "polygons";
    QTest::newRow("r2s") << "<REGION_TO_SEGMENTATION>" << int(TaskInput::Region) << "polygons";
    QTest::newRow("ovd") << "<OPEN_VOCABULARY_DETECTION>" << int(TaskInput::Text)
                         << "description_with_bboxes_or_polygons";
    QTest::newRow("r2c") << "<REGION_TO_CATEGORY>" << int(TaskInput::Region) << "pure_text";
    QTest::newRow("r2d") << "<REGION_TO_DESCRIPTION>" << int(TaskInput::Region) << "pure_text";
    QTest::newRow("r2o") << "<REGION_TO_OCR>" << int(TaskInput::Region) << "pure_text";
}

void TestTasks::tokensRoundTrip()
{
    QFETCH(QString, token);
    QFETCH(int, input);
    QFETCH(QString, resultKind);
    const auto task = taskFromToken(token.toStdString());
    QVERIFY(task.has_value());
    const TaskInfo &info = taskInfo(*task);
    QCOMPARE(QString::fromUtf8(info.token), token);
    QCOMPARE(int(info.input), input);
    QCOMPARE(QString::fromUtf8(toString(info.result)), resultKind);
    const bool hasPlaceholder = std::string(info.prompt).find("{input}") != std::string::npos;
    QCOMPARE(hasPlaceholder, info.input != TaskInput::None);
}

void TestTasks::tableIsComplete()
{
    QCOMPARE(int(taskTable().size()), 15);
    std::set<std::string> tokens;
    for (const TaskInfo &info : taskTable())
        tokens.insert(info.token);
    QCOMPARE(int(tokens.size()), 15);
    QVERIFY(!taskFromToken("<od>").has_value()); // tokens are case-sensitive
    QVERIFY(!taskFromToken("OD").has_value());
}

FLORENCE_TEST_CLASS(TestTasks)
#include "test_tasks.moc"
