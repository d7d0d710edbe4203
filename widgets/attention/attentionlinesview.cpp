#include "attention/attentionlinesview.h"

#include "attention/attentionmatrix.h"
#include "theme/colormaps.h"

#include <QEvent>
#include <QImage>
#include <QMouseEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace attn {

AttentionLinesView::AttentionLinesView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    retranslateUi();
}

namespace {

// One line of the band between the two token columns: from (x0, y0) to (x1, y1).
struct BandLine {
    double y0 = 0, y1 = 0;
    QColor color;
};

// Draws the lines, in order, from x0 to x1. On a raster device (the widget, a PNG) they
// are scan-converted here, a column of pixels at a time, with the exact area each line
// of the given width covers in each pixel: Qt's antialiased wide-line stroker takes
// ~0.2 ms a line, and a 16-token, 4-head trace has 1,024 of them, redrawn ~10 times a
// second while training. Vector devices (SVG, PDF) get real lines.
void drawBand(QPainter &p, const QVector<BandLine> &lines, double x0, double x1, double width)
{
    if (lines.isEmpty() || !(x1 > x0))
        return;
    if (!p.paintEngine() || p.paintEngine()->type() != QPaintEngine::Raster) {
        for (const BandLine &line : lines) {
            p.setPen(QPen(line.color, width, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(x0, line.y0), QPointF(x1, line.y1));
        }
        return;
    }
    double top = lines.front().y0, bottom = top;
    for (const BandLine &line : lines) {
        top = std::min({top, line.y0, line.y1});
        bottom = std::max({bottom, line.y0, line.y1});
    }
    top -= width * 2;
    bottom += width * 2;
    const double dpr = std::max(1.0, p.device()->devicePixelRatioF());
    const int cols = int(std::ceil((x1 - x0) * dpr)), rowsN = int(std::ceil((bottom - top) * dpr));
    if (cols <= 0 || rowsN <= 0 || double(cols) * rowsN > 64e6)
        return;
    // (rowsN, cols) premultiplied RGBA in [0, 1], composited source-over.
    std::vector<float> px(std::size_t(cols) * std::size_t(rowsN) * 4, 0.0f);
    for (const BandLine &line : lines) {
        const float a = float(line.color.alphaF());
        if (a <= 0.0f)
            continue;
        const float r = float(line.color.redF()) * a, g = float(line.color.greenF()) * a,
                    b = float(line.color.blueF()) * a;
        const float ya = float((line.y0 - top) * dpr), yb = float((line.y1 - top) * dpr);
        const float slope = (yb - ya) / float(cols);
        // Half the line's vertical extent: the width across the line, seen in a column.
        const float half = float(0.5 * width * dpr) * std::sqrt(1.0f + slope * slope);
        for (int x = 0; x < cols; ++x) {
            const float yc = ya + slope * (float(x) + 0.5f), lo = yc - half, hi = yc + half;
            // lo >= -half > -rowsN: the +rowsN keeps the truncation a floor.
            const int r0 = std::max(0, int(lo + float(rowsN)) - rowsN),
                      r1 = std::min(rowsN - 1, int(hi));
            float *d = &px[(std::size_t(r0) * cols + x) * 4];
            for (int y = r0; y <= r1; ++y, d += std::size_t(cols) * 4) {
                const float cover = std::min(hi, float(y + 1)) - std::max(lo, float(y));
                if (cover <= 0.0f)
                    continue;
                const float keep = 1.0f - a * cover;
                d[0] = r * cover + d[0] * keep;
                d[1] = g * cover + d[1] * keep;
                d[2] = b * cover + d[2] * keep;
                d[3] = a * cover + d[3] * keep;
            }
        }
    }
    QImage img(cols, rowsN, QImage::Format_RGBA8888_Premultiplied);
    for (int y = 0; y < rowsN; ++y) {
        uchar *out = img.scanLine(y);
        const float *in = &px[std::size_t(y) * cols * 4];
        for (int i = 0; i < cols * 4; ++i)
            out[i] = uchar(std::clamp(in[i], 0.0f, 1.0f) * 255.0f + 0.5f);
    }
    img.setDevicePixelRatio(dpr);
    p.drawImage(QRectF(x0, top, cols / dpr, rowsN / dpr), img);
}

} // namespace

double AttentionLinesView::opacityFor(double weight)
{
    return std::isfinite(weight) ? std::clamp(weight, 0.0, 1.0) : 0.0;
}

const AttentionBlockTrace *AttentionLinesView::currentBlock() const
{
    if (!m_trace || m_trace->blocks.empty())
        return nullptr;
    if (!m_blockName.isEmpty())
        if (const auto *b = m_trace->find(m_blockName.toStdString()))
            return b;
    const int i = m_block < static_cast<int>(m_trace->blocks.size()) ? m_block : 0;
    return &m_trace->blocks[static_cast<std::size_t>(i)];
}

int AttentionLinesView::headCount() const
{
    const auto *b = currentBlock();
    return b ? static_cast<int>(b->heads.size()) : 0;
}

QList<int> AttentionLinesView::heads() const
{
    QList<int> out;
    const int n = headCount();
    if (m_heads.isEmpty()) {
        for (int h = 0; h < n; ++h)
            out << h;
    } else {
        for (int h : m_heads)
            if (h >= 0 && h < n)
                out << h;
    }
    return out;
}

void AttentionLinesView::setTrace(std::shared_ptr<const AttentionTrace> trace)
{
    m_trace = std::move(trace);
    setBlockName(m_blockName);
}

void AttentionLinesView::setBlock(int index)
{
    m_block = std::max(0, index);
    m_blockName.clear();
    if (m_trace && m_block < static_cast<int>(m_trace->blocks.size()))
        m_blockName =
            QString::fromStdString(m_trace->blocks[static_cast<std::size_t>(m_block)].name);
    setBlockName(m_blockName);
}

bool AttentionLinesView::setBlockName(const QString &name)
{
    m_blockName = name;
    const QStringList oldQueries = std::exchange(m_queryLabels, {});
    const QStringList oldKeys = std::exchange(m_keyLabels, {});
    const AttentionBlockTrace *b = currentBlock();
    bool found = !m_trace || name.isEmpty() || m_trace->find(name.toStdString()) != nullptr;
    if (b) {
        m_block = static_cast<int>(b - m_trace->blocks.data());
        m_blockName = QString::fromStdString(b->name);
        const AttentionMatrix m = AttentionMatrix::fromTrace(*m_trace, m_block, 0);
        if (!m.isEmpty()) {
            m_queryLabels = m.queryTokens;
            m_keyLabels = m.keyTokens;
        }
    }
    if (m_hoverIndex >= rows(m_hoverSide))
        m_hoverIndex = -1;
    // The size hint follows the labels: a new trace of the same probe keeps it.
    if (m_queryLabels != oldQueries || m_keyLabels != oldKeys)
        updateGeometry();
    update();
    return found;
}

void AttentionLinesView::setHeads(const QList<int> &heads)
{
    m_heads = heads;
    std::sort(m_heads.begin(), m_heads.end());
    m_heads.erase(std::unique(m_heads.begin(), m_heads.end()), m_heads.end());
    update();
    emit headsChanged(this->heads());
}

void AttentionLinesView::setHead(int head)
{
    setHeads(head < 0 ? QList<int>{} : QList<int>{head});
}

void AttentionLinesView::setHoveredToken(Side side, int index)
{
    if (index >= rows(side))
        index = -1;
    if (side == m_hoverSide && index == m_hoverIndex)
        return;
    m_hoverSide = side;
    m_hoverIndex = index;
    update();
    emit tokenHovered(side, index);
}

int AttentionLinesView::hoveredToken(Side side) const
{
    return side == m_hoverSide ? m_hoverIndex : -1;
}

void AttentionLinesView::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    updateGeometry();
    update();
}

void AttentionLinesView::setPresentationMode(bool on)
{
    setFontScale(on ? 1.6 : 1.0);
}

int AttentionLinesView::rows(Side side) const
{
    return static_cast<int>(side == Side::Query ? m_queryLabels.size() : m_keyLabels.size());
}

QString AttentionLinesView::tokenText(Side side, int index) const
{
    return AttentionMatrix::elided((side == Side::Query ? m_queryLabels : m_keyLabels).value(index),
                                   16);
}

QFont AttentionLinesView::scaledFont(bool bold) const
{
    QFont f = font();
    f.setPointSizeF((f.pointSizeF() > 0 ? f.pointSizeF() : 9.0) * m_fontScale);
    f.setBold(bold);
    return f;
}

AttentionLinesView::Layout AttentionLinesView::computeLayout() const
{
    Layout l;
    const QFontMetrics fm(scaledFont());
    const QFontMetrics bfm(scaledFont(true));
    const int margin = fm.height() / 2 + 2;
    const int n = std::max(rows(Side::Query), rows(Side::Key));
    // Title, head toggles and column titles above the tokens; the whole centred vertically.
    const int header = bfm.height() + 4 + fm.height() + 6 + fm.height() / 2 + bfm.height() + 4;
    const int avail = height() - header - 2 * margin;
    l.rowHeight = n > 0 ? std::clamp(avail / n, 3, static_cast<int>(fm.height() * 2.2)) : 0;
    const int top = margin + std::max(0, (avail - n * l.rowHeight) / 2);
    l.title = QRect(margin, top, width() - 2 * margin, bfm.height());
    l.swatches = QRect(margin, l.title.bottom() + 4, width() - 2 * margin, fm.height() + 6);
    l.top = l.swatches.bottom() + fm.height() / 2 + bfm.height() + 4; // column titles above
    l.labelStep = l.rowHeight > 0
                      ? std::max(1, static_cast<int>(std::ceil(fm.height() * 1.05 / l.rowHeight)))
                      : 1;
    int labelW = bfm.horizontalAdvance(m_queriesTitle);
    labelW = std::max(labelW, bfm.horizontalAdvance(m_keysTitle));
    for (int i = 0; i < rows(Side::Query); ++i)
        labelW = std::max(labelW, fm.horizontalAdvance(tokenText(Side::Query, i)));
    for (int i = 0; i < rows(Side::Key); ++i)
        labelW = std::max(labelW, fm.horizontalAdvance(tokenText(Side::Key, i)));
    labelW += fm.height();
    labelW = std::min(labelW, width() / 3);
    const int span = std::clamp(width() - 2 * margin - 2 * labelW, 40, fm.height() * 24);
    const int left = std::max(margin, (width() - 2 * labelW - span) / 2);
    l.queryColumn = QRect(left, l.top, labelW, n * l.rowHeight);
    l.keyColumn = QRect(left + labelW + span, l.top, labelW, n * l.rowHeight);
    return l;
}

QRect AttentionLinesView::tokenRect(Side side, int index) const
{
    if (index < 0 || index >= rows(side))
        return {};
    const Layout l = computeLayout();
    const QRect col = side == Side::Query ? l.queryColumn : l.keyColumn;
    return QRect(col.left(), l.top + index * l.rowHeight, col.width(), l.rowHeight);
}

QRect AttentionLinesView::headSwatchRect(int head) const
{
    if (head < 0 || head >= headCount())
        return {};
    const Layout l = computeLayout();
    const QFontMetrics fm(scaledFont());
    const int w = fm.horizontalAdvance(QStringLiteral("H00")) + fm.height();
    const int total = headCount() * (w + 4);
    const int left = l.swatches.left() + std::max(0, (l.swatches.width() - total) / 2);
    return QRect(left + head * (w + 4), l.swatches.top(), w, l.swatches.height());
}

QVector<AttentionLinesView::Line> AttentionLinesView::lines() const
{
    QVector<Line> out;
    const AttentionBlockTrace *b = currentBlock();
    if (!b)
        return out;
    const int tq = rows(Side::Query), tk = rows(Side::Key);
    const bool hasMask = b->mask.rows() == tq && b->mask.cols() == tk;
    for (int h : heads()) {
        const MatRM &w = b->heads[static_cast<std::size_t>(h)].weights;
        if (w.rows() != tq || w.cols() != tk)
            continue;
        const QColor base = ColorMaps::headColor(h);
        for (int i = 0; i < tq; ++i) {
            if (m_hoverIndex >= 0 && m_hoverSide == Side::Query && i != m_hoverIndex)
                continue;
            for (int j = 0; j < tk; ++j) {
                if (m_hoverIndex >= 0 && m_hoverSide == Side::Key && j != m_hoverIndex)
                    continue;
                const double wt = w(i, j);
                if (!(wt >= minWeight) || (hasMask && b->mask(i, j) != 0.0f))
                    continue;
                Line line{h, i, j, wt, base};
                line.color.setAlphaF(static_cast<float>(opacityFor(wt)));
                out.push_back(line);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Line &a, const Line &b2) { return a.weight < b2.weight; });
    return out;
}

QSize AttentionLinesView::sizeHint() const
{
    const QFontMetrics fm(scaledFont());
    const int n = std::max(rows(Side::Query), rows(Side::Key));
    return QSize(fm.height() * 28, fm.height() * (6 + std::clamp(n, 4, 40) * 3 / 2));
}

QSize AttentionLinesView::minimumSizeHint() const
{
    const QFontMetrics fm(scaledFont());
    return QSize(fm.height() * 14, fm.height() * 8);
}

void AttentionLinesView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QColor fg = pal.color(QPalette::Text);
    const AttentionBlockTrace *b = currentBlock();
    if (!b || rows(Side::Query) == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.setFont(scaledFont());
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    const Layout l = computeLayout();
    const QFont normal = scaledFont(), bold = scaledFont(true);
    p.setRenderHint(QPainter::Antialiasing, true);

    // Title and head toggles.
    p.setFont(bold);
    p.setPen(fg);
    p.drawText(l.title, Qt::AlignHCenter | Qt::AlignVCenter, QString::fromStdString(b->name));
    p.setFont(normal);
    const QList<int> shown = heads();
    for (int h = 0; h < headCount(); ++h) {
        const QRect r = headSwatchRect(h);
        QColor c = ColorMaps::headColor(h);
        const bool on = shown.contains(h);
        if (!on)
            c.setAlphaF(0.18f);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(r, 3, 3);
        p.setPen(on ? ColorMaps::contrastingText(ColorMaps::headColor(h)) : fg);
        p.drawText(r, Qt::AlignCenter, tr("H%1").arg(h));
    }

    // Column titles.
    p.setFont(bold);
    p.setPen(fg);
    const int titleY = l.top - QFontMetrics(bold).height() - 2;
    p.drawText(
        QRect(l.queryColumn.left(), titleY, l.queryColumn.width(), QFontMetrics(bold).height()),
        Qt::AlignRight | Qt::AlignVCenter, m_queriesTitle);
    p.drawText(QRect(l.keyColumn.left(), titleY, l.keyColumn.width(), QFontMetrics(bold).height()),
               Qt::AlignLeft | Qt::AlignVCenter, m_keysTitle);

    // Lines, lightest first.
    const qreal lineWidth = std::max(1.0, std::min(3.0 * m_fontScale, l.rowHeight * 0.35));
    const int pad = QFontMetrics(normal).height() / 3;
    const double x0 = l.queryColumn.right() + pad, x1 = l.keyColumn.left() - pad;
    // Several heads: each head's lines shifted by a line width, so that they lie side by
    // side in their own colours instead of mixing into grey.
    const QList<int> drawn = heads();
    const double spread =
        drawn.size() > 1 ? std::min(lineWidth, l.rowHeight * 0.6 / (drawn.size() - 1)) : 0.0;
    QVector<BandLine> band;
    for (const Line &line : lines()) {
        const double shift = (drawn.indexOf(line.head) - (drawn.size() - 1) / 2.0) * spread;
        band.push_back({l.top + (line.query + 0.5) * l.rowHeight + shift,
                        l.top + (line.key + 0.5) * l.rowHeight + shift, line.color});
    }
    drawBand(p, band, x0, x1, lineWidth);

    // Tokens; every labelStep-th one when rows are too short for text.
    p.setFont(normal);
    for (Side side : {Side::Query, Side::Key}) {
        const QRect col = side == Side::Query ? l.queryColumn : l.keyColumn;
        for (int i = 0; i < rows(side); ++i) {
            const QRect r(col.left(), l.top + i * l.rowHeight, col.width(), l.rowHeight);
            const bool hovered = m_hoverIndex == i && m_hoverSide == side;
            if (hovered) {
                p.setPen(Qt::NoPen);
                p.setBrush(pal.color(QPalette::Highlight));
                p.drawRoundedRect(r.adjusted(0, 1, 0, -1), 3, 3);
            }
            if (!hovered && i % l.labelStep != 0)
                continue;
            p.setPen(hovered ? pal.color(QPalette::HighlightedText) : fg);
            const QRect textRect = r.adjusted(pad, -l.rowHeight, -pad, l.rowHeight);
            p.drawText(textRect,
                       (side == Side::Query ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                       tokenText(side, i));
        }
    }
}

void AttentionLinesView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    for (Side side : {Side::Query, Side::Key})
        for (int i = 0; i < rows(side); ++i)
            if (tokenRect(side, i).contains(pos)) {
                setHoveredToken(side, i);
                return;
            }
    setHoveredToken(Side::Query, -1);
}

void AttentionLinesView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    for (int h = 0; h < headCount(); ++h) {
        if (!headSwatchRect(h).contains(pos))
            continue;
        QList<int> shown = heads();
        if (shown.contains(h)) {
            if (shown.size() > 1)
                shown.removeAll(h);
        } else {
            shown << h;
        }
        setHeads(shown.size() == headCount() ? QList<int>{} : shown);
        return;
    }
    QWidget::mousePressEvent(event);
}

void AttentionLinesView::leaveEvent(QEvent *event)
{
    setHoveredToken(Side::Query, -1);
    QWidget::leaveEvent(event);
}

void AttentionLinesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    update();
    QWidget::changeEvent(event);
}

void AttentionLinesView::retranslateUi()
{
    m_emptyText = tr("No attention to show yet: train or load a model");
    m_queriesTitle = tr("Queries");
    m_keysTitle = tr("Keys");
}

} // namespace attn
