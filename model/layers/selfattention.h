#pragma once

#include "layers/attention.h"
#include "layers/linear.h"

#include "core/aligned.h"
#include <string>

#include <vector>

namespace attn {

// Multi-head self-attention as in GPT-2: qkv = x·W_attn + b_attn (one fused
// projection, "c_attn"), per-head scaled dot-product attention, then
// y = concat·W_proj + b_proj ("c_proj").
struct SelfAttention {
    Linear cAttn; // (C, 3C)
    Linear cProj; // (C, C)
    AttentionConfig config;
    Index channels = 0;

    struct Cache {
        FloatBuffer qkv;     // (B·T, 3C) [q | k | v]
        FloatBuffer concat;  // (B·T, C) the heads' outputs side by side
        AttentionCache core; // weights (B, H, T, T)
    };

    static SelfAttention create(ParamStore &store, const std::string &prefix, Index channels,
                                const AttentionConfig &config);
    // x (B·T, C) -> y (B·T, C). keyPad (B·T) may be null.
    void forward(const ParamStore &store, const float *x, Index batch, Index length,
                 const std::uint8_t *keyPad, float *y, Cache &cache,
                 bool recordScores = false) const;
    // Reverses forward; adds into the parameter gradients and into dx (B·T, C).
    // dqkv (B·T·3C) and dconcat (B·T·C) are scratch.
    void backward(ParamStore &store, const float *x, Index batch, Index length, const float *dy,
                  float *dx, Cache &cache, FloatBuffer &dqkv, FloatBuffer &dconcat) const;
};

} // namespace attn
