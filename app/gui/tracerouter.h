#pragma once

#include "gui/training/trainingworker.h"

#include "replay/replaystore.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QMainWindow;
namespace attn {
class ReplayBar;
struct AttentionTrace;
} // namespace attn

namespace attn::gui {

class TrainingController;
class ViewTabs;

// Routes what training shows to the views: the newest probe trace (or, replaying, the
// step on the replay bar) to the view on the current tab, the classifier's prediction to
// the pooling view, the loss points to the loss plot. Hidden views get the trace when
// their tab is shown: updating them at the trace rate would cost the GUI thread.
class TraceRouter : public QObject {
    Q_OBJECT
public:
    // window: for the status bar's messages.
    TraceRouter(ViewTabs *views, attn::ReplayBar *replayBar, TrainingController *training,
                QMainWindow *window, QObject *parent = nullptr);

    // Live, the newest trace; replaying, the stored one of the step shown.
    std::shared_ptr<const attn::AttentionTrace> shownTrace() const;
    // Training replay: the probe's attention as it was at earlier steps.
    const attn::ReplayStore &replay() const { return m_replay; }
    // The heatmap (which takes traces only while shown) on the trace shown, for export.
    void bringHeatmapUpToDate();
    // Another model kind: the alignment view opens on its first cross block again.
    void forgetAlignment() { m_alignmentChosen = false; }

signals:
    void traceArrived();             // a probe trace (so there is attention data)
    void lossPointsChanged(int all); // the loss plot's point count after a change

private:
    void showTrace();
    // A probe too long to trace every layer brings only one layer's heads (the others
    // listed empty): asks for the layer the current view shows if it is not in the trace.
    void ensureTraced();
    void clear(); // a new model: the views wait for its first trace

    ViewTabs *m_views;
    attn::ReplayBar *m_replayBar;
    TrainingController *m_training;
    QMainWindow *m_window;
    attn::ReplayStore m_replay{10, 120}; // a snapshot every 10 steps, at most 120
    std::shared_ptr<const attn::AttentionTrace>
        m_lastTrace;                    // the newest probe trace, for the walkthrough when shown
    QStringList m_classLabels;          // the classifier's classes, for the pooling view
    std::vector<float> m_probabilities; // and its probabilities for the probe
    bool m_alignmentChosen = false;     // the alignment view shows a cross block already
    int m_requestedLayer = -1;          // the layer last asked for by ensureTraced()
};

} // namespace attn::gui
