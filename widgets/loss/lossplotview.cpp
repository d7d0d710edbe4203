#include "loss/lossplotview.h"

#include "theme/colormaps.h"
#include "theme/plottheme.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {
constexpr int idx(LossPlotView::Series s)
{
    return static_cast<int>(s);
}
} // namespace

void LossPlotView::Bounds::add(double v)
{
    if (!std::isfinite(v))
        return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (v > 0)
        posLo = std::min(posLo, v);
}

LossPlotView::LossPlotView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot);
    m_plot->setNoAntialiasingOnDrag(true);
    // One polyline per curve, not a line per segment: with 10,000 steps a replot took
    // 130 ms (18 ms this way), ten times a second while training.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);

    m_lossRect = m_plot->axisRect();
    m_auxRect = new QCPAxisRect(m_plot, true);
    m_plot->plotLayout()->addElement(1, 0, m_auxRect);
    m_plot->plotLayout()->setRowStretchFactor(0, 2.6);
    m_plot->plotLayout()->setRowStretchFactor(1, 1.0); // the legend row goes above these
    m_plot->plotLayout()->setRowSpacing(2);
    auto *group = new QCPMarginGroup(m_plot);
    m_lossRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_auxRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_auxRect->axis(QCPAxis::atTop)->setVisible(false);
    m_auxRect->axis(QCPAxis::atRight)->setVisible(true);
    m_lossRect->axis(QCPAxis::atRight)->setVisible(false);
    m_lossRect->axis(QCPAxis::atRight)->setRange(0.0, 1.0);
    m_auxRect->axis(QCPAxis::atRight)->setNumberFormat(QStringLiteral("g"));
    m_auxRect->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("g"));
    // The lower plot is short: fewer ticks keep its labels apart.
    m_auxRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
    m_auxRect->axis(QCPAxis::atRight)->ticker()->setTickCount(3);

    QCPAxis *x = m_lossRect->axis(QCPAxis::atBottom);
    QCPAxis *y = m_lossRect->axis(QCPAxis::atLeft);
    QCPAxis *acc = m_lossRect->axis(QCPAxis::atRight);
    QCPAxis *ax = m_auxRect->axis(QCPAxis::atBottom);
    QCPAxis *lr = m_auxRect->axis(QCPAxis::atLeft);
    QCPAxis *gn = m_auxRect->axis(QCPAxis::atRight);

    auto make = [&](Series s, QCPAxis *key, QCPAxis *value) {
        QCPGraph *g = m_plot->addGraph(key, value);
        m_graphs[static_cast<std::size_t>(idx(s))] = g;
        m_visible[static_cast<std::size_t>(idx(s))] = true;
        g->setAdaptiveSampling(true);
        return g;
    };
    make(Series::Loss, x, y);
    make(Series::SmoothedLoss, x, y);
    make(Series::ValLoss, x, y)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    make(Series::Accuracy, x, acc);
    make(Series::LearningRate, ax, lr);
    make(Series::GradNorm, ax, gn);

    // The legend sits in its own row above the plots, three entries a line, so it never
    // hides a curve.
    QCPLegend *legend = m_plot->legend;
    legend->setVisible(true);
    m_lossRect->insetLayout()->take(legend);
    m_plot->plotLayout()->insertRow(0);
    auto *header = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 0, header);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    // Empty cells either side keep the legend compact and centred.
    header->addElement(0, 0, new QCPLayoutElement(m_plot));
    header->addElement(0, 1, legend);
    header->addElement(0, 2, new QCPLayoutElement(m_plot));
    header->setColumnStretchFactors({1.0, 0.001, 1.0});
    legend->setWrap(3);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-wraps the existing items
    legend->setMargins(QMargins(8, 8, 8, 2));
    legend->setSelectableParts(QCPLegend::spItems);

    for (QCPAxisRect *r : {m_lossRect, m_auxRect}) {
        r->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    }
    m_lossRect->setRangeDragAxes({x}, {y, acc});
    m_lossRect->setRangeZoomAxes(x, y);
    m_auxRect->setRangeDragAxes({ax}, {lr, gn});
    m_auxRect->setRangeZoomAxes({ax}, {lr, gn});
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // The two plots share the step axis.
    connect(x, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), ax,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    connect(ax, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), x,
            qOverload<const QCPRange &>(&QCPAxis::setRange));

    // Step marker for training replay.
    auto makeMarker = [&](QCPAxisRect *r) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->setClipAxisRect(r);
        for (QCPItemPosition *p : {line->point1, line->point2}) {
            p->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
            p->setAxisRect(r);
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        line->setVisible(false);
        return line;
    };
    m_marker = makeMarker(m_lossRect);
    m_auxMarker = makeMarker(m_auxRect);
    m_markerLabel = new QCPItemText(m_plot);
    m_markerLabel->setClipAxisRect(m_lossRect);
    m_markerLabel->position->setAxes(x, y);
    m_markerLabel->position->setAxisRect(m_lossRect);
    m_markerLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_markerLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_markerLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_markerLabel->setPadding(QMargins(4, 2, 4, 2));
    m_markerLabel->setVisible(false);

    // A user pan or zoom stops following the run; double-click follows again.
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *e) { m_pressPos = e->position().toPoint(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *e) {
        if ((e->buttons() & Qt::LeftButton) &&
            (e->position().toPoint() - m_pressPos).manhattanLength() > 3)
            m_follow = false;
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *e) {
        if ((e->position().toPoint() - m_pressPos).manhattanLength() > 3 || m_points.isEmpty())
            return;
        QCPAxisRect *r = m_plot->axisRectAt(e->position());
        if (!r)
            return;
        const double s = r->axis(QCPAxis::atBottom)->pixelToCoord(e->position().x());
        int best = m_points.front().step;
        for (const LossPoint &p : m_points)
            if (std::abs(p.step - s) < std::abs(best - s))
                best = p.step;
        emit stepClicked(best);
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { setFollow(true); });
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
                auto *pli = qobject_cast<QCPPlottableLegendItem *>(item);
                if (!pli)
                    return;
                for (int i = 0; i < seriesCount; ++i)
                    if (m_graphs[static_cast<std::size_t>(i)] == pli->plottable())
                        setSeriesVisible(static_cast<Series>(i),
                                         !m_visible[static_cast<std::size_t>(i)]);
            });

    applyTheme();
    retranslateUi();
    fitRanges();
}

QCPGraph *LossPlotView::graph(Series s) const
{
    return m_graphs[static_cast<std::size_t>(idx(s))];
}

bool LossPlotView::seriesVisible(Series s) const
{
    return m_visible[static_cast<std::size_t>(idx(s))];
}

void LossPlotView::appendPoint(const LossPoint &point)
{
    m_points.push_back(point);
    addToGraphs(point);
    fitRanges();
    queueReplot();
}

void LossPlotView::appendPoints(const QVector<LossPoint> &points)
{
    for (const LossPoint &p : points) {
        m_points.push_back(p);
        addToGraphs(p);
    }
    fitRanges();
    queueReplot();
}

void LossPlotView::addToGraphs(const LossPoint &p)
{
    const double step = p.step;
    if (m_points.size() == 1)
        m_firstStep = m_lastStep = step;
    m_firstStep = std::min(m_firstStep, step);
    m_lastStep = std::max(m_lastStep, step);
    // A non-finite loss (a diverged run) leaves a gap rather than a spike.
    graph(Series::Loss)->addData(step, std::isfinite(p.loss) ? p.loss : qQNaN());
    if (std::isfinite(p.loss)) {
        m_lossBounds.add(p.loss);
        m_ema = m_smoothing * m_ema + (1.0 - m_smoothing) * p.loss;
        ++m_emaCount;
        const double debias = 1.0 - std::pow(m_smoothing, m_emaCount);
        const double s = debias > 0 ? m_ema / debias : p.loss;
        graph(Series::SmoothedLoss)->addData(step, s);
    }
    if (std::isfinite(p.valLoss)) {
        graph(Series::ValLoss)->addData(step, p.valLoss);
        m_lossBounds.add(p.valLoss);
    }
    if (std::isfinite(p.accuracy)) {
        graph(Series::Accuracy)->addData(step, p.accuracy);
        if (!m_haveAccuracy) {
            m_haveAccuracy = true;
            m_lossRect->axis(QCPAxis::atRight)->setVisible(true);
        }
    }
    if (std::isfinite(p.lr)) {
        graph(Series::LearningRate)->addData(step, p.lr);
        m_lrBounds.add(p.lr);
    }
    if (std::isfinite(p.gradNorm)) {
        graph(Series::GradNorm)->addData(step, p.gradNorm);
        m_gradBounds.add(p.gradNorm);
    }
}

void LossPlotView::rebuildSmoothed()
{
    // Only on a change of the smoothing weight: the EMA is recomputed from the start.
    QCPGraph *g = graph(Series::SmoothedLoss);
    g->data()->clear();
    m_ema = 0.0;
    m_emaCount = 0;
    QVector<double> keys, values;
    for (const LossPoint &p : m_points) {
        if (!std::isfinite(p.loss))
            continue;
        m_ema = m_smoothing * m_ema + (1.0 - m_smoothing) * p.loss;
        ++m_emaCount;
        const double debias = 1.0 - std::pow(m_smoothing, m_emaCount);
        keys << p.step;
        values << (debias > 0 ? m_ema / debias : p.loss);
    }
    g->setData(keys, values, true);
}

void LossPlotView::fitRanges()
{
    if (!m_follow)
        return;
    QCPAxis *x = m_lossRect->axis(QCPAxis::atBottom);
    if (m_points.isEmpty())
        x->setRange(0, 100);
    else if (m_lastStep > m_firstStep)
        x->setRange(m_firstStep, m_lastStep + (m_lastStep - m_firstStep) * 0.02);
    else
        x->setRange(m_firstStep - 1, m_firstStep + 1);
    QCPAxis *y = m_lossRect->axis(QCPAxis::atLeft);
    if (m_lossBounds.valid()) {
        if (m_logScale && std::isfinite(m_lossBounds.posLo)) {
            y->setRange(m_lossBounds.posLo / 1.15, m_lossBounds.hi * 1.15);
        } else {
            const double pad = std::max((m_lossBounds.hi - m_lossBounds.lo) * 0.05, 1e-3);
            y->setRange(std::max(0.0, m_lossBounds.lo - pad), m_lossBounds.hi + pad);
        }
    } else {
        y->setRange(m_logScale ? 0.1 : 0.0, m_logScale ? 10.0 : 1.0);
    }
    m_lossRect->axis(QCPAxis::atRight)->setRange(0.0, 1.02);
    auto fitAux = [](QCPAxis *a, const Bounds &b) {
        if (!b.valid())
            a->setRange(0, 1);
        else if (b.hi > b.lo)
            a->setRange(std::min(0.0, b.lo), b.hi * 1.08);
        else
            a->setRange(b.lo * 0.9 - 1e-12, b.hi * 1.1 + 1e-12);
    };
    fitAux(m_auxRect->axis(QCPAxis::atLeft), m_lrBounds);
    fitAux(m_auxRect->axis(QCPAxis::atRight), m_gradBounds);
}

void LossPlotView::clear()
{
    m_points.clear();
    for (QCPGraph *g : m_graphs)
        g->data()->clear();
    m_ema = 0.0;
    m_emaCount = 0;
    m_lossBounds = m_lrBounds = m_gradBounds = Bounds();
    m_firstStep = m_lastStep = 0;
    m_haveAccuracy = false;
    m_lossRect->axis(QCPAxis::atRight)->setVisible(false);
    m_follow = true;
    setMarkerStep(-1);
    fitRanges();
    queueReplot();
}

void LossPlotView::setSmoothing(double weight)
{
    weight = std::isfinite(weight) ? std::clamp(weight, 0.0, 0.999) : 0.0;
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    rebuildSmoothed();
    queueReplot();
}

void LossPlotView::setLogScale(bool on)
{
    m_logScale = on;
    QCPAxis *y = m_lossRect->axis(QCPAxis::atLeft);
    if (on) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        y->setNumberFormat(QStringLiteral("gb"));
    } else {
        y->setScaleType(QCPAxis::stLinear);
        y->setTicker(QSharedPointer<QCPAxisTicker>::create());
        y->setNumberFormat(QStringLiteral("gbd"));
    }
    const bool follow = m_follow;
    m_follow = true; // a new scale needs a fitted range
    fitRanges();
    m_follow = follow;
    queueReplot();
}

void LossPlotView::setSeriesVisible(Series s, bool visible)
{
    m_visible[static_cast<std::size_t>(idx(s))] = visible;
    QCPGraph *g = graph(s);
    g->setVisible(visible);
    // The legend keeps the entry, greyed out, so it can be clicked back on.
    if (QCPPlottableLegendItem *item = m_plot->legend->itemWithPlottable(g)) {
        QColor c = palette().color(QPalette::WindowText);
        if (!visible)
            c.setAlphaF(0.4f);
        item->setTextColor(c);
    }
    queueReplot();
}

void LossPlotView::setMarkerStep(int step)
{
    m_markerStep = step;
    const bool on = step >= 0;
    for (QCPItemStraightLine *line : {m_marker, m_auxMarker}) {
        line->setVisible(on);
        line->point1->setCoords(step, 0.0);
        line->point2->setCoords(step, 1.0);
    }
    m_markerLabel->setVisible(on);
    m_markerLabel->position->setCoords(step, 0.0);
    retranslateUi();
    queueReplot();
}

void LossPlotView::setFollow(bool follow)
{
    m_follow = follow;
    fitRanges();
    queueReplot();
}

void LossPlotView::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    applyTheme();
    queueReplot();
}

void LossPlotView::setPresentationMode(bool on)
{
    setFontScale(on ? 1.6 : 1.0);
}

void LossPlotView::queueReplot()
{
    // Hidden (another tab is shown): the points are appended, the drawing waits.
    if (!isVisible()) {
        m_replotWhenShown = true;
        return;
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlotView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_replotWhenShown) {
        m_replotWhenShown = false;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void LossPlotView::flush()
{
    if (layout())
        layout()->activate();
    if (m_plot->viewport() != m_plot->rect())
        m_plot->setViewport(m_plot->rect());
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

void LossPlotView::applyTheme()
{
    const QPalette pal = palette();
    PlotTheme::apply(m_plot, pal, font(), m_fontScale);
    const bool dark = PlotTheme::isDark(pal);
    const double w = m_fontScale > 1.2 ? 1.5 : 1.0;
    QColor raw = ColorMaps::headColor(0);
    if (dark)
        raw = raw.lighter(140);
    QColor faint = raw;
    faint.setAlphaF(0.35f);
    graph(Series::Loss)->setPen(QPen(faint, 1.0 * w));
    graph(Series::SmoothedLoss)->setPen(QPen(raw, 2.2 * w));
    graph(Series::ValLoss)->setPen(QPen(ColorMaps::headColor(1), 2.0 * w));
    QCPScatterStyle ss(QCPScatterStyle::ssCircle, 6 * m_fontScale);
    ss.setPen(QPen(ColorMaps::headColor(1), 1.5 * w));
    ss.setBrush(pal.color(QPalette::Base));
    graph(Series::ValLoss)->setScatterStyle(ss);
    graph(Series::Accuracy)->setPen(QPen(ColorMaps::headColor(2), 1.8 * w));
    graph(Series::LearningRate)->setPen(QPen(ColorMaps::headColor(5), 1.8 * w));
    QColor gn = ColorMaps::headColor(3);
    if (!dark)
        gn = gn.darker(130);
    graph(Series::GradNorm)->setPen(QPen(gn, 1.2 * w));
    const QColor fg = pal.color(QPalette::WindowText);
    // The legend is a header row above the plots: no box.
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    for (QCPItemStraightLine *line : {m_marker, m_auxMarker})
        line->setPen(QPen(pal.color(QPalette::Highlight), 2 * w, Qt::DashLine));
    m_markerLabel->setColor(pal.color(QPalette::HighlightedText));
    m_markerLabel->setBrush(pal.color(QPalette::Highlight));
    m_markerLabel->setFont(PlotTheme::scaledFont(font(), m_fontScale));
    for (int i = 0; i < seriesCount; ++i)
        if (QCPPlottableLegendItem *item =
                m_plot->legend->itemWithPlottable(m_graphs[static_cast<std::size_t>(i)])) {
            QColor c = fg;
            if (!m_visible[static_cast<std::size_t>(i)])
                c.setAlphaF(0.4f);
            item->setTextColor(c);
        }
}

void LossPlotView::retranslateUi()
{
    graph(Series::Loss)->setName(tr("Training loss"));
    graph(Series::SmoothedLoss)->setName(tr("Training loss (smoothed)"));
    graph(Series::ValLoss)->setName(tr("Validation loss"));
    graph(Series::Accuracy)->setName(tr("Accuracy"));
    graph(Series::LearningRate)->setName(tr("Learning rate"));
    graph(Series::GradNorm)->setName(tr("Gradient norm"));
    m_lossRect->axis(QCPAxis::atLeft)->setLabel(tr("Loss"));
    m_lossRect->axis(QCPAxis::atRight)->setLabel(tr("Accuracy"));
    m_auxRect->axis(QCPAxis::atBottom)->setLabel(tr("Step"));
    m_auxRect->axis(QCPAxis::atLeft)->setLabel(tr("Learning rate"));
    m_auxRect->axis(QCPAxis::atRight)->setLabel(tr("Gradient norm"));
    m_markerLabel->setText(tr("step %1").arg(QLocale().toString(m_markerStep)));
}

void LossPlotView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        queueReplot();
        break;
    case QEvent::PaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
        applyTheme();
        queueReplot();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

} // namespace attn
