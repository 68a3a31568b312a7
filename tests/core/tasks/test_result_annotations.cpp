// Tests of annotationsFromResult (core/tasks/result_annotations.h): crafted answers through the
// real post-processor map to the right shapes.
#include "tasks/result_annotations.h"

#include "test_registry.h"

#include <QtTest>

#include <limits>

using namespace florence;

class TestResultAnnotations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapes_data();
    void shapes();
    void boxesNormalizedAndWidened();
    void smallRingsDropped();
    void pureTextBecomesCaption();
    void scoresClampedToProbabilities();
};

void TestResultAnnotations::shapes_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("label");
    QTest::newRow("od") << "<OD>" << "car<loc_10><loc_20><loc_30><loc_40>dog<loc_1><loc_2><loc_3><loc_4>"
                        << int(ShapeKind::Box) << 2 << "car";
    QTest::newRow("dense") << "<DENSE_REGION_CAPTION>" << "a red car<loc_10><loc_20><loc_30><loc_40>"
                           << int(ShapeKind::Box) << 1 << "a red car";
    QTest::newRow("proposal") << "<REGION_PROPOSAL>" << "<loc_10><loc_20><loc_30><loc_40>" << int(ShapeKind::Box) << 1 << "region";
    QTest::newRow("grounding") << "<CAPTION_TO_PHRASE_GROUNDING>" << "A cat<loc_10><loc_20><loc_30><loc_40>"
                               << int(ShapeKind::Box) << 1 << "A cat";
    QTest::newRow("ocr") << "<OCR_WITH_REGION>" << "</s>EXIT<loc_1><loc_2><loc_3><loc_4><loc_5><loc_6><loc_7><loc_8>"
                         << int(ShapeKind::Quad) << 1 << "text";
    QTest::newRow("res") << "<REFERRING_EXPRESSION_SEGMENTATION>" << "<loc_1><loc_2><loc_30><loc_2><loc_30><loc_40>"
                         << int(ShapeKind::Polygon) << 1 << "region";
    QTest::newRow("ovd polygons") << "<OPEN_VOCABULARY_DETECTION>"
                                  << "car<poly><loc_1><loc_2><loc_30><loc_2><loc_30><loc_40></poly>"
                                  << int(ShapeKind::Polygon) << 1 << "car";
    QTest::newRow("ovd boxes") << "<OPEN_VOCABULARY_DETECTION>" << "car<loc_1><loc_2><loc_30><loc_40>"
                               << int(ShapeKind::Box) << 1 << "car";
}

void TestResultAnnotations::shapes()
{
    QFETCH(QString, task);
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(int, count);
    QFETCH(QString, label);
    const PostprocessResult r = postprocessGeneration(text.toStdString(), task.toStdString(), 640, 480);
    const ResultAnnotations a = annotationsFromResult(r, 640, 480, "region");
    QCOMPARE(int(a.shapes.size()), count);
    QVERIFY(a.captions.empty());
    for (const Shape &s : a.shapes) {
        QCOMPARE(int(s.kind), kind);
        QCOMPARE(QString::fromStdString(s.origin), task);
    }
    QCOMPARE(QString::fromStdString(a.shapes.front().label), label);
    if (kind == int(ShapeKind::Quad)) {
        QCOMPARE(a.shapes.front().rings.at(0).size(), size_t(4));
        QCOMPARE(QString::fromStdString(a.shapes.front().text), QString("EXIT")); // the reference's leading </s> dropped
    }
}

void TestResultAnnotations::boxesNormalizedAndWidened()
{
    // Inverted box, and a box whose corners share a bin in x.
    const PostprocessResult r =
        postprocessGeneration("a<loc_500><loc_600><loc_100><loc_200>b<loc_7><loc_10><loc_7><loc_20>", "<OD>", 1000, 1000);
    const ResultAnnotations a = annotationsFromResult(r, 1000, 1000);
    QCOMPARE(a.shapes.size(), size_t(2));
    QCOMPARE(a.shapes[0].box, (Box{100.5, 200.5, 500.5, 600.5}));
    const Box &thin = a.shapes[1].box;
    QCOMPARE(thin.width(), 1.0); // one bin of a 1000-pixel-wide image
    QCOMPARE(thin.x1, 7.0);
    QCOMPARE(thin.height(), 10.0);
}

void TestResultAnnotations::smallRingsDropped()
{
    // Two rings: a triangle and a 2-point ring; then an instance with only 2 points.
    const PostprocessResult r = postprocessGeneration(
        "<loc_1><loc_2><loc_30><loc_2><loc_30><loc_40><sep><loc_5><loc_5><loc_6><loc_6>", "<REGION_TO_SEGMENTATION>", 100, 100);
    const ResultAnnotations a = annotationsFromResult(r, 100, 100);
    QCOMPARE(a.shapes.size(), size_t(1));
    QCOMPARE(a.shapes[0].rings.size(), size_t(1));
    QCOMPARE(a.shapes[0].rings[0].size(), size_t(3));
    const PostprocessResult tiny = postprocessGeneration("<loc_5><loc_5><loc_6><loc_6>", "<REGION_TO_SEGMENTATION>", 100, 100);
    const ResultAnnotations none = annotationsFromResult(tiny, 100, 100);
    QVERIFY(none.shapes.empty());
    QCOMPARE(none.droppedInstances, 1);
}

void TestResultAnnotations::pureTextBecomesCaption()
{
    const PostprocessResult r = postprocessGeneration("</s><s>A house.</s>", "<CAPTION>", 10, 10);
    const ResultAnnotations a = annotationsFromResult(r, 10, 10);
    QVERIFY(a.shapes.empty());
    QCOMPARE(a.captions.size(), size_t(1));
    QCOMPARE(a.captions[0], (Caption{"A house.", "<CAPTION>"}));
}

void TestResultAnnotations::scoresClampedToProbabilities()
{
    // With 1 beam the reference's score is exp(mean of processed logits), which can exceed 1: the
    // raw answer keeps it, the shape's confidence is clamped to 0..1 (a NaN gives no score).
    PostprocessResult r = postprocessGeneration("a<loc_1><loc_2><loc_3><loc_4>b<loc_5><loc_6><loc_7><loc_8>"
                                                "c<loc_9><loc_10><loc_11><loc_12>d<loc_1><loc_1><loc_9><loc_9>",
                                                "<OD>", 100, 100);
    QCOMPARE(r.instances.size(), size_t(4));
    r.instances[0].score = 7.25;
    r.instances[1].score = 0.5;
    r.instances[2].score = -0.1;
    r.instances[3].score = std::numeric_limits<double>::quiet_NaN();
    const ResultAnnotations a = annotationsFromResult(r, 100, 100);
    QCOMPARE(a.shapes.size(), size_t(4));
    QCOMPARE(a.shapes[0].score, std::optional<double>(1.0));
    QCOMPARE(a.shapes[1].score, std::optional<double>(0.5));
    QCOMPARE(a.shapes[2].score, std::optional<double>(0.0));
    QVERIFY(!a.shapes[3].score);
    QCOMPARE(*r.instances[0].score, 7.25); // the raw result is not touched
}

FLORENCE_TEST_CLASS(TestResultAnnotations)
#include "test_result_annotations.moc"
