// Tests of the tiling options of `florence-cli run` and `annotate` as processes (--tiles,
// --tile-size, --overlap, --full-pass, --merge, --region-crop) and of the "truncated" flag.
#include "cli_runner.h"
#include "common/file_io.h"
#include "image/decode.h"
#include "model_variants.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace florence;
using namespace florence::test;

class TestCliTiling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void runTiled();
    void runFlagsTruncation();
    void runRegionCrop();
    void annotateTiledMarksTruncated();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_tmp;
    QString m_model;
    QString m_twin; // 1024 x 480 BMP: the fixture photo's left 512 x 480 twice, side by side
};

void TestCliTiling::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_model = m_tmp.filePath("model_loc");
    writeLocModel(m_model);
    const RgbImage photo = decodeImageFile(fixturePath("images/img0_photo_640x480.jpg"));
    // 24-bit BMP: 54-byte header, rows bottom-up in B, G, R order (1024 * 3 bytes: no padding).
    const std::uint32_t w = 1024, h = 480, size = 54 + w * h * 3;
    std::string bmp(54, '\0');
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            bmp[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
    };
    bmp[0] = 'B', bmp[1] = 'M';
    put32(2, size), put32(10, 54), put32(14, 40), put32(18, w), put32(22, h), put32(34, w * h * 3);
    bmp[26] = 1, bmp[28] = 24;
    for (int y = int(h) - 1; y >= 0; --y)
        for (std::uint32_t x = 0; x < w; ++x)
            for (int c = 2; c >= 0; --c)
                bmp.push_back(char(photo.pixels[(std::size_t(y) * 640 + x % 512) * 3 + std::size_t(c)]));
    m_twin = m_tmp.filePath("twin.bmp");
    writeFileAtomic(m_twin.toStdString(), bmp);
}

void TestCliTiling::runTiled()
{
    const CliRun r = runCli({"run", "--model", m_model, "--image", m_twin, "--task", "OD", "--num-beams", "1",
                             "--max-new-tokens", "40", "--tiles", "2x1", "--overlap", "0", "--threads", "2"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const nlohmann::json out = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(out.at("tiling").at("tiles").get<int>(), 2);
    QCOMPARE(out.at("tiles").size(), std::size_t(2));
    QCOMPARE(out.at("tiles")[1].at("rect"), nlohmann::json({512, 0, 512, 480}));
    // Identical pixels, identical answers: both tiles found the same number of shapes.
    QVERIFY(out.at("tiles")[0].at("shapes").get<int>() > 0);
    QCOMPARE(out.at("tiles")[0].at("shapes"), out.at("tiles")[1].at("shapes"));
    QCOMPARE(out.at("tiles")[0].at("text"), out.at("tiles")[1].at("text"));
    QVERIFY(out.at("truncated").is_boolean());
    QVERIFY(!out.at("shapes").empty());
    for (const auto &s : out.at("shapes")) {
        const auto &b = s.at("bbox");
        QVERIFY(b[0].get<double>() >= 0 && b[2].get<double>() <= 1024 && b[1].get<double>() >= 0 && b[3].get<double>() <= 480);
    }
    QVERIFY(r.err.contains("tile 2/2 at 512,0 512x480"));
}

void TestCliTiling::runFlagsTruncation()
{
    // The loc-biased model never stops on its own: 8 tokens are always the whole budget.
    const CliRun r = runCli({"run", "--model", m_model, "--image", m_twin, "--task", "OD", "--num-beams", "1",
                             "--max-new-tokens", "8"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const nlohmann::json out = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(out.at("truncated").get<bool>(), true);
    QVERIFY2(r.err.contains("hit --max-new-tokens (8)") && r.err.contains("--tile-size"), qPrintable(r.err));
    const CliRun t = runCli({"run", "--model", m_model, "--image", m_twin, "--task", "OD", "--num-beams", "1",
                             "--max-new-tokens", "8", "--tile-size", "512", "--overlap", "10%", "--full-pass"});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    const nlohmann::json tiled = nlohmann::json::parse(t.out.toStdString());
    QCOMPARE(tiled.at("truncated").get<bool>(), true);
    QCOMPARE(tiled.at("tiling").at("tiles").get<int>(), 4); // 3 tiles of 512 with >= 51 px overlap + the full pass
    QCOMPARE(tiled.at("tiling").at("truncated_tiles").get<int>(), 4);
    QCOMPARE(tiled.at("tiles")[3].at("full_image").get<bool>(), true);
    QVERIFY(t.err.contains("use smaller tiles"));
}

void TestCliTiling::runRegionCrop()
{
    const CliRun r = runCli({"run", "--model", m_model, "--image", qs(fixturePath("images/img0_photo_640x480.jpg")),
                             "--task", "REGION_TO_SEGMENTATION", "--region", "300,200,380,260", "--region-crop",
                             "--num-beams", "1", "--max-new-tokens", "40"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const nlohmann::json out = nlohmann::json::parse(r.out.toStdString());
    // The model saw the 120 x 100 crop at 280,180: the region 20,20,100,80 of it.
    QVERIFY(out.at("prompt").get<std::string>().find("<loc_166><loc_200><loc_833><loc_800>") != std::string::npos);
    QCOMPARE(out.at("image_size"), nlohmann::json({640, 480}));
    const auto &polys = out.at("result").at("<REGION_TO_SEGMENTATION>").at("polygons");
    QVERIFY(!polys.empty());
    for (const auto &poly : polys)
        for (const auto &ring : poly)
            for (std::size_t i = 0; i + 1 < ring.size(); i += 2) {
                QVERIFY(ring[i].get<double>() >= 280 && ring[i].get<double>() <= 400);
                QVERIFY(ring[i + 1].get<double>() >= 180 && ring[i + 1].get<double>() <= 280);
            }
}

void TestCliTiling::annotateTiledMarksTruncated()
{
    const QString in = m_tmp.filePath("in");
    QVERIFY(QDir().mkpath(in));
    QVERIFY(QFile::copy(m_twin, in + "/twin.bmp"));
    QVERIFY(QFile::copy(qs(fixturePath("images/img2_rgba_256x200.png")), in + "/small.png"));
    const QString coco = m_tmp.filePath("tiled.json");
    // 3 beams: with --scores, greedy search's transition scores are raw logits (as in the reference),
    // and exp(mean) of those is no confidence.
    const QStringList args = {"annotate", "--model", m_model, "--task", "OD", "--num-beams", "3", "--max-new-tokens", "12",
                              "--tile-size", "512", "--overlap", "64", "--merge", "wbf", "--scores", in, "--out", coco};
    CliRun r = runCli(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("(tiled)"));
    QVERIFY2(r.err.contains("2 image(s) hit --max-new-tokens (12)"), qPrintable(r.err));
    auto check = [&] {
        const nlohmann::json j = nlohmann::json::parse(readTextFile(coco.toStdString()));
        QCOMPARE(j.at("images").size(), std::size_t(2));
        for (const auto &img : j.at("images"))
            QCOMPARE(img.value("truncated", false), true);
        QVERIFY(!j.at("annotations").empty());
        for (const auto &a : j.at("annotations"))
            QCOMPARE(a.at("attributes").value("truncated", false), true);
    };
    check();
    // Resumed from the checkpoint: nothing reruns, the flags stay.
    r = runCli(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("2 done before"));
    check();
    // The same job untiled is another job: its checkpoint is refused.
    QStringList untiled = args;
    for (const char *opt : {"--tile-size", "--overlap", "--merge"}) {
        const int at = untiled.indexOf(opt);
        untiled.removeAt(at);
        untiled.removeAt(at);
    }
    r = runCli(untiled);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("|tiles=512/64/wbf"), qPrintable(r.err));
}

void TestCliTiling::errors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected");
    QTest::newRow("caption tiled") << QStringList{"--task", "CAPTION", "--tiles", "2x2"} << "<CAPTION> cannot run tiled";
    QTest::newRow("bad grid") << QStringList{"--task", "OD", "--tiles", "0x2"} << "--tiles: expected COLUMNSxROWS";
    QTest::newRow("both") << QStringList{"--task", "OD", "--tiles", "2x2", "--tile-size", "512"} << "not both";
    QTest::newRow("overlap too large") << QStringList{"--task", "OD", "--overlap", "0.7"} << "--overlap: expected pixels";
    QTest::newRow("tile too small") << QStringList{"--task", "OD", "--tile-size", "32"} << "--tile-size";
    QTest::newRow("merge alone") << QStringList{"--task", "OD", "--merge", "wbf"} << "--merge: only with tiling";
    QTest::newRow("unknown merge") << QStringList{"--task", "OD", "--tiles", "2x2", "--merge", "max"} << "unknown box merge 'max'";
    QTest::newRow("region crop without region") << QStringList{"--task", "OD", "--region-crop"} << "--region-crop";
}

void TestCliTiling::errors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    // Checked before the model load: a missing model folder is never reached.
    const CliRun r = runCli(QStringList{"run", "--model", m_tmp.filePath("no_model"), "--image", m_twin} + extra);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
}

FLORENCE_TEST_CLASS(TestCliTiling)
#include "test_cli_tiling.moc"
