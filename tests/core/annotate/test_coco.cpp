// Tests of COCO export and import (core/annotate/coco.h): layout, exact round trip, foreign files
// and hostile input.
#include "annotate/coco.h"

#include "annotate/project.h"
#include "annotate/rle.h"
#include "annotate_test_util.h"
#include "test_registry.h"

#include <QtTest>

#include <limits>

using namespace florence;
using namespace florence::test;
using nlohmann::json;

namespace {

std::vector<ImageRecord> strippedSamples()
{
    std::vector<ImageRecord> images;
    for (const ImageRecord &image : sampleImages())
        images.push_back(withoutWorkflow(image));
    return images;
}

std::vector<ImageRecord> strippedImport(const std::string &instances, const std::string *captions)
{
    std::vector<ImageRecord> images;
    for (const ImageRecord &image : importCoco(instances, "instances.json", captions, "captions.json"))
        images.push_back(withoutWorkflow(image));
    return images;
}

} // namespace

Q_DECLARE_METATYPE(std::vector<florence::Ring>)

class TestCoco : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesInstancesLayout();
    void writesCaptionsLayout();
    void roundTripsExactly();
    void roundTripsWithoutCaptionsFile();
    void importsForeignCoco();
    void decodesCompressedRle();
    void importsRleMasks();
    void ignoresStaleExactBox();
    void keepsRequestedCategoryOrder();
    void derivesStatus();
    void rejectsHostileInput_data();
    void rejectsHostileInput();
    void refusesToWriteUnfaithfully();
    void areaOfPolygons_data();
    void areaOfPolygons();
    void exportsEmptyOcrText();
};

void TestCoco::writesInstancesLayout()
{
    const std::vector<ImageRecord> images = sampleImages();
    const json j = json::parse(exportCoco(images).instances);
    QCOMPARE(j.at("info").at("description").get<std::string>(), std::string("Florence Studio export"));
    QVERIFY(j.at("licenses").is_array());
    QCOMPARE(j.at("images").size(), images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        const json &img = j.at("images").at(i);
        QCOMPARE(img.at("id").get<int>(), int(i) + 1);
        QCOMPARE(img.at("file_name").get<std::string>(), images[i].path);
        QCOMPARE(img.at("width").get<int>(), images[i].width);
        QCOMPARE(img.at("height").get<int>(), images[i].height);
    }
    const std::vector<std::string> labels = labelsInFirstUseOrder(images);
    QCOMPARE(j.at("categories").size(), labels.size());
    for (size_t i = 0; i < labels.size(); ++i) {
        QCOMPARE(j.at("categories").at(i).at("id").get<int>(), int(i) + 1);
        QCOMPARE(j.at("categories").at(i).at("name").get<std::string>(), labels[i]); // "" stays ""
    }

    size_t n = 0;
    for (size_t i = 0; i < images.size(); ++i)
        for (const Shape &s : images[i].shapes) {
            const json &a = j.at("annotations").at(n++);
            QCOMPARE(a.at("id").get<int>(), int(n));
            QVERIFY(a.at("id").is_number_integer());
            QCOMPARE(a.at("image_id").get<int>(), int(i) + 1);
            const json &category = j.at("categories").at(a.at("category_id").get<size_t>() - 1);
            QCOMPARE(category.at("name").get<std::string>(), s.label);
            QCOMPARE(a.at("iscrowd").get<int>(), 0);
            const Box b = s.boundingBox();
            QCOMPARE(a.at("bbox").get<std::vector<double>>(), (std::vector<double>{b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1}));
            // Boxes: width * height; polygons and quads: the pixels pycocotools fills on the image
            // (areaOfPolygons checks those, and the stand-in for an unknown image size, by hand).
            if (s.kind == ShapeKind::Box)
                QCOMPARE(a.at("area").get<double>(), s.area());
            else if (images[i].width > 0)
                QCOMPARE(a.at("area").get<double>(), polygonPixelArea(s.rings, images[i].height, images[i].width));
            const json &seg = a.at("segmentation");
            if (s.kind == ShapeKind::Box) {
                QCOMPARE(seg, json::array());
            } else {
                QCOMPARE(seg.size(), s.rings.size());
                for (size_t r = 0; r < s.rings.size(); ++r) {
                    QCOMPARE(seg.at(r).size(), 2 * s.rings[r].size());
                    QVERIFY(seg.at(r).size() >= 6);
                }
                if (s.kind == ShapeKind::Quad)
                    QCOMPARE(seg.at(0).size(), size_t(8));
            }
            QCOMPARE(a.contains("score"), s.score.has_value());
            if (s.score)
                QCOMPARE(a.at("score").get<double>(), *s.score);
            const json &attrs = a.at("attributes");
            QCOMPARE(attrs.at("kind").get<std::string>(), std::string(toString(s.kind)));
            QCOMPARE(attrs.at("origin").get<std::string>(), s.origin);
            QCOMPARE(attrs.value("text", std::string()), s.text);
            QCOMPARE(attrs.contains("text"), s.kind == ShapeKind::Quad || !s.text.empty());
        }
    QCOMPARE(j.at("annotations").size(), n);
    // Only boxes whose corners bbox cannot reproduce carry attributes.box.
    QVERIFY(!j.at("annotations").at(0).at("attributes").contains("box"));
    QVERIFY(j.at("annotations").at(1).at("attributes").contains("box")); // 168.145 + (441.059 - 168.145) != 441.059
    QVERIFY(j.at("annotations").at(2).at("attributes").contains("box")); // inverted corners
}

void TestCoco::writesCaptionsLayout()
{
    const std::vector<ImageRecord> images = sampleImages();
    const CocoFiles files = exportCoco(images);
    const json j = json::parse(files.captions);
    QVERIFY(j.contains("info") && j.at("licenses").is_array());
    QCOMPARE(j.at("images"), json::parse(files.instances).at("images"));
    QVERIFY(!j.contains("categories"));
    size_t n = 0;
    for (size_t i = 0; i < images.size(); ++i)
        for (const Caption &c : images[i].captions) {
            const json &a = j.at("annotations").at(n++);
            QCOMPARE(a.at("id").get<int>(), int(n));
            QCOMPARE(a.at("image_id").get<int>(), int(i) + 1);
            QCOMPARE(a.at("caption").get<std::string>(), c.text);
            QCOMPARE(a.at("attributes").at("origin").get<std::string>(), c.origin);
        }
    QCOMPARE(j.at("annotations").size(), n);
}

void TestCoco::roundTripsExactly()
{
    const CocoFiles files = exportCoco(sampleImages());
    compareImages(strippedImport(files.instances, &files.captions), strippedSamples());
}

void TestCoco::roundTripsWithoutCaptionsFile()
{
    std::vector<ImageRecord> expected = strippedSamples();
    for (ImageRecord &image : expected)
        image.captions.clear();
    compareImages(strippedImport(exportCoco(sampleImages()).instances, nullptr), expected);
}

void TestCoco::importsForeignCoco()
{
    // The shape of a COCO 2017 file: no attributes, sparse ids, polygons and plain boxes.
    const std::string instances = R"({
      "images": [{"id": 397133, "file_name": "000000397133.jpg", "width": 640, "height": 427, "license": 4},
                 {"id": 7, "file_name": "b.jpg", "width": 10, "height": 10}],
      "annotations": [
        {"id": 900, "image_id": 397133, "category_id": 44, "bbox": [217.62, 240.54, 38.99, 57.75], "area": 1.5,
         "iscrowd": 0, "segmentation": [[224.24, 297.18, 228.29, 297.18, 234.91, 298.29]]},
        {"id": 901, "image_id": 397133, "category_id": 1, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0,
         "segmentation": []},
        {"id": 5, "image_id": 397133, "category_id": 1, "bbox": [5, 6, 7, 8]}],
      "categories": [{"id": 1, "name": "person", "supercategory": "person"},
                     {"id": 44, "name": "bottle", "supercategory": "kitchen"},
                     {"id": 90, "name": "toothbrush", "supercategory": "indoor"}]})";
    const std::string captions = R"({
      "images": [{"id": 1, "file_name": "000000397133.jpg", "width": 640, "height": 427},
                 {"id": 2, "file_name": "only-captioned.jpg", "width": 0, "height": 0}],
      "annotations": [{"id": 3, "image_id": 1, "caption": "A man in a kitchen."},
                      {"id": 4, "image_id": 2, "caption": "Another image."}]})";
    const std::vector<ImageRecord> images = importCoco(instances, "a.json", &captions, "b.json");
    QCOMPARE(images.size(), size_t(3));
    const ImageRecord &a = images[0];
    QCOMPARE(a.path, std::string("000000397133.jpg"));
    QCOMPARE(a.width, 640);
    QCOMPARE(a.status, ImageStatus::Edited); // no origin -> made by a person
    QCOMPARE(a.shapes.size(), size_t(3));
    QCOMPARE(a.shapes[0].kind, ShapeKind::Polygon);
    QCOMPARE(a.shapes[0].label, std::string("bottle"));
    QCOMPARE(a.shapes[0].rings, (std::vector<Ring>{{{224.24, 297.18}, {228.29, 297.18}, {234.91, 298.29}}}));
    QCOMPARE(a.shapes[0].origin, std::string(kManualOrigin));
    QVERIFY(!a.shapes[0].score);
    QCOMPARE(a.shapes[1].kind, ShapeKind::Box);
    QCOMPARE(a.shapes[1].box, (Box{1, 2, 4, 6}));
    QCOMPARE(a.shapes[2].box, (Box{5, 6, 12, 14}));
    QCOMPARE(a.captions, (std::vector<Caption>{{"A man in a kitchen.", kManualOrigin}}));
    QCOMPARE(images[1].path, std::string("b.jpg"));
    QCOMPARE(images[1].status, ImageStatus::None);
    QCOMPARE(images[2].path, std::string("only-captioned.jpg")); // only in the captions file: appended
    QCOMPARE(images[2].captions.size(), size_t(1));
    QCOMPARE(cocoCategoryNames(instances, "a.json"), (std::vector<std::string>{"person", "bottle", "toothbrush"}));
}

void TestCoco::decodesCompressedRle()
{
    // Strings encoded by hand with pycocotools' rleToString rules (5 bits per character from '0', 0x20
    // continues, 0x10 on the last character is the sign, runs from the 4th on relative to two before).
    QCOMPARE(decodeRleCounts("5220003"), (std::vector<std::uint32_t>{5, 2, 2, 2, 2, 2, 5}));
    QCOMPARE(decodeRleCounts(":X13:"), (std::vector<std::uint32_t>{10, 40, 3, 50})); // 40 = 'X' (8 | 0x20) '1' (1 << 5)
    QCOMPARE(decodeRleCounts("152L"), (std::vector<std::uint32_t>{1, 5, 2, 1}));     // 'L': -4, 1 = 5 - 4
    QCOMPARE(decodeRleCounts(""), std::vector<std::uint32_t>{});
    expectBadInput([] { decodeRleCounts("ab~"); }, QString(), "invalid character at offset 2");
    expectBadInput([] { decodeRleCounts("5a"); }, QString(), "ends inside a run (run 2)");
    expectBadInput([] { decodeRleCounts("12L"); }, QString(), "run 3 has length -4"); // the 3rd run is not relative
    QCOMPARE(QString::fromStdString(rleProblem(RleMask{4, 5, {5, 2, 2}})), QString("the runs cover 9 pixels; a 4x5 mask has 20"));
    QCOMPARE(QString::fromStdString(rleProblem(RleMask{4, 5, {5, 2, 2, 2, 2, 2, 5}})), QString());
    QCOMPARE(QString::fromStdString(rleProblem(RleMask{65536, 65536, {0}})), QString("the mask size 65536x65536 is too large"));
    QCOMPARE(QString::fromStdString(rleProblem(RleMask{0, 5, {}})), QString("the mask size 0x5 is empty"));
}

void TestCoco::importsRleMasks()
{
    // Image 1 (5x4): a 3x2 block, as uncompressed counts (COCO's iscrowd annotations) and as the
    // compressed string of the same runs. Image 2 (6x3): a 2x3 block and a lone pixel. Image 3: an
    // empty mask, which keeps the bbox.
    const std::string instances = R"({
      "images": [{"id": 1, "file_name": "a.jpg", "width": 5, "height": 4},
                 {"id": 2, "file_name": "b.jpg", "width": 6, "height": 3},
                 {"id": 3, "file_name": "c.jpg", "width": 5, "height": 4}],
      "annotations": [
        {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 3, 2], "iscrowd": 1,
         "segmentation": {"size": [4, 5], "counts": [5, 2, 2, 2, 2, 2, 5]}},
        {"id": 2, "image_id": 1, "category_id": 1, "bbox": [1, 1, 3, 2], "iscrowd": 1,
         "segmentation": {"size": [4, 5], "counts": "5220003"}},
        {"id": 3, "image_id": 2, "category_id": 2, "bbox": [0, 0, 5, 3], "iscrowd": 1,
         "segmentation": {"size": [3, 6], "counts": [0, 6, 7, 1, 4]}},
        {"id": 4, "image_id": 3, "category_id": 2, "bbox": [1, 2, 3, 1], "iscrowd": 1,
         "segmentation": {"size": [4, 5], "counts": [20]}}],
      "categories": [{"id": 1, "name": "crowd"}, {"id": 2, "name": "cars"}]})";
    const std::vector<ImageRecord> images = importCoco(instances, "crowd.json", nullptr, "");
    QCOMPARE(images.size(), size_t(3));
    const auto sortedRing = [](Ring ring) {
        std::sort(ring.begin(), ring.end(), [](const Point &a, const Point &b) { return std::tie(a.x, a.y) < std::tie(b.x, b.y); });
        return ring;
    };
    // Pixels (1..3, 1..2): the boundary through the pixel centres.
    const Ring block{{1.5, 1.5}, {1.5, 2.5}, {3.5, 1.5}, {3.5, 2.5}};
    QCOMPARE(images[0].shapes.size(), size_t(2));
    for (const Shape &s : images[0].shapes) {
        QCOMPARE(s.kind, ShapeKind::Polygon);
        QCOMPARE(s.label, std::string("crowd"));
        QCOMPARE(s.rings.size(), size_t(1));
        QCOMPARE(s.rings[0].size(), size_t(4)); // collinear boundary points merged
        QCOMPARE(sortedRing(s.rings[0]), block);
    }
    const Shape &two = images[1].shapes.at(0);
    QCOMPARE(two.kind, ShapeKind::Polygon);
    QCOMPARE(two.rings.size(), size_t(2));
    // Largest region first: columns 0..1, rows 0..2.
    QCOMPARE(sortedRing(two.rings[0]), (Ring{{0.5, 0.5}, {0.5, 2.5}, {1.5, 0.5}, {1.5, 2.5}}));
    // The lone pixel (4, 1) has no area through its centre: its pixel square instead.
    QCOMPARE(sortedRing(two.rings[1]), (Ring{{4, 1}, {4, 2}, {5, 1}, {5, 2}}));
    const Shape &empty = images[2].shapes.at(0);
    QCOMPARE(empty.kind, ShapeKind::Box);
    QCOMPARE(empty.box, (Box{1, 2, 4, 3}));
}

void TestCoco::ignoresStaleExactBox()
{
    std::vector<ImageRecord> images(1);
    images[0].path = "x.jpg";
    images[0].shapes = {makeBox({168.145, 0.2, 441.059, 0.7}, "a", std::nullopt, kManualOrigin)};
    json j = json::parse(exportCoco(images).instances);
    QCOMPARE(importCoco(j.dump(), "i.json")[0].shapes[0].box, images[0].shapes[0].box);
    // Another tool moved the box but kept our attributes: bbox wins.
    j["annotations"][0]["bbox"] = {50, 60, 10, 20};
    QCOMPARE(importCoco(j.dump(), "i.json")[0].shapes[0].box, (Box{50, 60, 60, 80}));
}

void TestCoco::keepsRequestedCategoryOrder()
{
    CocoExportOptions options;
    options.labels = {"zebra", "car", "zebra"};
    options.description = "my set";
    const CocoFiles files = exportCoco(sampleImages(), options);
    const json j = json::parse(files.instances);
    QCOMPARE(j.at("info").at("description").get<std::string>(), std::string("my set"));
    QCOMPARE(cocoCategoryNames(files.instances, "i.json"),
             (std::vector<std::string>{"zebra", "car", "cat", "", "狗", "🐈 label", "part"}));
    compareImages(strippedImport(files.instances, &files.captions), strippedSamples());
}

void TestCoco::derivesStatus()
{
    const CocoFiles files = exportCoco(sampleImages());
    const std::vector<ImageRecord> images = importCoco(files.instances, "i.json", &files.captions, "c.json");
    QCOMPARE(images[0].status, ImageStatus::Edited);       // has manual shapes
    QCOMPARE(images[1].status, ImageStatus::None);         // nothing
    QCOMPARE(images[2].status, ImageStatus::PreAnnotated); // all from tasks
    QCOMPARE(images[3].status, ImageStatus::PreAnnotated);
}

void TestCoco::rejectsHostileInput_data()
{
    QTest::addColumn<bool>("captionsFile");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("replacement");
    QTest::addColumn<QString>("expected");
    bool captions = false; // which file the rows below break
    const auto row = [&](const char *name, const char *pointer, const QByteArray &replacement, const char *expected) {
        QTest::newRow(name) << captions << pointer << replacement << expected;
    };
    // Annotation 1 is box "cat" of image 1, annotation 4 the quad, 5 the two-ring polygon.
    row("malformed JSON", "", "{\"images\": [", "not valid JSON");
    row("not an object", "", "\"coco\"", "expected an object, got string");
    row("deep nesting", "", "<deep>", "nested deeper than 64");
    row("no images", "/images", "<delete>", "field 'images': missing");
    row("no annotations", "/annotations", "<delete>", "field 'annotations': missing");
    row("no categories", "/categories", "<delete>", "field 'categories': missing");
    row("images object", "/images", "{}", "field 'images': expected a list");
    row("image id string", "/images/0/id", "\"1\"", "field 'images[0].id': expected an integer, got string");
    row("image id float", "/images/0/id", "1.5", "field 'images[0].id': expected an integer, got number 1.5");
    row("image id huge", "/images/0/id", "123456789012345678901234567890", "field 'images[0].id': expected an integer, got number");
    row("duplicate image id", "/images/1/id", "1", "field 'images[1].id': duplicate image id 1");
    row("duplicate file name", "/images/1/file_name", "\"photos/cat.jpg\"", "field 'images[1].file_name': file name 'photos/cat.jpg' appears twice");
    row("no file name", "/images/0/file_name", "<delete>", "field 'images[0].file_name': missing");
    row("negative width", "/images/0/width", "-640", "field 'images[0].width': integer -640 is outside 0..");
    row("absurd height", "/images/0/height", "2000000000", "field 'images[0].height': integer 2000000000 is outside");
    row("duplicate category id", "/categories/1/id", "1", "field 'categories[1].id': duplicate category id 1");
    row("category name null", "/categories/0/name", "null", "field 'categories[0].name': expected a string, got null");
    row("annotation id missing", "/annotations/0/id", "<delete>", "field 'annotations[0].id': missing");
    row("duplicate annotation id", "/annotations/2/id", "1", "field 'annotations[2] (id 1)': duplicate annotation id 1");
    row("image id nowhere", "/annotations/3/image_id", "999", "field 'annotations[3] (id 4).image_id': no image has id 999");
    row("category nowhere", "/annotations/4/category_id", "77", "field 'annotations[4] (id 5).category_id': no category has id 77");
    row("bbox missing", "/annotations/0/bbox", "<delete>", "field 'annotations[0] (id 1).bbox': missing");
    row("bbox 3 numbers", "/annotations/0/bbox", "[1, 2, 3]", "field 'annotations[0] (id 1).bbox': expected 4 numbers");
    row("bbox 5 numbers", "/annotations/0/bbox", "[1, 2, 3, 4, 5]", "field 'annotations[0] (id 1).bbox': list has 5 entries");
    row("negative bbox width", "/annotations/0/bbox/2", "-10", "field 'annotations[0] (id 1).bbox[2]': number -10 is outside 0..");
    row("NaN bbox", "/annotations/0/bbox/0", "NaN", "not valid JSON");
    row("inf bbox", "/annotations/0/bbox/1", "-1e400", "number overflow parsing '-1e400'");
    row("huge bbox", "/annotations/0/bbox/0", "1e15", "field 'annotations[0] (id 1).bbox[0]': number 1000000000000000 is outside");
    // RLE masks replace the polygon of annotation 5; expected: the rest of the message after its path.
    const auto rle = [&](const char *name, const char *mask, const std::string &expected) {
        row(name, "/annotations/4/segmentation", mask, ("annotations[4] (id 5).segmentation" + expected).c_str());
    };
    rle("RLE runs short", "{\"counts\": [1, 2], \"size\": [480, 640]}", "': RLE mask: the runs cover 3 pixels; a 480x640 mask has 307200");
    rle("RLE no size", "{\"counts\": [1, 2]}", ".size': missing");
    rle("RLE size 3 numbers", "{\"counts\": [6], \"size\": [1, 2, 3]}", ".size': list has 3 entries");
    rle("RLE size zero", "{\"counts\": [], \"size\": [0, 10]}", ".size[0]': integer 0 is outside 1..");
    rle("RLE size of another image", "{\"counts\": [1], \"size\": [65536, 65536]}",
        ".size': mask size [height, width] = [65536, 65536] does not match its image, 640 wide and 480 high");
    rle("RLE size transposed", "{\"counts\": [307200], \"size\": [640, 480]}", ".size': mask size [height, width] = [640, 480]");
    rle("RLE negative run", "{\"counts\": [-1, 101], \"size\": [480, 640]}", ".counts[0]': integer -1 is outside 0..");
    rle("RLE run string", "{\"counts\": [\"5\"], \"size\": [480, 640]}", ".counts[0]': expected an integer, got string");
    rle("RLE bad character", "{\"counts\": \"ab~\", \"size\": [480, 640]}", ".counts': RLE counts string has an invalid character at offset 2");
    rle("RLE truncated string", "{\"counts\": \"5a\", \"size\": [480, 640]}", ".counts': RLE counts string ends inside a run");
    rle("RLE counts object", "{\"counts\": {}, \"size\": [480, 640]}", ".counts': expected a list, got object");
    row("flat segmentation", "/annotations/4/segmentation", "[1, 2, 3, 4, 5, 6]", "field 'annotations[4] (id 5).segmentation[0]': expected a list, got number");
    row("ring 2 points", "/annotations/4/segmentation/1", "[1, 2, 3, 4]", "field 'annotations[4] (id 5).segmentation[1]': a ring needs at least 3 points");
    row("ring odd count", "/annotations/4/segmentation/0", "[1, 2, 3, 4, 5, 6, 7]", "field 'annotations[4] (id 5).segmentation[0]': expected an even count");
    row("ring NaN-like string", "/annotations/4/segmentation/0/3", "\"NaN\"", "field 'annotations[4] (id 5).segmentation[0][3]': expected a number, got string");
    row("absurd ring", "/annotations/4/segmentation/0", "<huge-flat>", "field 'annotations[4] (id 5).segmentation[0]': list has 200002 entries");
    row("quad 3 points", "/annotations/3/segmentation/0", "[1, 2, 3, 4, 5, 6]", "field 'annotations[3] (id 4)': a quad needs exactly one ring of 4 points");
    row("polygon kind no rings", "/annotations/4/segmentation", "[]", "field 'annotations[4] (id 5)': a polygon needs at least one ring");
    row("unknown kind", "/annotations/0/attributes/kind", "\"ellipse\"", "field 'annotations[0] (id 1).attributes.kind': unknown shape kind 'ellipse'");
    row("attributes list", "/annotations/0/attributes", "[]", "field 'annotations[0] (id 1).attributes': expected an object, got array");
    row("text number", "/annotations/3/attributes/text", "42", "field 'annotations[3] (id 4).attributes.text': expected a string, got number");
    row("exact box short", "/annotations/1/attributes/box", "[1, 2]", "field 'annotations[1] (id 2).attributes.box': expected 4 numbers");
    row("score above 1", "/annotations/0/score", "7", "field 'annotations[0] (id 1).score': number 7 is outside 0..1");
    row("score negative", "/annotations/0/score", "-0.5", "field 'annotations[0] (id 1).score': number -0.5 is outside 0..1");
    row("score string", "/annotations/0/score", "\"0.9\"", "field 'annotations[0] (id 1).score': expected a number, got string");
    row("iscrowd 2", "/annotations/0/iscrowd", "2", "field 'annotations[0] (id 1).iscrowd': integer 2 is outside 0..1");
    row("area negative", "/annotations/0/area", "-3", "field 'annotations[0] (id 1).area': number -3 is outside");
    row("non-UTF-8 category", "/categories/0/name", "\"\xe6\x97\"", "ill-formed UTF-8");
    captions = true;
    row("captions malformed", "", "[", "not valid JSON");
    row("caption number", "/annotations/0/caption", "3", "field 'annotations[0] (id 1).caption': expected a string, got number");
    row("caption missing", "/annotations/0/caption", "<delete>", "field 'annotations[0] (id 1).caption': missing");
    row("caption image nowhere", "/annotations/1/image_id", "0", "field 'annotations[1] (id 2).image_id': no image has id 0");
    row("duplicate caption id", "/annotations/1/id", "1", "field 'annotations[1] (id 1)': duplicate annotation id 1");
    row("caption origin number", "/annotations/0/attributes/origin", "1", "field 'annotations[0] (id 1).attributes.origin': expected a string");
    row("size disagrees", "/images/0/width", "320", "field 'images[0].width': image 'photos/cat.jpg' has width 320 here but 640 in an earlier file");
    row("caption non-UTF-8", "/annotations/2/caption", "\"\xc0\xaf\"", "ill-formed UTF-8");
}

void TestCoco::rejectsHostileInput()
{
    QFETCH(bool, captionsFile);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, replacement);
    QFETCH(QString, expected);
    CocoFiles files = exportCoco(sampleImages());
    std::string &target = captionsFile ? files.captions : files.instances;
    target = mutateJson(target, pointer, replacement);
    const QString name = captionsFile ? "captions_val.json" : "instances_val.json";
    expectBadInput([&] { importCoco(files.instances, "instances_val.json", &files.captions, "captions_val.json"); },
                   name, expected);
}

void TestCoco::refusesToWriteUnfaithfully()
{
    std::vector<ImageRecord> images = sampleImages();
    images[2].shapes[0].rings[0][1].y = std::numeric_limits<double>::infinity();
    expectBadInput([&] { exportCoco(images); }, "sub/dir/ocr scan.jpg", "shape 0: ring 0: coordinate inf is not finite");
    images = sampleImages();
    images[4].path = images[1].path;
    expectBadInput([&] { exportCoco(images); }, "empty.png", "appears twice");
    images = sampleImages();
    images[3].captions[0].text = "\xff";
    expectBadInput([&] { exportCoco(images); }, "caption only.jpg", "caption 0: text is not valid UTF-8");
}

FLORENCE_TEST_CLASS(TestCoco)
void TestCoco::areaOfPolygons_data()
{
    // Issue 17, finding 6. Expected values worked out by hand from pycocotools' rleFrPoly (boundary
    // sampled at 5x; column x is filled from ceil((v + .5) / 5 - .5) of its upper crossing to that of
    // its lower one), written next to each row.
    QTest::addColumn<std::vector<Ring>>("rings");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<double>("expected");
    const Ring square{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    // Columns 0..9, each crossed at y = 0 and y = ceil(9.6) = 10: 10 x 10.
    QTest::newRow("square") << std::vector<Ring>{square} << 20 << 20 << 100.0;
    // Bow tie (0,0)-(10,10)-(10,0)-(0,10): column n is crossed at y = n and y = 9 - n, so it holds
    // |9 - 2n| pixels: 9+7+5+3+1+1+3+5+7+9 = 50. The signed shoelace sum is 0 and its loops cancel;
    // a model polygon of this kind was exported with 4.3x the image's area.
    QTest::newRow("self-intersecting bow tie") << std::vector<Ring>{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}} << 20 << 20
                                               << 50.0;
    // Two rings of one instance overlapping in columns 5..9: the union, 15 columns x 10 = 150 (not 200).
    QTest::newRow("overlapping rings") << std::vector<Ring>{square, {{5, 0}, {15, 0}, {15, 10}, {5, 10}}} << 20 << 20
                                       << 150.0;
    // A figure eight drawn as one ring: the square traversed, then a second square glued at the corner.
    QTest::newRow("ring crossing itself twice")
        << std::vector<Ring>{{{0, 0}, {10, 0}, {10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}, {0, 10}}} << 30 << 30
        << 200.0;
    // Reaches outside the 8x8 image on the left and top: crossings clamp to 0 and 8 -> the whole image.
    QTest::newRow("clipped by the image") << std::vector<Ring>{{{-5, -5}, {10, -5}, {10, 10}, {-5, 10}}} << 8 << 8
                                          << 64.0;
    // A vertex 10^7 px away (clipped to a window first): columns 0..19 crossed at 0 and ceil(9.6) = 10.
    QTest::newRow("vertex far away") << std::vector<Ring>{{{0, 0}, {1e7, 0}, {0, 10}}} << 20 << 20 << 200.0;
    // Degenerate: a repeated vertex changes nothing; a ring of two points covers nothing.
    QTest::newRow("repeated vertex") << std::vector<Ring>{{{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 10}}} << 20 << 20
                                     << 100.0;
    QTest::newRow("two points") << std::vector<Ring>{{{0, 0}, {10, 10}}} << 20 << 20 << 0.0;
    // Image size unknown (0x0): the extent from the origin, 11x11 here, stands in for the image.
    QTest::newRow("unknown image size") << std::vector<Ring>{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}} << 0 << 0 << 50.0;
}

void TestCoco::areaOfPolygons()
{
    QFETCH(std::vector<Ring>, rings);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(double, expected);
    if (width > 0)
        QCOMPARE(polygonPixelArea(rings, height, width), expected);
    ImageRecord image;
    image.path = "a.png";
    image.width = width;
    image.height = height;
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = rings;
    s.label = "x";
    if (rings.front().size() >= 3) {
        image.shapes = {s};
        const json j = json::parse(exportCoco({image}).instances);
        QCOMPARE(j.at("annotations").at(0).at("area").get<double>(), expected);
    }
}

void TestCoco::exportsEmptyOcrText()
{
    // Issue 17, finding 9: an OCR quad whose text came back empty is exported with text "".
    ImageRecord image;
    image.path = "scan.png";
    image.width = 50;
    image.height = 50;
    Shape q;
    q.kind = ShapeKind::Quad;
    q.rings = {{{1, 1}, {20, 1}, {20, 8}, {1, 8}}};
    q.origin = "<OCR_WITH_REGION>";
    image.shapes = {q};
    const json j = json::parse(exportCoco({image}).instances);
    const json &attrs = j.at("annotations").at(0).at("attributes");
    QVERIFY(attrs.contains("text"));
    QCOMPARE(attrs.at("text").get<std::string>(), std::string());
}

#include "test_coco.moc"
