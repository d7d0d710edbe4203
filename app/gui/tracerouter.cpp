#include "gui/tracerouter.h"

#include "gui/training/trainingcontroller.h"
#include "gui/viewtabs.h"

#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/attentionselector.h"
#include "attention/heatmapview.h"
#include "attention/poolingview.h"
#include "loss/lossplotview.h"
#include "replay/replaybar.h"
#include "walkthrough/walkthroughview.h"

#include "trace/classprobabilities.h"

#include <QMainWindow>
#include <QStatusBar>

namespace attn::gui {

TraceRouter::TraceRouter(ViewTabs *views, attn::ReplayBar *replayBar, TrainingController *training,
                         QMainWindow *window, QObject *parent)
    : QObject(parent), m_views(views), m_replayBar(replayBar), m_training(training),
      m_window(window)
{
    connect(m_views, &QTabWidget::currentChanged, this, &TraceRouter::showTrace);
    for (attn::AttentionSelector *selector : {m_views->heatmapSelector(), m_views->linesSelector()})
        connect(selector, &attn::AttentionSelector::blockChanged, this, &TraceRouter::ensureTraced);
    connect(m_views->walkthrough(), &attn::WalkthroughView::selectionChanged, this,
            &TraceRouter::ensureTraced);

    connect(m_training, &TrainingController::traceReady, this,
            [this](const TraceSnapshot &trace, int step) {
                m_lastTrace = trace;
                if (!trace)
                    return;
                m_replay.add(*trace, step);
                m_replayBar->setSteps(m_replay.steps());
                const int firstCross = trace->firstBlock(attn::AttentionRole::Cross);
                const bool cross = firstCross >= 0;
                m_views->showModelTabs(cross, trace->firstBlock(attn::AttentionRole::Pool) >= 0);
                if (cross && !m_alignmentChosen) {
                    // The alignment view opens on the (first) cross-attention block,
                    // mean of its heads.
                    m_views->alignmentSelector()->setTrace(trace);
                    m_views->alignment()->setTrace(trace);
                    m_views->alignmentSelector()->setSelection(firstCross, -1);
                    m_alignmentChosen = true;
                }
                emit traceArrived();
                showTrace();
            });
    connect(m_training, &TrainingController::probePrediction, this,
            [this](const QStringList &labels, const QVector<float> &p, int) {
                m_classLabels = labels;
                m_probabilities.assign(p.begin(), p.end());
                showTrace();
            });
    connect(m_training, &TrainingController::modelReady, this, &TraceRouter::clear);
    connect(m_replayBar, &attn::ReplayBar::stepChosen, this, [this](int step) {
        m_views->lossPlot()->setMarkerStep(step);
        showTrace();
    });
    connect(m_replayBar, &attn::ReplayBar::liveChosen, this, [this] {
        m_views->lossPlot()->clearMarker();
        showTrace();
    });
    connect(m_views->lossPlot(), &attn::LossPlotView::stepClicked, m_replayBar,
            &attn::ReplayBar::showStep);
    connect(m_training, &TrainingController::progress, m_views->lossPlot(),
            [this](const QVector<attn::LossPoint> &points, double) {
                m_views->lossPlot()->appendPoints(points);
                emit lossPointsChanged(m_views->lossPlot()->pointCount());
            });
}

void TraceRouter::clear()
{
    m_alignmentChosen = false;
    // The views wait for the new model's first trace (never redraw the old).
    m_lastTrace.reset();
    m_replay.clear();
    m_replayBar->clear();
    m_classLabels.clear();
    m_probabilities.clear();
    m_views->lossPlot()->clear();
    emit lossPointsChanged(0);
}

std::shared_ptr<const attn::AttentionTrace> TraceRouter::shownTrace() const
{
    // Live: the newest trace; replaying: the stored one (weights only, so the
    // walkthrough, which needs Q, K and V, stays on the newest).
    return m_replayBar->isLive() ? m_lastTrace : m_replay.at(m_replayBar->currentStep());
}

void TraceRouter::bringHeatmapUpToDate()
{
    // The heatmap takes new traces only while shown: bring it to the trace the window
    // shows first (replaying: the step on the replay bar).
    attn::HeatmapView *heatmap = m_views->heatmap();
    if (const TraceSnapshot trace = shownTrace(); trace && heatmap->trace() != trace) {
        m_views->heatmapSelector()->setTrace(trace);
        heatmap->setTrace(trace);
    }
    heatmap->flush();
}

void TraceRouter::showTrace()
{
    const TraceSnapshot trace = shownTrace();
    if (!trace)
        return;
    QWidget *current = m_views->currentWidget();
    if (current == m_views->attentionPage() && m_views->heatmap()->trace() != trace) {
        m_views->heatmapSelector()->setTrace(trace);
        m_views->heatmap()->setTrace(trace);
    }
    if (current == m_views->grid() && m_views->grid()->trace() != trace)
        m_views->grid()->setTrace(trace);
    if (current == m_views->linesPage() && m_views->lines()->trace() != trace) {
        m_views->linesSelector()->setTrace(trace);
        m_views->lines()->setTrace(trace);
    }
    if (current == m_views->alignmentPage() && m_views->alignment()->trace() != trace) {
        m_views->alignmentSelector()->setTrace(trace);
        m_views->alignment()->setTrace(trace);
    }
    if (current == m_views->poolingPage()) {
        // Replaying: the prediction of the step shown, from its stored logits.
        std::vector<float> p = m_probabilities;
        if (trace != m_lastTrace && trace->logits.rows() == 1 &&
            trace->logits.cols() == m_classLabels.size())
            p = attn::classProbabilities(*trace);
        m_views->pooling()->setResult(trace, m_classLabels, p);
    }
    attn::WalkthroughView *walkthrough = m_views->walkthrough();
    if (current == m_views->walkthroughPage() && m_lastTrace &&
        walkthrough->trace() != m_lastTrace.get())
        walkthrough->setTrace(m_lastTrace);
    ensureTraced();
}

void TraceRouter::ensureTraced()
{
    if (!m_lastTrace)
        return;
    // The block the current view shows.
    const auto &blocks = m_lastTrace->blocks;
    auto at = [&blocks](int i) {
        return i >= 0 && i < int(blocks.size()) ? &blocks[std::size_t(i)] : nullptr;
    };
    QWidget *current = m_views->currentWidget();
    const attn::AttentionBlockTrace *shown = nullptr;
    if (current == m_views->attentionPage())
        shown = at(m_views->heatmapSelector()->block());
    else if (current == m_views->linesPage())
        shown = at(m_views->linesSelector()->block());
    else if (current == m_views->walkthroughPage())
        shown = m_lastTrace->find(m_views->walkthrough()->block().toStdString());
    if (!shown)
        return;
    const attn::AttentionBlockTrace &b = *shown;
    if (b.heads.empty() || b.heads.front().weights.size() > 0) {
        if (m_requestedLayer >= 0)
            m_window->statusBar()->clearMessage(); // the layer asked for has arrived
        m_requestedLayer = -1;
        return;
    }
    if (m_requestedLayer != b.layer)
        m_window->statusBar()->showMessage(
            tr("Tracing layer %1: the input is too long to trace every layer at once.")
                .arg(b.layer),
            5000);
    m_requestedLayer = b.layer;
    m_training->setTraceLayer(b.layer);
}

} // namespace attn::gui
