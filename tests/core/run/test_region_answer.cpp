// Tests of the one rule by which a region answer lands on its shape (core/run/region_answer.h),
// used by the GUI's region runs and by chains alike.
#include "run/region_answer.h"

#include "tasks/postprocess.h"
#include "tasks/quantizer.h"
#include "test_registry.h"

#include <QtTest>

using namespace florence;

namespace {

// A RunResult as the pipeline returns it for `generated` (crafted model output) on a 640 x 480 image.
RunResult answer(Task task, const std::string &generated, std::optional<double> score = {})
{
    RunResult r;
    r.task = task;
    r.imageWidth = 640;
    r.imageHeight = 480;
    r.text = generated;
    r.result = postprocessGeneration(generated, taskInfo(task).token, 640, 480);
    if (score)
        for (PostprocessInstance &instance : r.result.instances)
            instance.score = *score;
    return r;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestRegionAnswer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stripsLocationTokens_data();
    void stripsLocationTokens();
    void regionAnswersAttach_data();
    void regionAnswersAttach();
    void scoreAndOrigin();
};

void TestRegionAnswer::stripsLocationTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "a red car" << "a red car";
    QTest::newRow("category with region") << "car<loc_52><loc_332><loc_932><loc_774>" << "car";
    QTest::newRow("only locations") << "<loc_1><loc_2><loc_3><loc_4>" << "";
    QTest::newRow("between words") << "  two<loc_5>words \n" << "two words";
    QTest::newRow("not a location") << "<loc_x> stays" << "<loc_x> stays";
}

void TestRegionAnswer::stripsLocationTokens()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(qs(florence::stripLocationTokens(text.toStdString())), expected);
}

void TestRegionAnswer::regionAnswersAttach_data()
{
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("generated"); // crafted model output, parsed by the post-processor
    QTest::addColumn<QString>("label");     // expected label after attaching ("-": nothing attached)
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rings");         // polygon rings, 0: still a box
    QTest::newRow("category") << int(Task::RegionToCategory) << "</s><s>car<loc_1><loc_2><loc_3><loc_4></s>" << "car"
                              << "" << 0;
    QTest::newRow("description") << int(Task::RegionToDescription) << "</s><s>a red car parked</s>" << "thing"
                                 << "a red car parked" << 0;
    QTest::newRow("description with locations")
        << int(Task::RegionToDescription) << "</s><s>a red<loc_5><loc_6> car</s>" << "thing" << "a red car" << 0;
    QTest::newRow("ocr") << int(Task::RegionToOcr) << "</s><s>STOP</s>" << "thing" << "STOP" << 0;
    QTest::newRow("segmentation") << int(Task::RegionToSegmentation)
                                  << "</s><s><loc_100><loc_100><loc_200><loc_100><loc_200><loc_200><sep>"
                                     "<loc_300><loc_300><loc_400><loc_300><loc_400><loc_400></s>"
                                  << "thing" << "" << 2;
    QTest::newRow("segmentation without polygon") << int(Task::RegionToSegmentation) << "</s><s><loc_1><loc_2></s>"
                                                  << "-" << "" << 0;
    QTest::newRow("empty category") << int(Task::RegionToCategory) << "</s><s><loc_1><loc_2><loc_3><loc_4></s>"
                                    << "-" << "" << 0;
    QTest::newRow("not a region task") << int(Task::Caption) << "</s><s>a cat</s>" << "-" << "" << 0;
}

void TestRegionAnswer::regionAnswersAttach()
{
    QFETCH(int, task);
    QFETCH(QString, generated);
    QFETCH(QString, label);
    QFETCH(QString, text);
    QFETCH(int, rings);
    const Task t = Task(task);
    Shape region;
    region.box = Box{10, 10, 100, 100};
    region.label = "thing";
    const std::optional<Shape> attached = attachRegionAnswer(region, answer(t, generated.toStdString()));
    if (label == QLatin1String("-")) {
        QVERIFY(!attached);
        return;
    }
    QVERIFY(attached);
    QCOMPARE(qs(attached->label), label);
    QCOMPARE(qs(attached->text), text);
    QCOMPARE(int(attached->rings.size()), rings);
    QCOMPARE(int(attached->kind), int(rings > 0 ? ShapeKind::Polygon : ShapeKind::Box));
    QCOMPARE(qs(attached->origin), qs(taskInfo(t).token)); // a hand-drawn region: the task token
    if (rings > 0) {
        QCOMPARE(attached->rings[0].size(), std::size_t(3));
        QCOMPARE(attached->rings[0][0].x, double(dequantizeCoordinate(100, 640)));
    } else {
        QCOMPARE(attached->box, region.box); // geometry untouched
    }
}

void TestRegionAnswer::scoreAndOrigin()
{
    const std::string polygon = "</s><s><loc_100><loc_100><loc_200><loc_100><loc_200><loc_200></s>";
    // A detection keeps its own confidence and records the model step after its origin.
    Shape detection;
    detection.box = Box{10, 10, 100, 100};
    detection.label = "car";
    detection.score = 0.9;
    detection.origin = "<OD>";
    std::optional<Shape> s = attachRegionAnswer(detection, answer(Task::RegionToSegmentation, polygon, 0.25));
    QVERIFY(s && s->score);
    QCOMPARE(*s->score, 0.9);
    QCOMPARE(qs(s->origin), QStringLiteral("<OD>+<REGION_TO_SEGMENTATION>"));
    s = attachRegionAnswer(detection, answer(Task::RegionToDescription, "</s><s>a car<loc_3></s>"));
    QVERIFY(s);
    QCOMPARE(qs(s->text), QStringLiteral("a car"));
    QCOMPARE(*s->score, 0.9);
    QCOMPARE(qs(s->origin), QStringLiteral("<OD>+<REGION_TO_DESCRIPTION>"));
    // A region without a score takes the answer's.
    Shape drawn;
    drawn.box = Box{10, 10, 100, 100};
    s = attachRegionAnswer(drawn, answer(Task::RegionToSegmentation, polygon, 0.25));
    QVERIFY(s && s->score);
    QCOMPARE(*s->score, 0.25);
}

FLORENCE_TEST_CLASS(TestRegionAnswer)
#include "test_region_answer.moc"
