// Export -> import round trips through every format of the registry: the shapes come back within the
// format's precision (YOLO: 6 decimals of the normalized coordinate; VOC: whole pixels; DOTA,
// PaddleOCR, COCO, labelme: exact), converted the way the summary says; plus splits and masks.
#include "annotate/formats/registry.h"

#include "formats_test_util.h"
#include "image/decode.h"
#include "test_registry.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace florence;
using namespace florence::formats;
using namespace florence::test;

namespace {

Shape shape(ShapeKind kind, std::vector<Ring> rings, const std::string &label, const std::string &text = {})
{
    Shape s;
    s.kind = kind;
    s.rings = std::move(rings);
    s.label = label;
    s.text = text;
    return s;
}

/// Two images (64 x 48, one in a subfolder) with a box (score, model origin), an OCR quad with text,
/// a 5-point polygon and a two-ring polygon, and a caption.
Dataset sampleDataset(const std::string &root)
{
    const std::string png = readFile(formatSample("yolo_flat/a.png"));
    writeFile(root + "/a.png", png);
    writeFile(root + "/sub/b.png", png);
    Dataset ds;
    ds.root = root;
    ImageRecord a;
    a.path = "a.png";
    Shape person;
    person.kind = ShapeKind::Box;
    person.box = {8, 6, 24.5, 30.25};
    person.label = "person";
    person.score = 0.9;
    person.origin = "<OD>";
    a.shapes.push_back(person);
    a.shapes.push_back(shape(ShapeKind::Quad, {{{30, 5}, {50, 8}, {49, 20}, {29, 17}}}, "sign", "EXIT"));
    a.shapes.push_back(shape(ShapeKind::Polygon, {{{2, 40}, {20, 34}, {36, 38}, {30, 46}, {4, 47}}}, "road"));
    a.captions.push_back({"A street.", "<CAPTION>"});
    ImageRecord b;
    b.path = "sub/b.png";
    b.shapes.push_back(shape(ShapeKind::Polygon, {{{10, 10}, {20, 10}, {15, 20}}, {{40, 30}, {50, 30}, {45, 40}}}, "tree"));
    ds.images = {a, b};
    ds.labels = {"person", "sign", "road", "tree"};
    return ds;
}

/// "a" for "train/a.png", "b" for "sub/b.png" and for VOC's flattened "sub_b.png".
std::string key(const std::string &path)
{
    std::string stem = stripExtension(path);
    const std::size_t cut = stem.find_last_of("/_");
    return cut == std::string::npos ? stem : stem.substr(cut + 1);
}

std::map<std::string, std::vector<Shape>> byImage(const Dataset &ds)
{
    std::map<std::string, std::vector<Shape>> out;
    for (const ImageRecord &image : ds.images)
        out[key(image.path)] = image.shapes;
    return out;
}

Shape asBox(const Shape &s)
{
    Shape b = s;
    b.kind = ShapeKind::Box;
    b.box = s.boundingBox().normalized();
    b.rings.clear();
    return b;
}

/// Splits of a DOTA export read back, ordered by image key ("a", "b").
std::vector<std::string> readDotaSplits(const std::string &dir)
{
    const Dataset ds = formatOrThrow("dota").read(dir, {});
    std::map<std::string, std::string> byKey;
    for (std::size_t i = 0; i < ds.images.size(); ++i)
        byKey[key(ds.images[i].path)] = ds.splits[i];
    std::vector<std::string> out;
    for (const auto &kv : byKey)
        out.push_back(kv.second);
    return out;
}

Ring corners(const Box &b) { return {{b.x1, b.y1}, {b.x2, b.y1}, {b.x2, b.y2}, {b.x1, b.y2}}; }

} // namespace

class TestFormatRoundTrip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data();
    void roundTrips();
    void summaryListsWhatWasDropped();
    void clipsToTheImage();
    void ratioSplitIsFixedBySeed();
    void folderSplit();
    void splitsLandInTheTree();
    void masks();
};

void TestFormatRoundTrip::roundTrips_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("variant");
    QTest::newRow("coco") << "coco" << "";
    QTest::newRow("labelme") << "labelme" << "";
    QTest::newRow("yolo detect") << "yolo" << "detect";
    QTest::newRow("yolo segment") << "yolo" << "segment";
    QTest::newRow("yolo obb") << "yolo" << "obb";
    QTest::newRow("voc") << "voc" << "";
    QTest::newRow("dota") << "dota" << "";
    QTest::newRow("paddleocr") << "paddleocr" << "";
}

void TestFormatRoundTrip::roundTrips()
{
    QFETCH(QString, format);
    QFETCH(QString, variant);
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    const Dataset original = sampleDataset(root + "/src");
    const FormatInfo &f = formatOrThrow(format.toStdString());
    ExportOptions eo;
    eo.variant = variant.toStdString();
    const ExportResult result = f.write(original, eo);
    writeExport(result, root + "/out");
    QVERIFY(QFile::exists(QString::fromStdString(root + "/out/summary.txt")));
    ImportOptions io;
    io.variant = eo.variant == "obb" ? "obb" : "";
    std::string input = root + "/out";
    if (format == "paddleocr")
        input += "/images/Label.txt";
    const Dataset back = f.read(input, io);
    QCOMPARE(back.images.size(), original.images.size());
    const auto got = byImage(back);
    const auto src = byImage(original);
    // What each format is expected to give back, and within which tolerance.
    std::map<std::string, std::vector<Shape>> want;
    double tol = 0;
    bool checkGeometryOfConverted = true;
    for (const auto &[k, shapes] : src) {
        for (const Shape &s : shapes) {
            Shape w = s;
            w.score.reset();
            w.origin = kManualOrigin;
            if (format == "coco" || format == "labelme") {
                w = s; // exact, everything kept
            } else if (eo.variant == "detect" || format == "voc") {
                w = asBox(s);
                w.text.clear();
            } else if (eo.variant == "segment") {
                w.text.clear();
                w.kind = ShapeKind::Polygon;
                if (s.kind == ShapeKind::Box)
                    w.rings = {corners(s.box)};
                for (const Ring &r : w.rings) { // one polygon per ring
                    Shape one = w;
                    one.rings = {r};
                    want[k].push_back(one);
                }
                continue;
            } else if (eo.variant == "obb" || format == "dota") {
                w.text.clear();
                if (s.kind == ShapeKind::Box) {
                    w.kind = ShapeKind::Quad;
                    w.rings = {corners(s.box)};
                } else if (s.kind == ShapeKind::Polygon) {
                    w.kind = ShapeKind::Quad; // minimum-area rectangle: geometry checked loosely below
                    checkGeometryOfConverted = false;
                }
            } else if (format == "paddleocr") {
                if (s.kind == ShapeKind::Box) {
                    w.kind = ShapeKind::Quad;
                    w.rings = {corners(s.box)};
                }
                for (const Ring &r : w.rings) {
                    Shape one = w;
                    one.rings = {r};
                    if (r.size() == 3) { // PaddleOCR needs 4 points: the last one is repeated, read back as a quad
                        one.rings[0].push_back(r.back());
                        one.kind = ShapeKind::Quad;
                    }
                    want[k].push_back(one);
                }
                continue;
            }
            want[k].push_back(w);
        }
    }
    if (format == "yolo")
        tol = 64 * 1e-6 + 1e-9; // 6 decimals of a normalized coordinate (64 px wide); cx - w/2 adds two roundings
    if (format == "voc")
        tol = 0.5; // whole pixels
    for (const auto &[k, shapes] : want) {
        QVERIFY2(got.count(k), ("image " + k + " missing").c_str());
        const std::vector<Shape> &g = got.at(k);
        QCOMPARE(g.size(), shapes.size());
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            const bool loose = !checkGeometryOfConverted && src.at(k).size() > i && src.at(k)[i].kind == ShapeKind::Polygon;
            if (loose) {
                QCOMPARE(int(g[i].kind), int(ShapeKind::Quad));
                QCOMPARE(g[i].label, shapes[i].label);
                // The rectangle contains every vertex of the polygon (float precision of minAreaRect).
                const Box bb = g[i].boundingBox().normalized();
                for (const Point &p : geometryPoints(src.at(k)[i]))
                    QVERIFY(p.x >= bb.x1 - 1e-3 && p.x <= bb.x2 + 1e-3 && p.y >= bb.y1 - 1e-3 && p.y <= bb.y2 + 1e-3);
                continue;
            }
            Shape w = shapes[i];
            if (format != "coco" && format != "labelme") {
                QVERIFY(!g[i].score);
                QCOMPARE(g[i].origin, std::string(kManualOrigin));
            }
            const std::string d = shapeDifference(w, g[i], tol);
            QVERIFY2(d.empty(), (k + " shape " + std::to_string(i) + ": " + d).c_str());
            if (format == "coco" || format == "labelme")
                QVERIFY(g[i] == w);
        }
    }
}

void TestFormatRoundTrip::summaryListsWhatWasDropped()
{
    QTemporaryDir tmp;
    const Dataset ds = sampleDataset(tmp.path().toStdString());
    ExportOptions eo;
    eo.variant = "detect";
    const ExportSummary s = formatOrThrow("yolo").write(ds, eo).summary;
    QCOMPARE(s.images, std::size_t(2));
    QCOMPARE(s.objectsPerClass.at("person"), std::size_t(1));
    QCOMPARE(s.objectsPerClass.at("tree"), std::size_t(1));
    QCOMPARE(s.converted.at("quad -> its bounding box (rotation lost): YOLO detect holds axis-aligned boxes only"), std::size_t(1));
    QCOMPARE(s.converted.at("polygon -> its bounding box: YOLO detect holds axis-aligned boxes only"), std::size_t(2));
    QCOMPARE(s.dropped.at("shape text (OCR transcription / description): YOLO has no field for it"), std::size_t(1));
    QCOMPARE(s.dropped.at("score: YOLO has no field for it"), std::size_t(1));
    QCOMPARE(s.dropped.at("provenance (origin <OD>): YOLO has no field for it"), std::size_t(1));
    QCOMPARE(s.dropped.at("caption: YOLO holds no image-level text"), std::size_t(1));
    const std::string text = s.toText();
    QVERIFY(text.find("Images: 2 (train 2)") != std::string::npos);
    QVERIFY(text.find("1 x score: YOLO has no field for it") != std::string::npos);
    // COCO keeps everything: nothing converted or dropped.
    const ExportSummary c = formatOrThrow("coco").write(ds, {}).summary;
    QVERIFY(c.converted.empty());
    QVERIFY(c.dropped.empty());
    // PaddleOCR keeps text but not scores or provenance, and crops only shapes with text.
    const ExportResult p = formatOrThrow("paddleocr").write(ds, {});
    QCOMPARE(p.summary.dropped.at("score: PaddleOCR has no field for it"), std::size_t(1));
    std::string recGt;
    std::size_t crops = 0;
    for (const OutputFile &f : p.files) {
        if (f.path == "images/rec_gt.txt")
            recGt = f.data;
        if (f.path.rfind("images/crop_img/", 0) == 0) {
            ++crops;
            const RgbImage crop = decodeImageBytes(reinterpret_cast<const std::uint8_t *>(f.data.data()), f.data.size(), f.path);
            QCOMPARE(crop.width, 20); // max(|p0p1|, |p2p3|) of the EXIT quad, truncated as PaddleOCR does
            QCOMPARE(crop.height, 12);
        }
    }
    QCOMPARE(crops, std::size_t(1));
    QCOMPARE(recGt, std::string("crop_img/a_crop_0.png\tEXIT\n"));
}

void TestFormatRoundTrip::clipsToTheImage()
{
    QTemporaryDir tmp;
    Dataset ds = sampleDataset(tmp.path().toStdString());
    ds.images[0].shapes.resize(1);
    ds.images[0].shapes[0].box = {-10, -5, 30, 60}; // beyond the 64 x 48 image
    ExportOptions eo;
    eo.variant = "detect";
    const ExportResult r = formatOrThrow("yolo").write(ds, eo);
    QCOMPARE(r.summary.converted.at("object reaching outside its image -> clipped to the image: YOLO coordinates are 0..1"),
             std::size_t(1));
    bool found = false;
    for (const OutputFile &f : r.files)
        if (f.path == "labels/train/a.txt") {
            QCOMPARE(f.data, std::string("0 0.234375 0.500000 0.468750 1.000000\n"));
            found = true;
        }
    QVERIFY(found);
    const ExportResult v = formatOrThrow("voc").write(ds, {});
    for (const OutputFile &f : v.files)
        if (f.path == "Annotations/a.xml") {
            QVERIFY(f.data.find("<truncated>1</truncated>") != std::string::npos);
            QVERIFY(f.data.find("<xmin>1</xmin>") != std::string::npos);
            QVERIFY(f.data.find("<ymax>48</ymax>") != std::string::npos);
        }
}

void TestFormatRoundTrip::ratioSplitIsFixedBySeed()
{
    Dataset ds;
    for (int i = 0; i < 10; ++i) {
        ImageRecord r;
        r.path = "img" + std::to_string(i) + ".png";
        ds.images.push_back(r);
    }
    SplitOptions o;
    o.mode = SplitOptions::Mode::Ratio;
    o.train = 0.6;
    o.val = 0.2;
    o.test = 0.2;
    o.seed = 7;
    const std::vector<std::string> a = assignSplits(ds, o);
    QCOMPARE(std::count(a.begin(), a.end(), "train"), 6L);
    QCOMPARE(std::count(a.begin(), a.end(), "val"), 2L);
    QCOMPARE(std::count(a.begin(), a.end(), "test"), 2L);
    // The same images read in another order get the same splits.
    Dataset reversed = ds;
    std::reverse(reversed.images.begin(), reversed.images.end());
    std::vector<std::string> b = assignSplits(reversed, o);
    std::reverse(b.begin(), b.end());
    QCOMPARE(b, a);
    // The documented algorithm, written out independently: images sorted by path, Fisher-Yates driven
    // by splitmix64(seed), the first round(n * train) train, the next round(n * val) val, the rest test.
    // Nothing implementation-defined (std::shuffle) is involved, so every platform gets this split.
    {
        std::vector<std::size_t> order(10);
        for (std::size_t i = 0; i < 10; ++i)
            order[i] = i; // paths img0..img9 are already sorted
        std::uint64_t state = 7;
        auto next = [&] {
            std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            return z ^ (z >> 31);
        };
        for (std::size_t i = 10; i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(next() % i)]);
        std::vector<std::string> expected(10);
        for (std::size_t k = 0; k < 10; ++k)
            expected[order[k]] = k < 6 ? "train" : k < 8 ? "val" : "test";
        QCOMPARE(a, expected);
    }
    o.seed = 8;
    QVERIFY(assignSplits(ds, o) != a);
    o.train = -1;
    expectBadInput([&] { assignSplits(ds, o); }, {"split ratios"});
}

void TestFormatRoundTrip::folderSplit()
{
    Dataset ds;
    for (const char *p : {"train/a.png", "valid/b.png", "test/c.png", "Val/d.png"}) {
        ImageRecord r;
        r.path = p;
        ds.images.push_back(r);
    }
    SplitOptions o;
    o.mode = SplitOptions::Mode::Folder;
    QCOMPARE(assignSplits(ds, o), (std::vector<std::string>{"train", "val", "test", "val"}));
    ds.images[0].path = "other/a.png";
    expectBadInput([&] { assignSplits(ds, o); }, {"other/a.png", "train/, val/"});
}

void TestFormatRoundTrip::splitsLandInTheTree()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Dataset ds = sampleDataset(root + "/src");
    ExportOptions eo;
    eo.split.mode = SplitOptions::Mode::Ratio;
    eo.split.train = 1;
    eo.split.val = 1; // two images, half and half
    const std::vector<std::string> splits = assignSplits(ds, eo.split);
    QVERIFY(splits[0] != splits[1]);
    writeExport(formatOrThrow("yolo").write(ds, eo), root + "/yolo");
    const std::string yaml = readFile(root + "/yolo/data.yaml");
    QVERIFY2(yaml.find("train: images/train\nval: images/val\n") != std::string::npos, yaml.c_str());
    QVERIFY(QFile::exists(QString::fromStdString(root + "/yolo/images/" + splits[0] + "/a.png")));
    QVERIFY(QFile::exists(QString::fromStdString(root + "/yolo/labels/" + splits[1] + "/sub/b.txt")));
    // Read back: the splits come back with the images.
    const Dataset back = formatOrThrow("yolo").read(root + "/yolo", {});
    for (std::size_t i = 0; i < back.images.size(); ++i)
        QCOMPARE(back.splits[i], splits[key(back.images[i].path) == "a" ? 0 : 1]);
    // VOC writes one image set per split, DOTA a folder per split, PaddleOCR det_gt/rec_gt per split.
    writeExport(formatOrThrow("voc").write(ds, eo), root + "/voc");
    QCOMPARE(readFile(root + "/voc/ImageSets/Main/" + splits[1] + ".txt"), std::string("sub_b\n"));
    writeExport(formatOrThrow("dota").write(ds, eo), root + "/dota");
    QVERIFY(QFile::exists(QString::fromStdString(root + "/dota/" + splits[1] + "/labelTxt/sub_b.txt")));
    QCOMPARE(readDotaSplits(root + "/dota"), (std::vector<std::string>{splits[0], splits[1]}));
    writeExport(formatOrThrow("paddleocr").write(ds, eo), root + "/ppocr");
    QVERIFY(readFile(root + "/ppocr/det_gt_" + splits[0] + ".txt").rfind("images/a.png\t", 0) == 0);
    QCOMPARE(readFile(root + "/ppocr/rec_gt_" + splits[0] + ".txt"), std::string("images/crop_img/a_crop_0.png\tEXIT\n"));
}

void TestFormatRoundTrip::masks()
{
    QTemporaryDir tmp;
    const Dataset ds = sampleDataset(tmp.path().toStdString());
    const ExportResult r = formatOrThrow("masks").write(ds, {});
    std::map<std::string, std::string> files;
    for (const OutputFile &f : r.files)
        files[f.path] = f.data;
    QVERIFY(files.count("masks/a.png") && files.count("masks/sub/b.png") && files.count("legend.json"));
    const nlohmann::json legend = nlohmann::json::parse(files["legend.json"]);
    QCOMPARE(legend.at("classes")[0].at("name").get<std::string>(), std::string("person"));
    QCOMPARE(legend.at("classes")[0].at("index").get<int>(), 1);
    const std::string &png = files["masks/a.png"];
    const RgbImage m = decodeImageBytes(reinterpret_cast<const std::uint8_t *>(png.data()), png.size(), "a.png");
    QCOMPARE(m.width, 64);
    QCOMPARE(m.height, 48);
    auto at = [&](int x, int y) { return int(m.pixels[std::size_t(y * m.width + x) * 3]); };
    QCOMPARE(at(16, 18), 1);  // inside the person box (8..24.5 x 6..30.25)
    QCOMPARE(at(25, 18), 0);  // centre 25.5 is outside
    QCOMPARE(at(40, 12), 2);  // the sign quad
    QCOMPARE(at(10, 42), 3);  // the road polygon
    QCOMPARE(at(60, 2), 0);   // background
    const std::string &pngB = files["masks/sub/b.png"];
    const RgbImage mb = decodeImageBytes(reinterpret_cast<const std::uint8_t *>(pngB.data()), pngB.size(), "b.png");
    QCOMPARE(int(mb.pixels[std::size_t(13 * 64 + 15) * 3]), 4); // first ring of the tree
    QCOMPARE(int(mb.pixels[std::size_t(33 * 64 + 45) * 3]), 4); // second ring
    ExportOptions inst;
    inst.variant = "instance";
    const ExportResult ri = formatOrThrow("masks").write(ds, inst);
    for (const OutputFile &f : ri.files)
        if (f.path == "legend.json") {
            const nlohmann::json l = nlohmann::json::parse(f.data);
            QCOMPARE(l.at("bit_depth").get<int>(), 16);
            QCOMPARE(l.at("instances").at("a.png")[1].at("label").get<std::string>(), std::string("sign"));
        }
    QVERIFY(ri.summary.dropped.count("score: a mask PNG has no field for it"));
}

FLORENCE_TEST_CLASS(TestFormatRoundTrip)
#include "test_format_roundtrip.moc"
