// Tests of the review layer's data (core/annotate/review.h, prompt_table.h, provenance in
// annotation.h): the diff of suggestions against accepted shapes, the queue orders, the review
// numbers, and provenance / pending / rejected / prompt tables surviving the project file, COCO and
// labelme.
#include "annotate/coco.h"
#include "annotate/labelme.h"
#include "annotate/project.h"
#include "annotate/prompt_table.h"
#include "annotate/review.h"

#include "annotate_test_util.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::test;

namespace {

Shape box(double x1, double y1, double x2, double y2, std::string label, bool pending, std::optional<double> score = {})
{
    Shape s = makeBox(Box{x1, y1, x2, y2}, std::move(label), score, pending ? "<OD>" : kManualOrigin);
    s.pending = pending;
    return s;
}

Provenance sampleProvenance()
{
    Provenance p;
    p.model = "microsoft/Florence-2-base-ft";
    p.checkpoint = "sha256:0123456789abcdef";
    p.prompt = "a red car";
    p.time = "2026-12-03T15:04:05Z";
    return p;
}

ImageRecord reviewedImage()
{
    ImageRecord image;
    image.path = "a.jpg";
    image.width = 100;
    image.height = 80;
    image.status = ImageStatus::Edited;
    Shape accepted = box(1, 2, 30, 40, "car", false, 0.9);
    accepted.origin = "<OD>";
    accepted.provenance = sampleProvenance();
    accepted.provenance.edited = true;
    Shape pending = box(50, 10, 70, 30, "person", true, 0.4);
    pending.provenance = sampleProvenance();
    image.shapes = {accepted, pending, box(5, 5, 9, 9, "dog", false)};
    Shape rejected = box(60, 60, 70, 70, "cat", false, 0.2);
    rejected.origin = "<OD>";
    image.rejected = {rejected};
    return image;
}

} // namespace

class TestReview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void iouOfBoxes();
    void diffCategories();
    void diffWithoutSuggestionsMissesNothing();
    void queueOrders();
    void statsCountModelShapesOnly();
    void acceptedOnlyDropsSuggestions();
    void projectKeepsReviewState();
    void cocoAndLabelmeKeepProvenance();
    void promptTableRoundTrip();
    void promptTableRejectsBadInput_data();
    void promptTableRejectsBadInput();
    void projectRejectsBadProvenance();
};

void TestReview::iouOfBoxes()
{
    QCOMPARE(boxIou(Box{0, 0, 10, 10}, Box{0, 0, 10, 10}), 1.0);
    QCOMPARE(boxIou(Box{0, 0, 10, 10}, Box{5, 0, 15, 10}), 50.0 / 150.0);
    QCOMPARE(boxIou(Box{0, 0, 10, 10}, Box{10, 0, 20, 10}), 0.0);   // touching edges
    QCOMPARE(boxIou(Box{10, 10, 0, 0}, Box{0, 0, 10, 10}), 1.0);    // corners in any order
    QCOMPARE(boxIou(Box{0, 0, 0, 10}, Box{0, 0, 0, 10}), 0.0);      // empty boxes overlap nothing
}

void TestReview::diffCategories()
{
    // accepted: car [0,0,10,10], person [20,0,30,10], tree [50,50,60,60] (no suggestion near it)
    std::vector<Shape> shapes = {box(0, 0, 10, 10, "car", false), box(20, 0, 30, 10, "person", false),
                                 box(50, 50, 60, 60, "tree", false),
                                 box(0, 0, 10, 9, "car", true, 0.8),      // duplicate of 0
                                 box(20, 0, 30, 10, "dog", true, 0.7),    // conflicting label with 1
                                 box(80, 80, 90, 90, "car", true, 0.6),   // new
                                 box(1, 0, 10, 10, "truck", true, 0.5)};  // overlaps car only: conflict
    // A same-label match wins over a higher-IoU other-label one.
    shapes.push_back(box(0, 0, 10, 10, "person", false));
    shapes.push_back(box(0, 1, 10, 10, "person", true, 0.3));             // IoU 0.9 with car (7), 0.9 with person: same label
    const std::vector<DiffEntry> diff = diffSuggestions(shapes);
    QCOMPARE(diff.size(), std::size_t(6)); // the accepted car and both persons were found
    QCOMPARE(diff[0].shape, std::size_t(2));
    QCOMPARE(diff[0].kind, SuggestionDiff::Missed);
    QCOMPARE(diff[1].shape, std::size_t(3));
    QCOMPARE(diff[1].kind, SuggestionDiff::Duplicate);
    QCOMPARE(*diff[1].match, std::size_t(0));
    QCOMPARE(diff[1].iou, 0.9);
    QCOMPARE(diff[2].kind, SuggestionDiff::LabelConflict);
    QCOMPARE(*diff[2].match, std::size_t(1));
    QCOMPARE(diff[3].kind, SuggestionDiff::New);
    QVERIFY(!diff[3].match);
    QCOMPARE(diff[4].kind, SuggestionDiff::LabelConflict);
    QCOMPARE(diff[5].shape, std::size_t(8));
    QCOMPARE(diff[5].kind, SuggestionDiff::Duplicate);
    QCOMPARE(*diff[5].match, std::size_t(7));
}

void TestReview::diffWithoutSuggestionsMissesNothing()
{
    QVERIFY(diffSuggestions({box(0, 0, 10, 10, "car", false)}).empty());
    QVERIFY(diffSuggestions({}).empty());
    // A threshold above the overlap makes a duplicate new.
    const auto diff = diffSuggestions({box(0, 0, 10, 10, "car", false), box(0, 0, 10, 9, "car", true)}, 0.95);
    QCOMPARE(diff.size(), std::size_t(2));
    QCOMPARE(diff[0].kind, SuggestionDiff::Missed);
    QCOMPARE(diff[1].kind, SuggestionDiff::New);
}

void TestReview::queueOrders()
{
    std::vector<ImageRecord> images(2);
    images[0].shapes = {box(0, 0, 1, 1, "b", true, 0.9), box(0, 0, 1, 1, "a", false, 0.1),
                        box(0, 0, 1, 1, "a", true, 0.5)};
    images[1].shapes = {box(0, 0, 1, 1, "b", true, 0.2), box(0, 0, 1, 1, "c", true)};
    using Q = std::vector<QueueItem>;
    QCOMPARE(reviewQueue(images, QueueOrder::LowestScore), (Q{{1, 1}, {1, 0}, {0, 2}, {0, 0}}));
    QCOMPARE(reviewQueue(images, QueueOrder::ByImage), (Q{{0, 0}, {0, 2}, {1, 0}, {1, 1}}));
    QCOMPARE(reviewQueue(images, QueueOrder::ByLabel), (Q{{0, 2}, {1, 0}, {0, 0}, {1, 1}}));
    QCOMPARE(pendingCount(images[0]), 2);
}

void TestReview::statsCountModelShapesOnly()
{
    const ReviewStats stats = reviewStats({reviewedImage()});
    QCOMPARE(stats.total.accepted, 1); // the hand-drawn dog is not a reviewed suggestion
    QCOMPARE(stats.total.pending, 1);
    QCOMPARE(stats.total.rejected, 1);
    QCOMPARE(stats.perLabel.at("car").accepted, 1);
    QCOMPARE(stats.perLabel.at("person").pending, 1);
    QCOMPARE(stats.perLabel.at("cat").rejected, 1);
    QVERIFY(!stats.perLabel.count("dog"));
    QCOMPARE(stats.acceptedScores, std::vector<double>{0.9});
    QCOMPARE(stats.rejectedScores, std::vector<double>{0.2});
}

void TestReview::acceptedOnlyDropsSuggestions()
{
    std::size_t dropped = 0;
    const std::vector<ImageRecord> out = acceptedOnly({reviewedImage()}, &dropped);
    QCOMPARE(dropped, std::size_t(1));
    QCOMPARE(out[0].shapes.size(), std::size_t(2));
    QVERIFY(std::none_of(out[0].shapes.begin(), out[0].shapes.end(), [](const Shape &s) { return s.pending; }));
}

void TestReview::projectKeepsReviewState()
{
    Project p;
    p.images = {reviewedImage()};
    p.labels = labelsInFirstUseOrder(p.images);
    p.prompts = PromptTable{"<OPEN_VOCABULARY_DETECTION>", {{"a red car", "car"}, {"a person on a bike", ""}}};
    const std::string text = projectToJson(p);
    const Project back = projectFromJson(text, "p.json");
    QVERIFY2(back.images[0] == p.images[0], firstDifference(back.images[0], p.images[0]).c_str());
    QCOMPARE(back.images[0].shapes[0].provenance, p.images[0].shapes[0].provenance);
    QVERIFY(back.images[0].shapes[1].pending);
    QCOMPARE(back.images[0].rejected, p.images[0].rejected);
    QCOMPARE(back.prompts, p.prompts);
    // A hand-drawn shape writes no provenance or pending member (files stay small and readable).
    const auto j = nlohmann::json::parse(text);
    QVERIFY(!j["images"][0]["shapes"][2].contains("provenance"));
    QVERIFY(!j["images"][0]["shapes"][2].contains("pending"));
    QVERIFY(j["images"][0]["shapes"][0]["provenance"]["edited"].get<bool>());
}

void TestReview::cocoAndLabelmeKeepProvenance()
{
    ImageRecord image = reviewedImage();
    image.rejected.clear(); // kept by the project file only
    const CocoFiles coco = exportCoco({image});
    const std::vector<ImageRecord> back = importCoco(coco.instances, "i.json");
    QCOMPARE(back.size(), std::size_t(1));
    QCOMPARE(back[0].shapes.size(), image.shapes.size());
    for (std::size_t i = 0; i < image.shapes.size(); ++i) {
        QCOMPARE(back[0].shapes[i].provenance, image.shapes[i].provenance);
        QCOMPARE(back[0].shapes[i].pending, image.shapes[i].pending);
    }
    const auto j = nlohmann::json::parse(coco.instances);
    QCOMPARE(j["annotations"][0]["attributes"]["provenance"]["model"].get<std::string>(),
             std::string("microsoft/Florence-2-base-ft"));

    const ImageRecord lm = importLabelme(exportLabelme(image), "a.json");
    QCOMPARE(lm.shapes.size(), image.shapes.size());
    for (std::size_t i = 0; i < image.shapes.size(); ++i) {
        QCOMPARE(lm.shapes[i].provenance, image.shapes[i].provenance);
        QCOMPARE(lm.shapes[i].pending, image.shapes[i].pending);
    }
}

void TestReview::promptTableRoundTrip()
{
    const PromptTable t{"<CAPTION_TO_PHRASE_GROUNDING>", {{"a red car", "car"}, {"zwei Fahrräder", "bike"}, {"sky", ""}}};
    QCOMPARE(promptTableFromJson(promptTableToJson(t), "t.json"), t);
    const PromptTable noTask = promptTableFromJson(R"({"rows": [{"prompt": "dog"}]})", "t.json");
    QVERIFY(noTask.task.empty());
    QCOMPARE(noTask.rows, (std::vector<PromptLabel>{{"dog", ""}}));
}

void TestReview::promptTableRejectsBadInput_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << "{" << "not valid JSON";
    QTest::newRow("no rows") << R"({"task": "<OPEN_VOCABULARY_DETECTION>"})" << "rows";
    QTest::newRow("rows not array") << R"({"rows": {}})" << "rows";
    QTest::newRow("empty prompt") << R"({"rows": [{"prompt": ""}]})" << "field 'rows[0]': empty prompt";
    QTest::newRow("prompt not string") << R"({"rows": [{"prompt": 3}]})" << "rows[0].prompt";
    QTest::newRow("duplicate") << R"({"rows": [{"prompt": "a"}, {"prompt": "a", "label": "x"}]})" << "appears twice";
    QTest::newRow("wrong task") << R"({"task": "<OD>", "rows": []})" << "cannot run a prompt table";
    QTest::newRow("label not string") << R"({"rows": [{"prompt": "a", "label": null}]})" << "";
    QTest::newRow("deep") << QString(200, QLatin1Char('[')) << "nested deeper";
}

void TestReview::promptTableRejectsBadInput()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    if (expected.isEmpty()) { // null counts as absent, like every optional member
        QCOMPARE(promptTableFromJson(json.toStdString(), "t.json").rows.size(), std::size_t(1));
        return;
    }
    try {
        promptTableFromJson(json.toStdString(), "t.json");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(QString(e.what()).contains(expected) && QString(e.what()).contains("t.json"), e.what());
    }
}

void TestReview::projectRejectsBadProvenance()
{
    Project p;
    p.images = {reviewedImage()};
    auto j = nlohmann::json::parse(projectToJson(p));
    j["images"][0]["shapes"][0]["provenance"]["edited"] = "yes";
    try {
        projectFromJson(j.dump(), "p.json");
        QFAIL("no error");
    } catch (const Error &e) {
        QVERIFY2(QString(e.what()).contains("images[0].shapes[0].provenance.edited"), e.what());
    }
    j = nlohmann::json::parse(projectToJson(p));
    j["images"][0]["shapes"][1]["pending"] = 1;
    QVERIFY_THROWS_EXCEPTION(Error, projectFromJson(j.dump(), "p.json"));
    j = nlohmann::json::parse(projectToJson(p));
    j["images"][0]["rejected"][0]["kind"] = "circle";
    QVERIFY_THROWS_EXCEPTION(Error, projectFromJson(j.dump(), "p.json"));
}

FLORENCE_TEST_CLASS(TestReview)
#include "test_review.moc"
