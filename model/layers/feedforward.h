#pragma once

#include "layers/activation.h"
#include "layers/linear.h"

#include "core/aligned.h"
#include <string>

#include <vector>

namespace attn {

// The position-wise feed-forward block: y = f(x·W_fc + b_fc)·W_proj + b_proj
// ("mlp.c_fc", "mlp.c_proj" in GPT-2).
struct FeedForward {
    Linear cFc;   // (C, F)
    Linear cProj; // (F, C)
    Activation activation = Activation::GeluTanh;

    struct Cache {
        FloatBuffer pre;  // (n, F) x·W_fc + b_fc
        FloatBuffer post; // (n, F) f(pre)
    };

    static FeedForward create(ParamStore &store, const std::string &prefix, Index channels,
                              Index hidden, Activation activation);
    // x (n, C) -> y (n, C)
    void forward(const ParamStore &store, const float *x, Index n, float *y, Cache &cache) const;
    // Reverses forward; adds into the parameter gradients and into dx (n, C).
    // dhidden (n·F) is scratch.
    void backward(ParamStore &store, const float *x, Index n, const float *dy, float *dx,
                  const Cache &cache, FloatBuffer &dhidden) const;
};

} // namespace attn
