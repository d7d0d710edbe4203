#include "attention/heatmapcelloverlay.h"

#include "attention/heatmapview.h"
#include "theme/colormaps.h"

#include <QLocale>

#include <algorithm>

namespace attn {

QRect HeatmapCellOverlay::clipRect() const
{
    return m_view->plot()->axisRect()->rect();
}

void HeatmapCellOverlay::draw(QCPPainter *painter)
{
    const AttentionMatrix &m = m_view->matrix();
    if (m.isEmpty())
        return;
    QCPAxis *x = m_view->plot()->xAxis;
    QCPAxis *y = m_view->plot()->yAxis;
    auto cellRect = [&](int r, int c) {
        const double x0 = x->coordToPixel(c - 0.5), x1 = x->coordToPixel(c + 0.5);
        const double y0 = y->coordToPixel(r - 0.5), y1 = y->coordToPixel(r + 0.5);
        return QRectF(QPointF(std::min(x0, x1), std::min(y0, y1)),
                      QPointF(std::max(x0, x1), std::max(y0, y1)));
    };
    if (m_view->valuesVisible()) {
        QCPColorGradient g = m_view->colorMap()->gradient();
        const QCPRange range = m_view->colorMap()->dataRange();
        // Text as large as the cell allows ("0.00" is about 2.4 em wide), at most
        // 1.3 times the label font, at least 7 px.
        const QRectF first = cellRect(0, 0);
        QFont f = m_font;
        const double basePx = QFontInfo(m_font).pixelSize();
        const double fit = std::min(first.height() * 0.42, first.width() / 2.6);
        f.setPixelSize(static_cast<int>(std::clamp(fit, 7.0, std::max(7.0, basePx * 1.3))));
        painter->setFont(f);
        const QLocale locale;                     // the reader's decimal separator
        const QRect vis = m_view->visibleCells(); // only what is in view (zoomed)
        for (int r = vis.top(); r <= vis.bottom(); ++r) {
            for (int c = vis.left(); c <= vis.right(); ++c) {
                if (m.masked(r, c))
                    continue;
                const double w = m.weights(r, c);
                const QColor bg = QColor::fromRgba(g.color(w, range));
                painter->setPen(ColorMaps::contrastingText(bg));
                painter->drawText(cellRect(r, c), Qt::AlignCenter, locale.toString(w, 'f', 2));
            }
        }
    }
    if (m_hoverRow >= 0 && m_hoverCol >= 0 && m_hoverRow < m.rows() && m_hoverCol < m.cols()) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(m_view->palette().color(QPalette::Highlight), 2));
        painter->drawRect(cellRect(m_hoverRow, m_hoverCol).adjusted(1, 1, -1, -1));
    }
}

} // namespace attn
