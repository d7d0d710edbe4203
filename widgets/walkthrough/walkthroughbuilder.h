#pragma once

#include "walkthrough/walkthroughformat.h"
#include "walkthrough/walkthroughpage.h"

#include "trace/walkthrough.h"

#include <QCoreApplication>

#include <string>
#include <vector>

namespace attn {

// Turns a Walkthrough (numbers) and its trace into the formatted pages of the steps.
// Numbers are only formatted here (WalkthroughFormat): values come from the trace or from
// the engine-side Walkthrough. Long vectors are elided (first columns, "…", last columns;
// the selected column is always kept). An RNN encoder-decoder's first three steps are
// written by WalkthroughRnnSteps.
class WalkthroughBuilder : private WalkthroughFormat {
    Q_DECLARE_TR_FUNCTIONS(attn::WalkthroughBuilder)
public:
    using Options = WtOptions;

    WalkthroughBuilder(const AttentionTrace &trace, const Walkthrough &walk,
                       const Options &options);

    int stepCount() const { return static_cast<int>(m_walk.steps.size()); }
    WtPage page(int step) const;

    // Localised name of a step ("Scaling by √d_k").
    static QString stepName(WalkStep step, ScoreKind kind);
    // The pages' number format and eliding (see WalkthroughFormat).
    using WalkthroughFormat::elide;
    using WalkthroughFormat::number;

private:
    // Bahdanau's (additive) or Luong's (general) score of an RNN encoder-decoder: its first
    // three steps are WalkthroughRnnSteps'.
    bool rnn() const
    {
        return m_walk.kind == ScoreKind::Additive || m_walk.kind == ScoreKind::General;
    }

    void stepInput(WtPage &page) const;
    void stepProjections(WtPage &page) const;
    void stepScores(WtPage &page) const;
    void stepScale(WtPage &page) const;
    void stepMask(WtPage &page) const;
    void stepSoftmax(WtPage &page) const;
    void stepWeightedSum(WtPage &page) const;
    void stepMultiHead(WtPage &page) const;
    QVector<WtFormulaPart> formula(WalkStep step) const;
};

} // namespace attn
