#pragma once

#include "core/params.h"

#include "core/aligned.h"
#include <string>

#include <vector>

namespace attn {

// What LayerNorm's backward needs besides its input.
struct LayerNormCache {
    FloatBuffer mean; // (n) row means
    FloatBuffer rstd; // (n) 1 / sqrt(var + eps), biased variance
};

// y = (x - mean) / sqrt(var + eps) * w + b over the last dimension.
struct LayerNorm {
    ParamStore::Id weight = -1; // (dim) gain, starts at 1
    ParamStore::Id bias = -1;   // (dim) shift, starts at 0
    Index dim = 0;
    float eps = 1e-5f;

    static LayerNorm create(ParamStore &store, const std::string &prefix, Index dim, float eps);
    void init(ParamStore &store) const;

    // x, y (n, dim); y may not alias x.
    void forward(const ParamStore &store, const float *x, Index n, float *y,
                 LayerNormCache &cache) const;
    // Reverses forward: dw += Σ dy·x̂, db += Σ dy, dx += (dx̂ - mean(dx̂) - x̂·mean(dx̂·x̂))·rstd
    // with dx̂ = dy·w.
    void backward(ParamStore &store, const float *x, Index n, const LayerNormCache &cache,
                  const float *dy, float *dx) const;
};

} // namespace attn
