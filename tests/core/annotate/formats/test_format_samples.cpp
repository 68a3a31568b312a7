// Reads the hand-written samples in tests/data/formats/ (written after each format's published
// description: Ultralytics docs for YOLO detect/segment/OBB, the VOC devkit, the DOTA devkit README,
// PPOCRLabel's Label.txt) and checks every shape, label, split and note.
#include "annotate/formats/dota.h"
#include "annotate/formats/paddleocr.h"
#include "annotate/formats/registry.h"
#include "annotate/formats/voc.h"
#include "annotate/formats/yolo.h"

#include "formats_test_util.h"
#include "test_registry.h"

#include <QtTest>

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

Shape rings(ShapeKind kind, Ring ring, const std::string &label, const std::string &text = {})
{
    Shape s;
    s.kind = kind;
    s.rings = {std::move(ring)};
    s.label = label;
    s.text = text;
    return s;
}

void compareShapes(const std::vector<Shape> &want, const std::vector<Shape> &got, double tol)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string d = shapeDifference(want[i], got[i], tol);
        QVERIFY2(d.empty(), ("shape " + std::to_string(i) + ": " + d).c_str());
    }
}

// Normalized coordinates times 64 or 48 are not always exact in binary (0.1 * 64).
constexpr double kTol = 1e-9;

} // namespace

class TestFormatSamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registryListsFormats();
    void yoloDetect();
    void yoloSegmentAndObb();
    void yoloFlatClassesTxt();
    void yoloDataYamlForms();
    void voc();
    void dota();
    void paddleOcr();
};

void TestFormatSamples::registryListsFormats()
{
    std::vector<std::string> names;
    for (const FormatInfo &f : formats::formats()) {
        names.push_back(f.name);
        QVERIFY(!f.displayName.empty());
        QVERIFY(!f.variants.empty());
        QVERIFY(f.write != nullptr);
    }
    QCOMPARE(names, (std::vector<std::string>{"coco", "labelme", "yolo", "voc", "dota", "paddleocr", "masks",
                                              "florence2-jsonl"}));
    for (const FormatInfo &f : formats::formats())
        QVERIFY2(f.read != nullptr, f.name.c_str()); // every format reads back what it writes
    QCOMPARE(findFormat("yolo")->holds("detect"), unsigned(kHoldsBoxes));
    QVERIFY(findFormat("yolo")->holds("obb") & kHoldsQuads);
    QVERIFY(findFormat("paddleocr")->holds() & kHoldsText);
    expectBadInput([] { formatOrThrow("yolov5"); }, {"unknown format 'yolov5'", "yolo"});
    expectBadInput([] { variantOrThrow(*findFormat("yolo"), "pose"); }, {"no variant 'pose'", "detect, segment, obb"});
}

void TestFormatSamples::yoloDetect()
{
    const Dataset ds = readYolo(formatSample("yolo_detect"), {});
    QCOMPARE(ds.labels, (std::vector<std::string>{"person", "bicycle", "traffic light"}));
    QCOMPARE(ds.images.size(), std::size_t(3));
    QCOMPARE(ds.images[0].path, std::string("train/im1.png"));
    QCOMPARE(ds.images[1].path, std::string("train/im3.png"));
    QCOMPARE(ds.images[2].path, std::string("val/im2.png"));
    QCOMPARE(ds.splits, (std::vector<std::string>{"train", "train", "val"}));
    QCOMPARE(ds.images[0].width, 64);
    QCOMPARE(ds.images[0].height, 48);
    compareShapes({box(24, 12, 40, 36, "person"), box(6, 9, 10, 15, "traffic light")}, ds.images[0].shapes, 0);
    QVERIFY(ds.images[1].shapes.empty()); // no label file: a background image, as Ultralytics reads it
    compareShapes({box(0, 0, 64, 48, "bicycle")}, ds.images[2].shapes, 0);
    QCOMPARE(ds.images[0].status, ImageStatus::Edited);
}

void TestFormatSamples::yoloSegmentAndObb()
{
    const Dataset seg = readYolo(formatSample("yolo_seg"), {});
    QCOMPARE(seg.labels, (std::vector<std::string>{"person", "car"}));
    QCOMPARE(seg.images.size(), std::size_t(1));
    // Auto: 9 columns are a 4-point polygon unless the variant says obb.
    compareShapes({rings(ShapeKind::Polygon, {{6.4, 4.8}, {32, 4.8}, {32, 24}, {6.4, 24}}, "person"),
                   rings(ShapeKind::Polygon, {{38.4, 28.8}, {57.6, 28.8}, {57.6, 43.2}, {48, 45.6}, {38.4, 43.2}}, "car")},
                  seg.images[0].shapes, kTol);
    ImportOptions obbOptions;
    obbOptions.variant = "obb";
    const Dataset obb = readYolo(formatSample("yolo_obb"), obbOptions);
    QCOMPARE(obb.labels, (std::vector<std::string>{"plane", "ship"}));
    compareShapes({rings(ShapeKind::Quad,
                         {{0.780811 * 64, 0.743961 * 48}, {0.782371 * 64, 0.74686 * 48}, {0.777691 * 64, 0.752174 * 48},
                          {0.776131 * 64, 0.749758 * 48}},
                         "plane"),
                   rings(ShapeKind::Quad, {{12.8, 4.8}, {38.4, 14.4}, {32, 24}, {6.4, 14.4}}, "ship")},
                  obb.images[0].shapes, kTol);
    // The same folder read as segmentation gives polygons, as detection fails on line 1.
    ImportOptions detect;
    detect.variant = "detect";
    expectBadInput([&] { readYolo(formatSample("yolo_obb"), detect); },
                   {"o1.txt' line 1", "expected 5 columns", "got 9"});
}

void TestFormatSamples::yoloFlatClassesTxt()
{
    const Dataset ds = readYolo(formatSample("yolo_flat"), {});
    QCOMPARE(ds.labels, (std::vector<std::string>{"dog", "cat"}));
    QCOMPARE(ds.images.size(), std::size_t(1));
    QCOMPARE(ds.images[0].path, std::string("a.png"));
    compareShapes({box(0, 12, 32, 36, "cat")}, ds.images[0].shapes, 0);
}

void TestFormatSamples::yoloDataYamlForms()
{
    const auto names = [](const std::string &yaml) { return parseYoloDataYaml(yaml, "d.yaml").names; };
    const std::vector<std::string> ab = {"a", "b c"};
    QCOMPARE(names("names:\n  0: a\n  1: b c\n"), ab);
    QCOMPARE(names("names:\n  1: 'b c'\n  0: \"a\"\n"), ab);
    QCOMPARE(names("names: [a, 'b c']\n"), ab);
    QCOMPARE(names("names: {0: a, 1: b c}  # comment\n"), ab);
    QCOMPARE(names("names:\n- a\n- b c\n"), ab);
    QCOMPARE(names("\xEF\xBB\xBFnames:\r\n  - a\r\n  - 'b c'\r\n"), ab);
    QCOMPARE(names("download: |\n  import x\n  names: no\nnames: [a, b c]\n"), ab);
    QCOMPARE(names("names: ['it''s', \"q\\\"\"]\n"), (std::vector<std::string>{"it's", "q\""}));
    const YoloDataYaml y = parseYoloDataYaml("path: ../d\ntrain: [images/t1, images/t2]\nval: images/v\nnames: [x]\n", "d.yaml");
    QCOMPARE(y.path, std::string("../d"));
    QCOMPARE(y.train, (std::vector<std::string>{"images/t1", "images/t2"}));
    QCOMPARE(y.val, (std::vector<std::string>{"images/v"}));
}

void TestFormatSamples::voc()
{
    const Dataset ds = readVoc(formatSample("voc"), {});
    QCOMPARE(ds.images.size(), std::size_t(2));
    QCOMPARE(ds.images[0].path, std::string("000001.png"));
    QCOMPARE(ds.splits, (std::vector<std::string>{"train", "val"}));
    QCOMPARE(ds.labels, (std::vector<std::string>{"dog", "person", "traffic & light"}));
    // Devkit pixels are 1-based and inclusive: xmin 8 .. xmax 40 covers pixel edges 7..40.
    compareShapes({box(7, 11, 40, 44, "dog"), box(0, 0, 20, 30, "person")}, ds.images[0].shapes, 0);
    compareShapes({box(29, 4, 64, 48, "traffic & light")}, ds.images[1].shapes, 0);
    QCOMPARE(ds.images[0].width, 64);
    QCOMPARE(ds.notes.size(), std::size_t(3));
    QVERIFY(ds.notes[0].find("1 objects marked difficult") != std::string::npos);
    QVERIFY(ds.notes[1].find("truncated") != std::string::npos);
    QVERIFY(ds.notes[2].find("<part>") != std::string::npos);
}

void TestFormatSamples::dota()
{
    const Dataset ds = readDota(formatSample("dota"), {});
    QCOMPARE(ds.images.size(), std::size_t(1));
    QCOMPARE(ds.images[0].path, std::string("P0001.png"));
    QCOMPARE(ds.images[0].width, 64);
    compareShapes({rings(ShapeKind::Quad, {{10, 5}, {40, 8}, {38, 30}, {8, 27}}, "plane"),
                   rings(ShapeKind::Quad, {{45, 30}, {60, 30}, {60, 45}, {45, 45}}, "small-vehicle")},
                  ds.images[0].shapes, 0);
    QCOMPARE(ds.notes, (std::vector<std::string>{"1 objects marked difficult: the flag is not kept"}));
}

void TestFormatSamples::paddleOcr()
{
    const Dataset ds = readPaddleOcr(formatSample("paddleocr/ocr"), {});
    QCOMPARE(ds.images.size(), std::size_t(2));
    QCOMPARE(ds.images[0].path, std::string("t1.png"));
    compareShapes({rings(ShapeKind::Quad, {{5, 5}, {40, 7}, {39, 20}, {4, 18}}, "", "EXIT"),
                   rings(ShapeKind::Quad, {{10, 25}, {50, 25}, {50, 40}, {10, 40}}, "", "出口")},
                  ds.images[0].shapes, 0);
    compareShapes({rings(ShapeKind::Quad, {{2, 2}, {20, 2}, {20, 10}, {2, 10}}, "", "###")}, ds.images[1].shapes, 0);
    QCOMPARE(ds.notes.size(), std::size_t(1));
    // The Label.txt file itself works as input too.
    QCOMPARE(readPaddleOcr(formatSample("paddleocr/ocr/Label.txt"), {}).images.size(), std::size_t(2));
}

FLORENCE_TEST_CLASS(TestFormatSamples)
#include "test_format_samples.moc"
