#pragma once
// The plots dock (QCustomPlot): label counts, the score histogram with the current threshold, the
// review numbers (accepted / rejected / pending suggestions per label, scores of accepted vs
// rejected ones), the stage timing of the last run with tokens per second, and batch throughput.

#include "annotate/review.h"
#include "pipeline.h"

#include <QDockWidget>
#include <QHash>
#include <QPointF>
#include <QStringList>
#include <QVector>

class QCustomPlot;
class QTabWidget;
class QTimer;

namespace florence::ui {

class Document;

/// Dock with five plot tabs. It draws what it is given; followDocument() makes it keep the label
/// counts, scores and review numbers of a document current (ModelSession feeds timings and throughput).
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
    /// Review numbers (florence::reviewStats of the project): accepted / rejected / pending model
    /// shapes per label (the kMaxLabels with the most), and histograms of the scores of accepted and
    /// rejected suggestions in the bins of the score plot, with the threshold line.
    void setReviewStats(const ReviewStats &stats, double threshold);
    /// Stage timings of the last run; tokens/s = decodeSteps / decodeMs.
    void setTimings(const RunTimings &timings);
    /// (elapsed seconds, images per minute) points of the running or last batch.
    void setThroughput(const QVector<QPointF> &points);

    QTabWidget *tabs() const { return m_tabs; }
    QCustomPlot *labelPlot() const { return m_labels; }
    QCustomPlot *scorePlot() const { return m_scores; }
    /// The Review tab: reviewCountPlot() above reviewScorePlot().
    QWidget *reviewPage() const { return m_reviewPage; }
    QCustomPlot *reviewCountPlot() const { return m_reviewCounts; }
    QCustomPlot *reviewScorePlot() const { return m_reviewScores; }
    QCustomPlot *timingPlot() const { return m_timing; }
    QCustomPlot *throughputPlot() const { return m_throughput; }
    /// Counts per histogram bin of the last setScores (for tests).
    const QVector<int> &scoreHistogram() const { return m_histogram; }
    /// Labels of the review bars, left to right, and their counts (of the last setReviewStats).
    const QStringList &reviewLabels() const { return m_reviewLabels; }
    const QVector<ReviewCounts> &reviewCounts() const { return m_reviewCountValues; }
    /// Counts per score bin of accepted and of rejected suggestions (of the last setReviewStats).
    const QVector<int> &acceptedHistogram() const { return m_acceptedHistogram; }
    const QVector<int> &rejectedHistogram() const { return m_rejectedHistogram; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshFromDocument();
    void refreshReviewFromDocument();

    const Document *m_document = nullptr;
    QTimer *m_refresh = nullptr;
    QTabWidget *m_tabs;
    QCustomPlot *m_labels;
    QCustomPlot *m_scores;
    QWidget *m_reviewPage;
    QCustomPlot *m_reviewCounts;
    QCustomPlot *m_reviewScores;
    QCustomPlot *m_timing;
    QCustomPlot *m_throughput;
    QVector<int> m_histogram;
    QStringList m_reviewLabels;
    QVector<ReviewCounts> m_reviewCountValues;
    QVector<int> m_acceptedHistogram;
    QVector<int> m_rejectedHistogram;
    bool m_reviewStale = false; ///< the document changed while another tab was shown
};

} // namespace florence::ui
