// Tests of the project file (core/annotate/project.h): layout, exact round trip, atomic save/load,
// newer versions and hostile input.
#include "annotate/project.h"

#include "annotate_test_util.h"
#include "common/file_io.h"
#include "test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace florence;
using namespace florence::test;
using nlohmann::json;

namespace {

Project sampleProject()
{
    Project p;
    p.images = sampleImages();
    p.labels = labelsInFirstUseOrder(p.images);
    p.labels.push_back("unused label");
    return p;
}

} // namespace

class TestProject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesDocumentedLayout();
    void roundTripsExactly();
    void labelsInFirstUseOrderKeepsEmptyLabel();
    void saveAndLoadSetRootDir();
    void refusesNewerVersion();
    void rejectsHostileInput_data();
    void rejectsHostileInput();
    void refusesToWriteUnfaithfully_data();
    void refusesToWriteUnfaithfully();
};

void TestProject::writesDocumentedLayout()
{
    const Project p = sampleProject();
    const json j = json::parse(projectToJson(p));
    QCOMPARE(j.at("format").get<std::string>(), std::string("florence-studio-project"));
    QCOMPARE(j.at("version").get<int>(), kProjectFormatVersion);
    QCOMPARE(j.at("labels").get<std::vector<std::string>>(), p.labels);
    QCOMPARE(j.at("images").size(), p.images.size());
    const json &img = j.at("images").at(0);
    QCOMPARE(img.at("path").get<std::string>(), p.images[0].path);
    QCOMPARE(img.at("width").get<int>(), 640);
    QCOMPARE(img.at("status").get<std::string>(), std::string("edited"));
    QCOMPARE(img.at("doneTasks").get<std::vector<std::string>>(), p.images[0].doneTasks);
    QCOMPARE(img.at("captions").at(1).at("origin").get<std::string>(), std::string("<DETAILED_CAPTION>"));
    const json &shapes = img.at("shapes");
    QCOMPARE(shapes.at(0).at("kind").get<std::string>(), std::string("box"));
    QCOMPARE(shapes.at(0).at("box").get<std::vector<double>>(), (std::vector<double>{10, 20, 110, 220}));
    QCOMPARE(shapes.at(0).at("score").get<double>(), 0.93);
    QVERIFY(!shapes.at(1).contains("score")); // no score -> no key
    QCOMPARE(shapes.at(3).at("kind").get<std::string>(), std::string("quad"));
    QCOMPARE(shapes.at(3).at("rings").size(), size_t(1));
    QCOMPARE(shapes.at(3).at("rings").at(0).size(), size_t(8)); // flat x, y list
    QCOMPARE(shapes.at(3).at("text").get<std::string>(), p.images[0].shapes[3].text);
    QCOMPARE(shapes.at(4).at("rings").size(), size_t(2));
    QCOMPARE(shapes.at(4).at("origin").get<std::string>(), std::string("<REFERRING_EXPRESSION_SEGMENTATION>"));
}

void TestProject::roundTripsExactly()
{
    const Project p = sampleProject();
    const std::string text = projectToJson(p);
    const Project back = projectFromJson(text, "p.json");
    QCOMPARE(back.labels, p.labels);
    compareImages(back.images, p.images);
    QVERIFY(back.rootDir.empty());
    QCOMPARE(projectToJson(back), text); // stable output
}

void TestProject::labelsInFirstUseOrderKeepsEmptyLabel()
{
    QCOMPARE(labelsInFirstUseOrder(sampleImages()), (std::vector<std::string>{"cat", "", "狗", "car", "🐈 label", "part"}));
}

void TestProject::saveAndLoadSetRootDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("project.florence.json").toStdString();
    const Project p = sampleProject();
    saveProject(p, path);
    const Project back = loadProject(path);
    QCOMPARE(QString::fromStdString(back.rootDir), QDir(dir.path()).canonicalPath());
    compareImages(back.images, p.images);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"project.florence.json"}); // no temp left
    try {
        loadProject(path + ".missing");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Io);
    }
}

void TestProject::refusesNewerVersion()
{
    json j = json::parse(projectToJson(sampleProject()));
    j["version"] = kProjectFormatVersion + 1;
    const std::string expected
        = "written by a newer version (" + std::to_string(kProjectFormatVersion + 1) + ") of Florence Studio";
    expectBadInput([&] { projectFromJson(j.dump(), "/data/shots/project.json"); }, "/data/shots/project.json",
                   QString::fromStdString(expected));
}

void TestProject::rejectsHostileInput_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("replacement");
    QTest::addColumn<QString>("expected");
    QTest::newRow("malformed JSON") << "" << QByteArray("{\"format\": ") << "not valid JSON";
    QTest::newRow("not an object") << "" << QByteArray("[1, 2]") << "expected an object, got array";
    QTest::newRow("deep nesting") << "" << QByteArray("<deep>") << "nested deeper than 64";
    QTest::newRow("wrong format") << "/format" << QByteArray("\"labelme\"") << "not a Florence Studio project";
    QTest::newRow("no format") << "/format" << QByteArray("<delete>") << "not a Florence Studio project";
    QTest::newRow("no version") << "/version" << QByteArray("<delete>") << "field 'version': missing";
    QTest::newRow("version string") << "/version" << QByteArray("\"1\"") << "field 'version': expected an integer";
    QTest::newRow("version zero") << "/version" << QByteArray("0") << "field 'version': integer 0 is outside";
    QTest::newRow("newer version") << "/version" << QByteArray("1000") << "newer version (1000)";
    QTest::newRow("images object") << "/images" << QByteArray("{}") << "field 'images': expected a list, got object";
    QTest::newRow("no labels") << "/labels" << QByteArray("<delete>") << "field 'labels': missing";
    QTest::newRow("label number") << "/labels/0" << QByteArray("7") << "field 'labels[0]': expected a string";
    QTest::newRow("duplicate label") << "/labels/1" << QByteArray("\"cat\"") << "field 'labels[1]': duplicate label 'cat'";
    QTest::newRow("no path") << "/images/0/path" << QByteArray("<delete>") << "field 'images[0].path': missing";
    QTest::newRow("empty path") << "/images/1/path" << QByteArray("\"\"") << "field 'images[1].path': empty image path";
    QTest::newRow("duplicate path") << "/images/1/path" << QByteArray("\"photos/cat.jpg\"") << "field 'images[1].path': image path 'photos/cat.jpg' appears twice";
    QTest::newRow("negative width") << "/images/0/width" << QByteArray("-5") << "field 'images[0].width': integer -5 is outside";
    QTest::newRow("huge height") << "/images/0/height" << QByteArray("99999999999") << "field 'images[0].height': integer 99999999999 is outside";
    QTest::newRow("float width") << "/images/0/width" << QByteArray("64.5") << "field 'images[0].width': expected an integer, got number 64.5";
    QTest::newRow("unknown status") << "/images/0/status" << QByteArray("\"done\"") << "field 'images[0].status': unknown status 'done'";
    QTest::newRow("shapes missing") << "/images/0/shapes" << QByteArray("<delete>") << "field 'images[0].shapes': missing";
    QTest::newRow("unknown kind") << "/images/0/shapes/0/kind" << QByteArray("\"circle\"") << "field 'images[0].shapes[0].kind': unknown shape kind 'circle'";
    QTest::newRow("box 3 numbers") << "/images/0/shapes/0/box" << QByteArray("[1, 2, 3]") << "field 'images[0].shapes[0].box': expected 4 numbers";
    QTest::newRow("box string") << "/images/0/shapes/0/box/2" << QByteArray("\"3\"") << "field 'images[0].shapes[0].box[2]': expected a number, got string";
    QTest::newRow("NaN coordinate") << "/images/0/shapes/0/box/0" << QByteArray("NaN") << "not valid JSON";
    QTest::newRow("inf coordinate") << "/images/0/shapes/0/box/1" << QByteArray("1e999") << "number overflow parsing '1e999'";
    QTest::newRow("huge coordinate") << "/images/0/shapes/3/rings/0/4" << QByteArray("1e300") << "field 'images[0].shapes[3].rings[0][4]': number 1.0000000000000001e+300 is outside";
    QTest::newRow("quad 3 points") << "/images/0/shapes/3/rings/0" << QByteArray("[1, 2, 3, 4, 5, 6]") << "field 'images[0].shapes[3]': a quad needs exactly one ring of 4 points";
    QTest::newRow("quad two rings") << "/images/0/shapes/3/rings/1" << QByteArray("[1, 2, 3, 4, 5, 6, 7, 8]") << "field 'images[0].shapes[3]': a quad needs exactly one ring of 4 points, got 2 ring(s)";
    QTest::newRow("ring 2 points") << "/images/0/shapes/4/rings/1" << QByteArray("[1, 2, 3, 4]") << "field 'images[0].shapes[4].rings[1]': a ring needs at least 3 points";
    QTest::newRow("ring odd count") << "/images/0/shapes/4/rings/0" << QByteArray("[1, 2, 3, 4, 5, 6, 7]") << "field 'images[0].shapes[4].rings[0]': expected an even count";
    QTest::newRow("polygon no rings") << "/images/0/shapes/5/rings" << QByteArray("[]") << "field 'images[0].shapes[5]': a polygon needs at least one ring";
    QTest::newRow("absurd ring") << "/images/0/shapes/5/rings/0" << QByteArray("<huge-flat>") << "field 'images[0].shapes[5].rings[0]': list has 200002 entries";
    QTest::newRow("score above 1") << "/images/0/shapes/0/score" << QByteArray("1.5") << "field 'images[0].shapes[0].score': number 1.5 is outside 0..1";
    QTest::newRow("score string") << "/images/0/shapes/0/score" << QByteArray("\"high\"") << "field 'images[0].shapes[0].score': expected a number";
    QTest::newRow("label non-UTF-8") << "/images/0/shapes/0/label" << QByteArray("\"ca\xff\xfe\"") << "ill-formed UTF-8";
    QTest::newRow("label null") << "/images/0/shapes/0/label" << QByteArray("null") << "field 'images[0].shapes[0].label': expected a string, got null";
    QTest::newRow("origin missing") << "/images/0/shapes/1/origin" << QByteArray("<delete>") << "field 'images[0].shapes[1].origin': missing";
    QTest::newRow("caption no origin") << "/images/0/captions/0/origin" << QByteArray("<delete>") << "field 'images[0].captions[0].origin': missing";
    QTest::newRow("caption not object") << "/images/0/captions/0" << QByteArray("\"hi\"") << "field 'images[0].captions[0]': expected an object";
    QTest::newRow("done task number") << "/images/0/doneTasks/1" << QByteArray("3") << "field 'images[0].doneTasks[1]': expected a string";
}

void TestProject::rejectsHostileInput()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, replacement);
    QFETCH(QString, expected);
    const std::string text = mutateJson(projectToJson(sampleProject()), pointer, replacement);
    expectBadInput([&] { projectFromJson(text, "shots/project.json"); }, "shots/project.json", expected);
}

void TestProject::refusesToWriteUnfaithfully_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QByteArray>("label"); // for "utf8"
    QTest::newRow("NaN") << 0 << "nan" << "shape 0: box coordinate nan is not finite" << QByteArray();
    QTest::newRow("huge") << 4 << "huge" << "shape 4: ring 0: coordinate 1e+20 is outside" << QByteArray();
    QTest::newRow("short ring") << 4 << "short" << "shape 4: ring 1: a ring needs at least 3 points, got 2" << QByteArray();
    QTest::newRow("quad 3 points") << 3 << "short" << "shape 3: a quad needs exactly one ring of 4 points" << QByteArray();
    QTest::newRow("score") << 0 << "score" << "shape 0: score 2 is outside 0..1" << QByteArray();
    QTest::newRow("bad continuation") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("\xc3\x28");
    QTest::newRow("overlong") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("\xc0\xaf");
    QTest::newRow("surrogate") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("a\xed\xa0\x80");
    QTest::newRow("truncated") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("\xe6\x97");
    QTest::newRow("above U+10FFFF") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("latin-1") << 1 << "utf8" << "shape 1: label is not valid UTF-8" << QByteArray("caf\xe9");
    QTest::newRow("duplicate path") << -1 << "duplicate" << "image path 'photos/cat.jpg' appears twice" << QByteArray();
}

void TestProject::refusesToWriteUnfaithfully()
{
    QFETCH(int, shape);
    QFETCH(QString, breakage);
    QFETCH(QString, expected);
    QFETCH(QByteArray, label);
    Project p = sampleProject();
    if (breakage == "duplicate") {
        p.images.push_back(p.images[0]);
    } else {
        Shape &s = p.images[0].shapes[size_t(shape)];
        if (breakage == "nan")
            s.box.x1 = std::numeric_limits<double>::quiet_NaN();
        else if (breakage == "huge")
            s.rings[0][0].x = 1e20;
        else if (breakage == "short")
            s.rings.back().pop_back();
        else if (breakage == "score")
            s.score = 2.0;
        else if (breakage == "utf8")
            s.label = label.toStdString();
    }
    expectBadInput([&] { projectToJson(p); }, "photos/cat.jpg", expected);
}

FLORENCE_TEST_CLASS(TestProject)
#include "test_project.moc"
