#pragma once

#include "attention/attentionmatrix.h"
#include "theme/colormaps.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;
class QTimer;

namespace attn {

class HeatmapCellOverlay;

// One attention matrix of a trace as a heatmap: rows are queries (first query on top),
// columns are keys, one cell per weight, no interpolation. Hatched cells are masked
// (score set to -inf). Feed it snapshots with setTrace(); updates are coalesced, so it
// can be fed many times a second.
class HeatmapView : public QWidget {
    Q_OBJECT
public:
    enum class RangeMode {
        Fixed,     // colour scale [0, 1]: comparable across heads and steps
        Automatic, // colour scale fitted to the shown matrix
    };

    explicit HeatmapView(QWidget *parent = nullptr);
    ~HeatmapView() override;

    std::shared_ptr<const AttentionTrace> trace() const { return m_trace; }
    int block() const { return m_block; }
    int head() const { return m_head; }
    RangeMode rangeMode() const { return m_rangeMode; }
    GradientKind gradient() const { return m_gradient; }
    bool showValues() const { return m_showValues; }
    double fontScale() const { return m_fontScale; }
    // Numbers are drawn in the cells when asked and the cells in view are at least this
    // large (in pixels): zooming in on a long text shows them.
    static constexpr double minValueCellWidth = 18.0, minValueCellHeight = 14.0;
    bool valuesVisible() const;
    // The title above the matrix (block, head, and why values asked for are not shown).
    QString title() const;

    // The matrix as last drawn (after flush()).
    const AttentionMatrix &matrix() const { return m_matrix; }
    QCustomPlot *plot() const { return m_plot; }
    QCPColorMap *colorMap() const { return m_map; }
    QCPColorScale *colorScale() const { return m_scale; }

    // Cell under a point in plot() coordinates; false outside the matrix.
    bool cellAt(const QPoint &pos, int *row, int *col) const;
    // The hover text for a point in plot() coordinates (empty outside the matrix).
    QString toolTipAt(const QPoint &pos) const;
    // Shown tick labels: every labelStep()-th token (1 = all) of the visible part.
    int labelStep(Qt::Orientation orientation) const;
    // True when zoomed in (the wheel, zoomIn(), or a drag of the zoomed view pans it).
    bool zoomed() const;
    // The visible rows and columns: first index and count (the whole matrix unzoomed).
    QRect visibleCells() const;

    // Applies pending changes and redraws now (normally done on the next event-loop pass).
    void flush();

public slots:
    void setTrace(std::shared_ptr<const attn::AttentionTrace> trace);
    void setBlock(int index);
    bool setBlockName(const QString &name); // false when the trace has no such block
    void setHead(int head);                 // -1: mean of the block's heads
    void setRangeMode(attn::HeatmapView::RangeMode mode);
    void setGradient(attn::GradientKind kind);
    void setShowValues(bool show);
    void setFontScale(double scale);
    void setPresentationMode(bool on);
    // Zoom about the centre of the view by a factor of 2, and back to the whole matrix.
    void zoomIn();
    void zoomOut();
    void resetZoom();

signals:
    void cellHovered(int row, int col); // (-1, -1) when the pointer leaves the matrix
    void selectionChanged(int block, int head);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleUpdate();
    void rebuild();
    void retranslateUi();
    void applyTheme();
    bool updateTicks();        // true when the label thinning or the title changed
    bool updateTitle();        // true when it changed
    QSizeF cellPixels() const; // a visible cell's size on screen
    void clampRanges();        // keeps a zoomed view inside the matrix
    void zoomBy(double factor);
    void relabelByteGroups();
    void fitFiniteRange();
    void onMouseMove(QMouseEvent *event);
    int resolveBlock() const;

    QCustomPlot *m_plot = nullptr;
    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
    QCPTextElement *m_title = nullptr;
    HeatmapCellOverlay *m_overlay = nullptr;
    QTimer *m_updateTimer = nullptr;

    std::shared_ptr<const AttentionTrace> m_trace;
    AttentionMatrix m_matrix;
    QString m_blockName; // selection is kept by name across traces
    int m_block = 0;
    int m_head = -1;
    int m_headCount = 0;
    RangeMode m_rangeMode = RangeMode::Fixed;
    GradientKind m_gradient = GradientKind::Viridis;
    bool m_showValues = true;
    double m_fontScale = 1.0;
    int m_rowStep = 1;
    int m_colStep = 1;
    bool m_rotateKeys = false;
    double m_widestKey = 0; // widest elided key label, px (measured once per matrix)
    bool m_clamping = false;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
};

} // namespace attn
