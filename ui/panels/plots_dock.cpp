#include "panels/plots_dock.h"

#include "document/document.h"
#include "panels/qcustomplot_include.h"

#include <QTabWidget>
#include <QTimer>

#include <algorithm>

namespace florence::ui {

namespace {

QCustomPlot *makePlot(QWidget *parent, const QString &objectName)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(objectName);
    plot->setMinimumHeight(160);
    plot->setNoAntialiasingOnDrag(true);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), QFont(plot->font().family(), 9, QFont::Bold)));
    return plot;
}

void setTitle(QCustomPlot *plot, const QString &title)
{
    if (auto *text = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        text->setText(title);
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

} // namespace

PlotsDock::PlotsDock(QWidget *parent)
    : QDockWidget(tr("Plots"), parent)
{
    setObjectName(QStringLiteral("PlotsDock"));
    m_tabs = new QTabWidget(this);
    m_labels = makePlot(m_tabs, QStringLiteral("labelPlot"));
    m_scores = makePlot(m_tabs, QStringLiteral("scorePlot"));
    m_timing = makePlot(m_tabs, QStringLiteral("timingPlot"));
    m_throughput = makePlot(m_tabs, QStringLiteral("throughputPlot"));
    m_tabs->addTab(m_labels, tr("Labels"));
    m_tabs->addTab(m_scores, tr("Scores"));
    m_tabs->addTab(m_timing, tr("Timing"));
    m_tabs->addTab(m_throughput, tr("Throughput"));
    setWidget(m_tabs);

    makeBars(m_labels, QColor(0x2a, 0x7f, 0xd4));
    m_labels->xAxis->setTickLabelRotation(45);
    m_labels->yAxis->setLabel(tr("shapes"));
    makeBars(m_scores, QColor(0xe0, 0x8a, 0x2c));
    m_scores->xAxis->setLabel(tr("score"));
    m_scores->yAxis->setLabel(tr("shapes"));
    auto *line = new QCPItemStraightLine(m_scores);
    line->setObjectName(QStringLiteral("thresholdLine"));
    line->setPen(QPen(QColor(0xd0, 0x30, 0x30), 2, Qt::DashLine));
    makeBars(m_timing, QColor(0x2a, 0x9d, 0x5c));
    m_timing->yAxis->setLabel(tr("milliseconds"));
    m_timing->xAxis->setTicker(textTicker({tr("preprocess"), tr("vision"), tr("encoder"), tr("decoding")}));
    m_timing->xAxis->setRange(0.3, 4.7);
    auto *graph = m_throughput->addGraph();
    graph->setPen(QPen(QColor(0x6a, 0x4c, 0xc4), 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_throughput->xAxis->setLabel(tr("seconds since the start"));
    m_throughput->yAxis->setLabel(tr("images per minute"));

    setLabelCounts({});
    setScores({}, 0.0);
    setTimings(RunTimings{});
    setThroughput({});
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
    m_labels->xAxis->setTicker(textTicker(names));
    m_labels->xAxis->setRange(0.3, std::max<double>(names.size(), 1) + 0.7);
    m_labels->yAxis->setRange(0, maximum * 1.1);
    setTitle(m_labels, counts.isEmpty() ? tr("No shapes yet") : tr("Shapes per label"));
    m_labels->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsDock::setScores(const QVector<double> &scores, double threshold)
{
    m_histogram = QVector<int>(kScoreBins, 0);
    int above = 0;
    for (double s : scores) {
        const int bin = std::clamp(int(s * kScoreBins), 0, kScoreBins - 1);
        ++m_histogram[bin];
        above += s >= threshold ? 1 : 0;
    }
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
                                              .arg(threshold, 0, 'f', 2));
    m_scores->replot(QCustomPlot::rpQueuedReplot);
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
                            .arg(t.totalMs, 0, 'f', 0)
                            .arg(tokensPerSecond, 0, 'f', 1);
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
                                                  .arg(sum / points.size(), 0, 'f', 1));
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
}

} // namespace florence::ui
