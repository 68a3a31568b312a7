// florence-cli convert: every sample in tests/data/formats/ converted into every format (and variant)
// that can hold its geometry, read back and counted; --list; errors.
#include "annotate/formats/registry.h"

#include "cli_runner.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace florence;
using namespace florence::formats;
using namespace florence::test;

class TestCliConvert : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsFormats();
    void convertsEveryPair();
    void lossyConversionIsSummarized();
    void reportsBadInput();
};

namespace {

struct Sample
{
    const char *format;
    std::string path;        ///< input path
    const char *variant;     ///< import variant
};

std::string dataPath(const std::string &rel) { return std::string(FLORENCE_TEST_DATA) + "/formats/" + rel; }

unsigned geometryOf(const Dataset &ds)
{
    unsigned g = 0;
    for (const ImageRecord &image : ds.images)
        for (const Shape &s : image.shapes)
            g |= s.kind == ShapeKind::Box ? kHoldsBoxes : s.kind == ShapeKind::Quad ? kHoldsQuads : kHoldsPolygons;
    return g;
}

std::size_t objectCount(const Dataset &ds)
{
    std::size_t n = 0;
    for (const ImageRecord &image : ds.images)
        n += image.shapes.size();
    return n;
}

/// Input path of a converted dataset when read back as `format`.
std::string readBackPath(const std::string &out, const std::string &format)
{
    return format == "paddleocr" ? out + "/images/Label.txt" : out;
}

/// The "Objects: N" line of an export's summary.txt.
std::size_t summaryObjects(const std::string &out)
{
    const std::string text = readTextFile(out + "/summary.txt");
    const std::size_t at = text.find("\nObjects: ");
    return at == std::string::npos ? 0 : std::stoul(text.substr(at + 10));
}

} // namespace

void TestCliConvert::listsFormats()
{
    const CliRun r = runCli({"convert", "--list"});
    QCOMPARE(r.exitCode, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(j.size(), formats::formats().size());
    QCOMPARE(j[2].at("name").get<std::string>(), std::string("yolo"));
    QCOMPARE(j[2].at("variants")[2].at("name").get<std::string>(), std::string("obb"));
    QCOMPARE(j[2].at("variants")[2].at("holds"), nlohmann::json::parse(R"(["boxes", "quads"])"));
    QCOMPARE(j[6].at("name").get<std::string>(), std::string("masks"));
    QCOMPARE(j[6].at("read").get<bool>(), true); // masks import back as polygons
    QCOMPARE(j[7].at("name").get<std::string>(), std::string("florence2-jsonl"));
}

void TestCliConvert::convertsEveryPair()
{
    QTemporaryDir tmp;
    const std::string t = tmp.path().toStdString();
    std::vector<Sample> samples = {
        {"yolo", dataPath("yolo_detect"), ""}, {"yolo", dataPath("yolo_seg"), ""},   {"yolo", dataPath("yolo_obb"), "obb"},
        {"yolo", dataPath("yolo_flat"), ""},   {"voc", dataPath("voc"), ""},         {"dota", dataPath("dota"), ""},
        {"paddleocr", dataPath("paddleocr/ocr"), ""},
    };
    // COCO and labelme sources: the DOTA and YOLO segmentation samples converted first.
    for (const auto &[to, from, in] : {std::tuple{"coco", "dota", dataPath("dota")}, {"labelme", "yolo", dataPath("yolo_seg")}}) {
        const std::string out = t + "/source-" + to;
        const CliRun r = runCli({"convert", "--from", from, "--to", to, QString::fromStdString(in), QString::fromStdString(out)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        samples.push_back({to, out, ""});
    }
    int pairs = 0, cliRuns = 0;
    std::set<std::string> cliSources, cliTargets;
    for (const Sample &sample : samples) {
        ImportOptions io;
        io.variant = sample.variant;
        const Dataset ds = formatOrThrow(sample.format).read(sample.path, io);
        const unsigned geometry = geometryOf(ds);
        const std::size_t objects = objectCount(ds);
        QVERIFY(objects > 0);
        for (const FormatInfo &to : formats::formats()) {
            for (const FormatVariant &v : to.variants) {
                if ((v.holds & geometry) != geometry)
                    continue; // this target cannot hold the sample's geometry
                const std::string out = t + "/" + std::to_string(pairs++);
                const QString what = QString("%1 (%2) -> %3 %4").arg(sample.format, QString::fromStdString(sample.path),
                                                                       QString::fromStdString(to.name), QString::fromStdString(v.name));
                QStringList args = {"convert", "--from", sample.format, "--to", QString::fromStdString(to.name), "--quiet"};
                if (to.variants.size() > 1)
                    args << "--variant" << QString::fromStdString(v.name);
                if (*sample.variant)
                    args << "--import-variant" << sample.variant;
                args << QString::fromStdString(sample.path) << QString::fromStdString(out);
                // Every pair is converted; the florence-cli process (about 2 s to start with libtorch on a
                // loaded 2-core machine) runs for each source sample and each target variant at least once,
                // the other pairs call convertDataset, the function the command runs after parsing.
                const std::string targetKey = to.name + "/" + v.name;
                if (!cliSources.count(sample.path) || !cliTargets.count(targetKey)) {
                    cliSources.insert(sample.path);
                    cliTargets.insert(targetKey);
                    ++cliRuns;
                    const CliRun r = runCli(args);
                    QVERIFY2(r.exitCode == 0, qPrintable(what + ": " + r.err));
                } else {
                    ExportOptions eo;
                    eo.variant = to.variants.size() > 1 ? v.name : std::string();
                    convertDataset(sample.format, sample.path, io, to.name, out, eo);
                }
                QVERIFY2(QFile::exists(QString::fromStdString(out + "/summary.txt")), qPrintable(what));
                if (!to.read)
                    continue;
                // Read back in-process: the same number of objects arrives.
                ImportOptions back;
                back.variant = v.name == "obb" ? "obb" : "";
                const Dataset again = to.read(readBackPath(out, to.name), back);
                // JSONL holds examples, not images: only images with an answer, and only the shapes a
                // chosen task answers with (the summary's "Objects"; the rest is listed as dropped).
                // Class masks merge touching objects of a class; instance masks keep each painted one.
                std::size_t expected = objects;
                if (to.name == "florence2-jsonl" || to.name == "masks")
                    expected = summaryObjects(out);
                if (to.name == "florence2-jsonl")
                    QVERIFY2(again.images.size() <= ds.images.size(), qPrintable(what));
                else
                    QVERIFY2(again.images.size() == ds.images.size(), qPrintable(what));
                if (to.name == "masks" && v.name == "class")
                    QVERIFY2(objectCount(again) > 0 || expected == 0, qPrintable(what));
                else
                    QVERIFY2(objectCount(again) == expected,
                             qPrintable(what + QString(": %1 objects, expected %2").arg(objectCount(again)).arg(expected)));
            }
        }
    }
    QVERIFY(pairs >= 40);
    // Every format variant that holds geometry written by the CLI at least once (all but JSONL's
    // captions-only variant).
    std::size_t geometryVariants = 0;
    for (const FormatInfo &f : formats::formats())
        for (const FormatVariant &v : f.variants)
            geometryVariants += (v.holds & (kHoldsBoxes | kHoldsQuads | kHoldsPolygons)) != 0;
    QCOMPARE(geometryVariants, std::size_t(14));
    QCOMPARE(cliTargets.size(), geometryVariants);
    qInfo("converted %d sample/format pairs, %d of them through the florence-cli process", pairs, cliRuns);
}

void TestCliConvert::lossyConversionIsSummarized()
{
    QTemporaryDir tmp;
    const QString out = tmp.path() + "/det";
    const CliRun r = runCli({"convert", "--from", "dota", "--to", "yolo", "--variant", "detect", "--split", "ratio", "--ratios",
                             "1,0", "--seed", "3", QString::fromStdString(dataPath("dota")), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString summary = QString::fromUtf8(r.out);
    QVERIFY2(summary.contains("2 x quad -> its bounding box (rotation lost)"), qPrintable(summary));
    QVERIFY2(summary.contains("1 x on import from DOTA (oriented quadrilaterals): 1 objects marked difficult"), qPrintable(summary));
    QVERIFY(summary.contains("Images: 1 (train 1)"));
    QFile yaml(out + "/data.yaml");
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    const QByteArray y = yaml.readAll();
    QVERIFY(y.contains("names:\n  0: \"plane\"\n  1: \"small-vehicle\"\n"));
    QVERIFY(QFile::exists(out + "/images/train/P0001.png"));
    QVERIFY(QFile::exists(out + "/labels/train/P0001.txt"));
}

void TestCliConvert::reportsBadInput()
{
    QTemporaryDir tmp;
    CliRun r = runCli({"convert", "--from", "yolo", "--to", "nope", "a", tmp.path() + "/x"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown format 'nope'"));
    r = runCli({"convert", "--from", "masks", "--to", "coco", tmp.path() + "/nothing", tmp.path() + "/x"});
    QCOMPARE(r.exitCode, 4); // no legend.json to read: an I/O error naming it
    QVERIFY2(r.err.contains("legend.json"), qPrintable(r.err));
    // A hostile file: the message names it and its line, and nothing is written.
    QDir().mkpath(tmp.path() + "/bad/labelTxt");
    QDir().mkpath(tmp.path() + "/bad/images");
    QFile::copy(QString::fromStdString(dataPath("dota/images/P0001.png")), tmp.path() + "/bad/images/P0001.png");
    QFile f(tmp.path() + "/bad/labelTxt/P0001.txt");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1 2 3 4 5 6 7 8 plane 0\n1 2 3 4 5 6 7 inf plane 0\n");
    f.close();
    r = runCli({"convert", "--from", "dota", "--to", "coco", tmp.path() + "/bad", tmp.path() + "/out"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("P0001.txt' line 2: column 8"), qPrintable(r.err));
    QVERIFY(!QFile::exists(tmp.path() + "/out"));
    r = runCli({"convert", "--from", "dota", "--to", "coco", "--split", "sideways", "a", "b"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--split"));
}

FLORENCE_TEST_CLASS(TestCliConvert)
#include "test_cli_convert.moc"
