#pragma once

#include "core/types.h"

namespace attn {

enum class Activation {
    GeluTanh, // GPT-2's GELU: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) ("gelu_new")
    Relu,     // max(0, x)
};

// y = f(x) elementwise over n values; y may alias x.
void activationForward(Activation act, const float *x, Index n, float *y);
// Reverses y = f(x): dx = dy·f'(x). Activations have no parameters, so this
// writes dx (it does not add); dx may alias dy.
void activationBackward(Activation act, const float *x, Index n, const float *dy, float *dx);

} // namespace attn
