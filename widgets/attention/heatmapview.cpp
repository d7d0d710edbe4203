#include "attention/heatmapview.h"

#include "attention/heatmapcelloverlay.h"
#include "attention/tokenlabels.h"

#include "theme/plottheme.h"

#include <QEvent>
#include <QLocale>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {

HeatmapView::HeatmapView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMouseTracking(true);

    m_title = new QCPTextElement(m_plot, QString());
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_title);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    // Attach first: attaching hands the scale's gradient and range to the map.
    m_map->setColorScale(m_scale);
    m_map->setGradient(ColorMaps::gradient(m_gradient));
    m_map->setDataRange(QCPRange(0.0, 1.0));
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        axis->setSubTicks(false);
        axis->setTickLength(0, 4);
        axis->grid()->setVisible(false);
    }
    m_plot->yAxis->setRangeReversed(true); // row 0, the first query, on top
    // A long trace (GPT-2: up to 1024 tokens) is read by zooming (wheel, zoomIn()) and
    // panning (drag); the view stays inside the matrix and the labels re-thin to the part shown.
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
        connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] {
            if (m_clamping)
                return;
            clampRanges();
            updateTicks();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        });

    m_plot->addLayer(QStringLiteral("cells"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    // Its own buffer, so that moving the hover frame redraws only this layer.
    m_plot->layer(QStringLiteral("cells"))->setMode(QCPLayer::lmBuffered);
    m_overlay = new HeatmapCellOverlay(this, m_plot, QStringLiteral("cells"));

    m_updateTimer = new QTimer(this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(0);
    connect(m_updateTimer, &QTimer::timeout, this, &HeatmapView::rebuild);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (updateTicks())
            m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    applyTheme();
    retranslateUi();
    rebuild();
}

HeatmapView::~HeatmapView() = default;

bool HeatmapView::valuesVisible() const
{
    if (!m_showValues || m_matrix.isEmpty())
        return false;
    const QSizeF cell = cellPixels();
    return cell.width() >= minValueCellWidth && cell.height() >= minValueCellHeight;
}

QSizeF HeatmapView::cellPixels() const
{
    const QRect vis = visibleCells();
    const QRect rect = m_plot->axisRect()->rect();
    if (vis.isEmpty() || rect.width() <= 10 || rect.height() <= 10)
        return {};
    return {double(rect.width()) / vis.width(), double(rect.height()) / vis.height()};
}

void HeatmapView::setTrace(std::shared_ptr<const AttentionTrace> trace)
{
    m_trace = std::move(trace);
    scheduleUpdate();
}

void HeatmapView::setBlock(int index)
{
    m_block = std::max(0, index);
    m_blockName.clear();
    if (m_trace && m_block < static_cast<int>(m_trace->blocks.size()))
        m_blockName =
            QString::fromStdString(m_trace->blocks[static_cast<std::size_t>(m_block)].name);
    scheduleUpdate();
}

bool HeatmapView::setBlockName(const QString &name)
{
    m_blockName = name;
    scheduleUpdate();
    return !m_trace || m_trace->find(name.toStdString()) != nullptr;
}

void HeatmapView::setHead(int head)
{
    m_head = std::max(-1, head);
    scheduleUpdate();
}

void HeatmapView::setRangeMode(RangeMode mode)
{
    m_rangeMode = mode;
    scheduleUpdate();
}

void HeatmapView::setGradient(GradientKind kind)
{
    m_gradient = kind;
    m_map->setGradient(ColorMaps::gradient(kind));
    scheduleUpdate();
}

void HeatmapView::setShowValues(bool show)
{
    m_showValues = show;
    scheduleUpdate();
}

void HeatmapView::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    applyTheme();
    scheduleUpdate();
}

void HeatmapView::setPresentationMode(bool on)
{
    setFontScale(on ? 1.6 : 1.0);
}

void HeatmapView::scheduleUpdate()
{
    if (!m_updateTimer->isActive())
        m_updateTimer->start();
}

void HeatmapView::flush()
{
    m_updateTimer->stop();
    // Lay out a widget that is not shown yet (tests, exports) so pixels map to cells.
    if (layout())
        layout()->activate();
    if (m_plot->viewport() != m_plot->rect())
        m_plot->setViewport(m_plot->rect());
    rebuild();
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    // The first layout decides how many labels fit; draw again if that changed.
    if (updateTicks())
        m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

int HeatmapView::resolveBlock() const
{
    if (!m_trace || m_trace->blocks.empty())
        return -1;
    if (!m_blockName.isEmpty()) {
        const std::string name = m_blockName.toStdString();
        for (std::size_t i = 0; i < m_trace->blocks.size(); ++i)
            if (m_trace->blocks[i].name == name)
                return static_cast<int>(i);
    }
    return m_block < static_cast<int>(m_trace->blocks.size()) ? m_block : 0;
}

void HeatmapView::rebuild()
{
    const int oldBlock = m_matrix.block, oldHead = m_matrix.head;
    const int oldRows = m_matrix.rows(), oldCols = m_matrix.cols();
    const int block = resolveBlock();
    m_matrix = AttentionMatrix();
    if (block >= 0) {
        const auto &b = m_trace->blocks[static_cast<std::size_t>(block)];
        int head = m_head;
        if (head >= static_cast<int>(b.heads.size()))
            head = -1;
        m_matrix = AttentionMatrix::fromTrace(*m_trace, block, head);
        relabelByteGroups();
        m_headCount = static_cast<int>(b.heads.size());
        m_block = block;
        m_blockName = QString::fromStdString(b.name);
    }
    QCPColorMapData *cells = m_map->data();
    if (m_matrix.isEmpty()) {
        cells->clear();
        m_map->setVisible(false);
    } else {
        const int tq = m_matrix.rows(), tk = m_matrix.cols();
        m_map->setVisible(true);
        // key index = column (x), value index = query row (y). QCustomPlot sizes cells
        // from the range over (size - 1), so a single row or column is stored twice over
        // a range of half a cell, which draws as one cell centred on 0.
        const int keys = std::max(tk, 2), values = std::max(tq, 2);
        if (cells->keySize() != keys || cells->valueSize() != values)
            cells->setSize(keys, values);
        cells->setRange(tk == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, tk - 1),
                        tq == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, tq - 1));
        const bool anyMask = m_matrix.mask.size() > 0 && (m_matrix.mask.array() != 0.0f).any();
        if (!anyMask)
            cells->clearAlpha();
        for (int i = 0; i < cells->valueSize(); ++i) {
            const int r = std::min(i, tq - 1);
            for (int j = 0; j < cells->keySize(); ++j) {
                const int c = std::min(j, tk - 1);
                cells->setCell(j, i, m_matrix.weights(r, c));
                // Masked cells are transparent: the hatched axis background shows through.
                if (anyMask)
                    cells->setAlpha(j, i, m_matrix.masked(r, c) ? 0 : 255);
            }
        }
        if (m_rangeMode == RangeMode::Fixed)
            m_map->setDataRange(QCPRange(0.0, 1.0));
        else
            fitFiniteRange();
        // A new trace of the same length keeps the zoomed part in view (live training).
        m_clamping = true;
        if (tk != oldCols || tq != oldRows) {
            m_plot->xAxis->setRange(-0.5, tk - 0.5);
            m_plot->yAxis->setRange(-0.5, tq - 0.5);
        }
        m_clamping = false;
        clampRanges();
    }
    m_widestKey = -1; // new labels: measured again
    updateTicks();
    retranslateUi();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (m_matrix.block != oldBlock || m_matrix.head != oldHead)
        emit selectionChanged(m_matrix.block, m_matrix.head);
}

void HeatmapView::fitFiniteRange()
{
    m_map->rescaleDataRange(true);
    const QCPRange r = m_map->dataRange();
    if (std::isfinite(r.lower) && std::isfinite(r.upper) && r.upper > r.lower)
        return;
    // NaN or infinite weights (a diverged run), or a constant matrix: fit the finite ones.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (Index i = 0; i < m_matrix.weights.size(); ++i) {
        const double w = m_matrix.weights.data()[i];
        if (std::isfinite(w)) {
            lo = std::min(lo, w);
            hi = std::max(hi, w);
        }
    }
    if (!(lo <= hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (hi - lo < 1e-6)
        hi = lo + 1e-6;
    m_map->setDataRange(QCPRange(lo, hi));
}

bool HeatmapView::updateTicks()
{
    const int tq = m_matrix.rows(), tk = m_matrix.cols();
    const QFontMetricsF fm(m_plot->xAxis->tickLabelFont());
    const QRect rect = m_plot->axisRect()->rect();
    const double h = rect.height() > 10 ? rect.height() : std::max(100, height() - 120);
    const double w = rect.width() > 10 ? rect.width() : std::max(100, width() - 160);
    int rowStep = 1, colStep = 1;
    bool rotate = false;
    const QRect vis = visibleCells();
    if (tq > 0 && tk > 0) {
        // Cells of the visible part only: zoomed in, every label may fit again.
        const double pxRow = h / std::max(1, vis.height()), pxCol = w / std::max(1, vis.width());
        rowStep = std::max(1, static_cast<int>(std::ceil(fm.height() * 1.1 / pxRow)));
        if (m_widestKey < 0) {
            m_widestKey = 0;
            for (const QString &s : m_matrix.keyTokens)
                m_widestKey =
                    std::max(m_widestKey, fm.horizontalAdvance(AttentionMatrix::elided(s)));
        }
        rotate = m_widestKey + fm.averageCharWidth() > pxCol;
        const double need = rotate ? fm.height() * 1.1 : m_widestKey + fm.averageCharWidth() * 1.5;
        colStep = std::max(1, static_cast<int>(std::ceil(need / pxCol)));
    }
    const bool changed = rowStep != m_rowStep || colStep != m_colStep || rotate != m_rotateKeys;
    m_rowStep = rowStep;
    m_colStep = colStep;
    m_rotateKeys = rotate;
    auto yt = qSharedPointerCast<QCPAxisTickerText>(m_plot->yAxis->ticker());
    auto xt = qSharedPointerCast<QCPAxisTickerText>(m_plot->xAxis->ticker());
    yt->clear();
    xt->clear();
    // Ticks on multiples of the step, so that labels stay put while the view pans.
    const int r0 = (vis.top() + rowStep - 1) / rowStep * rowStep,
              c0 = (vis.left() + colStep - 1) / colStep * colStep;
    for (int i = r0; i <= std::min(tq - 1, vis.bottom()); i += rowStep)
        yt->addTick(i, AttentionMatrix::elided(m_matrix.queryTokens.value(i)));
    for (int j = c0; j <= std::min(tk - 1, vis.right()); j += colStep)
        xt->addTick(j, AttentionMatrix::elided(m_matrix.keyTokens.value(j)));
    m_plot->xAxis->setTickLabelRotation(rotate ? -90 : 0);
    const bool titleChanged = updateTitle(); // the values note follows the cells' size
    return changed || titleChanged;
}

QRect HeatmapView::visibleCells() const
{
    const int tq = m_matrix.rows(), tk = m_matrix.cols();
    if (tq == 0 || tk == 0)
        return {};
    auto span = [](const QCPRange &r, int n, int &first, int &count) {
        first = std::clamp(static_cast<int>(std::ceil(r.lower - 0.5)), 0, n - 1);
        const int last = std::clamp(static_cast<int>(std::floor(r.upper + 0.5)) - 1, first, n - 1);
        count = last - first + 1;
    };
    int c0 = 0, nc = 0, r0 = 0, nr = 0;
    span(m_plot->xAxis->range(), tk, c0, nc);
    span(m_plot->yAxis->range(), tq, r0, nr);
    return QRect(c0, r0, nc, nr);
}

bool HeatmapView::zoomed() const
{
    const QRect v = visibleCells();
    return !m_matrix.isEmpty() && (v.width() < m_matrix.cols() || v.height() < m_matrix.rows());
}

void HeatmapView::clampRanges()
{
    if (m_matrix.isEmpty())
        return;
    m_clamping = true;
    // At least 4 cells (or the whole axis) in view, never more than the matrix, and no
    // empty margin beyond its edges.
    auto clamp = [](QCPAxis *axis, int n) {
        const double lo = -0.5, hi = n - 0.5, full = hi - lo;
        QCPRange r = axis->range();
        double size = std::clamp(r.size(), std::min(4.0, full), full);
        double start = std::clamp(r.center() - size / 2, lo, hi - size);
        const QCPRange want(start, start + size);
        if (std::abs(want.lower - r.lower) > 1e-9 || std::abs(want.upper - r.upper) > 1e-9)
            axis->setRange(want);
    };
    clamp(m_plot->xAxis, m_matrix.cols());
    clamp(m_plot->yAxis, m_matrix.rows());
    m_clamping = false;
}

void HeatmapView::zoomBy(double factor)
{
    if (m_matrix.isEmpty())
        return;
    m_clamping = true;
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
        axis->scaleRange(1.0 / factor, axis->range().center());
    m_clamping = false;
    clampRanges();
    updateTicks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::zoomIn()
{
    zoomBy(2.0);
}

void HeatmapView::zoomOut()
{
    zoomBy(0.5);
}

void HeatmapView::resetZoom()
{
    zoomBy(1e-9); // clamped to the whole matrix
}

void HeatmapView::relabelByteGroups()
{
    if (!m_trace || m_matrix.block < 0)
        return;
    const auto &b = m_trace->blocks[static_cast<std::size_t>(m_matrix.block)];
    const Index tq = m_matrix.rows(), tk = m_matrix.cols();
    // The same token lists AttentionMatrix::fromTrace labels each axis with.
    const auto [q, k] = AttentionMatrix::axisTokens(*m_trace, b, tq);
    if (q && !q->empty())
        m_matrix.queryTokens = TokenLabels::of(*q, tq);
    if (k && !k->empty())
        m_matrix.keyTokens = TokenLabels::of(*k, tk);
}

int HeatmapView::labelStep(Qt::Orientation orientation) const
{
    return orientation == Qt::Horizontal ? m_colStep : m_rowStep;
}

bool HeatmapView::cellAt(const QPoint &pos, int *row, int *col) const
{
    if (m_matrix.isEmpty() || !m_plot->axisRect()->rect().contains(pos))
        return false;
    const int c = static_cast<int>(std::floor(m_plot->xAxis->pixelToCoord(pos.x()) + 0.5));
    const int r = static_cast<int>(std::floor(m_plot->yAxis->pixelToCoord(pos.y()) + 0.5));
    if (r < 0 || c < 0 || r >= m_matrix.rows() || c >= m_matrix.cols())
        return false;
    if (row)
        *row = r;
    if (col)
        *col = c;
    return true;
}

QString HeatmapView::toolTipAt(const QPoint &pos) const
{
    int r = 0, c = 0;
    if (!cellAt(pos, &r, &c))
        return {};
    const QString q = m_matrix.queryTokens.value(r);
    const QString k = m_matrix.keyTokens.value(c);
    if (m_matrix.masked(r, c))
        return tr("Query %1 \u201c%2\u201d \u2192 key %3 \u201c%4\u201d: masked (score set to "
                  "\u2212\u221e, weight 0)")
            .arg(r)
            .arg(q)
            .arg(c)
            .arg(k);
    return tr("Query %1 \u201c%2\u201d \u2192 key %3 \u201c%4\u201d: weight %5")
        .arg(r)
        .arg(q)
        .arg(c)
        .arg(k)
        .arg(QLocale().toString(m_matrix.weights(r, c), 'f', 4));
}

void HeatmapView::onMouseMove(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    int r = -1, c = -1;
    if (!cellAt(pos, &r, &c)) {
        r = -1;
        c = -1;
    }
    if (r != m_hoverRow || c != m_hoverCol) {
        m_hoverRow = r;
        m_hoverCol = c;
        m_overlay->setHover(r, c);
        m_plot->layer(QStringLiteral("cells"))->replot();
        emit cellHovered(r, c);
    }
    const QString tip = toolTipAt(pos);
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
}

void HeatmapView::applyTheme()
{
    m_widestKey = -1;
    PlotTheme::apply(m_plot, palette(), font(), m_fontScale);
    // Masked cells are transparent in the colour map; this hatch shows through them.
    const QColor mask = ColorMaps::maskColor(palette().color(QPalette::Base));
    QBrush hatch(mask, Qt::BDiagPattern);
    m_plot->axisRect()->setBackground(hatch);
    m_plot->setBackground(palette().color(QPalette::Window));
    QCPAxis *sa = m_scale->axis();
    const QColor fg = palette().color(QPalette::WindowText);
    sa->setBasePen(QPen(fg));
    sa->setTickPen(QPen(fg));
    sa->setSubTickPen(QPen(fg));
    sa->setTickLabelColor(fg);
    sa->setLabelColor(fg);
    sa->setTickLabelFont(PlotTheme::scaledFont(font(), m_fontScale));
    sa->setLabelFont(PlotTheme::scaledFont(font(), m_fontScale, true));
    m_scale->setBarWidth(qRound(14 * m_fontScale));
    m_title->setFont(PlotTheme::scaledFont(font(), m_fontScale * 1.15, true));
    m_title->setTextColor(fg);
    m_overlay->setFont(PlotTheme::scaledFont(font(), m_fontScale));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
        axis->grid()->setVisible(false);
}

void HeatmapView::retranslateUi()
{
    m_plot->xAxis->setLabel(tr("Key (attended to)"));
    m_plot->yAxis->setLabel(tr("Query (attending)"));
    m_scale->axis()->setLabel(tr("Attention weight"));
    updateTitle();
}

QString HeatmapView::title() const
{
    if (m_matrix.isEmpty())
        return tr("No attention to show yet: train or load a model");
    QString head;
    if (m_matrix.head >= 0)
        head = tr("head %1").arg(m_matrix.head);
    else if (m_headCount == 1)
        head = tr("its only head");
    else
        head = tr("mean of %1 heads").arg(m_headCount);
    QString title = tr("%1 \u00b7 %2").arg(m_matrix.blockName, head);
    if (m_matrix.mask.size() > 0 && (m_matrix.mask.array() != 0.0f).any())
        title += tr("  (hatched: masked)");
    // Values asked for but not drawn: say why, and how to see them.
    if (m_showValues && !cellPixels().isEmpty() && !valuesVisible())
        title += tr("  (values: cells too small, zoom in with the wheel)");
    return title;
}

bool HeatmapView::updateTitle()
{
    const QString t = title();
    if (t == m_title->text())
        return false;
    m_title->setText(t);
    return true;
}

void HeatmapView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    case QEvent::PaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
        applyTheme();
        scheduleUpdate();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void HeatmapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleUpdate();
}

} // namespace attn
