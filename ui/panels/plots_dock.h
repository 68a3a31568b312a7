#pragma once
// The plots dock (QCustomPlot): label counts, the score histogram with the current threshold, the
// stage timing of the last run with tokens per second, and batch throughput over time.

#include "pipeline.h"

#include <QDockWidget>
#include <QHash>
#include <QPointF>
#include <QVector>

class QCustomPlot;
class QTabWidget;
class QTimer;

namespace florence::ui {

class Document;

/// Dock with four plots on tabs. It draws what it is given; followDocument() makes it keep the
/// label counts and scores of a document current (ModelSession feeds timings and throughput).
class PlotsDock : public QDockWidget
{
    Q_OBJECT

public:
    /// Bins of the score histogram over 0..1.
    static constexpr int kScoreBins = 20;
    /// Labels shown in the label-count plot (the most frequent ones).
    static constexpr int kMaxLabels = 15;

    explicit PlotsDock(QWidget *parent = nullptr);

    /// Keeps the label-count and score plots current with `document` (changes coalesced into one
    /// refresh every 250 ms; the threshold line at once).
    void followDocument(const Document *document);

    /// Number of shapes per label (the project's).
    void setLabelCounts(const QHash<QString, int> &counts);
    /// Scores of every shape that has one, and the threshold line.
    void setScores(const QVector<double> &scores, double threshold);
    /// Stage timings of the last run; tokens/s = decodeSteps / decodeMs.
    void setTimings(const RunTimings &timings);
    /// (elapsed seconds, images per minute) points of the running or last batch.
    void setThroughput(const QVector<QPointF> &points);

    QTabWidget *tabs() const { return m_tabs; }
    QCustomPlot *labelPlot() const { return m_labels; }
    QCustomPlot *scorePlot() const { return m_scores; }
    QCustomPlot *timingPlot() const { return m_timing; }
    QCustomPlot *throughputPlot() const { return m_throughput; }
    /// Counts per histogram bin of the last setScores (for tests).
    const QVector<int> &scoreHistogram() const { return m_histogram; }

private:
    void refreshFromDocument();

    const Document *m_document = nullptr;
    QTimer *m_refresh = nullptr;
    QTabWidget *m_tabs;
    QCustomPlot *m_labels;
    QCustomPlot *m_scores;
    QCustomPlot *m_timing;
    QCustomPlot *m_throughput;
    QVector<int> m_histogram;
};

} // namespace florence::ui
