// Hostile input for every dataset reader: wrong column counts, NaN/inf, coordinates outside 0..1,
// unknown class ids, missing images, broken XML, entity declarations, deep nesting, UTF-16 byte
// order marks, stray carriage returns. Each must fail with Error(BadInput) naming the file and the
// line, and import nothing; UTF-8 byte order marks and CRLF line ends are read like clean files.
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

class TestFormatHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejects_data();
    void rejects();
    void acceptsBomAndCrlf_data();
    void acceptsBomAndCrlf();
    void xmlLimits();
    void labelWithoutImage();
    void refusesHugeFilesBeforeReading();
    void exportStaysInsideItsFolder_data();
    void exportStaysInsideItsFolder();
};

namespace {

const char *kYoloLabel = "yolo_detect/labels/train/im1.txt";
const char *kYoloYaml = "yolo_detect/data.yaml";
const char *kVocXml = "voc/Annotations/000001.xml";
const char *kDotaLabel = "dota/labelTxt/P0001.txt";
const char *kPaddleLabel = "paddleocr/ocr/Label.txt";

std::string vocWith(const std::string &object)
{
    return "<annotation>\n<filename>000001.png</filename>\n<size><width>64</width><height>48</height></size>\n"
           "<object>\n" + object + "\n</object>\n</annotation>\n";
}

} // namespace

void TestFormatHostile::rejects_data()
{
    QTest::addColumn<QString>("format");   // registry name
    QTest::addColumn<QString>("file");     // sample file replaced by `content`
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("message"); // parts the message must hold (besides the file name)

    const auto row = [](const char *name, const char *format, const char *file, const QByteArray &content, QStringList message) {
        QTest::newRow(name) << format << file << content << message;
    };
    // YOLO label files.
    row("yolo 4 columns", "yolo", kYoloLabel, "0 0.5 0.5 0.25 0.5\n0 0.5 0.5 0.25\n", {"line 2", "got 4"});
    row("yolo 6 columns", "yolo", kYoloLabel, "0 0.5 0.5 0.25 0.5 0.1\n", {"line 1", "got 6"});
    row("yolo nan", "yolo", kYoloLabel, "0 nan 0.5 0.1 0.1\n", {"line 1", "column 2", "not a finite number"});
    row("yolo inf", "yolo", kYoloLabel, "0 0.5 inf 0.1 0.1\n", {"line 1", "column 3", "not a finite number"});
    row("yolo overflow", "yolo", kYoloLabel, "0 0.5 0.5 1e999 0.1\n", {"line 1", "column 4"});
    row("yolo hex float", "yolo", kYoloLabel, "0 0x1p-1 0.5 0.1 0.1\n", {"line 1", "column 2"});
    row("yolo negative", "yolo", kYoloLabel, "0 -0.1 0.5 0.1 0.1\n", {"line 1", "outside 0..1"});
    row("yolo above 1", "yolo", kYoloLabel, "0 0.5 0.5 0.1 1.5\n", {"line 1", "column 5", "outside 0..1"});
    row("yolo pixel coords", "yolo", kYoloLabel, "0 320 240 32 48\n", {"line 1", "outside 0..1"});
    row("yolo unknown class", "yolo", kYoloLabel, "\n\n3 0.5 0.5 0.1 0.1\n", {"line 3", "class id 3 is unknown", "3 classes"});
    row("yolo negative class", "yolo", kYoloLabel, "-1 0.5 0.5 0.1 0.1\n", {"line 1", "not a non-negative integer"});
    row("yolo float class", "yolo", kYoloLabel, "0.0 0.5 0.5 0.1 0.1\n", {"line 1", "not a non-negative integer"});
    row("yolo huge class", "yolo", kYoloLabel, "99999999999999999999 0.5 0.5 0.1 0.1\n", {"line 1", "class id"});
    row("yolo utf16 bom", "yolo", kYoloLabel, QByteArray("\xFF\xFE" "0\0 \0", 6), {"line 1", "UTF-16"});
    row("yolo stray cr", "yolo", kYoloLabel, "0 0.5 0.5 0.1 0.1\r0 0.5 0.5 0.1 0.1\n", {"line 1", "carriage return"});
    row("yolo nul", "yolo", kYoloLabel, QByteArray("0 0.5 0.5 0.1 0.1\n\0\n", 21), {"line 2", "NUL"});
    row("yolo bad utf8", "yolo", kYoloLabel, "0 0.5 0.5 0.1 0.1\n0 \xC3\x28\n", {"line 2", "UTF-8"});
    // data.yaml.
    row("yaml id gap", "yolo", kYoloYaml, "train: images/train\nnames:\n  0: a\n  2: b\n", {"line 2", "id 1 is missing"});
    row("yaml unclosed flow", "yolo", kYoloYaml, "names: [a, b\n", {"line 1", "not closed"});
    row("yaml tab indent", "yolo", kYoloYaml, "names:\n\t- a\n", {"line 2", "tab"});
    row("yaml duplicate name", "yolo", kYoloYaml, "names: [a, a]\n", {"line 1", "'a'", "ids 0 and 1"});
    row("yaml alias", "yolo", kYoloYaml, "names:\n  - *x\n", {"line 2", "aliases"});
    row("yaml bad quote", "yolo", kYoloYaml, "names:\n  - 'a\n", {"line 2", "unterminated"});
    row("yaml no names", "yolo", kYoloYaml, "train: images/train\n", {"no 'names'"});
    row("yaml missing split dir", "yolo", kYoloYaml, "train: images/nope\nnames: [a, b, c]\n", {"train folder 'images/nope'"});
    // Pascal VOC.
    row("voc unclosed", "voc", kVocXml, "<annotation>\n<filename>000001.png</filename>\n", {"line 3", "not closed"});
    row("voc mismatched", "voc", kVocXml, "<annotation>\n<filename>000001.png</name>\n</annotation>\n", {"line 2", "does not match"});
    row("voc doctype", "voc", kVocXml,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<annotation>&lol2;</annotation>\n",
        {"line 2", "DOCTYPE"});
    row("voc unknown entity", "voc", kVocXml, "<annotation>\n<filename>&xxe;</filename>\n</annotation>\n", {"line 2", "unknown entity &xxe;"});
    row("voc wrong root", "voc", kVocXml, "<html></html>\n", {"line 1", "expected <annotation>"});
    row("voc no filename", "voc", kVocXml, "<annotation>\n<size/>\n</annotation>\n", {"line 1", "no <filename>"});
    row("voc no name", "voc", kVocXml, vocWith("<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>").c_str(),
        {"line 4", "<object> has no <name>"});
    row("voc no ymax", "voc", kVocXml, vocWith("<name>a</name>\n<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax></bndbox>").c_str(),
        {"line 6", "no <ymax>"});
    row("voc nan", "voc", kVocXml, vocWith("<name>a</name>\n<bndbox>\n<xmin>nan</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>").c_str(),
        {"line 7", "<xmin> 'nan' is not a finite number"});
    row("voc negative", "voc", kVocXml, vocWith("<name>a</name>\n<bndbox><xmin>-3</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>").c_str(),
        {"line 6", "negative"});
    row("voc inverted", "voc", kVocXml, vocWith("<name>a</name>\n<bndbox><xmin>9</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>").c_str(),
        {"line 6", "xmin > xmax"});
    row("voc beyond size", "voc", kVocXml, vocWith("<name>a</name>\n<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>65</xmax><ymax>2</ymax></bndbox>").c_str(),
        {"line 6", "beyond the image size 64x48"});
    row("voc bad width", "voc", kVocXml, "<annotation>\n<filename>000001.png</filename>\n<size><width>-64</width><height>48</height></size>\n</annotation>\n",
        {"line 3", "<width> '-64'"});
    row("voc missing image", "voc", kVocXml, "<annotation>\n<filename>nope.png</filename>\n</annotation>\n", {"line 2", "nope.png' does not exist"});
    row("voc utf16", "voc", kVocXml, QByteArray("\xFF\xFE<\0a\0", 6), {"line 1", "UTF-16"});
    row("voc text after root", "voc", kVocXml, "<annotation><filename>000001.png</filename></annotation>\nx\n", {"line 2", "after the root"});
    row("voc unquoted attribute", "voc", kVocXml, "<annotation a=1></annotation>\n", {"line 1", "not quoted"});
    // DOTA.
    row("dota 8 columns", "dota", kDotaLabel, "imagesource:GoogleEarth\n1 2 3 4 5 6 7 8\n", {"line 2", "got 8"});
    row("dota 11 columns", "dota", kDotaLabel, "1 2 3 4 5 6 7 8 plane 0 x\n", {"line 1", "got 11"});
    row("dota nan", "dota", kDotaLabel, "1 2 3 nan 5 6 7 8 plane 0\n", {"line 1", "column 4"});
    row("dota huge", "dota", kDotaLabel, "1 2 3 4 5 6 7 1e12 plane 0\n", {"line 1", "column 8"});
    row("dota difficult 2", "dota", kDotaLabel, "1 2 3 4 5 6 7 8 plane 2\n", {"line 1", "difficult must be 0 or 1"});
    // PaddleOCR.
    row("paddle no tab", "paddleocr", kPaddleLabel, "ocr/t1.png [{}]\n", {"line 1", "no tab"});
    row("paddle bad json", "paddleocr", kPaddleLabel, "ocr/t1.png\t[{\"transcription\": \"a\", \n", {"line 1", "not valid JSON"});
    row("paddle nan", "paddleocr", kPaddleLabel, "ocr/t1.png\t[{\"transcription\": \"a\", \"points\": [[NaN, 1], [2, 1], [2, 2], [1, 2]]}]\n",
        {"line 1", "not valid JSON"});
    row("paddle 3 points", "paddleocr", kPaddleLabel, "ocr/t1.png\t[]\nocr/t2.png\t[{\"transcription\": \"a\", \"points\": [[1, 1], [2, 1], [2, 2]]}]\n",
        {"line 2", "[0].points", "at least 4 points, got 3"});
    row("paddle string coord", "paddleocr", kPaddleLabel, "ocr/t1.png\t[{\"transcription\": \"a\", \"points\": [[1, 1], [2, \"1\"], [2, 2], [1, 2]]}]\n",
        {"line 1", "[0].points[1]", "expected [x, y]"});
    row("paddle huge coord", "paddleocr", kPaddleLabel, "ocr/t1.png\t[{\"transcription\": \"a\", \"points\": [[1e300, 1], [2, 1], [2, 2], [1, 2]]}]\n",
        {"line 1", "[0].points[0]", "finite pixel coordinate"});
    row("paddle no transcription", "paddleocr", kPaddleLabel, "ocr/t1.png\t[{\"points\": [[1, 1], [2, 1], [2, 2], [1, 2]]}]\n",
        {"line 1", "[0].transcription"});
    row("paddle duplicate", "paddleocr", kPaddleLabel, "ocr/t1.png\t[]\nocr/t1.png\t[]\n", {"line 2", "listed twice"});
    row("paddle missing image", "paddleocr", kPaddleLabel, "ocr/t1.png\t[]\nocr/none.png\t[]\n", {"line 2", "none.png' does not exist"});
    row("paddle deep json", "paddleocr", kPaddleLabel, "ocr/t1.png\t" + QByteArray(200, '[') + QByteArray(200, ']') + "\n", {"line 1", "nested deeper than 8"});
}

void TestFormatHostile::rejects()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, message);
    QTemporaryDir tmp;
    const std::string sample = file.section('/', 0, 0).toStdString();
    const std::string root = copySample(tmp, sample);
    const std::string target = tmp.path().toStdString() + "/" + file.toStdString();
    writeFile(target, content.toStdString());
    std::vector<std::string> parts;
    for (const QString &m : message)
        parts.push_back(m.toStdString());
    if (!file.endsWith("data.yaml") || !message.join(' ').contains("folder"))
        parts.push_back(file.section('/', -1).toStdString() + "'"); // the file is named
    std::string input = root;
    if (format == "paddleocr")
        input = root + "/ocr";
    const FormatInfo &f = formatOrThrow(format.toStdString());
    expectBadInput([&] { f.read(input, {}); }, parts);
}

void TestFormatHostile::acceptsBomAndCrlf_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::newRow("yolo label") << "yolo" << kYoloLabel;
    QTest::newRow("yolo yaml") << "yolo" << kYoloYaml;
    QTest::newRow("voc") << "voc" << kVocXml;
    QTest::newRow("dota") << "dota" << kDotaLabel;
    QTest::newRow("paddleocr") << "paddleocr" << kPaddleLabel;
}

void TestFormatHostile::acceptsBomAndCrlf()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    QTemporaryDir tmp;
    const std::string sample = file.section('/', 0, 0).toStdString();
    const std::string root = copySample(tmp, sample);
    const std::string input = format == "paddleocr" ? root + "/ocr" : root;
    const FormatInfo &f = formatOrThrow(format.toStdString());
    const Dataset clean = f.read(input, {});
    const std::string target = tmp.path().toStdString() + "/" + file.toStdString();
    std::string text = readFile(target), crlf = "\xEF\xBB\xBF";
    for (char c : text)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    writeFile(target, crlf);
    const Dataset windows = f.read(input, {});
    QCOMPARE(windows.images.size(), clean.images.size());
    for (std::size_t i = 0; i < clean.images.size(); ++i)
        QVERIFY(windows.images[i] == clean.images[i]);
    QCOMPARE(windows.labels, clean.labels);
}

void TestFormatHostile::xmlLimits()
{
    std::string deep = "<annotation><filename>a.png</filename>";
    for (int i = 0; i < 40; ++i)
        deep += "<x>";
    for (int i = 0; i < 40; ++i)
        deep += "</x>";
    deep += "</annotation>";
    expectBadInput([&] { parseVocXml(deep, "deep.xml"); }, {"deep.xml' line 1", "nested deeper than 32"});
    // Nesting just inside the bound parses (and the unknown elements are ignored).
    std::string ok = "<annotation><filename>a.png</filename>";
    for (int i = 0; i < 30; ++i)
        ok += "<x>";
    for (int i = 0; i < 30; ++i)
        ok += "</x>";
    ok += "</annotation>";
    QCOMPARE(parseVocXml(ok, "ok.xml").image.path, std::string("a.png"));
    // Character references, CDATA and comments are read; the five entities decode.
    const VocFile v = parseVocXml("<annotation><filename>a&#x2F;&#98;<![CDATA[<c>]]><!-- x -->&lt;.png</filename></annotation>", "e.xml");
    QCOMPARE(v.image.path, std::string("a/b<c><.png"));
    expectBadInput([] { parseVocXml("<annotation><filename>&#0;</filename></annotation>", "z.xml"); }, {"z.xml' line 1", "not a valid character"});
    expectBadInput([] { parseVocXml("<annotation><filename>&#xD800;</filename></annotation>", "s.xml"); }, {"not a valid character"});
    expectBadInput([] { parseVocXml("<annotation><!ENTITY x \"y\"></annotation>", "n.xml"); }, {"DOCTYPE and entity"});
}

void TestFormatHostile::labelWithoutImage()
{
    QTemporaryDir tmp;
    const std::string yolo = copySample(tmp, "yolo_detect");
    writeFile(yolo + "/labels/train/ghost.txt", "0 0.5 0.5 0.1 0.1\n");
    expectBadInput([&] { readYolo(yolo, {}); }, {"ghost.txt' has no image"});
    const std::string dota = copySample(tmp, "dota");
    writeFile(dota + "/labelTxt/P0002.txt", "1 2 3 4 5 6 7 8 plane 0\n");
    expectBadInput([&] { readDota(dota, {}); }, {"P0002.txt' has no image"});
    const std::string voc = copySample(tmp, "voc");
    std::filesystem::remove(voc + "/JPEGImages/000002.png");
    expectBadInput([&] { readVoc(voc, {}); }, {"000002.xml' line 5", "000002.png' does not exist"});
    // A corrupt image is named too (its size cannot be read).
    const std::string flat = copySample(tmp, "yolo_flat");
    writeFile(flat + "/a.png", "not a png");
    expectBadInput([&] { readYolo(flat, {}); }, {"a.png"});
}

void TestFormatHostile::refusesHugeFilesBeforeReading()
{
    QTemporaryDir tmp;
    const std::string dota = copySample(tmp, "dota");
    // A sparse 257 MiB label file: refused by its size, nothing is read into memory.
    std::filesystem::resize_file(dota + "/labelTxt/P0001.txt", (257ull << 20));
    expectBadInput([&] { readDota(dota, {}); }, {"P0001.txt' is 269484032 bytes, more than the 268435456 accepted"});
    const std::string yolo = copySample(tmp, "yolo_detect");
    std::filesystem::resize_file(yolo + "/data.yaml", (17ull << 20));
    expectBadInput([&] { readYolo(yolo, {}); }, {"data.yaml' is", "more than the 16777216 accepted"});
}

void TestFormatHostile::exportStaysInsideItsFolder_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    for (const char *format : {"coco", "labelme", "yolo", "paddleocr", "masks"}) {
        QTest::newRow((std::string(format) + " ..").c_str()) << format << "../evil.png";
        QTest::newRow((std::string(format) + " nested ..").c_str()) << format << "a/../../evil.png";
        QTest::newRow((std::string(format) + " absolute").c_str()) << format << "/tmp/evil.png";
    }
}

void TestFormatHostile::exportStaysInsideItsFolder()
{
    QFETCH(QString, format);
    QFETCH(QString, path);
    // A COCO file from a stranger names its image "../evil.png": converting it must not write there.
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    writeFile(root + "/in/instances.json",
              R"({"images": [{"id": 1, "file_name": ")" + path.toStdString() + R"(", "width": 64, "height": 48}],
                  "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": []}],
                  "categories": [{"id": 1, "name": "x"}]})");
    writeFile(root + "/evil.png", readFile(formatSample("yolo_flat/a.png")));
    expectBadInput([&] { convertDataset("coco", root + "/in/instances.json", {}, format.toStdString(), root + "/out/deep", {}); },
                   {"refusing to write", "evil"});
    QVERIFY(!QFile::exists(QString::fromStdString(root + "/out/evil.png")));
    QVERIFY(!QFile::exists(QString::fromStdString(root + "/out/deep/summary.txt")));
    QVERIFY(!QFile::exists(QString::fromStdString(root + "/out/evil.json")));
}

FLORENCE_TEST_CLASS(TestFormatHostile)
#include "test_format_hostile.moc"
