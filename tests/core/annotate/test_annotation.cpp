// Tests of the plain annotation structs (core/annotate/annotation.h).
#include "annotate/annotation.h"

#include "test_registry.h"

#include <QtTest>

using namespace florence;

class TestAnnotation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void boxArea();
    void polygonAreaAndBounds();
    void namesRoundTrip();
};

void TestAnnotation::boxArea()
{
    Shape s;
    s.kind = ShapeKind::Box;
    s.box = Box{10, 20, 4, 2}; // inverted corners
    QCOMPARE(s.area(), 6.0 * 18.0);
    QCOMPARE(s.boundingBox(), (Box{4, 2, 10, 20}));
}

void TestAnnotation::polygonAreaAndBounds()
{
    Shape s;
    s.kind = ShapeKind::Polygon;
    s.rings = {{{0, 0}, {4, 0}, {4, 3}}, {{10, 10}, {12, 10}, {12, 12}, {10, 12}}};
    QCOMPARE(s.area(), 6.0 + 4.0);
    QCOMPARE(s.boundingBox(), (Box{0, 0, 12, 12}));
}

void TestAnnotation::namesRoundTrip()
{
    for (ShapeKind k : {ShapeKind::Box, ShapeKind::Quad, ShapeKind::Polygon})
        QCOMPARE(*shapeKindFromString(toString(k)), k);
    for (ImageStatus s : {ImageStatus::None, ImageStatus::PreAnnotated, ImageStatus::Edited, ImageStatus::Reviewed})
        QCOMPARE(*imageStatusFromString(toString(s)), s);
    QVERIFY(!shapeKindFromString("circle"));
}

FLORENCE_TEST_CLASS(TestAnnotation)
#include "test_annotation.moc"
