// The two registry formats that complete issue 15: Florence-2 fine-tuning JSONL (core/train's
// converter behind the registry) and mask PNG import (class- and instance-index masks traced back
// into polygons). Round trips, summaries and hostile input.
#include "annotate/formats/florence_jsonl.h"
#include "annotate/formats/masks.h"
#include "annotate/formats/registry.h"

#include "formats_test_util.h"
#include "tasks/answer_text.h"
#include "test_registry.h"
#include "train/training_data.h"

#include <QtTest>

#include <map>

using namespace florence;
using namespace florence::formats;
using namespace florence::test;

namespace {

Shape box(double x1, double y1, double x2, double y2, const std::string &label)
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = {x1, y1, x2, y2};
    s.label = label;
    return s;
}

Shape poly(std::vector<Ring> rings, const std::string &label, ShapeKind kind = ShapeKind::Polygon)
{
    Shape s;
    s.kind = kind;
    s.rings = std::move(rings);
    s.label = label;
    return s;
}

/// Two 64 x 48 images: boxes (one with a score and a model origin), an OCR quad, a polygon, captions.
Dataset jsonlDataset(const std::string &root)
{
    const std::string png = readFile(formatSample("yolo_flat/a.png"));
    writeFile(root + "/a.png", png);
    writeFile(root + "/sub/b.png", png);
    Dataset ds;
    ds.root = root;
    ImageRecord a;
    a.path = "a.png";
    Shape person = box(8, 6, 24.5, 30.25, "person");
    person.score = 0.9;
    person.origin = "<OD>";
    a.shapes.push_back(person);
    Shape sign = poly({{{30, 5}, {50, 8}, {49, 20}, {29, 17}}}, "text", ShapeKind::Quad);
    sign.text = "EXIT";
    a.shapes.push_back(sign);
    a.shapes.push_back(poly({{{2, 34}, {20, 34}, {36, 38}, {30, 46}, {4, 47}}}, "road"));
    a.captions.push_back({"A street.", "<CAPTION>"});
    a.captions.push_back({"A street with a sign that says EXIT.", "<DETAILED_CAPTION>"});
    ImageRecord b;
    b.path = "sub/b.png";
    b.shapes.push_back(box(40, 10, 60, 40, "tree"));
    ds.images = {a, b};
    ds.labels = {"person", "road", "tree"};
    return ds;
}

std::map<std::string, ImageRecord> byName(const Dataset &ds)
{
    std::map<std::string, ImageRecord> out;
    for (const ImageRecord &r : ds.images)
        out[r.path.substr(r.path.find_last_of('/') + 1)] = r;
    return out;
}

/// A mask export of `ds` read back.
Dataset maskRoundTrip(const Dataset &ds, const std::string &variant, const std::string &out)
{
    ExportOptions eo;
    eo.variant = variant;
    writeExport(formatOrThrow("masks").write(ds, eo), out);
    return formatOrThrow("masks").read(out, {});
}

bool boxesClose(const Box &a, const Box &b, double tol)
{
    return std::abs(a.x1 - b.x1) <= tol && std::abs(a.y1 - b.y1) <= tol && std::abs(a.x2 - b.x2) <= tol
           && std::abs(a.y2 - b.y2) <= tol;
}

} // namespace

class TestFormatJsonlMasks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonlIsTheTrainingConverter();
    void jsonlRoundTrip();
    void jsonlSummaryAndTokenWarning();
    void jsonlBadLineNamed();
    void masksClassRoundTrip();
    void masksInstanceRoundTrip();
    void masksHostile();
};

void TestFormatJsonlMasks::jsonlIsTheTrainingConverter()
{
    // The registry's JSONL is core/train's: the lines are toJsonlLine(answersForImage(...)).
    QTemporaryDir tmp;
    const Dataset ds = jsonlDataset(tmp.path().toStdString() + "/src");
    ExportOptions eo;
    eo.split.mode = SplitOptions::Mode::None;
    const ExportResult r = formatOrThrow("florence2-jsonl").write(ds, eo);
    std::map<std::string, std::string> files;
    for (const OutputFile &f : r.files)
        files[f.path] = f.data;
    QVERIFY(files.count("train.jsonl") && files.count("valid.jsonl"));
    QCOMPARE(files["valid.jsonl"], std::string());
    std::vector<TrainingExample> want;
    for (const ImageRecord &image : ds.images) {
        ImageRecord sized = image;
        sized.width = 64;
        sized.height = 48;
        for (const TaskAnswer &a : answersForImage(sized, {Task::ObjectDetection, Task::OcrWithRegion, Task::Caption,
                                                           Task::DetailedCaption, Task::MoreDetailedCaption}))
            want.push_back({"images/" + image.path, a.prefix(), a.suffix, 0});
    }
    QCOMPARE(files["train.jsonl"], toJsonl(want));
    QVERIFY(files["train.jsonl"].find("\"prefix\":\"<OD>\"") != std::string::npos);
    // and the trainer reads it
    writeExport(r, tmp.path().toStdString() + "/out");
    QCOMPARE(loadJsonl(tmp.path().toStdString() + "/out/train.jsonl").size(), want.size());
}

void TestFormatJsonlMasks::jsonlRoundTrip()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    const Dataset ds = jsonlDataset(root + "/src");
    ExportOptions eo;
    eo.split.mode = SplitOptions::Mode::Ratio;
    eo.split.train = 0.5;
    eo.split.val = 0.5;
    eo.split.seed = 3;
    writeExport(formatOrThrow("florence2-jsonl").write(ds, eo), root + "/out");
    const Dataset back = formatOrThrow("florence2-jsonl").read(root + "/out", {});
    QCOMPARE(back.images.size(), std::size_t(2));
    std::vector<std::string> splits = back.splits;
    std::sort(splits.begin(), splits.end());
    QCOMPARE(splits, (std::vector<std::string>{"train", "val"})); // one image each side
    const auto got = byName(back);
    const ImageRecord &a = got.at("a.png");
    QCOMPARE(a.width, 64);
    QCOMPARE(a.height, 48);
    // Within one location bin (side / 1000): boxes, the polygon as its bounding box, the quad with its text.
    const double tol = 64.0 / 1000.0 + 1e-9;
    QCOMPARE(a.shapes.size(), std::size_t(3));
    QCOMPARE(a.shapes[0].kind, ShapeKind::Box);
    QCOMPARE(a.shapes[0].label, std::string("person"));
    QVERIFY(boxesClose(a.shapes[0].box, Box{8, 6, 24.5, 30.25}, tol));
    QCOMPARE(a.shapes[0].origin, std::string(kManualOrigin));
    QVERIFY(!a.shapes[0].score);
    QCOMPARE(a.shapes[1].label, std::string("road"));
    QVERIFY(boxesClose(a.shapes[1].box, Box{2, 34, 36, 47}, tol));
    QCOMPARE(a.shapes[2].kind, ShapeKind::Quad);
    QCOMPARE(a.shapes[2].text, std::string("EXIT"));
    for (std::size_t i = 0; i < 4; ++i) {
        const Point want[4] = {{30, 5}, {50, 8}, {49, 20}, {29, 17}};
        QVERIFY(std::abs(a.shapes[2].rings[0][i].x - want[i].x) <= tol);
        QVERIFY(std::abs(a.shapes[2].rings[0][i].y - want[i].y) <= tol);
    }
    QCOMPARE(a.captions.size(), std::size_t(2));
    QCOMPARE(a.captions[0], (Caption{"A street.", "<CAPTION>"}));
    QCOMPARE(a.captions[1].origin, std::string("<DETAILED_CAPTION>"));
    QCOMPARE(got.at("b.png").shapes.size(), std::size_t(1));
    // Read again and written again: the same lines (a second round trip is stable).
    ExportOptions none;
    none.split.mode = SplitOptions::Mode::None;
    none.copyImages = false;
    const ExportResult once = formatOrThrow("florence2-jsonl").write(back, none);
    writeExport(once, root + "/again");
    const Dataset twice = formatOrThrow("florence2-jsonl").read(root + "/again/train.jsonl", {});
    const ExportResult again = formatOrThrow("florence2-jsonl").write(twice, none);
    QCOMPARE(again.files.front().data, once.files.front().data);
}

void TestFormatJsonlMasks::jsonlSummaryAndTokenWarning()
{
    QTemporaryDir tmp;
    Dataset ds = jsonlDataset(tmp.path().toStdString() + "/src");
    // 300 boxes: 1200 location tokens, beyond the decoder's 1024 positions.
    for (int i = 0; i < 300; ++i)
        ds.images[1].shapes.push_back(box(i % 60, i % 40, i % 60 + 3, i % 40 + 5, "leaf"));
    ds.images[1].shapes.push_back(box(1, 1, 5, 5, "")); // no label: nothing an <OD> answer can say
    ExportOptions eo;
    eo.split.mode = SplitOptions::Mode::None;
    const ExportResult r = formatOrThrow("florence2-jsonl").write(ds, eo);
    const ExportSummary &s = r.summary;
    QCOMPARE(s.images, std::size_t(2));
    QCOMPARE(s.objectsPerClass.at("leaf"), std::size_t(300));
    QCOMPARE(s.objectsPerClass.at("text"), std::size_t(1));
    QCOMPARE(s.dropped.at("score: Florence-2 JSONL has no field for it"), std::size_t(1));
    QCOMPARE(s.dropped.at("provenance (origin <OD>): Florence-2 JSONL has no field for it"), std::size_t(1));
    QVERIFY(s.converted.count("polygon -> its bounding box: <OD> / <DENSE_REGION_CAPTION> answers are boxes"));
    bool unlabeled = false;
    for (const auto &[what, n] : s.dropped)
        unlabeled |= what.rfind("box/polygon without a label", 0) == 0 && n == 1;
    QVERIFY(unlabeled);
    QCOMPARE(s.warnings.size(), std::size_t(1));
    QVERIFY2(s.warnings[0].find("1024-token limit") != std::string::npos, s.warnings[0].c_str());
    QVERIFY(s.warnings[0].find("sub/b.png <OD>") != std::string::npos);
    QVERIFY(s.toText().find("Warnings:\n  1 answer(s) reach Florence-2's 1024-token limit") != std::string::npos);
    QCOMPARE(estimateAnswerTokens("car<loc_1><loc_2><loc_3><loc_4>"), 5);
    QCOMPARE(estimateAnswerTokens("<loc_1><loc_2><sep><loc_3>"), 4);
    // The OCR-only variant drops the boxes with their reason.
    eo.variant = "ocr";
    const ExportResult ocr = formatOrThrow("florence2-jsonl").write(ds, eo);
    QVERIFY(ocr.summary.dropped.count("box/polygon: no chosen task answers with boxes (tasks: <OCR_WITH_REGION>)"));
    QCOMPARE(ocr.summary.warnings.size(), std::size_t(1)); // b.png has no OCR line; no token warning
    QVERIFY2(ocr.summary.warnings[0].find("1 image(s) give no example") == 0, ocr.summary.warnings[0].c_str());
}

void TestFormatJsonlMasks::jsonlBadLineNamed()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    writeFile(root + "/a.png", readFile(formatSample("yolo_flat/a.png")));
    writeFile(root + "/d.jsonl", "{\"image\": \"a.png\", \"prefix\": \"<OD>\", \"suffix\": \"car<loc_1><loc_2><loc_3><loc_4>\"}\r\n"
                                 "{\"image\": \"a.png\", \"prefix\": \"<OD>\", \"suffix\": 3}\n");
    expectBadInput([&] { readFlorenceJsonl(root + "/d.jsonl", {}); }, {root + "/d.jsonl", "line 2", "suffix"});
    writeFile(root + "/e.jsonl", "{\"image\": \"a.png\", \"prefix\": \"<NOPE>\", \"suffix\": \"x\"}\n");
    expectBadInput([&] { readFlorenceJsonl(root + "/e.jsonl", {}); }, {"e.jsonl' line 1", "task token"});
    writeFile(root + "/f.jsonl", "{\"image\": \"missing.png\", \"prefix\": \"<OD>\", \"suffix\": \"x\"}\n");
    expectBadInput([&] { readFlorenceJsonl(root + "/f.jsonl", {}); }, {"f.jsonl' line 1", "missing.png' does not exist"});
}

void TestFormatJsonlMasks::masksClassRoundTrip()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Dataset ds = jsonlDataset(root + "/src");
    ds.images[0].shapes = {box(8, 6, 24, 30, "person"), poly({{{30, 5}, {50, 5}, {50, 20}, {30, 20}}}, "sign"),
                           box(52, 30, 60, 44, "person")};
    const Dataset back = maskRoundTrip(ds, "class", root + "/out");
    QCOMPARE(back.images.size(), std::size_t(2));
    QVERIFY(QFile::exists(QString::fromStdString(root + "/out/images/sub/b.png"))); // images copied
    const auto got = byName(back);
    const ImageRecord &a = got.at("a.png");
    QCOMPARE(a.path, std::string("a.png"));
    QCOMPARE(a.width, 64);
    QCOMPARE(a.shapes.size(), std::size_t(3)); // two person regions, one sign
    std::map<std::string, int> labels;
    for (const Shape &s : a.shapes) {
        QCOMPARE(s.kind, ShapeKind::Polygon);
        QCOMPARE(s.rings.size(), std::size_t(1));
        ++labels[s.label];
    }
    QCOMPARE(labels["person"], 2);
    QCOMPARE(labels["sign"], 1);
    // Traced through the boundary pixels' centres: within one pixel of the painted shape.
    for (const Shape &want : ds.images[0].shapes) {
        bool found = false;
        for (const Shape &s : a.shapes)
            found |= s.label == want.label && boxesClose(s.boundingBox().normalized(), want.boundingBox().normalized(), 1.0);
        QVERIFY2(found, want.label.c_str());
    }
    QCOMPARE(back.labels, (std::vector<std::string>{"person", "road", "tree", "sign"}));
}

void TestFormatJsonlMasks::masksInstanceRoundTrip()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Dataset ds = jsonlDataset(root + "/src");
    // Two touching boxes of one class stay two instances; a two-ring polygon stays one.
    ds.images[0].shapes = {box(8, 6, 24, 30, "person"), box(24, 6, 40, 30, "person"),
                           poly({{{44, 4}, {54, 4}, {54, 14}, {44, 14}}, {{44, 30}, {60, 30}, {60, 44}, {44, 44}}}, "tree")};
    const Dataset back = maskRoundTrip(ds, "instance", root + "/out");
    const ImageRecord a = byName(back).at("a.png");
    QCOMPARE(a.shapes.size(), std::size_t(3));
    QCOMPARE(a.shapes[0].label, std::string("person"));
    QCOMPARE(a.shapes[1].label, std::string("person"));
    const Box b0 = a.shapes[0].boundingBox();
    // Through the painted pixels' centres (8.5..23.5); OpenCV's fillPoly also paints pixels whose
    // centre lies on the bottom edge, so within one pixel.
    QVERIFY2(boxesClose(b0, Box{8.5, 6.5, 23.5, 29.5}, 1.0),
             qPrintable(QString("%1 %2 %3 %4").arg(b0.x1).arg(b0.y1).arg(b0.x2).arg(b0.y2)));
    QVERIFY(boxesClose(a.shapes[1].boundingBox(), Box{24.5, 6.5, 39.5, 29.5}, 1.0));
    QVERIFY(a.shapes[0].boundingBox().x2 < a.shapes[1].boundingBox().x1); // touching, yet two instances
    QCOMPARE(a.shapes[2].label, std::string("tree"));
    QCOMPARE(a.shapes[2].rings.size(), std::size_t(2)); // largest ring first
    QVERIFY(boxesClose(poly({a.shapes[2].rings[0]}, "").boundingBox(), Box{44.5, 30.5, 59.5, 43.5}, 1.0));
}

void TestFormatJsonlMasks::masksHostile()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Dataset ds = jsonlDataset(root + "/src");
    ExportOptions eo;
    writeExport(formatOrThrow("masks").write(ds, eo), root + "/out");
    // A pixel value that is no class of the legend (the legend lost its classes).
    writeFile(root + "/out/legend.json", "{\"variant\": \"class\", \"classes\": [{\"index\": 1, \"name\": \"person\"}], "
                                         "\"images\": [\"a.png\", \"sub/b.png\"]}");
    expectBadInput([&] { readMasks(root + "/out", {}); }, {"masks/a.png'", "pixel value 2 is no class"});
    // A colour PNG instead of an index mask.
    writeFile(root + "/out/masks/a.png", readFile(formatSample("yolo_flat/a.png")));
    expectBadInput([&] { readMasks(root + "/out", {}); }, {"masks/a.png'", "one-channel"});
    // A broken legend and a missing mask.
    writeFile(root + "/out/legend.json", "{\"variant\": \"class\", \"classes\": [{\"index\": 0, \"name\": \"x\"}]}");
    expectBadInput([&] { readMasks(root + "/out", {}); }, {"legend.json'", "classes[0].index: 0"});
    writeFile(root + "/out/legend.json", "{\"variant\": \"class\", \"classes\": [], \"images\": [\"nope.jpg\"]}");
    expectBadInput([&] { readMasks(root + "/out", {}); }, {"legend.json'", "nope.jpg", "does not exist"});
    writeFile(root + "/out/legend.json", "{\"variant\": \"class\", ");
    expectBadInput([&] { readMasks(root + "/out", {}); }, {"legend.json'"});
}

FLORENCE_TEST_CLASS(TestFormatJsonlMasks)
#include "test_format_jsonl_masks.moc"
