// Tests of the CLIPImageProcessor port (core/image/preprocess.h): pixel_values parity with the
// reference derivation for every fixture image, preprocessor_config.json parsing and its errors.
#include "image/preprocess.h"

#include "common/file_io.h"
#include "image_test_util.h"
#include "io/safetensors.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace florence;
using namespace florence::test;

class TestPreprocess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtureConfig();
    void pixelValues_data();
    void pixelValues();
    void decodedImageGivesSameResult();
    void flagsOff();
    void coordinateHelpers();
    void configErrors_data();
    void configErrors();
    void missingConfigFile();
};

void TestPreprocess::fixtureConfig()
{
    const PreprocessorConfig c = loadPreprocessorConfig(fixturePath("model"));
    QCOMPARE(c.width, 768);
    QCOMPARE(c.height, 768);
    QCOMPARE(c.resample, 3);
    QVERIFY(c.doRescale && c.doNormalize);
    QCOMPARE(c.rescaleFactor, 1.0 / 255.0); // CLIPImageProcessor default: the file has no rescale_factor
    const Derivation d = manifestDerivation();
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(c.imageMean[i], d.mean[i]);
        QCOMPARE(c.imageStd[i], d.std[i]);
    }
    QCOMPARE(c.imageSeqLength, 577);
}

void TestPreprocess::pixelValues_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("resizedTensor");
    QTest::newRow("img0") << "images/img0_photo_640x480.jpg" << "img0.resized_768_uint8_hwc";
    QTest::newRow("img1") << "images/img1_tall_300x900.png" << "img1.resized_768_uint8_hwc";
    QTest::newRow("img2") << "images/img2_rgba_256x200.png" << "img2.resized_768_uint8_hwc";
}

void TestPreprocess::pixelValues()
{
    QFETCH(QString, file);
    QFETCH(QString, resizedTensor);
    const PreprocessorConfig config = loadPreprocessorConfig(fixturePath("model"));
    const PreprocessedImage p = preprocessImageFile(fixturePath(file.toStdString()), config);
    io::SafetensorsFile ref(imagesSafetensors());
    const std::vector<std::uint8_t> refResized = ref.toU8(resizedTensor.toStdString());
    QCOMPARE(compareBytes(p.resizedRgb, refResized).count, std::size_t(0));
    QCOMPARE(p.pixelValues.size(), std::size_t(3 * 768 * 768));
    // manifest.pixel_values_derivation applied to the reference's own uint8 image.
    const FloatDiff d = compareFloats(p.pixelValues, derivePixelValues(refResized, 768, 768));
    qInfo("%s: pixel_values: %zu of %zu values not bit-identical to the derivation, max |diff| %g", qPrintable(file),
          d.notIdentical, p.pixelValues.size(), d.maxAbs);
    QVERIFY(d.maxAbs <= 1e-6); // manifest.tolerances.pixel_values: atol 1e-6 (bit-exact expected)
    QCOMPARE(d.notIdentical, std::size_t(0));
}

void TestPreprocess::decodedImageGivesSameResult()
{
    const PreprocessorConfig config = loadPreprocessorConfig(fixturePath("model"));
    const std::string path = fixturePath("images/img1_tall_300x900.png");
    const RgbImage decoded = decodeImageFile(path);
    const PreprocessedImage a = preprocessImage(decoded, config, 1);
    const PreprocessedImage b = preprocessImageFile(path, config, 2);
    QCOMPARE(a.originalWidth, 300);
    QCOMPARE(a.originalHeight, 900);
    QCOMPARE(a.resizedRgb, b.resizedRgb);
    QCOMPARE(a.pixelValues, b.pixelValues);
}

void TestPreprocess::flagsOff()
{
    PreprocessorConfig c = parsePreprocessorConfig(
        R"({"size": {"height": 2, "width": 3}, "resample": 3, "do_rescale": false, "do_normalize": false})", "x.json");
    const std::vector<std::uint8_t> rgb = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 255};
    std::vector<float> v = pixelValuesFromResized(rgb.data(), rgb.size(), 3, 2, c);
    QCOMPARE(v, (std::vector<float>{0, 3, 6, 9, 12, 15, 1, 4, 7, 10, 13, 16, 2, 5, 8, 11, 14, 255})); // CHW
    c.doRescale = true;
    c.rescaleFactor = 0.5;
    v = pixelValuesFromResized(rgb.data(), rgb.size(), 3, 2, c);
    QCOMPARE(v[17], 127.5f);
    expectError([&] { pixelValuesFromResized(rgb.data(), rgb.size() - 1, 3, 2, c); }, ErrorKind::BadInput,
                {"expected 18 bytes for 3x2 RGB, got 17"});
    RgbImage empty;
    expectError([&] { preprocessImage(empty, c); }, ErrorKind::BadInput, {"empty"});
}

void TestPreprocess::coordinateHelpers()
{
    PreprocessedImage p;
    p.originalWidth = 640;
    p.originalHeight = 480;
    p.width = p.height = 768;
    double mx = 0, my = 0, x = 0, y = 0;
    imageToModel(p, 320, 480, mx, my);
    QCOMPARE(mx, 384.0);
    QCOMPARE(my, 768.0);
    modelToImage(p, mx, my, x, y);
    QCOMPARE(x, 320.0);
    QCOMPARE(y, 480.0);
}

void TestPreprocess::configErrors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("not JSON") << "{\"size\": " << QStringList{"is not valid JSON"};
    QTest::newRow("array") << "[1, 2]" << QStringList{"expected a JSON object, got array"};
    QTest::newRow("resample bilinear") << R"({"resample": 2})" << QStringList{"field 'resample'", "expected 3", "got 2"};
    QTest::newRow("resample string") << R"({"resample": "bicubic"})" << QStringList{"field 'resample'", "expected an integer"};
    QTest::newRow("size shortest_edge") << R"({"size": {"shortest_edge": 224}})"
                                        << QStringList{"field 'size'", "shortest_edge"};
    QTest::newRow("size height 0") << R"({"size": {"height": 0, "width": 768}})"
                                   << QStringList{"field 'size.height'", "integer 0 is outside 1.."};
    QTest::newRow("size width float") << R"({"size": {"height": 768, "width": 768.5}})"
                                      << QStringList{"field 'size.width'", "expected an integer"};
    QTest::newRow("mean of 2") << R"({"image_mean": [0.5, 0.5]})" << QStringList{"field 'image_mean'", "3 numbers"};
    QTest::newRow("mean string") << R"({"image_mean": [0.5, "a", 0.5]})" << QStringList{"field 'image_mean[1]'"};
    QTest::newRow("std zero") << R"({"image_std": [0.2, 0, 0.2]})" << QStringList{"field 'image_std[1]'", "positive"};
    QTest::newRow("do_resize false") << R"({"do_resize": false})" << QStringList{"field 'do_resize'"};
    QTest::newRow("do_normalize string") << R"({"do_normalize": "yes"})" << QStringList{"field 'do_normalize'", "expected true or false"};
    QTest::newRow("rescale_factor string") << R"({"rescale_factor": "1/255"})"
                                           << QStringList{"field 'rescale_factor'", "expected a number"};
    QTest::newRow("rescale_factor negative") << R"({"rescale_factor": -1})" << QStringList{"field 'rescale_factor'"};
    QTest::newRow("center crop 224") << R"({"do_center_crop": true, "crop_size": {"height": 224, "width": 224}})"
                                     << QStringList{"field 'do_center_crop'", "224x224"};
}

void TestPreprocess::configErrors()
{
    QFETCH(QString, json);
    QFETCH(QStringList, expected);
    expected << "my_preprocessor.json";
    expectError([&] { parsePreprocessorConfig(json.toStdString(), "my_preprocessor.json"); }, ErrorKind::ModelFormat,
                expected);
}

void TestPreprocess::missingConfigFile()
{
    QTemporaryDir dir;
    expectError([&] { loadPreprocessorConfig(dir.path().toStdString()); }, ErrorKind::Io, {"preprocessor_config.json"});
    // A center crop to the resize size is a no-op and accepted.
    const PreprocessorConfig c = parsePreprocessorConfig(
        R"({"do_center_crop": true, "crop_size": {"height": 768, "width": 768}, "size": {"height": 768, "width": 768}})",
        "x.json");
    QCOMPARE(c.width, 768);
}

FLORENCE_TEST_CLASS(TestPreprocess)
#include "test_preprocess.moc"
