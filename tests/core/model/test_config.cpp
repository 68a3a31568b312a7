// Tests of config.json parsing (core/model/config.h).
#include "model/config.h"

#include "common/error.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace florence;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesFixture();
    void rejectsBadConfig_data();
    void rejectsBadConfig();
};

void TestConfig::parsesFixture()
{
    const FlorenceConfig c = loadFlorenceConfig(FLORENCE_TEST_DATA "/fixtures/model");
    QCOMPARE(c.vision.dimEmbed, (std::vector<int>{16, 32, 48, 64}));
    QCOMPARE(c.vision.depths, (std::vector<int>{1, 1, 2, 1}));
    QCOMPARE(c.vision.patchPrenorm, (std::vector<bool>{false, true, true, true}));
    QCOMPARE(c.vision.windowSize, 12);
    QCOMPARE(c.vision.projectionDim, 24);
    QCOMPARE(c.text.dModel, 24);
    QCOMPARE(c.text.vocabSize, 51289);
    QCOMPARE(c.text.numBeams, 3);
    QCOMPARE(c.text.noRepeatNgramSize, 3);
    QVERIFY(c.text.earlyStopping);
    QCOMPARE(c.text.forcedEosTokenId, 2);
    QCOMPARE(loadFlorenceConfig(FLORENCE_TEST_DATA "/fixtures/model_bin").torchDtype, std::string("float16"));
}

void TestConfig::rejectsBadConfig_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("replacement");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no vision") << "/vision_config" << "" << "vision_config";
    QTest::newRow("d_model string") << "/text_config/d_model" << "\"24\"" << "text_config.d_model";
    QTest::newRow("heads") << "/text_config/encoder_attention_heads" << "5" << "encoder_attention_heads";
    QTest::newRow("depths short") << "/vision_config/depths" << "[1,1]" << "vision_config.depths";
    QTest::newRow("no vocab") << "/text_config/vocab_size" << "" << "text_config.vocab_size";
}

void TestConfig::rejectsBadConfig()
{
    QFETCH(QString, pointer);
    QFETCH(QString, replacement);
    QFETCH(QString, expected);
    auto j = nlohmann::json::parse(readTextFile(FLORENCE_TEST_DATA "/fixtures/model/config.json"));
    const nlohmann::json::json_pointer ptr(pointer.toStdString());
    if (replacement.isEmpty())
        j[ptr.parent_pointer()].erase(ptr.back());
    else
        j[ptr] = nlohmann::json::parse(replacement.toStdString());
    try {
        parseFlorenceConfig(j.dump(), "my/config.json");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains("my/config.json"), e.what());
    }
}

FLORENCE_TEST_CLASS(TestConfig)
#include "test_config.moc"
