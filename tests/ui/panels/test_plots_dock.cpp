// Tests of the plots dock's Review tab: accepted / rejected / pending suggestions per label and the
// score histograms of accepted vs rejected suggestions, computed from a followed document.
#include "document/document.h"
#include "panels/plots_dock.h"
#include "panels/qcustomplot_include.h"
#include "ui/ui_test_support.h"

#include <QTabWidget>
#include <QTemporaryDir>
#include "test_registry.h"

#include <QtTest>

using namespace florence;
using namespace florence::ui;

namespace {

Shape suggestion(const std::string &label, std::optional<double> score, bool pending)
{
    Shape s;
    s.box = {10, 10, 50, 40};
    s.label = label;
    s.score = score;
    s.origin = "<OD>";
    s.provenance.model = "Florence-2-base";
    s.pending = pending;
    return s;
}

Shape manual(const std::string &label)
{
    Shape s;
    s.box = {0, 0, 5, 5};
    s.label = label;
    return s;
}

/// Two images: car 2 accepted (0.92, 0.81) + 1 rejected (0.12) + 1 pending (0.40); person 1 accepted
/// (0.97, edited) + 2 rejected (0.18, 0.33) + 3 pending; dog 1 rejected without a score; hand-drawn
/// shapes (never suggestions) on both images.
std::vector<ImageRecord> images()
{
    ImageRecord a;
    a.path = "a.png";
    a.shapes = {suggestion("car", 0.92, false), suggestion("car", 0.81, false), suggestion("car", 0.40, true),
                suggestion("person", 0.97, false), manual("car"), manual("tree")};
    a.shapes[3].provenance.edited = true;
    a.rejected = {suggestion("car", 0.12, false)};
    ImageRecord b;
    b.path = "b.png";
    b.shapes = {suggestion("person", 0.55, true), suggestion("person", 0.61, true), suggestion("person", std::nullopt, true),
                manual("person")};
    b.rejected = {suggestion("person", 0.18, false), suggestion("person", 0.33, false), suggestion("dog", std::nullopt, false)};
    return {a, b};
}

int sum(const QVector<int> &v)
{
    return std::accumulate(v.begin(), v.end(), 0);
}

} // namespace

class TestPlotsDock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reviewNumbersOfADocument();
    void reviewFollowsChanges();
    void emptyDocument();
    void screenshot();
};

void TestPlotsDock::reviewNumbersOfADocument()
{
    Document doc;
    doc.reset(QStringLiteral("/tmp"), images(), {});
    doc.setScoreThreshold(0.5);
    PlotsDock dock;
    dock.followDocument(&doc);
    QCOMPARE(dock.tabs()->tabText(dock.tabs()->indexOf(dock.reviewPage())), QStringLiteral("Review"));

    // Most suggestions first: person (1 + 2 + 3), car (2 + 1 + 1), dog (0 + 1 + 0); "tree" was never one.
    QCOMPARE(dock.reviewLabels(), (QStringList{"person", "car", "dog"}));
    const QVector<ReviewCounts> &counts = dock.reviewCounts();
    QCOMPARE(counts.size(), 3);
    QCOMPARE((std::array{counts[0].accepted, counts[0].rejected, counts[0].pending}), (std::array{1, 2, 3}));
    QCOMPARE((std::array{counts[1].accepted, counts[1].rejected, counts[1].pending}), (std::array{2, 1, 1}));
    QCOMPARE((std::array{counts[2].accepted, counts[2].rejected, counts[2].pending}), (std::array{0, 1, 0}));
    // The grouped bars hold the same numbers: accepted, rejected, pending per label key 1, 2, 3.
    QCustomPlot *plot = dock.reviewCountPlot();
    QCOMPARE(plot->plottableCount(), 3);
    const double expected[3][3] = {{1, 2, 0}, {2, 1, 1}, {3, 1, 0}};
    for (int series = 0; series < 3; ++series) {
        auto *bars = qobject_cast<QCPBars *>(plot->plottable(series));
        QVERIFY(bars && bars->barsGroup());
        QCOMPARE(bars->data()->size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(bars->data()->at(i)->key, double(i + 1));
            QCOMPARE(bars->data()->at(i)->value, expected[series][i]);
        }
    }
    QCOMPARE(qobject_cast<QCPBars *>(plot->plottable(0))->name(), QStringLiteral("accepted"));

    // Histograms in the bins of the score plot (20 over 0..1): accepted 0.81, 0.92, 0.97; rejected
    // 0.12, 0.18, 0.33 (the unscored dog counts above, not here).
    QCOMPARE(dock.acceptedHistogram().size(), PlotsDock::kScoreBins);
    QCOMPARE(dock.rejectedHistogram().size(), PlotsDock::kScoreBins);
    QVector<int> accepted(PlotsDock::kScoreBins, 0), rejected(PlotsDock::kScoreBins, 0);
    accepted[16] = 1; // 0.81
    accepted[18] = 1; // 0.92
    accepted[19] = 1; // 0.97
    rejected[2] = 1;  // 0.12
    rejected[3] = 1;  // 0.18
    rejected[6] = 1;  // 0.33
    QCOMPARE(dock.acceptedHistogram(), accepted);
    QCOMPARE(dock.rejectedHistogram(), rejected);
    QCustomPlot *scores = dock.reviewScorePlot();
    auto *acceptedBars = qobject_cast<QCPBars *>(scores->plottable(0));
    auto *rejectedBars = qobject_cast<QCPBars *>(scores->plottable(1));
    QCOMPARE(acceptedBars->data()->size(), PlotsDock::kScoreBins);
    QCOMPARE(acceptedBars->data()->at(16)->value, 1.0);
    QCOMPARE(rejectedBars->data()->at(6)->value, 1.0);
    QCOMPARE(acceptedBars->data()->at(16)->key, dock.scorePlot()->plottable(0)->interface1D()->dataMainKey(16));
    auto *line = qobject_cast<QCPItemStraightLine *>(scores->item(0));
    QCOMPARE(line->point1->coords().x(), 0.5);
}

void TestPlotsDock::reviewFollowsChanges()
{
    Document doc;
    std::vector<ImageRecord> records = images();
    doc.reset(QStringLiteral("/tmp"), records, {});
    PlotsDock dock;
    dock.followDocument(&doc);
    QCOMPARE(sum(dock.acceptedHistogram()), 3);
    // Accepting a pending car (0.40) as a raw change: the dock catches up within its refresh delay.
    const ShapeId id = doc.shapeIds(0)[2];
    Shape accepted = doc.image(0).shapes[2];
    accepted.pending = false;
    doc.setShapes(0, {id}, {accepted});
    QTRY_COMPARE(sum(dock.acceptedHistogram()), 4);
    QCOMPARE(dock.acceptedHistogram()[8], 1);
    QCOMPARE(dock.reviewLabels().indexOf(QStringLiteral("car")), 1);
    QCOMPARE(dock.reviewCounts()[1].accepted, 3);
    QCOMPARE(dock.reviewCounts()[1].pending, 0);
    // The threshold line follows at once.
    doc.setScoreThreshold(0.7);
    auto *line = qobject_cast<QCPItemStraightLine *>(dock.reviewScorePlot()->item(0));
    QCOMPARE(line->point1->coords().x(), 0.7);
    // Shown on another tab, the review numbers wait until the Review tab comes up.
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.tabs()->setCurrentWidget(dock.labelPlot());
    doc.reset(QStringLiteral("/tmp"), {}, {});
    QTest::qWait(400);
    QCOMPARE(sum(dock.acceptedHistogram()), 4);
    dock.tabs()->setCurrentWidget(dock.reviewPage());
    QCOMPARE(sum(dock.acceptedHistogram()), 0);
    QVERIFY(dock.reviewLabels().isEmpty());
}

void TestPlotsDock::emptyDocument()
{
    Document doc;
    ImageRecord onlyManual;
    onlyManual.path = "m.png";
    onlyManual.shapes = {manual("car")};
    doc.reset(QStringLiteral("/tmp"), {onlyManual}, {});
    PlotsDock dock;
    dock.followDocument(&doc);
    QVERIFY(dock.reviewLabels().isEmpty());
    QCOMPARE(sum(dock.acceptedHistogram()) + sum(dock.rejectedHistogram()), 0);
    QCOMPARE(qobject_cast<QCPBars *>(dock.reviewCountPlot()->plottable(0))->data()->size(), 0);
}

/// The Review tab with a few hundred suggestions, as in the dock. With FLORENCE_SCREENSHOT_DIR set
/// the picture is saved there (docs/review_plots.png).
void TestPlotsDock::screenshot()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    // Deterministic spread: accepted scores mostly high, rejected ones mostly low.
    std::vector<ImageRecord> records(20);
    const char *labels[] = {"car", "person", "bicycle", "traffic light", "dog", "bus"};
    quint32 state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) / double(1 << 24);
    };
    for (std::size_t i = 0; i < records.size(); ++i) {
        records[i].path = "img" + std::to_string(i) + ".png";
        for (int k = 0; k < 18; ++k) {
            const std::string label = labels[std::min(5, int(next() * next() * 6))];
            const double quality = next();
            if (quality < 0.22) {
                records[i].rejected.push_back(suggestion(label, std::clamp(0.15 + 0.45 * next() * next() + 0.1 * next(), 0.0, 1.0), false));
            } else if (quality < 0.45) {
                records[i].shapes.push_back(suggestion(label, 0.3 + 0.6 * next(), true));
            } else {
                records[i].shapes.push_back(suggestion(label, std::clamp(1.0 - 0.5 * next() * next(), 0.0, 1.0), false));
            }
        }
    }
    Document doc;
    doc.reset(QStringLiteral("/tmp"), records, {});
    doc.setScoreThreshold(0.45);
    PlotsDock dock;
    dock.followDocument(&doc);
    dock.resize(420, 560);
    dock.tabs()->setCurrentWidget(dock.reviewPage());
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.reviewCountPlot()->replot();
    dock.reviewScorePlot()->replot();
    QCoreApplication::processEvents();
    QVERIFY(florence::test::saveRendered(&dock, out + QStringLiteral("/review_plots.png")));
}

FLORENCE_TEST_CLASS(TestPlotsDock)

#include "test_plots_dock.moc"
