#pragma once

#include "loss/losspoint.h"

#include <QVector>
#include <QWidget>

#include <array>
#include <limits>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;

namespace attn {

// Training curves: loss (raw and smoothed), validation loss and accuracy on top; learning
// rate and gradient norm in a small plot below sharing the step axis. Points are appended
// (never rebuilt) and redraws are queued, so it can take every step of a fast run.
// Drag to pan, wheel to zoom, double-click to follow the run again; click a legend entry
// to hide or show a curve.
class LossPlotView : public QWidget {
    Q_OBJECT
public:
    enum class Series { Loss, SmoothedLoss, ValLoss, Accuracy, LearningRate, GradNorm };
    static constexpr int seriesCount = 6;

    explicit LossPlotView(QWidget *parent = nullptr);

    int pointCount() const { return static_cast<int>(m_points.size()); }
    const QVector<LossPoint> &points() const { return m_points; }
    double smoothing() const { return m_smoothing; }
    bool logScale() const { return m_logScale; }
    bool seriesVisible(Series s) const;
    bool following() const { return m_follow; }
    int markerStep() const { return m_markerStep; } // -1 when no marker
    double fontScale() const { return m_fontScale; }

    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *graph(Series s) const;

    // Draws now instead of on the next event-loop pass.
    void flush();

public slots:
    void appendPoint(const attn::LossPoint &point);
    void appendPoints(const QVector<attn::LossPoint> &points);
    void clear();
    // Weight w of the smoothed curve, a debiased exponential moving average as TensorBoard
    // draws it: s_n = w s_(n-1) + (1 - w) x_n, shown as s_n / (1 - w^n). In [0, 0.999].
    void setSmoothing(double weight);
    void setLogScale(bool on);
    void setSeriesVisible(attn::LossPlotView::Series s, bool visible);
    void setMarkerStep(int step); // vertical line at a step (training replay); -1 hides it
    void clearMarker() { setMarkerStep(-1); }
    void setFollow(bool follow); // keep the whole run in view as points arrive
    void setFontScale(double scale);
    void setPresentationMode(bool on);

signals:
    void stepClicked(int step); // a click in a plot, at the nearest logged step

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    bool m_replotWhenShown = false; // data arrived while hidden
    struct Bounds {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -std::numeric_limits<double>::infinity();
        double posLo = std::numeric_limits<double>::infinity(); // smallest > 0 (log scale)
        void add(double v);
        bool valid() const { return lo <= hi; }
    };
    void addToGraphs(const LossPoint &p);
    void rebuildSmoothed();
    void fitRanges();
    void applyTheme();
    void retranslateUi();
    void queueReplot();

    QCustomPlot *m_plot = nullptr;
    QCPAxisRect *m_lossRect = nullptr;
    QCPAxisRect *m_auxRect = nullptr;
    QCPLegend *m_legend = nullptr;
    std::array<QCPGraph *, seriesCount> m_graphs{};
    std::array<bool, seriesCount> m_visible{};
    QCPItemStraightLine *m_marker = nullptr;
    QCPItemStraightLine *m_auxMarker = nullptr;
    QCPItemText *m_markerLabel = nullptr;

    QVector<LossPoint> m_points;
    double m_smoothing = 0.9;
    double m_ema = 0.0; // biased EMA of the finite losses so far
    int m_emaCount = 0; // how many finite losses went in
    bool m_logScale = false;
    bool m_follow = true;
    int m_markerStep = -1;
    double m_fontScale = 1.0;
    Bounds m_lossBounds, m_lrBounds, m_gradBounds;
    double m_firstStep = 0, m_lastStep = 0;
    bool m_haveAccuracy = false;
    QPoint m_pressPos;
};

} // namespace attn

Q_DECLARE_METATYPE(attn::LossPlotView::Series)
