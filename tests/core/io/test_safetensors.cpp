// Tests of the plain safetensors reader/writer (core/io/safetensors.h).
#include "io/safetensors.h"

#include "common/error.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace florence;
using namespace florence::io;

class TestSafetensors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsFixtureImages();
    void roundTrip();
    void halfConversions();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void releaseKeepsData();
};

void TestSafetensors::readsFixtureImages()
{
    SafetensorsFile f(FLORENCE_TEST_DATA "/fixtures/tensors/images.safetensors");
    const TensorInfo &info = f.info("img0.resized_768_uint8_hwc");
    QCOMPARE(info.dtype, DType::U8);
    QCOMPARE(info.shape, (std::vector<std::int64_t>{768, 768, 3}));
    QCOMPARE(f.toU8("img0.resized_768_uint8_hwc").size(), size_t(768 * 768 * 3));
    QVERIFY(!f.contains("img0.pixel_values"));
}

void TestSafetensors::roundTrip()
{
    QTemporaryDir dir;
    std::vector<float> values = {1.5f, -2.25f, 3.0f, 0.0f, 1e-3f, 65504.0f};
    TensorBlob a{"b.values", DType::F32, {2, 3}, std::string(reinterpret_cast<const char *>(values.data()), 24)};
    std::vector<std::int64_t> ids = {2, 0, 51288};
    TensorBlob b{"a.ids", DType::I64, {3}, std::string(reinterpret_cast<const char *>(ids.data()), 24)};
    const std::string path = dir.filePath("t.safetensors").toStdString();
    writeFileAtomic(path, writeSafetensors({a, b}, {{"format", "pt"}}));
    SafetensorsFile f(path);
    QCOMPARE(f.names(), (std::vector<std::string>{"a.ids", "b.values"}));
    QCOMPARE(f.toFloat("b.values"), values);
    QCOMPARE(f.toInt64("a.ids"), ids);
    QCOMPARE(f.metadata().at("format"), std::string("pt"));
}

void TestSafetensors::releaseKeepsData()
{
    // Dropping a tensor's pages from memory must not change what a later read sees.
    SafetensorsFile f(FLORENCE_TEST_DATA "/fixtures/model/model.safetensors");
    const std::string name = "language_model.model.shared.weight"; // 4.9 MB: many whole pages
    const std::vector<float> before = f.toFloat(name);
    f.release(name);
    QVERIFY(f.toFloat(name) == before);
}

void TestSafetensors::halfConversions()
{
    for (float v : {0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f, 0.33325195f})
        QCOMPARE(halfToFloat(floatToHalf(v)), v);
    QCOMPARE(floatToHalf(1.0f), std::uint16_t(0x3c00));
    QCOMPARE(floatToHalf(70000.0f), std::uint16_t(0x7c00)); // overflow -> inf
    QCOMPARE(bf16ToFloat(floatToBf16(1.0f)), 1.0f);
    QCOMPARE(floatToBf16(1.00390625f), std::uint16_t(0x3f80)); // tie rounds to even
}

void TestSafetensors::rejectsBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    const std::vector<float> v = {1, 2};
    TensorBlob t{"w", DType::F32, {2}, std::string(reinterpret_cast<const char *>(v.data()), 8)};
    const std::string good = writeSafetensors({t});
    QTest::newRow("empty") << QByteArray() << "too short";
    QTest::newRow("truncated data") << QByteArray::fromStdString(good.substr(0, good.size() - 4)) << "tensor 'w'";
    QByteArray huge = QByteArray::fromStdString(good);
    huge[5] = char(0x7f); // header length far beyond the file
    QTest::newRow("header outside") << huge << "outside the file";
    std::string badJson = good;
    badJson[8] = '[';
    QTest::newRow("bad json") << QByteArray::fromStdString(badJson) << "JSON";

    // Issue 17: one row per size/offset field, with values chosen to wrap 64-bit arithmetic.
    const auto withHeader = [](const std::string &json, std::size_t dataBytes) {
        std::string h = json;
        h.append((8 - h.size() % 8) % 8, ' ');
        const std::uint64_t len = h.size();
        std::string out(reinterpret_cast<const char *>(&len), 8);
        return QByteArray::fromStdString(out + h + std::string(dataBytes, '\0'));
    };
    QByteArray maxLen = QByteArray::fromStdString(good);
    for (int k = 0; k < 8; ++k)
        maxLen[k] = char(0xff);
    QTest::newRow("header length 2^64-1") << maxLen << "header length 18446744073709551615";
    QTest::newRow("shape product overflows")
        << withHeader(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})", 8)
        << "element count overflows";
    QTest::newRow("shape times dtype wraps to 8")
        << withHeader(R"({"w":{"dtype":"F64","shape":[2305843009213693953],"data_offsets":[0,8]}})", 8)
        << "element count overflows";
    QTest::newRow("shape dimension negative")
        << withHeader(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8) << "negative";
    QTest::newRow("shape dimension above int64")
        << withHeader(R"({"w":{"dtype":"F32","shape":[18446744073709551615],"data_offsets":[0,8]}})", 8)
        << "negative or non-integer";
    QTest::newRow("begin near 2^64")
        << withHeader(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[18446744073709551615,7]}})", 8)
        << "point outside the data section";
    QTest::newRow("end near 2^64")
        << withHeader(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[18446744073709551608,18446744073709551615]}})", 8)
        << "point outside the data section";
    QTest::newRow("offsets beyond 2^64")
        << withHeader(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,18446744073709551616]}})", 8)
        << "two non-negative integers";
    QTest::newRow("offsets negative")
        << withHeader(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", 8) << "two non-negative integers";
}

void TestSafetensors::rejectsBadFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string path = dir.filePath("bad.safetensors").toStdString();
    writeFileAtomic(path, content.toStdString());
    try {
        SafetensorsFile f(path);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::ModelFormat);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains("bad.safetensors"), e.what());
    }
}

FLORENCE_TEST_CLASS(TestSafetensors)
#include "test_safetensors.moc"
