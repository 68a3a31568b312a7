// Tests of the annotation document and its undo commands: every change is one undo step and undo
// then redo restores the exact state (doubles compared with ==, never with a tolerance).
#include "document/commands/image_commands.h"
#include "document/commands/label_commands.h"
#include "document/commands/shape_commands.h"
#include "document/document.h"
#include "convert.h"

#include <QSignalSpy>
#include <QUndoStack>
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::ui;

namespace {

Shape makeBox(double x1, double y1, double x2, double y2, const std::string &label, const std::string &origin = kManualOrigin)
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = Box{x1, y1, x2, y2};
    s.label = label;
    s.origin = origin;
    return s;
}

Shape makePolygon(std::vector<Point> ring, const std::string &label)
{
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = {std::move(ring)};
    s.label = label;
    return s;
}

/// A document with two images: a.png (box "cat", polygon "dog") and b.png (box "cat").
void fill(Document &doc)
{
    ImageRecord a;
    a.path = "a.png";
    a.width = 640;
    a.height = 480;
    a.shapes = {makeBox(10.25, 20.5, 110.75, 90.125, "cat"),
                makePolygon({{1, 1}, {50.5, 2}, {40, 60.25}, {3, 45}}, "dog")};
    ImageRecord b;
    b.path = "b.png";
    b.shapes = {makeBox(0, 0, 5, 5, "cat")};
    doc.reset(QStringLiteral("/data/set"), {a, b}, {"cat", "dog", "bird"});
}

} // namespace

class TestDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resetAssignsIdsAndClearsUndo();
    void addAnnotationsIsOneStep();
    void addAnnotationsStatus_data();
    void addAnnotationsStatus();
    void removeRestoresOrder();
    void dragMergesIntoOneStep();
    void separateGesturesDoNotMerge();
    void setLabelAndText();
    void renameLabelAndUndo();
    void mergeLabels();
    void captionsUndoable();
    void markReviewed();
    void replaceAnnotations();
    void replaceShapeForModelResult();
    void combinePolygons();
    void labelVisibilityIsNotUndoable();
    void absolutePaths();
};

void TestDocument::resetAssignsIdsAndClearsUndo()
{
    Document doc;
    fill(doc);
    doc.addAnnotations(0, {makeBox(1, 1, 2, 2, "x")});
    QCOMPARE(doc.undoStack()->count(), 1);
    QSignalSpy reset(&doc, &Document::documentReset);
    fill(doc);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.imageCount(), 2);
    QCOMPARE(doc.shapeIds(0).size(), std::size_t(2));
    QVERIFY(doc.shapeIds(0)[0] != doc.shapeIds(0)[1]);
    QCOMPARE(doc.labels(), (QStringList{"cat", "dog", "bird"}));
    const auto counts = doc.labelCounts();
    QCOMPARE(counts.value("cat"), 2);
    QCOMPARE(counts.value("dog"), 1);
    QCOMPARE(counts.value("bird"), 0);
}

void TestDocument::addAnnotationsIsOneStep()
{
    Document doc;
    fill(doc);
    const ImageRecord before = doc.image(1);
    QSignalSpy shapes(&doc, &Document::shapesChanged);
    QSignalSpy captions(&doc, &Document::captionsChanged);
    const QVector<ShapeId> ids = doc.addAnnotations(
        1, {makeBox(1, 2, 3, 4, "car", "<OD>"), makeBox(5, 6, 7, 8, "tree", "<OD>")}, {Caption{"a street", "<CAPTION>"}});
    QCOMPARE(ids.size(), 2);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add 3 annotation(s)"));
    QCOMPARE(shapes.count(), 1);
    QCOMPARE(captions.count(), 1);
    QCOMPARE(doc.image(1).shapes.size(), std::size_t(3));
    QCOMPARE(doc.image(1).captions.size(), std::size_t(1));
    QCOMPARE(doc.shapeIds(1)[1], ids[0]);
    const ImageRecord after = doc.image(1);
    doc.undoStack()->undo();
    QVERIFY(doc.image(1) == before);
    doc.undoStack()->redo();
    QVERIFY(doc.image(1) == after);
    QCOMPARE(doc.shapeIds(1)[2], ids[1]); // same ids after redo
    QVERIFY(doc.addAnnotations(1, {}, {}).isEmpty());
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestDocument::addAnnotationsStatus_data()
{
    QTest::addColumn<int>("before");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<int>("after");
    QTest::newRow("model on untouched") << int(ImageStatus::None) << "<OD>" << int(ImageStatus::PreAnnotated);
    QTest::newRow("model on pre-annotated") << int(ImageStatus::PreAnnotated) << "<OD>" << int(ImageStatus::PreAnnotated);
    QTest::newRow("model on reviewed") << int(ImageStatus::Reviewed) << "<OD>" << int(ImageStatus::Edited);
    QTest::newRow("manual on untouched") << int(ImageStatus::None) << "manual" << int(ImageStatus::Edited);
    QTest::newRow("manual on reviewed") << int(ImageStatus::Reviewed) << "manual" << int(ImageStatus::Edited);
}

void TestDocument::addAnnotationsStatus()
{
    QFETCH(int, before);
    QFETCH(QString, origin);
    QFETCH(int, after);
    Document doc;
    fill(doc);
    doc.setStatus(0, ImageStatus(before));
    doc.addAnnotations(0, {makeBox(1, 2, 3, 4, "car", origin.toStdString())});
    QCOMPARE(int(doc.image(0).status), after);
    doc.undoStack()->undo();
    QCOMPARE(int(doc.image(0).status), before);
}

void TestDocument::removeRestoresOrder()
{
    Document doc;
    fill(doc);
    doc.addAnnotations(0, {makeBox(7, 7, 9, 9, "bird")});
    const ImageRecord before = doc.image(0);
    const std::vector<ShapeId> idsBefore = doc.shapeIds(0);
    doc.undoStack()->push(new RemoveShapes(&doc, 0, {idsBefore[2], idsBefore[0]}));
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Delete 2 shape(s)"));
    QCOMPARE(doc.image(0).shapes.size(), std::size_t(1));
    QCOMPARE(doc.image(0).shapes[0].label, std::string("dog"));
    doc.undoStack()->undo();
    QVERIFY(doc.image(0) == before);
    QVERIFY(doc.shapeIds(0) == idsBefore);
}

void TestDocument::dragMergesIntoOneStep()
{
    Document doc;
    fill(doc);
    const ShapeId id = doc.shapeIds(0)[1];
    const Shape original = *doc.shape(0, id);
    Shape moved = original;
    QSignalSpy modified(&doc, &Document::shapesModified);
    for (int step = 1; step <= 5; ++step) {
        moved.rings[0][2] = Point{40 + step * 0.5, 60.25 + step * 1.25};
        doc.undoStack()->push(new DragHandle(&doc, 0, id, moved, /*gesture*/ 77));
    }
    QCOMPARE(modified.count(), 5);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move vertex"));
    QVERIFY(*doc.shape(0, id) == moved);
    doc.undoStack()->undo();
    QVERIFY(*doc.shape(0, id) == original);
    doc.undoStack()->redo();
    QVERIFY(*doc.shape(0, id) == moved);
}

void TestDocument::separateGesturesDoNotMerge()
{
    Document doc;
    fill(doc);
    const ShapeId id = doc.shapeIds(0)[0];
    const Shape s0 = *doc.shape(0, id);
    const Shape s1 = florence::ui::translated(s0, QPointF(3, 4));
    const Shape s2 = florence::ui::translated(s1, QPointF(-1.5, 0.25));
    doc.undoStack()->push(new MoveShapes(&doc, 0, {id}, {s1}, 1));
    doc.undoStack()->push(new MoveShapes(&doc, 0, {id}, {s2}, 2));
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QVERIFY(*doc.shape(0, id) == s1);
    doc.undoStack()->undo();
    QVERIFY(*doc.shape(0, id) == s0);
}

void TestDocument::setLabelAndText()
{
    Document doc;
    fill(doc);
    const QVector<ShapeId> ids{doc.shapeIds(0)[0], doc.shapeIds(0)[1]};
    QSignalSpy labels(&doc, &Document::labelsChanged);
    doc.undoStack()->push(new SetShapeLabel(&doc, 0, ids, QStringLiteral("horse")));
    QVERIFY(labels.count() >= 1);
    QCOMPARE(doc.image(0).shapes[0].label, std::string("horse"));
    QCOMPARE(doc.image(0).shapes[1].label, std::string("horse"));
    doc.undoStack()->push(new SetShapeText(&doc, 0, {ids[0]}, QStringLiteral("Ünïcode 文字")));
    QCOMPARE(doc.image(0).shapes[0].text, std::string("Ünïcode 文字"));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.image(0).shapes[0].label, std::string("cat"));
    QCOMPARE(doc.image(0).shapes[1].label, std::string("dog"));
    QCOMPARE(doc.image(0).shapes[0].text, std::string());
}

void TestDocument::renameLabelAndUndo()
{
    Document doc;
    fill(doc);
    const ImageRecord a = doc.image(0), b = doc.image(1);
    auto *rename = new RenameLabel(&doc, QStringLiteral("cat"), QStringLiteral("kitten"));
    QCOMPARE(rename->shapeCount(), 2);
    doc.undoStack()->push(rename);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Rename label \"cat\" to \"kitten\""));
    QCOMPARE(doc.image(0).shapes[0].label, std::string("kitten"));
    QCOMPARE(doc.image(1).shapes[0].label, std::string("kitten"));
    QCOMPARE(doc.labels(), (QStringList{"kitten", "dog", "bird"}));
    doc.undoStack()->undo();
    QVERIFY(doc.image(0) == a);
    QVERIFY(doc.image(1) == b);
    QCOMPARE(doc.labels(), (QStringList{"cat", "dog", "bird"}));
}

void TestDocument::mergeLabels()
{
    Document doc;
    fill(doc);
    const int n = florence::ui::mergeLabels(&doc, {QStringLiteral("dog"), QStringLiteral("bird")}, QStringLiteral("cat"));
    QCOMPARE(n, 1);
    QCOMPARE(doc.undoStack()->count(), 1); // one macro
    QCOMPARE(doc.labels(), QStringList{"cat"});
    QCOMPARE(doc.labelCounts().value("cat"), 3);
    doc.undoStack()->undo();
    QCOMPARE(doc.labels(), (QStringList{"cat", "dog", "bird"}));
    QCOMPARE(doc.labelCounts().value("dog"), 1);
}

void TestDocument::captionsUndoable()
{
    Document doc;
    fill(doc);
    doc.undoStack()->push(new SetCaptions(&doc, 1, {Caption{"two cats", kManualOrigin}}, QStringLiteral("Edit caption")));
    QCOMPARE(doc.image(1).captions.size(), std::size_t(1));
    QCOMPARE(doc.image(1).status, ImageStatus::Edited);
    doc.undoStack()->undo();
    QVERIFY(doc.image(1).captions.empty());
    QCOMPARE(doc.image(1).status, ImageStatus::None);
}

void TestDocument::markReviewed()
{
    Document doc;
    fill(doc);
    QSignalSpy changed(&doc, &Document::imageChanged);
    doc.undoStack()->push(new SetImageStatus(&doc, 0, ImageStatus::Reviewed));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(doc.image(0).status, ImageStatus::Reviewed);
    doc.undoStack()->undo();
    QCOMPARE(doc.image(0).status, ImageStatus::None);
}

void TestDocument::replaceAnnotations()
{
    Document doc;
    fill(doc);
    const ImageRecord before = doc.image(0);
    const std::vector<ShapeId> idsBefore = doc.shapeIds(0);
    doc.undoStack()->push(new ReplaceAnnotations(&doc, 0, {makeBox(3, 3, 4, 4, "new")}, {Caption{"c", "manual"}}));
    QCOMPARE(doc.image(0).shapes.size(), std::size_t(1));
    QCOMPARE(doc.image(0).shapes[0].label, std::string("new"));
    doc.undoStack()->undo();
    QVERIFY(doc.image(0) == before);
    QVERIFY(doc.shapeIds(0) == idsBefore);
}

void TestDocument::replaceShapeForModelResult()
{
    Document doc;
    fill(doc);
    const ShapeId id = doc.shapeIds(0)[0];
    const Shape before = *doc.shape(0, id);
    Shape result = makePolygon({{10, 20}, {100, 25}, {90, 90}}, "cat");
    result.origin = "<REGION_TO_SEGMENTATION>";
    QVERIFY(doc.replaceShape(0, id, result));
    QVERIFY(*doc.shape(0, id) == result);
    QVERIFY(!doc.replaceShape(0, 9999999, result));
    doc.undoStack()->undo();
    QVERIFY(*doc.shape(0, id) == before);
}

void TestDocument::combinePolygons()
{
    Document doc;
    fill(doc);
    doc.addAnnotations(0, {makePolygon({{200, 200}, {210, 200}, {205, 210}}, "dog")});
    const ImageRecord before = doc.image(0);
    const QVector<ShapeId> ids{doc.shapeIds(0)[1], doc.shapeIds(0)[2], doc.shapeIds(0)[0]};
    const int steps = doc.undoStack()->count();
    QVERIFY(florence::ui::combinePolygons(&doc, 0, ids));
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(doc.image(0).shapes.size(), std::size_t(2));
    QCOMPARE(doc.image(0).shapes[1].rings.size(), std::size_t(2));
    QVERIFY(!florence::ui::combinePolygons(&doc, 0, {doc.shapeIds(0)[0]}));
    doc.undoStack()->undo();
    QVERIFY(doc.image(0) == before);
}

void TestDocument::labelVisibilityIsNotUndoable()
{
    Document doc;
    fill(doc);
    QSignalSpy labels(&doc, &Document::labelsChanged);
    doc.setLabelVisible(QStringLiteral("cat"), false);
    QVERIFY(!doc.isLabelVisible(QStringLiteral("cat")));
    QCOMPARE(labels.count(), 1);
    QCOMPARE(doc.undoStack()->count(), 0);
    doc.setLabelVisible(QStringLiteral("cat"), true);
    QVERIFY(doc.isLabelVisible(QStringLiteral("cat")));
}

void TestDocument::absolutePaths()
{
    Document doc;
    fill(doc);
    QCOMPARE(doc.absolutePath(1), QStringLiteral("/data/set/b.png"));
    QCOMPARE(doc.indexOfPath(QStringLiteral("/data/set/./b.png")), 1);
    QCOMPARE(doc.indexOfPath(QStringLiteral("/data/other/b.png")), -1);
}

FLORENCE_TEST_CLASS(TestDocument)
#include "test_document.moc"
