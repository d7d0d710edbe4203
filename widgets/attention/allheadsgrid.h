#pragma once

#include "theme/colormaps.h"
#include "trace/attentiontrace.h"

#include <QImage>

#include <QVector>
#include <QWidget>
#include <array>

#include <memory>
#include <optional>

namespace attn {

// Small multiples: one small attention heatmap per (layer, head) for the blocks of one
// role, rows "Layer l", columns "Head h". Click a cell to open it (headActivated).
// Drawn with QPainter from cached images, so a 12x12 grid of 128x128 matrices redraws fast.
class AllHeadsGrid : public QWidget {
    Q_OBJECT
public:
    explicit AllHeadsGrid(QWidget *parent = nullptr);

    std::shared_ptr<const AttentionTrace> trace() const { return m_trace; }
    // The role whose blocks form the rows; empty until a trace or setRole() decides
    // (the role of the trace's first block by default).
    std::optional<AttentionRole> role() const { return m_role; }
    GradientKind gradient() const { return m_gradient; }
    double fontScale() const { return m_fontScale; }

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    int columnCount() const { return m_columns; }
    // Block index (into AttentionTrace::blocks) shown in grid row `row`, or -1.
    int blockAt(int row) const;
    // Where the cell for grid row `row`, head `head` is drawn (empty if none).
    QRect cellRect(int row, int head) const;
    // Cell under a widget point: block index and head; false outside every cell.
    bool cellAt(const QPoint &pos, int *block, int *head) const;
    int currentBlock() const { return m_currentBlock; }
    int currentHead() const { return m_currentHead; }

    // Side of the largest image a head is drawn from; longer traces are reduced to it.
    static constexpr int maxImageSide = 128;
    // The image one head is drawn from: (Tk, Tq) pixels, or, for a longer trace, blocks
    // of weights reduced to their largest visible one (at most maxImageSide a side).
    // Masked weights in `masked`; mask may be empty.
    static QImage headImage(const MatRM &weights, const MatRM &mask,
                            const std::array<QRgb, 256> &lut, QRgb masked);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setTrace(std::shared_ptr<const attn::AttentionTrace> trace);
    void setRole(attn::AttentionRole role);
    void setGradient(attn::GradientKind kind);
    // Frames the cell currently open in the heatmap; (-1, -1) for none.
    void setCurrent(int block, int head);
    void setFontScale(double scale);
    void setPresentationMode(bool on);

signals:
    void headActivated(int block, int head);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Row {
        int block = -1;
        int layer = 0;
        QVector<QImage> heads; // one (Tk x Tq) image per head
    };
    struct Geometry {
        int headerWidth = 0;
        int headerHeight = 0;
        int cell = 0;
        int gap = 0;
        QPoint origin; // top-left of cell (0, 0)
        QRect legend;  // colour bar
    };
    void rebuildImages(); // the rows and columns; marks the images for colouring
    void colourImages();
    Geometry geometry() const;
    QFont scaledFont(bool bold = false) const;
    void retranslateUi();

    std::shared_ptr<const AttentionTrace> m_trace;
    std::optional<AttentionRole> m_role;
    bool m_roleFixed = false;
    GradientKind m_gradient = GradientKind::Viridis;
    double m_fontScale = 1.0;
    QVector<Row> m_rows;
    bool m_imagesDirty = false;
    int m_columns = 0;
    int m_currentBlock = -1;
    int m_currentHead = -1;
    int m_hoverBlock = -1;
    int m_hoverHead = -1;
    QString m_layerLabel; // "Layer %1"
    QString m_headLabel;  // "Head %1"
    QString m_emptyText;
};

} // namespace attn
