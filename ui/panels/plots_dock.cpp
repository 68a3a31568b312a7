#include "panels/plots_dock.h"

#include "document/document.h"
#include "panels/qcustomplot_include.h"

#include <QLocale>
#include <QTabWidget>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

namespace {

QCustomPlot *makePlot(QWidget *parent, const QString &objectName)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(objectName);
    // An explicit minimum: the layout then ignores QCustomPlot's minimumSizeHint, which grows with the
    // title and tick labels (a long translated title used to widen the dock and squeeze the canvas).
    // Titles are wrapped to the width instead (fitTitle).
    plot->setMinimumSize(120, 160);
    plot->setNoAntialiasingOnDrag(true);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), QFont(plot->font().family(), 9, QFont::Bold)));
    return plot;
}

const char *kFullTitle = "fullTitle"; ///< plot property: the title before wrapping

/// `text` broken into lines no wider than `width` pixels in `font` (between words, or anywhere in
/// text without spaces such as Chinese).
QString wrapText(const QString &text, const QFont &font, int width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(std::max(20, width));
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines.join(QLatin1Char('\n'));
}

/// Sets the title element to the stored title wrapped to the plot's width.
void fitTitle(QCustomPlot *plot)
{
    if (auto *text = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        text->setText(wrapText(plot->property(kFullTitle).toString(), text->font(), plot->width() - 16));
}

void setTitle(QCustomPlot *plot, const QString &title)
{
    plot->setProperty(kFullTitle, title);
    fitTitle(plot);
}

QCPBars *makeBars(QCustomPlot *plot, const QColor &color)
{
    auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setPen(QPen(color.darker(130)));
    bars->setBrush(color);
    bars->setWidth(0.7);
    return bars;
}

QSharedPointer<QCPAxisTickerText> textTicker(const QStringList &labels)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i + 1, labels[i]);
    return ticker;
}

/// Label names under bars, drawn turned by 45°: each elided to 120 px, and room on the right of the
/// axis rect for the last one, which reaches past its bar (it used to be cut off or left out).
void setRotatedTicks(QCustomPlot *plot, const QStringList &labels)
{
    const QFontMetrics metrics(plot->xAxis->tickLabelFont());
    QStringList shown;
    int last = 0;
    for (const QString &label : labels) {
        shown << metrics.elidedText(label, Qt::ElideRight, 120);
        last = metrics.horizontalAdvance(shown.back());
    }
    plot->xAxis->setTicker(textTicker(shown));
    plot->xAxis->setTickLabelRotation(45);
    plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(0, 0, int(0.71 * last) + metrics.height(), 0));
}

/// Counts of `values` (0..1) in `bins` equal bins; 1.0 falls into the last bin.
QVector<int> histogram(const QVector<double> &values, int bins)
{
    QVector<int> counts(bins, 0);
    for (double v : values)
        ++counts[std::clamp(int(v * bins), 0, bins - 1)];
    return counts;
}

/// Review colours: accepted green, rejected red, pending grey.
const QColor kAccepted(0x2a, 0x9d, 0x5c);
const QColor kRejected(0xd0, 0x40, 0x40);
const QColor kPending(0x9a, 0x9a, 0xa8);

QCPBars *makeGroupedBars(QCustomPlot *plot, QCPBarsGroup *group, const QColor &color, const QString &name)
{
    QCPBars *bars = makeBars(plot, color);
    bars->setName(name);
    bars->setBarsGroup(group);
    return bars;
}

void showLegend(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setIconSize(12, 8);
    plot->legend->setRowSpacing(0);
    plot->legend->setBrush(QColor(255, 255, 255, 210));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

/// reviewStats() of every image of `document`, one image at a time (no copy of the whole project).
ReviewStats reviewStatsOf(const Document &document)
{
    ReviewStats stats;
    std::vector<ImageRecord> one(1);
    for (int i = 0; i < document.imageCount(); ++i) {
        const ImageRecord &image = document.image(i);
        const bool fromModel = std::any_of(image.shapes.begin(), image.shapes.end(),
                                           [](const Shape &s) { return s.origin != kManualOrigin; });
        if (!fromModel && image.rejected.empty())
            continue;
        one[0] = image;
        const ReviewStats part = reviewStats(one);
        for (const auto &[label, counts] : part.perLabel) {
            ReviewCounts &c = stats.perLabel[label];
            c.accepted += counts.accepted;
            c.rejected += counts.rejected;
            c.pending += counts.pending;
        }
        stats.total.accepted += part.total.accepted;
        stats.total.rejected += part.total.rejected;
        stats.total.pending += part.total.pending;
        stats.acceptedScores.insert(stats.acceptedScores.end(), part.acceptedScores.begin(), part.acceptedScores.end());
        stats.rejectedScores.insert(stats.rejectedScores.end(), part.rejectedScores.begin(), part.rejectedScores.end());
    }
    return stats;
}

} // namespace

PlotsDock::PlotsDock(QWidget *parent)
    : QDockWidget(tr("Plots"), parent)
{
    setObjectName(QStringLiteral("PlotsDock"));
    m_tabs = new QTabWidget(this);
    m_labels = makePlot(m_tabs, QStringLiteral("labelPlot"));
    m_scores = makePlot(m_tabs, QStringLiteral("scorePlot"));
    m_reviewPage = new QWidget(m_tabs);
    m_reviewPage->setObjectName(QStringLiteral("reviewPage"));
    m_reviewCounts = makePlot(m_reviewPage, QStringLiteral("reviewCountPlot"));
    m_reviewScores = makePlot(m_reviewPage, QStringLiteral("reviewScorePlot"));
    auto *reviewLayout = new QVBoxLayout(m_reviewPage);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    reviewLayout->setSpacing(2);
    reviewLayout->addWidget(m_reviewCounts);
    reviewLayout->addWidget(m_reviewScores);
    m_timing = makePlot(m_tabs, QStringLiteral("timingPlot"));
    m_throughput = makePlot(m_tabs, QStringLiteral("throughputPlot"));
    m_tabs->addTab(m_labels, tr("Labels"));
    m_tabs->addTab(m_scores, tr("Scores"));
    m_tabs->addTab(m_timing, tr("Timing"));
    m_tabs->addTab(m_throughput, tr("Throughput"));
    m_tabs->addTab(m_reviewPage, tr("Review")); // last: the first four are one plot each
    setWidget(m_tabs);

    makeBars(m_labels, QColor(0x2a, 0x7f, 0xd4));
    m_labels->yAxis->setLabel(tr("shapes"));
    makeBars(m_scores, QColor(0xe0, 0x8a, 0x2c));
    m_scores->xAxis->setLabel(tr("score"));
    m_scores->yAxis->setLabel(tr("shapes"));
    auto *line = new QCPItemStraightLine(m_scores);
    line->setObjectName(QStringLiteral("thresholdLine"));
    line->setPen(QPen(QColor(0xd0, 0x30, 0x30), 2, Qt::DashLine));
    // Review: three bars per label, then two histograms per score bin.
    auto *countGroup = new QCPBarsGroup(m_reviewCounts);
    countGroup->setSpacingType(QCPBarsGroup::stAbsolute);
    countGroup->setSpacing(1);
    makeGroupedBars(m_reviewCounts, countGroup, kAccepted, tr("accepted"))->setWidth(0.27);
    makeGroupedBars(m_reviewCounts, countGroup, kRejected, tr("rejected"))->setWidth(0.27);
    makeGroupedBars(m_reviewCounts, countGroup, kPending, tr("pending"))->setWidth(0.27);
    m_reviewCounts->yAxis->setLabel(tr("suggestions"));
    showLegend(m_reviewCounts);
    auto *scoreGroup = new QCPBarsGroup(m_reviewScores);
    scoreGroup->setSpacingType(QCPBarsGroup::stAbsolute);
    scoreGroup->setSpacing(0);
    makeGroupedBars(m_reviewScores, scoreGroup, kAccepted, tr("accepted"))->setWidth(0.44 / kScoreBins);
    makeGroupedBars(m_reviewScores, scoreGroup, kRejected, tr("rejected"))->setWidth(0.44 / kScoreBins);
    m_reviewScores->xAxis->setLabel(tr("score"));
    m_reviewScores->yAxis->setLabel(tr("suggestions"));
    showLegend(m_reviewScores);
    m_reviewScores->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    auto *reviewLine = new QCPItemStraightLine(m_reviewScores);
    reviewLine->setObjectName(QStringLiteral("reviewThresholdLine"));
    reviewLine->setPen(QPen(QColor(0xd0, 0x30, 0x30), 2, Qt::DashLine));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_reviewStale && m_tabs->currentWidget() == m_reviewPage)
            refreshReviewFromDocument();
    });

    makeBars(m_timing, QColor(0x2a, 0x9d, 0x5c));
    m_timing->yAxis->setLabel(tr("milliseconds"));
    // Turned like the label names: "Vorverarbeitung" ran into "Vision" side by side.
    setRotatedTicks(m_timing, {tr("preprocess"), tr("vision"), tr("encoder"), tr("decoding")});
    m_timing->xAxis->setRange(0.3, 4.7);
    auto *graph = m_throughput->addGraph();
    graph->setPen(QPen(QColor(0x6a, 0x4c, 0xc4), 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_throughput->xAxis->setLabel(tr("seconds since the start"));
    m_throughput->yAxis->setLabel(tr("images per minute"));

    for (QCustomPlot *plot : {m_labels, m_scores, m_reviewCounts, m_reviewScores, m_timing, m_throughput})
        plot->installEventFilter(this); // re-wraps the title on resize
    setLabelCounts({});
    setScores({}, 0.0);
    setReviewStats({}, 0.0);
    setTimings(RunTimings{});
    setThroughput({});
}

bool PlotsDock::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        if (auto *plot = qobject_cast<QCustomPlot *>(watched)) {
            fitTitle(plot);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    return QDockWidget::eventFilter(watched, event);
}

void PlotsDock::setLabelCounts(const QHash<QString, int> &counts)
{
    QVector<QPair<QString, int>> sorted;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        if (it.value() > 0)
            sorted.append({it.key(), it.value()});
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (sorted.size() > kMaxLabels)
        sorted.resize(kMaxLabels);
    QVector<double> keys, values;
    QStringList names;
    int maximum = 1;
    for (int i = 0; i < sorted.size(); ++i) {
        keys << i + 1;
        values << sorted[i].second;
        names << (sorted[i].first.isEmpty() ? tr("(no label)") : sorted[i].first);
        maximum = std::max(maximum, sorted[i].second);
    }
    auto *bars = qobject_cast<QCPBars *>(m_labels->plottable(0));
    bars->setData(keys, values, true);
    setRotatedTicks(m_labels, names);
    m_labels->xAxis->setRange(0.3, std::max<double>(names.size(), 1) + 0.7);
    m_labels->yAxis->setRange(0, maximum * 1.1);
    setTitle(m_labels, counts.isEmpty() ? tr("No shapes yet") : tr("Shapes per label"));
    m_labels->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::setScores(const QVector<double> &scores, double threshold)
{
    m_histogram = histogram(scores, kScoreBins);
    const auto above = std::count_if(scores.begin(), scores.end(), [threshold](double s) { return s >= threshold; });
    QVector<double> keys, values;
    int maximum = 1;
    for (int i = 0; i < kScoreBins; ++i) {
        keys << (i + 0.5) / kScoreBins;
        values << m_histogram[i];
        maximum = std::max(maximum, m_histogram[i]);
    }
    auto *bars = qobject_cast<QCPBars *>(m_scores->plottable(0));
    bars->setWidth(0.9 / kScoreBins);
    bars->setData(keys, values, true);
    m_scores->xAxis->setRange(0, 1);
    m_scores->yAxis->setRange(0, maximum * 1.1);
    auto *line = qobject_cast<QCPItemStraightLine *>(m_scores->item(0));
    line->point1->setCoords(threshold, 0);
    line->point2->setCoords(threshold, 1);
    setTitle(m_scores, scores.isEmpty() ? tr("No scores (turn on “Confidence scores”)")
                                        : tr("%1 of %n scored shape(s) shown (threshold %2)", nullptr, int(scores.size()))
                                              .arg(above)
                                              .arg(QLocale().toString(threshold, 'f', 2)));
    m_scores->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::setReviewStats(const ReviewStats &stats, double threshold)
{
    // Counts per label: the labels with the most model shapes, most first.
    QVector<QPair<QString, ReviewCounts>> sorted;
    for (const auto &[label, counts] : stats.perLabel)
        if (counts.accepted + counts.rejected + counts.pending > 0)
            sorted.append({QString::fromStdString(label), counts});
    auto total = [](const ReviewCounts &c) { return c.accepted + c.rejected + c.pending; };
    std::stable_sort(sorted.begin(), sorted.end(), [&total](const auto &a, const auto &b) {
        return total(a.second) != total(b.second) ? total(a.second) > total(b.second) : a.first < b.first;
    });
    if (sorted.size() > kMaxLabels)
        sorted.resize(kMaxLabels);
    m_reviewLabels.clear();
    m_reviewCountValues.clear();
    QVector<double> keys, accepted, rejected, pending;
    int maximum = 1;
    for (int i = 0; i < sorted.size(); ++i) {
        const ReviewCounts &c = sorted[i].second;
        m_reviewLabels << sorted[i].first;
        m_reviewCountValues << c;
        keys << i + 1;
        accepted << c.accepted;
        rejected << c.rejected;
        pending << c.pending;
        maximum = std::max({maximum, c.accepted, c.rejected, c.pending});
    }
    qobject_cast<QCPBars *>(m_reviewCounts->plottable(0))->setData(keys, accepted, true);
    qobject_cast<QCPBars *>(m_reviewCounts->plottable(1))->setData(keys, rejected, true);
    qobject_cast<QCPBars *>(m_reviewCounts->plottable(2))->setData(keys, pending, true);
    QStringList names;
    for (const QString &label : std::as_const(m_reviewLabels))
        names << (label.isEmpty() ? tr("(no label)") : label);
    setRotatedTicks(m_reviewCounts, names);
    m_reviewCounts->xAxis->setRange(0.4, std::max<double>(names.size(), 1) + 0.6);
    m_reviewCounts->yAxis->setRange(0, maximum * 1.25); // headroom for the legend
    const ReviewCounts &t = stats.total;
    setTitle(m_reviewCounts, total(t) == 0 ? tr("No model suggestions yet")
                                           : tr("Suggestions: %1 accepted · %2 rejected · %3 pending")
                                                 .arg(t.accepted)
                                                 .arg(t.rejected)
                                                 .arg(t.pending));
    m_reviewCounts->replot(QCustomPlot::rpQueuedReplot);

    // Scores of accepted vs rejected suggestions, in the bins of the score plot.
    m_acceptedHistogram = histogram(QVector<double>(stats.acceptedScores.begin(), stats.acceptedScores.end()), kScoreBins);
    m_rejectedHistogram = histogram(QVector<double>(stats.rejectedScores.begin(), stats.rejectedScores.end()), kScoreBins);
    QVector<double> binKeys, acceptedBins, rejectedBins;
    int highest = 1;
    for (int i = 0; i < kScoreBins; ++i) {
        binKeys << (i + 0.5) / kScoreBins;
        acceptedBins << m_acceptedHistogram[i];
        rejectedBins << m_rejectedHistogram[i];
        highest = std::max({highest, m_acceptedHistogram[i], m_rejectedHistogram[i]});
    }
    qobject_cast<QCPBars *>(m_reviewScores->plottable(0))->setData(binKeys, acceptedBins, true);
    qobject_cast<QCPBars *>(m_reviewScores->plottable(1))->setData(binKeys, rejectedBins, true);
    m_reviewScores->xAxis->setRange(0, 1);
    m_reviewScores->yAxis->setRange(0, highest * 1.25);
    auto *line = qobject_cast<QCPItemStraightLine *>(m_reviewScores->item(0));
    line->point1->setCoords(threshold, 0);
    line->point2->setCoords(threshold, 1);
    const int scored = int(stats.acceptedScores.size() + stats.rejectedScores.size());
    setTitle(m_reviewScores, scored == 0 ? tr("No scores of reviewed suggestions yet")
                                         : tr("Scores: %1 accepted, %2 rejected (threshold %3)")
                                               .arg(stats.acceptedScores.size())
                                               .arg(stats.rejectedScores.size())
                                               .arg(QLocale().toString(threshold, 'f', 2)));
    m_reviewScores->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::setTimings(const RunTimings &t)
{
    const QVector<double> values = {t.preprocessMs, t.visionMs, t.encoderMs, t.decodeMs};
    auto *bars = qobject_cast<QCPBars *>(m_timing->plottable(0));
    bars->setData({1, 2, 3, 4}, values, true);
    m_timing->yAxis->setRange(0, std::max(1.0, *std::max_element(values.begin(), values.end())) * 1.15);
    if (t.totalMs <= 0) {
        setTitle(m_timing, tr("No run yet"));
    } else {
        const double tokensPerSecond = t.decodeMs > 0 ? t.decodeSteps * 1000.0 / t.decodeMs : 0.0;
        QString title = tr("Last run: %1 ms total · %n token(s) at %2 tokens/s", nullptr, t.decodeSteps)
                            .arg(QLocale().toString(t.totalMs, 'f', 0))
                            .arg(QLocale().toString(tokensPerSecond, 'f', 1));
        if (t.visionCached)
            title += tr(" · vision cached");
        setTitle(m_timing, title);
    }
    m_timing->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::setThroughput(const QVector<QPointF> &points)
{
    QVector<double> keys, values;
    double maxX = 1, maxY = 1, sum = 0;
    for (const QPointF &p : points) {
        keys << p.x();
        values << p.y();
        maxX = std::max(maxX, p.x());
        maxY = std::max(maxY, p.y());
        sum += p.y();
    }
    m_throughput->graph(0)->setData(keys, values, true);
    m_throughput->xAxis->setRange(0, maxX * 1.05);
    m_throughput->yAxis->setRange(0, maxY * 1.15);
    setTitle(m_throughput, points.isEmpty() ? tr("No batch yet")
                                            : tr("Batch: %n image(s), %1 images/min on average", nullptr, int(points.size()))
                                                  .arg(QLocale().toString(sum / points.size(), 'f', 1)));
    m_throughput->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::followDocument(const Document *document)
{
    m_document = document;
    if (!m_refresh) {
        m_refresh = new QTimer(this);
        m_refresh->setSingleShot(true);
        m_refresh->setInterval(250);
        connect(m_refresh, &QTimer::timeout, this, &PlotsDock::refreshFromDocument);
    }
    connect(document, &Document::contentChanged, m_refresh, qOverload<>(&QTimer::start));
    connect(document, &Document::documentReset, m_refresh, qOverload<>(&QTimer::start));
    connect(document, &Document::scoreThresholdChanged, this, &PlotsDock::refreshFromDocument);
    refreshFromDocument();
}

void PlotsDock::refreshFromDocument()
{
    if (!m_document)
        return;
    setLabelCounts(m_document->labelCounts());
    QVector<double> scores;
    for (int i = 0; i < m_document->imageCount(); ++i)
        for (const Shape &shape : m_document->image(i).shapes)
            if (shape.score)
                scores << *shape.score;
    setScores(scores, m_document->scoreThreshold());
    refreshReviewFromDocument();
}

void PlotsDock::refreshReviewFromDocument()
{
    if (!m_document)
        return;
    // The review numbers walk every model shape of the project: skipped while the dock shows
    // another tab, computed when the Review tab comes up.
    if (isVisible() && m_tabs->currentWidget() != m_reviewPage) {
        m_reviewStale = true;
        return;
    }
    m_reviewStale = false;
    setReviewStats(reviewStatsOf(*m_document), m_document->scoreThreshold());
}

} // namespace florence::ui
