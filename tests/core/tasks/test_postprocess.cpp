// Parity tests of post-processing (core/tasks/postprocess.h): postprocess_cases.json (text and
// score mode) and the post_process_generation(_with_scores) records of every generation in
// manifest.json; plus the inputs the reference rejects.
#include "fixture_data.h"
#include "test_registry.h"

#include "common/error.h"
#include "tasks/postprocess.h"
#include "tasks/quantizer.h"
#include "text/tokenizer.h"

#include <QtTest>

#include <cmath>
#include <memory>

using namespace florence;
using florence::test::fixtureJson;
using florence::test::qs;
using ojson = nlohmann::ordered_json;

namespace {

// manifest.tolerances.post_process_bboxes_atol: coordinates are float32 (bin + 0.5) * size / 1000.
double bboxesAtol()
{
    return fixtureJson("manifest.json").at("tolerances").at("post_process_bboxes_atol").get<double>();
}

// Compares `got` with `expected` recursively: same keys in the same order, same array lengths,
// strings and booleans exact, numbers within `atol`. Returns "" or where they differ.
std::string compareJson(const ojson &got, const ojson &expected, double atol, const std::string &path = "$")
{
    if (expected.is_number()) {
        if (!got.is_number())
            return path + ": expected a number, got " + got.dump();
        const double a = got.get<double>();
        const double b = expected.get<double>();
        return std::abs(a - b) <= atol ? "" : path + ": " + std::to_string(a) + " vs " + std::to_string(b);
    }
    if (got.type() != expected.type())
        return path + ": expected " + expected.dump().substr(0, 80) + ", got " + got.dump().substr(0, 80);
    if (expected.is_object()) {
        if (got.size() != expected.size())
            return path + ": keys " + got.dump().substr(0, 120) + " vs " + expected.dump().substr(0, 120);
        auto g = got.begin();
        for (auto e = expected.begin(); e != expected.end(); ++e, ++g) {
            if (g.key() != e.key())
                return path + ": key '" + g.key() + "' where '" + e.key() + "' was expected";
            const std::string diff = compareJson(g.value(), e.value(), atol, path + "." + e.key());
            if (!diff.empty())
                return diff;
        }
        return "";
    }
    if (expected.is_array()) {
        if (got.size() != expected.size())
            return path + ": " + std::to_string(got.size()) + " elements vs " + std::to_string(expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const std::string diff = compareJson(got[i], expected[i], atol, path + "[" + std::to_string(i) + "]");
            if (!diff.empty())
                return diff;
        }
        return "";
    }
    return got == expected ? "" : path + ": " + got.dump().substr(0, 120) + " vs " + expected.dump().substr(0, 120);
}

std::vector<float> float32s(const ojson &values)
{
    std::vector<float> out;
    for (const auto &v : values)
        out.push_back(static_cast<float>(v.get<double>())); // torch.tensor(list of floats) is float32
    return out;
}

} // namespace

class TestPostprocess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixtureCase_data();
    void fixtureCase();
    void generationCase_data();
    void generationCase();
    void instancesForTheGui();
    void locationsBeyond999();
    void rejectedInputs();

private:
    std::unique_ptr<Tokenizer> m_tok;
};

void TestPostprocess::initTestCase()
{
    m_tok = std::make_unique<Tokenizer>(Tokenizer::fromModelDir(florence::test::fixturePath("model")));
}

void TestPostprocess::fixtureCase_data()
{
    QTest::addColumn<int>("index");
    const auto &cases = fixtureJson("postprocess_cases.json").at("cases");
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow((cases[i].at("id").get<std::string>() + " " + cases[i].at("type").get<std::string>()).c_str())
            << int(i);
}

void TestPostprocess::fixtureCase()
{
    QFETCH(int, index);
    const auto &c = fixtureJson("postprocess_cases.json").at("cases").at(index);
    const std::string task = c.at("task").get<std::string>();
    const int width = c.at("image_size_wh")[0].get<int>();
    const int height = c.at("image_size_wh")[1].get<int>();
    auto run = [&] {
        if (c.contains("text"))
            return postprocessGeneration(c.at("text").get<std::string>(), task, width, height);
        return postprocessSequence(c.at("sequence").get<std::vector<std::int64_t>>(),
                                   float32s(c.at("transition_beam_score")), task, width, height, *m_tok);
    };
    const auto &expected = c.at("expected");
    if (expected.contains("exception")) {
        QVERIFY_THROWS_EXCEPTION(Error, run());
        return;
    }
    const PostprocessResult result = run();
    QCOMPARE(result.kind, resultKindForTask(task));
    const ojson &want = expected.at("ok");
    const std::string diff = compareJson(toReferenceJson(result), want, bboxesAtol());
    QVERIFY2(diff.empty(), diff.c_str());
}

void TestPostprocess::generationCase_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("beams");
    const auto &manifest = fixtureJson("manifest.json");
    for (const char *list : {"cases", "cases_long", "cases_eos", "cases_bin"})
        for (std::size_t i = 0; i < manifest.at(list).size(); ++i)
            for (const char *beams : {"num_beams=3", "num_beams=1"})
                QTest::newRow((manifest.at(list)[i].at("id").get<std::string>() + "/" + beams).c_str())
                    << QString(list) << int(i) << QString(beams);
}

void TestPostprocess::generationCase()
{
    QFETCH(QString, list);
    QFETCH(int, index);
    QFETCH(QString, beams);
    const auto &c = fixtureJson("manifest.json").at(list.toStdString()).at(index);
    const auto &r = c.at("generate").at(beams.toStdString());
    const std::string task = c.at("task").get<std::string>();
    const int width = c.at("image_size_wh")[0].get<int>();
    const int height = c.at("image_size_wh")[1].get<int>();
    const std::vector<std::int64_t> sequence = r.at("sequence").get<std::vector<std::int64_t>>();

    const std::string decoded = m_tok->decode(sequence, false);
    QCOMPARE(qs(decoded), qs(r.at("decoded_skip_special_false").get<std::string>()));
    struct Check
    {
        const char *key;
        PostprocessResult result;
    };
    const Check checks[] = {
        {"post_process_generation", postprocessGeneration(decoded, task, width, height)},
        {"post_process_generation_with_scores",
         postprocessSequence(sequence, float32s(r.at("transition_scores")), task, width, height, *m_tok)},
    };
    for (const Check &check : checks) {
        const auto &expected = r.at(check.key);
        QVERIFY2(expected.contains("ok"), check.key); // no generation case raises in the reference
        const std::string diff =
            compareJson(toReferenceJson(check.result), expected.at("ok"), bboxesAtol());
        QVERIFY2(diff.empty(), (std::string(check.key) + ": " + diff).c_str());
    }
}

void TestPostprocess::instancesForTheGui()
{
    // One result of each geometry, read through the plain structs.
    const PostprocessResult od = postprocessGeneration("<s>car<loc_52><loc_332><loc_932><loc_774></s>", "<OD>", 640, 480);
    QCOMPARE(od.kind, ResultKind::DescriptionWithBboxes);
    QCOMPARE(int(od.instances.size()), 1);
    QCOMPARE(od.instances[0].geometry, InstanceGeometry::Box);
    QCOMPARE(od.instances[0].label, std::string("car"));
    QCOMPARE(od.instances[0].box[0], dequantizeCoordinate(52, 640));
    QCOMPARE(od.instances[0].box[3], dequantizeCoordinate(774, 480));
    QVERIFY(!od.instances[0].score.has_value());

    const PostprocessResult seg = postprocessGeneration(
        "<loc_1><loc_2><loc_3><loc_4><loc_5><loc_6><sep><loc_7><loc_8><loc_9><loc_10><loc_11><loc_12>",
        "<REFERRING_EXPRESSION_SEGMENTATION>", 100, 100);
    QCOMPARE(int(seg.instances.size()), 1);
    QCOMPARE(seg.instances[0].geometry, InstanceGeometry::Polygon);
    QCOMPARE(int(seg.instances[0].rings.size()), 2);
    QCOMPARE(int(seg.instances[0].rings[1].size()), 6);

    const PostprocessResult ocr = postprocessGeneration(
        "<s>Hi<loc_1><loc_2><loc_3><loc_4><loc_5><loc_6><loc_7><loc_8></s>", "<OCR_WITH_REGION>", 300, 900);
    QCOMPARE(ocr.instances[0].geometry, InstanceGeometry::Quad);
    QCOMPARE(ocr.instances[0].quad[7], dequantizeCoordinate(8, 900));

    const PostprocessResult caption = postprocessGeneration("</s><s>A cat.</s>", "<CAPTION>", 10, 10);
    QCOMPARE(caption.text, std::string("A cat."));
    QVERIFY(caption.instances.empty());
    // An unknown task token parses as pure text under its own key, as the reference does.
    const auto unknown = toReferenceJson(postprocessGeneration("<s>x</s>", "<NOT_A_TASK>", 10, 10));
    QCOMPARE(unknown.dump(), std::string(R"({"<NOT_A_TASK>":"x"})"));
}

void TestPostprocess::locationsBeyond999()
{
    // Not clamped: the box extends past the image, as in the reference.
    const PostprocessResult r =
        postprocessGeneration("<s>big<loc_1500><loc_0><loc_2500><loc_1999></s>", "<OD>", 640, 480);
    QCOMPARE(int(r.instances.size()), 1);
    QCOMPARE(r.instances[0].box[0], dequantizeCoordinate(1500, 640));
    QVERIFY(r.instances[0].box[2] > 640.0f);
    QVERIFY(r.instances[0].box[3] > 480.0f);
    // int() reads any Unicode decimal digits: <loc_١٥> (Arabic-Indic 1, 5) is bin 15.
    const PostprocessResult arabic =
        postprocessGeneration("<s>x<loc_\xD9\xA1\xD9\xA5><loc_0><loc_0><loc_0></s>", "<OD>", 1000, 1000);
    QCOMPARE(int(arabic.instances.size()), 1);
    QCOMPARE(arabic.instances[0].box[0], dequantizeCoordinate(15, 1000));
}

void TestPostprocess::rejectedInputs()
{
    auto expectBadInput = [](auto &&fn, const QString &part) {
        try {
            fn();
            QFAIL(qPrintable("no error, expected: " + part));
        } catch (const Error &e) {
            QCOMPARE(int(e.kind()), int(ErrorKind::BadInput));
            QVERIFY2(QString::fromUtf8(e.what()).contains(part), e.what());
        }
    };
    // A loc value beyond int64: the reference's torch.tensor() overflows.
    expectBadInput([] { postprocessGeneration("car<loc_99999999999999999999><loc_1><loc_2><loc_3>", "<OD>", 10, 10); },
                   "<loc_99999999999999999999>");
    expectBadInput([] {
        postprocessGeneration("t<loc_1><loc_2><loc_3><loc_4><loc_5><loc_6><loc_7><loc_9223372036854775808>",
                              "<OCR_WITH_REGION>", 10, 10);
    },
                   "9223372036854775808");
    // ... but a dropped odd trailing coordinate is never converted.
    QCOMPARE(int(postprocessGeneration("<loc_1><loc_2><loc_3><loc_4><loc_99999999999999999999>", "<REGION_TO_SEGMENTATION>",
                                       10, 10)
                      .instances.size()),
             1);
    expectBadInput([] { postprocessGeneration("caf\xE9<loc_1>", "<OD>", 10, 10); }, "byte offset 3");
    expectBadInput([] { postprocessGeneration("x", "<OD>", 0, 10); }, "image size must be positive");
    expectBadInput([&] { postprocessSequence({2, 0, 5901, 2}, std::vector<float>{-0.1f, -0.2f}, "<OD>", 10, 10, *m_tok); },
                   "expected one transition score per generated token after the first, i.e. 3");
    expectBadInput([&] { postprocessSequence({2, 0, 51289, 2}, std::nullopt, "<OD>", 10, 10, *m_tok); }, "51289");
}

FLORENCE_TEST_CLASS(TestPostprocess)
#include "test_postprocess.moc"
