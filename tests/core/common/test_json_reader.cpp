// Tests of the core's one JSON field reader (core/common/json_reader.h): the message layout every
// JSON file reader shares, the error kind, nesting and string limits, and the optional members.
#include "common/json_reader.h"

#include "test_registry.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace florence;
using json = nlohmann::json;

namespace {

/// The message of the Error `f` throws, checked to be of `kind` (empty when nothing is thrown).
QString failure(const std::function<void()> &f, ErrorKind kind)
{
    try {
        f();
    } catch (const Error &e) {
        if (e.kind() != kind)
            return QStringLiteral("wrong kind: ") + e.what();
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesNameFileAndField();
    void parseLimits();
    void rangesAndTypes();
    void optionalMembers();
};

void TestJsonReader::messagesNameFileAndField()
{
    const JsonFieldReader r("config file", "m/config.json", ErrorKind::ModelFormat);
    QCOMPARE(failure([&] { r.fail("text_config.d_model", "must be positive"); }, ErrorKind::ModelFormat),
             QStringLiteral("config file 'm/config.json', field 'text_config.d_model': must be positive"));
    QCOMPARE(failure([&] { r.fail("", "no vision_config"); }, ErrorKind::ModelFormat),
             QStringLiteral("config file 'm/config.json': no vision_config"));
    QCOMPARE(QString::fromStdString(JsonFieldReader::key("", "a")), QStringLiteral("a"));
    QCOMPARE(QString::fromStdString(JsonFieldReader::key(JsonFieldReader::index("a", 3), "b")), QStringLiteral("a[3].b"));
    // The default kind is BadInput (user files: COCO, projects, tables).
    const JsonFieldReader u("COCO instances file", "x.json");
    QVERIFY(!failure([&] { u.member(json::object(), "images[0]", "id"); }, ErrorKind::BadInput).isEmpty());
    QVERIFY(failure([&] { u.member(json::object(), "images[0]", "id"); }, ErrorKind::BadInput)
                .endsWith(QStringLiteral("field 'images[0].id': missing")));
}

void TestJsonReader::parseLimits()
{
    const JsonFieldReader r("model file", "t.json", ErrorKind::ModelFormat);
    QVERIFY(failure([&] { r.parse("{\"a\": "); }, ErrorKind::ModelFormat).contains("model file 't.json' is not valid JSON"));
    const std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    QVERIFY(failure([&] { r.parse(deep); }, ErrorKind::ModelFormat).contains("nested deeper than 64"));
    const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    QVERIFY(failure([&] { r.parse(ok); }, ErrorKind::ModelFormat).isEmpty());
    // Brackets inside strings do not count as nesting.
    QVERIFY(failure([&] { r.parse("{\"s\": \"" + std::string(1000, '[') + "\"}"); }, ErrorKind::ModelFormat).isEmpty());
    QCOMPARE(failure([&] { r.parseObject("[1]"); }, ErrorKind::ModelFormat),
             QStringLiteral("model file 't.json': expected a JSON object, got array"));
    // Invalid UTF-8 is refused and the message stays printable ASCII.
    const QString bad = failure([&] { r.parse("{\"a\": \"\xff\"}"); }, ErrorKind::ModelFormat);
    QVERIFY(bad.contains("not valid JSON"));
    for (QChar c : bad)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(bad));
}

void TestJsonReader::rangesAndTypes()
{
    const JsonFieldReader r("f", "f.json");
    QCOMPARE(r.integer(json(7), "n", 0, 7), std::int64_t(7));
    QVERIFY(failure([&] { r.integer(json(8), "n", 0, 7); }, ErrorKind::BadInput).endsWith("field 'n': integer 8 is outside 0..7"));
    QVERIFY(failure([&] { r.integer(json(1.5), "n", 0, 7); }, ErrorKind::BadInput).contains("expected an integer, got number 1.5"));
    QVERIFY(failure([&] { r.integer(json(std::numeric_limits<std::uint64_t>::max()), "n", 0, 7); }, ErrorKind::BadInput)
                .contains("out of range"));
    QVERIFY(failure([&] { r.number(json(std::nan("")), "x", 0, 1); }, ErrorKind::BadInput).contains("is not finite"));
    QVERIFY(failure([&] { r.number(json(2.0), "x", 0, 1); }, ErrorKind::BadInput).contains("number 2 is outside 0..1"));
    QVERIFY(failure([&] { r.boolean(json("yes"), "b"); }, ErrorKind::BadInput).contains("expected true or false, got \"yes\""));
    QVERIFY(failure([&] { r.string(json(std::string(kMaxJsonStringBytes + 1, 'a')), "s"); }, ErrorKind::BadInput)
                .contains("bytes long"));
    QVERIFY(failure([&] { r.array(json::array({1, 2, 3}), "l", 2); }, ErrorKind::BadInput).contains("list has 3 entries, at most 2"));
    QVERIFY(failure([&] { r.object(json::array(), "o"); }, ErrorKind::BadInput).contains("expected an object, got array"));
}

void TestJsonReader::optionalMembers()
{
    const JsonFieldReader r("f", "f.json");
    const json obj = json::parse(R"({"a": null, "b": true, "n": 3, "x": 0.5, "s": "t", "bad": "3"})");
    QVERIFY(JsonFieldReader::optional(obj, "a") == nullptr); // null counts as absent
    QVERIFY(JsonFieldReader::optional(obj, "zz") == nullptr);
    QVERIFY(JsonFieldReader::optional(json::array(), "a") == nullptr);
    QCOMPARE(r.boolean(obj, "", "a", true), true);
    QCOMPARE(r.boolean(obj, "", "b", false), true);
    QCOMPARE(r.integer(obj, "root", "n", 9, 0, 10), std::int64_t(3));
    QCOMPARE(r.integer(obj, "root", "missing", 9, 0, 10), std::int64_t(9));
    QCOMPARE(r.number(obj, "", "x", 1.0, 0.0, 1.0), 0.5);
    QCOMPARE(r.string(obj, "", "s", "d"), std::string("t"));
    QCOMPARE(r.string(obj, "", "nope", "d"), std::string("d"));
    QVERIFY(failure([&] { r.integer(obj, "root", "bad", 0, 0, 10); }, ErrorKind::BadInput)
                .endsWith("field 'root.bad': expected an integer, got string"));
}

FLORENCE_TEST_CLASS(TestJsonReader)
#include "test_json_reader.moc"
