#include "attention/allheadsgrid.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace attn {

AllHeadsGrid::AllHeadsGrid(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    retranslateUi();
}

int AllHeadsGrid::blockAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].block : -1;
}

void AllHeadsGrid::setTrace(std::shared_ptr<const AttentionTrace> trace)
{
    m_trace = std::move(trace);
    if (!m_roleFixed) {
        m_role.reset();
        if (m_trace && !m_trace->blocks.empty())
            m_role = m_trace->blocks.front().role;
    }
    rebuildImages();
    update();
}

void AllHeadsGrid::setRole(AttentionRole role)
{
    m_role = role;
    m_roleFixed = true;
    rebuildImages();
    update();
}

void AllHeadsGrid::setGradient(GradientKind kind)
{
    m_gradient = kind;
    rebuildImages();
    update();
}

void AllHeadsGrid::setCurrent(int block, int head)
{
    m_currentBlock = block;
    m_currentHead = head;
    update();
}

void AllHeadsGrid::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    updateGeometry();
    update();
}

void AllHeadsGrid::setPresentationMode(bool on)
{
    setFontScale(on ? 1.6 : 1.0);
}

void AllHeadsGrid::rebuildImages()
{
    // The grid's shape now; the pixels on the next paint, so a burst of traces costs
    // one colouring.
    m_rows.clear();
    m_columns = 0;
    m_imagesDirty = true;
    if (!m_trace || !m_role)
        return;
    for (std::size_t bi = 0; bi < m_trace->blocks.size(); ++bi) {
        const AttentionBlockTrace &b = m_trace->blocks[bi];
        if (b.role != *m_role)
            continue;
        Row row;
        row.block = static_cast<int>(bi);
        row.layer = b.layer;
        row.heads.resize(static_cast<qsizetype>(b.heads.size()));
        m_columns = std::max(m_columns, static_cast<int>(row.heads.size()));
        m_rows.push_back(row);
    }
}

void AllHeadsGrid::colourImages()
{
    m_imagesDirty = false;
    if (!m_trace)
        return;
    const auto lut = ColorMaps::table(m_gradient);
    // Masked cells: the mask grey halfway to the background, quieter than the weights.
    const QColor base = palette().color(QPalette::Window);
    const QColor mc = ColorMaps::maskColor(base);
    const QRgb masked = qRgb((mc.red() + base.red()) / 2, (mc.green() + base.green()) / 2,
                             (mc.blue() + base.blue()) / 2);
    for (Row &row : m_rows) {
        const AttentionBlockTrace &b = m_trace->blocks[static_cast<std::size_t>(row.block)];
        row.heads.clear();
        for (const HeadTrace &h : b.heads)
            row.heads.push_back(headImage(h.weights, b.mask, lut, masked));
    }
}

QImage AllHeadsGrid::headImage(const MatRM &weights, const MatRM &mask,
                               const std::array<QRgb, 256> &lut, QRgb masked)
{
    const int tq = static_cast<int>(weights.rows());
    const int tk = static_cast<int>(weights.cols());
    if (tq <= 0 || tk <= 0)
        return {};
    // A matrix larger than maxImageSide (GPT-2: 1024 tokens, 144 heads) is reduced to
    // blocks of f x f weights, each drawn as its largest visible weight: a cell is a few
    // dozen pixels wide, and the maximum keeps a sharp one-token pattern (attention to
    // the first token, to the previous one) visible where a mean would wash it out.
    const int f = (std::max(tq, tk) + maxImageSide - 1) / maxImageSide;
    const int rows = (tq + f - 1) / f, cols = (tk + f - 1) / f;
    const bool hasMask = mask.rows() == tq && mask.cols() == tk;
    QImage img(cols, rows, QImage::Format_RGB32);
    for (int bi = 0; bi < rows; ++bi) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(bi));
        const int i1 = std::min(tq, (bi + 1) * f);
        for (int bj = 0; bj < cols; ++bj) {
            const int j1 = std::min(tk, (bj + 1) * f);
            float best = -1.0f; // stays -1 when every weight of the block is masked
            for (int i = bi * f; i < i1; ++i) {
                const float *wr = weights.data() + static_cast<Index>(i) * tk;
                const float *mr = hasMask ? mask.data() + static_cast<Index>(i) * tk : nullptr;
                for (int j = bj * f; j < j1; ++j) {
                    if (mr && mr[j] != 0.0f)
                        continue;
                    const float w = std::isfinite(wr[j]) ? wr[j] : 0.0f;
                    best = std::max(best, w);
                }
            }
            if (best < 0.0f && hasMask) {
                line[bj] = masked;
                continue;
            }
            const int k = std::clamp(static_cast<int>(best * 255.0f + 0.5f), 0, 255);
            line[bj] = lut[static_cast<std::size_t>(k)];
        }
    }
    return img;
}

QFont AllHeadsGrid::scaledFont(bool bold) const
{
    QFont f = font();
    f.setPointSizeF((f.pointSizeF() > 0 ? f.pointSizeF() : 9.0) * m_fontScale);
    f.setBold(bold);
    return f;
}

AllHeadsGrid::Geometry AllHeadsGrid::geometry() const
{
    Geometry g;
    const QFontMetrics fm(scaledFont(true));
    const int maxLayer = m_rows.isEmpty() ? 0 : m_rows.back().layer;
    g.headerWidth = fm.horizontalAdvance(m_layerLabel.arg(std::max(maxLayer, 10))) + fm.height();
    g.headerHeight = fm.height() + fm.height() / 2;
    g.gap = std::max(2, fm.height() / 5);
    const int legendHeight = fm.height() * 2 + g.gap;
    const int cols = std::max(1, m_columns), rows = std::max(1, rowCount());
    const int availW = width() - g.headerWidth - g.gap * (cols + 1);
    const int availH = height() - g.headerHeight - legendHeight - g.gap * (rows + 1);
    g.cell = std::max(4, std::min(availW / cols, availH / rows));
    const int gridW = g.headerWidth + cols * (g.cell + g.gap);
    const int gridH = g.headerHeight + rows * (g.cell + g.gap) + legendHeight;
    const int left = std::max(0, (width() - gridW) / 2);
    const int top = std::max(0, (height() - gridH) / 2);
    g.origin = QPoint(left + g.headerWidth + g.gap, top + g.headerHeight);
    // Colour bar, then the masked swatch and its label; the group centred under the cells.
    const QFontMetrics nfm(scaledFont());
    const int cellsW = cols * (g.cell + g.gap) - g.gap;
    const int extra = nfm.height() * 2 + nfm.height() + 4 + nfm.horizontalAdvance(tr("masked"));
    const int barW =
        std::max(nfm.horizontalAdvance(tr("attention weight")) + nfm.height() * 2,
                 std::min(cellsW - extra, nfm.horizontalAdvance(QLatin1Char('0')) * 30));
    const int groupLeft = g.origin.x() + (cellsW - barW - extra) / 2;
    g.legend = QRect(std::max(nfm.height(), groupLeft),
                     g.origin.y() + rows * (g.cell + g.gap) + g.gap, barW, fm.height() / 2 + 2);
    return g;
}

QRect AllHeadsGrid::cellRect(int row, int head) const
{
    if (row < 0 || row >= rowCount() || head < 0 || head >= m_rows[row].heads.size())
        return {};
    const Geometry g = geometry();
    return QRect(g.origin.x() + head * (g.cell + g.gap), g.origin.y() + row * (g.cell + g.gap),
                 g.cell, g.cell);
}

bool AllHeadsGrid::cellAt(const QPoint &pos, int *block, int *head) const
{
    for (int r = 0; r < rowCount(); ++r)
        for (int h = 0; h < m_rows[r].heads.size(); ++h)
            if (cellRect(r, h).contains(pos)) {
                if (block)
                    *block = m_rows[r].block;
                if (head)
                    *head = h;
                return true;
            }
    return false;
}

QSize AllHeadsGrid::sizeHint() const
{
    const QFontMetrics fm(scaledFont(true));
    const int cell = std::max(48, fm.height() * 4);
    const int cols = std::max(1, m_columns), rows = std::max(1, rowCount());
    return QSize(fm.horizontalAdvance(m_layerLabel.arg(10)) + fm.height() + cols * (cell + 4) + 8,
                 fm.height() * 4 + rows * (cell + 4) + 8);
}

QSize AllHeadsGrid::minimumSizeHint() const
{
    const QFontMetrics fm(scaledFont(true));
    return QSize(fm.horizontalAdvance(m_layerLabel.arg(10)) * 2, fm.height() * 6);
}

void AllHeadsGrid::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Window));
    if (m_rows.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.setFont(scaledFont());
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    if (m_imagesDirty)
        colourImages();
    const Geometry g = geometry();
    const QFont bold = scaledFont(true);
    const QFont normal = scaledFont();
    const QFontMetrics fm(bold);
    // Head labels: "Head h" over every column, or, when the widest does not fit, just
    // the numbers, with "Head" once in the corner above the layer labels.
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    const bool shortLabels =
        fm.horizontalAdvance(m_headLabel.arg(std::max(0, m_columns - 1))) + fm.height() / 2 >
        g.cell + g.gap;
    if (shortLabels)
        p.drawText(QRect(g.origin.x() - g.headerWidth - g.gap, g.origin.y() - g.headerHeight,
                         g.headerWidth, g.headerHeight),
                   Qt::AlignRight | Qt::AlignVCenter, m_headLabel.arg(QString()).trimmed());
    for (int h = 0; h < m_columns; ++h) {
        const QRect r(g.origin.x() + h * (g.cell + g.gap), g.origin.y() - g.headerHeight, g.cell,
                      g.headerHeight);
        p.drawText(r, Qt::AlignHCenter | Qt::AlignVCenter,
                   shortLabels ? QString::number(h) : m_headLabel.arg(h));
    }
    for (int row = 0; row < rowCount(); ++row) {
        const Row &rw = m_rows[row];
        const QRect header(g.origin.x() - g.headerWidth - g.gap,
                           g.origin.y() + row * (g.cell + g.gap), g.headerWidth, g.cell);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(header, Qt::AlignRight | Qt::AlignVCenter, m_layerLabel.arg(rw.layer));
        for (int h = 0; h < rw.heads.size(); ++h) {
            const QRect r = cellRect(row, h);
            const QImage &img = rw.heads[h];
            if (!img.isNull()) {
                // Enlarged: no smoothing, one block of pixels per weight. Reduced (a long
                // trace in a small cell): smoothed, so no row or column is dropped.
                p.setRenderHint(QPainter::SmoothPixmapTransform,
                                img.width() > r.width() || img.height() > r.height());
                p.drawImage(r, img);
            }
            const bool current = rw.block == m_currentBlock && h == m_currentHead;
            const bool hover = rw.block == m_hoverBlock && h == m_hoverHead;
            if (current || hover) {
                const int w = current ? 3 : 2;
                p.setPen(QPen(
                    current ? pal.color(QPalette::Highlight) : pal.color(QPalette::WindowText), w));
                p.setBrush(Qt::NoBrush);
                p.drawRect(r.adjusted(-w / 2 - 1, -w / 2 - 1, w / 2 + 1, w / 2 + 1));
            }
        }
    }
    // Colour bar: 0 ... 1, and the masked colour.
    const auto lut = ColorMaps::table(m_gradient);
    const QRect bar = g.legend;
    for (int x = 0; x < bar.width(); ++x) {
        const int k = bar.width() > 1 ? x * 255 / (bar.width() - 1) : 0;
        p.setPen(QColor::fromRgb(lut[static_cast<std::size_t>(k)]));
        p.drawLine(bar.left() + x, bar.top(), bar.left() + x, bar.bottom());
    }
    p.setFont(normal);
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetrics nfm(normal);
    const QRect labels(bar.left() - nfm.height() * 2, bar.bottom() + 1,
                       bar.width() + nfm.height() * 4, nfm.height());
    p.drawText(QRect(bar.left() - nfm.height(), labels.top(), nfm.height() * 2, nfm.height()),
               Qt::AlignCenter, QStringLiteral("0"));
    p.drawText(QRect(bar.right() - nfm.height(), labels.top(), nfm.height() * 2, nfm.height()),
               Qt::AlignCenter, QStringLiteral("1"));
    p.drawText(QRect(bar.left(), labels.top(), bar.width(), nfm.height()), Qt::AlignCenter,
               tr("attention weight"));
    const QRect swatch(bar.right() + nfm.height() * 2, bar.top(), nfm.height(), bar.height());
    const QColor mc = ColorMaps::maskColor(pal.color(QPalette::Window));
    const QColor wc = pal.color(QPalette::Window);
    p.fillRect(swatch, QColor((mc.red() + wc.red()) / 2, (mc.green() + wc.green()) / 2,
                              (mc.blue() + wc.blue()) / 2));
    p.drawText(QRect(swatch.right() + 4, bar.center().y() - nfm.height() / 2,
                     nfm.horizontalAdvance(tr("masked")) + 4, nfm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("masked"));
}

void AllHeadsGrid::mousePressEvent(QMouseEvent *event)
{
    int block = -1, head = -1;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), &block, &head)) {
        setCurrent(block, head);
        emit headActivated(block, head);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void AllHeadsGrid::mouseMoveEvent(QMouseEvent *event)
{
    int block = -1, head = -1;
    if (!cellAt(event->position().toPoint(), &block, &head))
        block = head = -1;
    if (block != m_hoverBlock || head != m_hoverHead) {
        m_hoverBlock = block;
        m_hoverHead = head;
        setCursor(block >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void AllHeadsGrid::leaveEvent(QEvent *event)
{
    m_hoverBlock = m_hoverHead = -1;
    update();
    QWidget::leaveEvent(event);
}

void AllHeadsGrid::keyPressEvent(QKeyEvent *event)
{
    // Arrow keys move the frame, Enter opens it.
    int row = -1;
    for (int r = 0; r < rowCount(); ++r)
        if (m_rows[r].block == m_currentBlock)
            row = r;
    int head = m_currentHead;
    if (rowCount() == 0)
        return QWidget::keyPressEvent(event);
    if (row < 0) {
        row = 0;
        head = 0;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        head = std::max(0, head - 1);
        break;
    case Qt::Key_Right:
        head = std::min(static_cast<int>(m_rows[row].heads.size()) - 1, head + 1);
        break;
    case Qt::Key_Up:
        row = std::max(0, row - 1);
        break;
    case Qt::Key_Down:
        row = std::min(rowCount() - 1, row + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_currentBlock >= 0)
            emit headActivated(m_currentBlock, m_currentHead);
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    head = std::clamp(head, 0, std::max(0, static_cast<int>(m_rows[row].heads.size()) - 1));
    setCurrent(m_rows[row].block, head);
}

bool AllHeadsGrid::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        int block = -1, head = -1;
        if (m_trace && cellAt(help->pos(), &block, &head)) {
            const auto &b = m_trace->blocks[static_cast<std::size_t>(block)];
            QToolTip::showText(
                help->globalPos(),
                tr("%1, head %2: click to open").arg(QString::fromStdString(b.name)).arg(head),
                this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void AllHeadsGrid::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        update();
    } else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        rebuildImages(); // the masked colour follows the palette
        updateGeometry();
        update();
    }
    QWidget::changeEvent(event);
}

void AllHeadsGrid::retranslateUi()
{
    m_layerLabel = tr("Layer %1");
    m_headLabel = tr("Head %1");
    m_emptyText = tr("No attention to show yet: train or load a model");
}

} // namespace attn
