// Tests of labelme / X-AnyLabeling export and import (core/annotate/labelme.h): layout, exact round
// trip per image, foreign files and hostile input.
#include "annotate/labelme.h"

#include "annotate_test_util.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::test;
using nlohmann::json;

class TestLabelme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesLabelmeLayout();
    void roundTripsExactly_data();
    void roundTripsExactly();
    void importsForeignLabelme();
    void editedDescriptionWins();
    void jsonPathForImage();
    void rejectsHostileInput_data();
    void rejectsHostileInput();
    void refusesToWriteUnfaithfully();
};

void TestLabelme::writesLabelmeLayout()
{
    const ImageRecord image = sampleImages()[0];
    const json j = json::parse(exportLabelme(image));
    QVERIFY(j.at("version").is_string());
    QCOMPARE(j.at("flags"), json::object());
    QCOMPARE(j.at("imagePath").get<std::string>(), std::string("cat.jpg"));
    QVERIFY(j.at("imageData").is_null());
    QCOMPARE(j.at("imageWidth").get<int>(), 640);
    QCOMPARE(j.at("imageHeight").get<int>(), 480);
    QCOMPARE(j.at("description").get<std::string>(),
             image.captions[0].text + "\n" + image.captions[1].text + "\n" + image.captions[2].text);
    const json &shapes = j.at("shapes");
    QCOMPARE(shapes.size(), size_t(7)); // the two-ring polygon is two entries
    for (const json &s : shapes) {
        QCOMPARE(s.at("flags"), json::object());
        QVERIFY(s.at("label").is_string());
        QVERIFY(s.at("description").is_string());
    }
    QCOMPARE(shapes[0].at("shape_type").get<std::string>(), std::string("rectangle"));
    QCOMPARE(shapes[0].at("points"), json::parse("[[10.0, 20.0], [110.0, 220.0]]"));
    QVERIFY(shapes[0].at("group_id").is_null());
    QCOMPARE(shapes[0].at("score").get<double>(), 0.93);
    QVERIFY(!shapes[1].contains("score"));
    QCOMPARE(shapes[3].at("shape_type").get<std::string>(), std::string("polygon"));
    QCOMPARE(shapes[3].at("points").size(), size_t(4));
    QCOMPARE(shapes[3].at("attributes").at("kind").get<std::string>(), std::string("quad"));
    QCOMPARE(shapes[3].at("description").get<std::string>(), image.shapes[3].text);
    QCOMPARE(shapes[3].at("attributes").at("origin").get<std::string>(), std::string("<OCR_WITH_REGION>"));
    QCOMPARE(shapes[4].at("group_id").get<int>(), 1);
    QCOMPARE(shapes[5].at("group_id").get<int>(), 1);
    QCOMPARE(shapes[4].at("label").get<std::string>(), std::string("狗"));
    QVERIFY(shapes[6].at("group_id").is_null());
    QCOMPARE(json::parse(exportLabelmeAs(image, "../images/cat.jpg")).at("imagePath").get<std::string>(),
             std::string("../images/cat.jpg"));
}

void TestLabelme::roundTripsExactly_data()
{
    QTest::addColumn<int>("index");
    const std::vector<ImageRecord> images = sampleImages();
    for (size_t i = 0; i < images.size(); ++i)
        QTest::newRow(images[i].path.c_str()) << int(i);
}

void TestLabelme::roundTripsExactly()
{
    QFETCH(int, index);
    const ImageRecord image = withoutWorkflow(sampleImages()[size_t(index)]);
    const std::string jsonPath = labelmeJsonPathFor(image.path); // next to the image
    const ImageRecord back = withoutWorkflow(importLabelme(exportLabelme(image), jsonPath));
    const std::string diff = firstDifference(back, image);
    QVERIFY2(diff.empty(), diff.c_str());
}

void TestLabelme::importsForeignLabelme()
{
    // labelme 5 and X-AnyLabeling style: no attributes, groups of different labels, a rotation box,
    // a four-corner rectangle, a Windows path.
    const std::string text = R"({
      "version": "2.4.0", "flags": {"blurry": false},
      "shapes": [
        {"label": "person", "points": [[10, 20], [30, 40]], "group_id": 3, "shape_type": "rectangle", "flags": {}},
        {"label": "bag", "points": [[1, 1], [5, 1], [5, 5]], "group_id": 3, "shape_type": "polygon", "flags": {}},
        {"label": "bag", "points": [[7, 7], [9, 7], [9, 9]], "group_id": 3, "shape_type": "polygon", "flags": {},
         "description": null, "score": null},
        {"label": "text", "points": [[0, 0], [4, 1], [3, 5], [-1, 4]], "shape_type": "rotation", "direction": 0.2,
         "description": "STOP", "score": 0.75},
        {"label": "box4", "points": [[2, 3], [8, 3], [8, 9], [2, 9]], "shape_type": "rectangle"},
        {"label": "poly", "points": [[0, 0], [1, 0], [0, 1]]}],
      "imagePath": "..\\images\\street.jpg", "imageData": "aGVsbG8=", "imageHeight": 480, "imageWidth": null})";
    const ImageRecord image = importLabelme(text, "/data/labels/street.json");
    QCOMPARE(image.path, std::string("/data/images/street.jpg"));
    QCOMPARE(image.width, 0);
    QCOMPARE(image.height, 480);
    QCOMPARE(image.status, ImageStatus::Edited);
    QCOMPARE(image.shapes.size(), size_t(5));
    QCOMPARE(image.shapes[0].kind, ShapeKind::Box);
    QCOMPARE(image.shapes[0].box, (Box{10, 20, 30, 40}));
    QCOMPARE(image.shapes[1].kind, ShapeKind::Polygon); // same group and label: one instance, two rings
    QCOMPARE(image.shapes[1].rings.size(), size_t(2));
    QCOMPARE(image.shapes[2].kind, ShapeKind::Quad);
    QCOMPARE(image.shapes[2].text, std::string("STOP"));
    QCOMPARE(image.shapes[2].score, std::optional<double>(0.75));
    QCOMPARE(image.shapes[3].box, (Box{2, 3, 8, 9}));
    QCOMPARE(image.shapes[4].kind, ShapeKind::Polygon);
    QCOMPARE(image.shapes[4].origin, std::string(kManualOrigin));
    QVERIFY(image.captions.empty());
}

void TestLabelme::editedDescriptionWins()
{
    ImageRecord image = sampleImages()[0];
    json j = json::parse(exportLabelme(image));
    QCOMPARE(importLabelme(j.dump(), "cat.json").captions, image.captions);
    j["description"] = "Edited in labelme.";
    QCOMPARE(importLabelme(j.dump(), "cat.json").captions, (std::vector<Caption>{{"Edited in labelme.", kManualOrigin}}));
    j["description"] = "";
    QVERIFY(importLabelme(j.dump(), "cat.json").captions.empty());
}

void TestLabelme::jsonPathForImage()
{
    QCOMPARE(labelmeJsonPathFor("sub/a.b.jpg"), std::string("sub/a.b.json"));
    QCOMPARE(labelmeJsonPathFor("noext"), std::string("noext.json"));
}

void TestLabelme::rejectsHostileInput_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("replacement");
    QTest::addColumn<QString>("expected");
    // shapes[0] is the box "cat", shapes[3] the quad, shapes[4] and [5] the rings of one polygon.
    QTest::newRow("malformed JSON") << "" << QByteArray("{\"shapes\": [}") << "not valid JSON";
    QTest::newRow("empty text") << "" << QByteArray("") << "not valid JSON";
    QTest::newRow("not an object") << "" << QByteArray("null") << "expected an object, got null";
    QTest::newRow("deep nesting") << "" << QByteArray("<deep>") << "nested deeper than 64";
    QTest::newRow("no shapes") << "/shapes" << QByteArray("<delete>") << "field 'shapes': missing";
    QTest::newRow("shapes object") << "/shapes" << QByteArray("{}") << "field 'shapes': expected a list";
    QTest::newRow("no imagePath") << "/imagePath" << QByteArray("<delete>") << "field 'imagePath': missing";
    QTest::newRow("empty imagePath") << "/imagePath" << QByteArray("\"\"") << "field 'imagePath': empty image path";
    QTest::newRow("no imageWidth") << "/imageWidth" << QByteArray("<delete>") << "field 'imageWidth': missing";
    QTest::newRow("negative imageWidth") << "/imageWidth" << QByteArray("-1") << "field 'imageWidth': integer -1 is outside";
    QTest::newRow("string imageHeight") << "/imageHeight" << QByteArray("\"480\"") << "field 'imageHeight': expected an integer";
    QTest::newRow("label missing") << "/shapes/0/label" << QByteArray("<delete>") << "field 'shapes[0].label': missing";
    QTest::newRow("label null") << "/shapes/0/label" << QByteArray("null") << "field 'shapes[0].label': expected a string, got null";
    QTest::newRow("label non-UTF-8") << "/shapes/0/label" << QByteArray("\"\xed\xa0\x80\"") << "ill-formed UTF-8";
    QTest::newRow("points missing") << "/shapes/1/points" << QByteArray("<delete>") << "field 'shapes[1].points': missing";
    QTest::newRow("point triple") << "/shapes/1/points/0" << QByteArray("[1, 2, 3]") << "field 'shapes[1].points[0]': list has 3 entries";
    QTest::newRow("point single") << "/shapes/1/points/1" << QByteArray("[1]") << "field 'shapes[1].points[1]': expected a point [x, y]";
    QTest::newRow("point not list") << "/shapes/1/points/1" << QByteArray("{\"x\": 1}") << "field 'shapes[1].points[1]': expected a list, got object";
    QTest::newRow("rectangle 3 points") << "/shapes/0/points" << QByteArray("[[1, 2], [3, 4], [5, 6]]") << "field 'shapes[0].points': a rectangle needs 2 or 4 points, got 3";
    QTest::newRow("polygon 2 points") << "/shapes/5/points" << QByteArray("[[1, 2], [3, 4]]") << "field 'shapes[5].points': a polygon needs at least 3 points, got 2";
    QTest::newRow("quad 5 points") << "/shapes/3/points" << QByteArray("[[1, 2], [3, 4], [5, 6], [7, 8], [9, 9]]") << "field 'shapes[3].points': a polygon needs 4 points, got 5";
    QTest::newRow("circle") << "/shapes/0/shape_type" << QByteArray("\"circle\"") << "field 'shapes[0].shape_type': shape type 'circle' is not supported";
    QTest::newRow("shape type number") << "/shapes/0/shape_type" << QByteArray("4") << "field 'shapes[0].shape_type': expected a string";
    QTest::newRow("NaN") << "/shapes/0/points/0/0" << QByteArray("NaN") << "not valid JSON";
    QTest::newRow("inf") << "/shapes/0/points/0/1" << QByteArray("1e500") << "number overflow parsing '1e500'";
    QTest::newRow("huge") << "/shapes/3/points/2/0" << QByteArray("-5e9") << "field 'shapes[3].points[2][0]': number -5000000000 is outside";
    QTest::newRow("absurd points") << "/shapes/5/points" << QByteArray("<huge-pairs>") << "field 'shapes[5].points': list has 100001 entries";
    QTest::newRow("score 5") << "/shapes/0/score" << QByteArray("5") << "field 'shapes[0].score': number 5 is outside 0..1";
    QTest::newRow("score list") << "/shapes/0/score" << QByteArray("[0.5]") << "field 'shapes[0].score': expected a number, got array";
    QTest::newRow("group id string") << "/shapes/4/group_id" << QByteArray("\"1\"") << "field 'shapes[4].group_id': expected an integer";
    QTest::newRow("description number") << "/shapes/3/description" << QByteArray("12") << "field 'shapes[3].description': expected a string";
    QTest::newRow("unknown kind") << "/shapes/3/attributes/kind" << QByteArray("\"blob\"") << "field 'shapes[3].attributes.kind': unknown shape kind 'blob'";
    QTest::newRow("attributes string") << "/shapes/3/attributes" << QByteArray("\"x\"") << "field 'shapes[3].attributes': expected an object";
    QTest::newRow("captions object") << "/captions" << QByteArray("{}") << "field 'captions': expected a list";
    QTest::newRow("caption no origin") << "/captions/0/origin" << QByteArray("<delete>") << "field 'captions[0].origin': missing";
    QTest::newRow("description list") << "/description" << QByteArray("[]") << "field 'description': expected a string";
}

void TestLabelme::rejectsHostileInput()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, replacement);
    QFETCH(QString, expected);
    const std::string text = mutateJson(exportLabelme(sampleImages()[0]), pointer, replacement);
    expectBadInput([&] { importLabelme(text, "photos/cat.json"); }, "photos/cat.json", expected);
}

void TestLabelme::refusesToWriteUnfaithfully()
{
    ImageRecord image = sampleImages()[0];
    image.shapes[4].rings[1].resize(2);
    expectBadInput([&] { exportLabelme(image); }, "photos/cat.jpg", "shape 4: ring 1: a ring needs at least 3 points");
    image = sampleImages()[0];
    image.width = -3;
    expectBadInput([&] { exportLabelme(image); }, "photos/cat.jpg", "size -3x480 is outside");
}

FLORENCE_TEST_CLASS(TestLabelme)
#include "test_labelme.moc"
