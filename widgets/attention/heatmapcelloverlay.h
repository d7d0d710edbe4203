#pragma once

#include <QFont>
#include <qcustomplot.h>

namespace attn {

class HeatmapView;

// Draws what the colour map cannot: the weight in each cell of a small matrix, with
// black or white text chosen against the cell's colour, and a frame around the hovered
// cell. A layerable, so it goes into PNG, SVG and PDF exports as vector text.
class HeatmapCellOverlay : public QCPLayerable {
public:
    HeatmapCellOverlay(HeatmapView *view, QCustomPlot *plot, const QString &layer)
        : QCPLayerable(plot, layer), m_view(view)
    {
    }

    void setFont(const QFont &font) { m_font = font; }
    void setHover(int row, int col)
    {
        m_hoverRow = row;
        m_hoverCol = col;
    }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override
    {
        applyAntialiasingHint(painter, true, QCP::aeOther);
    }

    void draw(QCPPainter *painter) override;

private:
    HeatmapView *m_view;
    QFont m_font;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
};

} // namespace attn
