#include "theme/plottheme.h"

#include <qcustomplot.h>

namespace attn {

bool PlotTheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QFont PlotTheme::scaledFont(const QFont &base, double scale, bool bold)
{
    QFont f = base;
    const double pt = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
    f.setPointSizeF(pt * scale);
    f.setBold(bold);
    return f;
}

void PlotTheme::apply(QCustomPlot *plot, const QPalette &palette, const QFont &baseFont,
                      double fontScale)
{
    const QColor bg = palette.color(QPalette::Base);
    const QColor fg = palette.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlphaF(0.15f);
    QColor subGrid = fg;
    subGrid.setAlphaF(0.07f);
    plot->setBackground(palette.color(QPalette::Window));
    const QFont tickFont = scaledFont(baseFont, fontScale);
    const QFont labelFont = scaledFont(baseFont, fontScale * 1.05, true);
    const qreal penWidth = fontScale > 1.2 ? 1.5 : 1.0;
    for (QCPAxisRect *rect : plot->axisRects()) {
        rect->setBackground(bg);
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(fg, penWidth));
            axis->setTickPen(QPen(fg, penWidth));
            axis->setSubTickPen(QPen(fg, penWidth * 0.7));
            axis->setTickLabelColor(fg);
            axis->setLabelColor(fg);
            axis->setTickLabelFont(tickFont);
            axis->setLabelFont(labelFont);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    if (plot->legend) {
        QColor lb = bg;
        lb.setAlphaF(0.85f);
        plot->legend->setBrush(lb);
        QColor border = fg;
        border.setAlphaF(0.35f);
        plot->legend->setBorderPen(QPen(border));
        plot->legend->setTextColor(fg);
        plot->legend->setFont(tickFont);
        plot->legend->setSelectedFont(tickFont);
        plot->legend->setIconSize(qRound(20 * fontScale), qRound(10 * fontScale));
    }
}

} // namespace attn
