#pragma once

#include "core/rng.h"
#include "core/types.h"

#include "core/aligned.h"

#include <vector>

namespace attn {

// Inverted dropout: in training each value is kept with probability 1 - p and
// scaled by 1 / (1 - p); in evaluation (or p == 0) it is the identity.
struct DropoutCache {
    FloatBuffer mask; // (n) 0 or 1/(1-p); empty when dropout was off
};

// x (n) in place. The mask is drawn from rng in index order, so the same seed
// gives the same mask whatever the thread count.
void dropoutForward(float p, bool training, Rng &rng, float *x, Index n, DropoutCache &cache);
// Reverses y = x·mask: dx = dy·mask, in place on d (n).
void dropoutBackward(const DropoutCache &cache, float *d, Index n);
// d(loss)/d(x) for y = dropout(x) given dy: dy·mask in tmp, or dy itself when dropout was off.
const float *dropoutGradient(const DropoutCache &cache, const FloatBuffer &dy, FloatBuffer &tmp);

} // namespace attn
