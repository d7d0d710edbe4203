#pragma once

#include "core/params.h"
#include "core/rng.h"

#include <string>

namespace attn {

// A fully connected layer in GPT-2's Conv1D layout: y = x·W + b with
// W (in, out) and b (out). The layer's cache is its input x, which the caller
// keeps (it is the previous layer's output) and hands back to backward().
struct Linear {
    ParamStore::Id weight = -1; // (in, out)
    ParamStore::Id bias = -1;   // (out); -1 without bias
    Index in = 0;
    Index out = 0;

    static Linear create(ParamStore &store, const std::string &prefix, Index in, Index out,
                         bool withBias = true);
    // Weights ~ normal(0, std), bias 0.
    void init(ParamStore &store, Rng &rng, float std) const;

    // y (n, out) = x (n, in) · W + b
    void forward(const ParamStore &store, const float *x, Index n, float *y) const;
    // Reverses y = x·W + b. Adds dW += xᵀ·dy and db += Σ_rows dy into the store's
    // gradients, and dx += dy·Wᵀ when dx is not null.
    void backward(ParamStore &store, const float *x, Index n, const float *dy, float *dx) const;
};

} // namespace attn
