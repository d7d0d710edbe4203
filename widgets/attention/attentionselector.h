#pragma once

#include "attention/heatmapview.h"
#include "theme/colormaps.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;

namespace attn {

class AttentionLinesView;

// The row of choosers above a heatmap: block (layer), head or mean of heads, colour map,
// colour range and "show values". attach() wires it to a HeatmapView (and optionally a
// lines view) so the lead only has to place it.
class AttentionSelector : public QWidget {
    Q_OBJECT
public:
    explicit AttentionSelector(QWidget *parent = nullptr);

    int block() const; // index into AttentionTrace::blocks, -1 when there is none
    int head() const;  // -1: mean of heads
    GradientKind gradient() const;
    HeatmapView::RangeMode rangeMode() const;
    bool showValues() const;
    QComboBox *blockBox() const { return m_block; }
    QComboBox *headBox() const { return m_head; }

    // Keeps the selectors and the view in step both ways.
    void attach(HeatmapView *view);
    void attach(AttentionLinesView *view);

public slots:
    void setTrace(std::shared_ptr<const attn::AttentionTrace> trace);
    void setSelection(int block, int head); // e.g. from AllHeadsGrid::headActivated

signals:
    void blockChanged(int block);
    void headChanged(int head);
    void gradientChanged(attn::GradientKind kind);
    void rangeModeChanged(attn::HeatmapView::RangeMode mode);
    void showValuesChanged(bool show);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillHeads(int count);
    void retranslateUi();

    QLabel *m_blockLabel = nullptr;
    QLabel *m_headLabel = nullptr;
    QLabel *m_gradientLabel = nullptr;
    QComboBox *m_block = nullptr;
    QComboBox *m_head = nullptr;
    QComboBox *m_gradient = nullptr;
    QComboBox *m_range = nullptr;
    QCheckBox *m_values = nullptr;
    std::shared_ptr<const AttentionTrace> m_trace;
    bool m_filling = false;
};

} // namespace attn
