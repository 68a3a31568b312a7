// Runs `florence-cli preprocess` on the fixture images and compares its safetensors output with the
// reference tensors; checks the exit statuses and messages for a bad model folder or image.
#include "image_test_util.h"
#include "io/safetensors.h"
#include "test_registry.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace florence;
using namespace florence::test;

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(FLORENCE_BINARY_DIR "/app/cli/florence-cli"), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCliPreprocess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesFixture_data();
    void matchesFixture();
    void errors_data();
    void errors();
    void missingOption();
};

void TestCliPreprocess::matchesFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("resizedTensor");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("img0") << "images/img0_photo_640x480.jpg" << "img0.resized_768_uint8_hwc" << 640 << 480;
    QTest::newRow("img1") << "images/img1_tall_300x900.png" << "img1.resized_768_uint8_hwc" << 300 << 900;
    QTest::newRow("img2") << "images/img2_rgba_256x200.png" << "img2.resized_768_uint8_hwc" << 256 << 200;
}

void TestCliPreprocess::matchesFixture()
{
    QFETCH(QString, file);
    QFETCH(QString, resizedTensor);
    QFETCH(int, width);
    QFETCH(int, height);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.safetensors");
    const CliResult r = runCli({"preprocess", "--model", QString::fromStdString(fixturePath("model")), "--image",
                                QString::fromStdString(fixturePath(file.toStdString())), "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    io::SafetensorsFile got(out.toStdString());
    QCOMPARE(got.info("pixel_values").dtype, io::DType::F32);
    QCOMPARE(got.info("pixel_values").shape, (std::vector<std::int64_t>{1, 3, 768, 768}));
    QCOMPARE(got.info("resized_uint8").dtype, io::DType::U8);
    QCOMPARE(got.info("resized_uint8").shape, (std::vector<std::int64_t>{768, 768, 3}));
    QCOMPARE(got.metadata().at("original_width"), std::to_string(width));
    QCOMPARE(got.metadata().at("original_height"), std::to_string(height));

    io::SafetensorsFile ref(imagesSafetensors());
    const std::vector<std::uint8_t> refResized = ref.toU8(resizedTensor.toStdString());
    QCOMPARE(compareBytes(got.toU8("resized_uint8"), refResized).count, std::size_t(0));
    const FloatDiff d = compareFloats(got.toFloat("pixel_values"), derivePixelValues(refResized, 768, 768));
    QVERIFY(d.maxAbs <= 1e-6); // manifest.tolerances.pixel_values
    QCOMPARE(d.notIdentical, std::size_t(0));
}

void TestCliPreprocess::errors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("image");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    const QString model = QString::fromStdString(fixturePath("model"));
    const QString image = QString::fromStdString(fixturePath("images/img1_tall_300x900.png"));
    const QString notImage = QString::fromStdString(fixturePath("manifest.json"));
    QTest::newRow("model folder is a file") << notImage << image << 3 << "is not a folder";
    QTest::newRow("model folder missing") << model + "/nope" << image << 3 << "does not exist";
    QTest::newRow("image not an image") << model << notImage << 2 << "not a supported image";
    QTest::newRow("image missing") << model << model + "/nope.png" << 4 << "no such file";
}

void TestCliPreprocess::errors()
{
    QFETCH(QString, model);
    QFETCH(QString, image);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.safetensors");
    const CliResult r = runCli({"preprocess", "--model", model, "--image", image, "--out", out});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY(!QFile::exists(out));
}

void TestCliPreprocess::missingOption()
{
    const CliResult r = runCli({"preprocess", "--model", QString::fromStdString(fixturePath("model")), "--image", "x.png"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("missing required option --out"), qPrintable(r.err));
}

FLORENCE_TEST_CLASS(TestCliPreprocess)
#include "test_cli_preprocess.moc"
