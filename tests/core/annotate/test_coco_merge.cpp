// Tests of merging sharded COCO outputs (mergeCocoInstances / mergeCocoCaptions in core/annotate/coco.h).
#include "annotate/coco.h"

#include "annotate_test_util.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::test;
using nlohmann::json;

namespace {

using Shards = std::vector<std::pair<std::string, std::string>>;

/// Exports images[from, to) of the samples as one shard per range.
std::pair<Shards, Shards> exportShards(const std::vector<ImageRecord> &images, const QList<int> &cuts)
{
    Shards instances, captions;
    int from = 0;
    QList<int> ends = cuts;
    ends.push_back(int(images.size()));
    for (int to : ends) {
        const std::vector<ImageRecord> part(images.begin() + from, images.begin() + to);
        const CocoFiles files = exportCoco(part);
        const std::string name = "shard-" + std::to_string(instances.size());
        instances.emplace_back(name + "/instances.json", files.instances);
        captions.emplace_back(name + "/captions.json", files.captions);
        from = to;
    }
    return {instances, captions};
}

} // namespace

class TestCocoMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shardsEqualSingleRun_data();
    void shardsEqualSingleRun();
    void sameImageInSeveralShards();
    void categoriesMergedByName();
    void emptyMergeIsValidCoco();
    void errorsNameTheShard();
};

void TestCocoMerge::shardsEqualSingleRun_data()
{
    QTest::addColumn<QList<int>>("cuts"); // image indices where a new shard starts
    QTest::newRow("one shard") << QList<int>{};
    QTest::newRow("two shards") << QList<int>{2};
    QTest::newRow("one image each") << QList<int>{1, 2, 3, 4};
    QTest::newRow("with empty shards") << QList<int>{0, 3, 3};
}

void TestCocoMerge::shardsEqualSingleRun()
{
    QFETCH(QList<int>, cuts);
    const std::vector<ImageRecord> images = sampleImages();
    const CocoFiles single = exportCoco(images);
    const auto [instances, captions] = exportShards(images, cuts);
    // Same order of images, so even the renumbered ids agree with the single run.
    QCOMPARE(json::parse(mergeCocoInstances(instances)), json::parse(single.instances));
    QCOMPARE(json::parse(mergeCocoCaptions(captions)), json::parse(single.captions));
}

void TestCocoMerge::sameImageInSeveralShards()
{
    // Shard A ran detection, shard B OCR and captions on the same image, plus one image each.
    std::vector<ImageRecord> a(2), b(2);
    a[0].path = b[0].path = "shared.jpg";
    a[0].width = b[0].width = 64;
    a[0].height = 48;
    b[0].height = 0; // unknown in B: A's size is kept
    a[0].shapes = {makeBox({1, 2, 3, 4}, "dog", 0.9, "<OD>")};
    b[0].shapes = {makeRings(ShapeKind::Quad, {{{0, 0}, {4, 0}, {4, 2}, {0, 2}}}, "", "EXIT", std::nullopt, "<OCR_WITH_REGION>")};
    b[0].captions = {{"A dog.", "<CAPTION>"}};
    a[1].path = "only-a.jpg";
    b[1].path = "only-b.jpg";
    a[1].shapes = {makeBox({5, 5, 6, 6}, "cat", std::nullopt, kManualOrigin)};
    const CocoFiles fa = exportCoco(a), fb = exportCoco(b);
    const std::string merged = mergeCocoInstances({{"a.json", fa.instances}, {"b.json", fb.instances}});
    const std::string mergedCaptions = mergeCocoCaptions({{"a.json", fa.captions}, {"b.json", fb.captions}});

    std::vector<ImageRecord> expected = {a[0], a[1], b[1]};
    expected[0].shapes.push_back(b[0].shapes[0]);
    expected[0].captions = b[0].captions;
    std::vector<ImageRecord> got = importCoco(merged, "merged.json", &mergedCaptions, "merged-captions.json");
    for (ImageRecord &image : got)
        image = withoutWorkflow(image);
    compareImages(got, expected);
    const json j = json::parse(merged);
    QCOMPARE(j.at("images").size(), size_t(3));
    QCOMPARE(j.at("annotations").back().at("id").get<int>(), 3);
}

void TestCocoMerge::categoriesMergedByName()
{
    const std::string s1 = R"({"images": [{"id": 5, "file_name": "1.jpg", "width": 1, "height": 1}],
        "annotations": [{"id": 9, "image_id": 5, "category_id": 20, "bbox": [0, 0, 1, 1]}],
        "categories": [{"id": 10, "name": "b"}, {"id": 20, "name": "a"}]})";
    const std::string s2 = R"({"info": {"description": "second"},
        "images": [{"id": 5, "file_name": "2.jpg", "width": 1, "height": 1}],
        "annotations": [{"id": 9, "image_id": 5, "category_id": 1, "bbox": [0, 0, 1, 1]},
                        {"id": 10, "image_id": 5, "category_id": 2, "bbox": [0, 0, 1, 1]}],
        "categories": [{"id": 1, "name": "c"}, {"id": 2, "name": "a"}]})";
    const json j = json::parse(mergeCocoInstances({{"s1", s1}, {"s2", s2}}));
    QCOMPARE(j.at("info").at("description").get<std::string>(), std::string("Florence Studio export"));
    QCOMPARE(j.at("categories").size(), size_t(3));
    std::vector<std::string> names;
    for (const json &c : j.at("categories"))
        names.push_back(c.at("name").get<std::string>());
    QCOMPARE(names, (std::vector<std::string>{"b", "a", "c"})); // first seen, unused "b" kept
    std::vector<int> categoryIds, imageIds, ids;
    for (const json &a : j.at("annotations")) {
        categoryIds.push_back(a.at("category_id").get<int>());
        imageIds.push_back(a.at("image_id").get<int>());
        ids.push_back(a.at("id").get<int>());
    }
    QCOMPARE(categoryIds, (std::vector<int>{2, 3, 2}));
    QCOMPARE(imageIds, (std::vector<int>{1, 2, 2}));
    QCOMPARE(ids, (std::vector<int>{1, 2, 3}));
    QCOMPARE(json::parse(mergeCocoInstances({{"s2", s2}, {"s1", s1}})).at("info").at("description").get<std::string>(),
             std::string("second"));
}

void TestCocoMerge::emptyMergeIsValidCoco()
{
    const std::string merged = mergeCocoInstances({});
    QVERIFY(importCoco(merged, "m.json").empty());
    QCOMPARE(json::parse(merged).at("categories"), json::array());
    QVERIFY(json::parse(mergeCocoCaptions({})).at("annotations").empty());
}

void TestCocoMerge::errorsNameTheShard()
{
    const auto [instances, captions] = exportShards(sampleImages(), {2});
    Shards broken = instances;
    broken[1].second = mutateJson(broken[1].second, "/annotations/0/category_id", "99");
    expectBadInput([&] { mergeCocoInstances(broken); }, "shard-1/instances.json", "no category has id 99");
    Shards conflicting = {instances[0], instances[0]};
    conflicting[1].first = "copy.json";
    conflicting[1].second = mutateJson(conflicting[1].second, "/images/0/height", "481");
    expectBadInput([&] { mergeCocoInstances(conflicting); }, "copy.json", "has height 481 here but 480 in an earlier file");
    Shards badCaptions = captions;
    badCaptions[0].second = "{";
    expectBadInput([&] { mergeCocoCaptions(badCaptions); }, "shard-0/captions.json", "not valid JSON");
}

FLORENCE_TEST_CLASS(TestCocoMerge)
#include "test_coco_merge.moc"
