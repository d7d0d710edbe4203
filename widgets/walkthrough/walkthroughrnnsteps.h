#pragma once

#include "walkthrough/walkthroughformat.h"

#include <QCoreApplication>

namespace attn {

// The walkthrough steps that differ for an RNN encoder-decoder's attention (Bahdanau's
// additive score vᵀ·tanh(W·s + U·h_j), Luong's general score s_iᵀ·W·h_j): the decoder
// state asks, the encoder states are the keys and the values, and there are no Q/K/V
// projections. WalkthroughBuilder writes the other steps, which are the same for every
// attention.
class WalkthroughRnnSteps : private WalkthroughFormat {
    Q_DECLARE_TR_FUNCTIONS(attn::WalkthroughRnnSteps)
public:
    explicit WalkthroughRnnSteps(const WalkthroughFormat &format);

    void input(WtPage &page) const;
    void projections(WtPage &page) const;
    // The score e_ij term by term over its n terms (the sum follows on the page).
    void scoreTerms(WtPage &page, int n) const;

private:
    void additiveProjections(WtPage &page) const;
    void generalProjections(WtPage &page) const;
};

} // namespace attn
