// Tests of the coordinate quantizers (core/tasks/quantizer.h): bins of pixels and back, in
// (width, height) order, float32 as the reference.
#include "test_registry.h"

#include "common/error.h"
#include "tasks/prompt.h"
#include "tasks/quantizer.h"

#include <QtTest>

#include <cmath>

using namespace florence;

class TestQuantizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void boxTokens();
    void clampsOutsideTheImage();
    void dequantizeIsFloat32();
    void badInput();
};

void TestQuantizer::roundTrip_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    // The fixture images and a few awkward sizes.
    QTest::newRow("640x480") << 640 << 480;
    QTest::newRow("300x900") << 300 << 900;
    QTest::newRow("256x200") << 256 << 200;
    QTest::newRow("1x1") << 1 << 1;
    QTest::newRow("7x3") << 7 << 3;
    QTest::newRow("4032x3024") << 4032 << 3024;
    QTest::newRow("1000x1000") << 1000 << 1000;
}

void TestQuantizer::roundTrip()
{
    QFETCH(int, width);
    QFETCH(int, height);
    for (int bin = 0; bin < kLocationBins; ++bin) {
        // The centre of a bin falls back into the same bin.
        const auto p = dequantizePoint(bin, bin, width, height);
        QCOMPARE(quantizePoint(Point{p[0], p[1]}, width, height), (std::array<int, 2>{bin, bin}));
        // Centre = (bin + 0.5) * size / 1000 up to float32 rounding.
        QVERIFY(std::abs(p[0] - (bin + 0.5) * width / 1000.0) <= 1e-6 * width);
        QVERIFY(std::abs(p[1] - (bin + 0.5) * height / 1000.0) <= 1e-6 * height);
    }
}

void TestQuantizer::boxTokens()
{
    // (width, height) order: x uses the width, y the height; floor.
    const Box box{10.0, 20.0, 630.0, 470.0};
    const auto bins = quantizeBox(box, 640, 480);
    QCOMPARE(bins[0], int(std::floor(10.0 * 1000 / 640)));
    QCOMPARE(bins[1], int(std::floor(20.0 * 1000 / 480)));
    QCOMPARE(bins[2], int(std::floor(630.0 * 1000 / 640)));
    QCOMPARE(bins[3], int(std::floor(470.0 * 1000 / 480)));
    const std::string tokens = boxToLocationTokens(box, 640, 480);
    QCOMPARE(tokens, "<loc_" + std::to_string(bins[0]) + "><loc_" + std::to_string(bins[1]) + "><loc_"
                         + std::to_string(bins[2]) + "><loc_" + std::to_string(bins[3]) + ">");
    // What the quantizer writes is a valid region input.
    validateTaskInput(Task::RegionToCategory, tokens);
    QCOMPARE(pointToLocationTokens(Point{639.9, 0.0}, 640, 480), std::string("<loc_999><loc_0>"));
}

void TestQuantizer::clampsOutsideTheImage()
{
    QCOMPARE(quantizeCoordinate(-5.0, 640), 0);
    QCOMPARE(quantizeCoordinate(640.0, 640), 999);
    QCOMPARE(quantizeCoordinate(1e12, 640), 999);
    // Dequantizing is not clamped: <loc_1500> lies beyond the right edge.
    QVERIFY(dequantizeCoordinate(1500, 640) > 640.0f);
}

void TestQuantizer::dequantizeIsFloat32()
{
    // float32((float32(bin) + 0.5f) * float32(size / 1000)).
    for (std::int64_t bin : {0LL, 52LL, 333LL, 999LL, 1500LL, 123456789LL}) {
        for (int size : {1, 300, 480, 640, 900}) {
            const float expected = (float(bin) + 0.5f) * float(size / 1000.0);
            QCOMPARE(dequantizeCoordinate(bin, size), expected);
        }
    }
    const auto box = dequantizeBox({52, 332, 932, 774}, 640, 480);
    QCOMPARE(box[0], dequantizeCoordinate(52, 640));
    QCOMPARE(box[1], dequantizeCoordinate(332, 480));
    QCOMPARE(box[2], dequantizeCoordinate(932, 640));
    QCOMPARE(box[3], dequantizeCoordinate(774, 480));
}

void TestQuantizer::badInput()
{
    try {
        quantizeCoordinate(std::nan(""), 640);
        QFAIL("no error for NaN");
    } catch (const Error &e) {
        QVERIFY(QString(e.what()).contains("finite"));
    }
    try {
        quantizeBox(Box{0, 0, 1, 1}, 640, 0);
        QFAIL("no error for height 0");
    } catch (const Error &e) {
        QVERIFY(QString(e.what()).contains("height must be positive, got 0"));
    }
    QVERIFY_THROWS_EXCEPTION(Error, dequantizeCoordinate(5, -3));
}

FLORENCE_TEST_CLASS(TestQuantizer)
#include "test_quantizer.moc"
