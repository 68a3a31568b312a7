// Tests of prompt construction (core/tasks/prompt.h) against the processor prompts the reference
// built (tokenizer_cases.json: processor_constructed_prompt; manifest.json: constructed_prompt),
// and of the validation of task inputs.
#include "fixture_data.h"
#include "test_registry.h"

#include "common/error.h"
#include "tasks/prompt.h"

#include <QtTest>

using namespace florence;
using florence::test::fixtureJson;
using florence::test::qs;

class TestPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenizerCasePrompts_data();
    void tokenizerCasePrompts();
    void generationCasePrompts_data();
    void generationCasePrompts();
    void referenceRules();
    void invalidRequests_data();
    void invalidRequests();
    void forcedRequests();
};

void TestPrompt::tokenizerCasePrompts_data()
{
    QTest::addColumn<int>("index");
    const auto &cases = fixtureJson("tokenizer_cases.json").at("cases");
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].at("id").get<std::string>().c_str()) << int(i);
}

void TestPrompt::tokenizerCasePrompts()
{
    QFETCH(int, index);
    const auto &c = fixtureJson("tokenizer_cases.json").at("cases").at(index);
    QCOMPARE(qs(constructPrompt(c.at("text").get<std::string>())),
             qs(c.at("processor_constructed_prompt").get<std::string>()));
}

void TestPrompt::generationCasePrompts_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<int>("index");
    const auto &manifest = fixtureJson("manifest.json");
    for (const char *list : {"cases", "cases_long", "cases_eos", "cases_bin"})
        for (std::size_t i = 0; i < manifest.at(list).size(); ++i)
            QTest::newRow(manifest.at(list)[i].at("id").get<std::string>().c_str()) << QString(list) << int(i);
}

void TestPrompt::generationCasePrompts()
{
    QFETCH(QString, list);
    QFETCH(int, index);
    const auto &c = fixtureJson("manifest.json").at(list.toStdString()).at(index);
    const std::string token = c.at("task").get<std::string>();
    const std::string input = c.at("text_input").is_null() ? "" : c.at("text_input").get<std::string>();
    QCOMPARE(qs(token + input), qs(c.at("processor_text_arg").get<std::string>()));
    const std::string expected = c.at("constructed_prompt").get<std::string>();
    QCOMPARE(qs(constructPrompt(token + input)), qs(expected));
    const auto task = taskFromToken(token);
    QVERIFY(task.has_value());
    QCOMPARE(qs(buildPrompt(*task, input)), qs(expected));
}

void TestPrompt::referenceRules()
{
    // A task token with input is removed everywhere; the rest, in order, is the input.
    QCOMPARE(constructPrompt("abc<REGION_TO_OCR>def<REGION_TO_OCR>"), std::string("What text is in the region abcdef?"));
    // Empty input leaves the template's text around an empty slot.
    QCOMPARE(constructPrompt("<CAPTION_TO_PHRASE_GROUNDING>"), std::string("Locate the phrases in the caption: "));
    // The first token of the reference's dictionary order wins; the other stays in the input.
    QCOMPARE(constructPrompt("<REGION_TO_CATEGORY><OPEN_VOCABULARY_DETECTION>car"),
             std::string("Locate <REGION_TO_CATEGORY>car in the image."));
    // Braces in the input are kept as they are (str.format only reads the template).
    QCOMPARE(constructPrompt("<OPEN_VOCABULARY_DETECTION>{input}"), std::string("Locate {input} in the image."));
    // Text without task tokens, and lower-case look-alikes, pass unchanged.
    QCOMPARE(constructPrompt("<od>car</od>"), std::string("<od>car</od>"));
    QCOMPARE(constructPrompt(""), std::string(""));
}

void TestPrompt::invalidRequests_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("text for a task without input") << "<OD>" << QByteArray("cars") << QStringList{"<OD>", "takes no text input", "'cars'"};
    QTest::newRow("grounding without text") << "<CAPTION_TO_PHRASE_GROUNDING>" << QByteArray("")
                                            << QStringList{"<CAPTION_TO_PHRASE_GROUNDING>", "needs a text input", "none"};
    QTest::newRow("segmentation with blank text") << "<REFERRING_EXPRESSION_SEGMENTATION>" << QByteArray(" \t")
                                                  << QStringList{"needs a text input"};
    QTest::newRow("region task without region") << "<REGION_TO_CATEGORY>" << QByteArray("")
                                                << QStringList{"<REGION_TO_CATEGORY>", "needs a region", "none"};
    QTest::newRow("region of three locs") << "<REGION_TO_OCR>" << QByteArray("<loc_1><loc_2><loc_3>")
                                          << QStringList{"needs a region", "<loc_1><loc_2><loc_3>"};
    QTest::newRow("region bin 1000") << "<REGION_TO_SEGMENTATION>" << QByteArray("<loc_1><loc_2><loc_3><loc_1000>")
                                     << QStringList{"bins 0..999", "<loc_1000>"};
    QTest::newRow("region as text") << "<REGION_TO_DESCRIPTION>" << QByteArray("the car") << QStringList{"needs a region", "'the car'"};
    QTest::newRow("task token inside the input") << "<CAPTION_TO_PHRASE_GROUNDING>" << QByteArray("a <OD> b")
                                                 << QStringList{"Task token <OD> should be the only token in the text"};
    QTest::newRow("non-UTF-8 input") << "<OPEN_VOCABULARY_DETECTION>" << QByteArray("caf\xE9")
                                     << QStringList{"invalid UTF-8", "byte offset 3"};
}

void TestPrompt::invalidRequests()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    const auto task = taskFromToken(token.toStdString());
    QVERIFY(task.has_value());
    const std::string raw = input.toStdString();
    try {
        buildPrompt(*task, raw);
        QFAIL("no florence::Error thrown");
    } catch (const Error &e) {
        QCOMPARE(int(e.kind()), int(ErrorKind::BadInput));
        for (const QString &part : expected)
            QVERIFY2(QString::fromUtf8(e.what()).contains(part), e.what());
    }
}

void TestPrompt::forcedRequests()
{
    // Forced: a missing text or an odd region runs as the reference would run it.
    QCOMPARE(buildPrompt(Task::CaptionToPhraseGrounding, "", true), std::string("Locate the phrases in the caption: "));
    QCOMPARE(buildPrompt(Task::RegionToCategory, "the car", true), std::string("What is the region the car?"));
    // Text for a task without input stays an error: the reference asserts.
    QVERIFY_THROWS_EXCEPTION(Error, buildPrompt(Task::Caption, "x", true));
    QVERIFY_THROWS_EXCEPTION(Error, constructPrompt("<CAPTION> "));
}

FLORENCE_TEST_CLASS(TestPrompt)
#include "test_prompt.moc"
