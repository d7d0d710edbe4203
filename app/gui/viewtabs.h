#pragma once

#include <QTabWidget>

namespace attn {
class AllHeadsGrid;
class AttentionLinesView;
class AttentionSelector;
class HeatmapView;
class LossPlotView;
class PoolingView;
class SandboxView;
class WalkthroughView;
} // namespace attn

namespace attn::gui {

class InferencePanel;
class TrainingController;

// The window's central tabs and the views in them: the heatmap, the lines and the
// alignment each under a selector, the all-heads grid, the pooling view, the loss plot,
// the Inference panel, the walkthrough and the sandbox. What they show is routed to them
// (TraceRouter); this class builds them and knows which view the current tab shows.
class ViewTabs : public QTabWidget {
    Q_OBJECT
public:
    explicit ViewTabs(QWidget *parent = nullptr);
    // The views, in their tabs (the Inference panel asks training for model snapshots).
    void addViews(TrainingController *training);

    attn::HeatmapView *heatmap() const { return m_heatmap; }
    attn::AttentionSelector *heatmapSelector() const { return m_selector; }
    attn::AllHeadsGrid *grid() const { return m_grid; }
    attn::AttentionLinesView *lines() const { return m_lines; }
    attn::AttentionSelector *linesSelector() const { return m_linesSelector; }
    attn::HeatmapView *alignment() const { return m_alignment; }
    attn::AttentionSelector *alignmentSelector() const { return m_alignmentSelector; }
    attn::PoolingView *pooling() const { return m_pooling; }
    attn::LossPlotView *lossPlot() const { return m_lossPlot; }
    InferencePanel *inference() const { return m_inference; }
    attn::WalkthroughView *walkthrough() const { return m_walkthrough; }

    // The pages the tabs hold (a view, or the page around it with its selector).
    QWidget *attentionPage() const { return m_attentionPage; }
    QWidget *linesPage() const { return m_linesPage; }
    QWidget *alignmentPage() const { return m_alignmentPage; }
    QWidget *poolingPage() const { return m_poolingPage; }
    QWidget *walkthroughPage() const { return m_walkthroughPage; }

    // The view on the current tab, as File ▸ Export ▸ View as Image writes it.
    QWidget *currentView() const;
    // The current view's file name without suffix ("attention", "loss", ...).
    QString currentViewName() const;
    // The tabs of the models that have such attention: cross (seq2seq) and pooling.
    void showModelTabs(bool cross, bool pool);
    void retranslateUi();

private:
    QWidget *scrolledPage(QWidget *content);

    attn::HeatmapView *m_heatmap = nullptr;
    attn::AttentionSelector *m_selector = nullptr;
    attn::AllHeadsGrid *m_grid = nullptr;
    attn::AttentionLinesView *m_lines = nullptr;
    attn::AttentionSelector *m_linesSelector = nullptr;
    attn::LossPlotView *m_lossPlot = nullptr;
    attn::HeatmapView *m_alignment = nullptr;
    attn::AttentionSelector *m_alignmentSelector = nullptr;
    attn::PoolingView *m_pooling = nullptr;
    InferencePanel *m_inference = nullptr;
    attn::WalkthroughView *m_walkthrough = nullptr;
    attn::SandboxView *m_sandbox = nullptr;
    QWidget *m_attentionPage = nullptr;
    QWidget *m_linesPage = nullptr;
    QWidget *m_alignmentPage = nullptr;
    QWidget *m_poolingPage = nullptr;
    QWidget *m_walkthroughPage = nullptr; // the scroll area holding it (the tab page)
    QWidget *m_sandboxPage = nullptr;
};

} // namespace attn::gui
