#pragma once

#include "layers/attention.h"
#include "layers/linear.h"
#include "layers/rotary.h"

#include "core/aligned.h"
#include <string>

#include <vector>

namespace attn {

// Multi-head self-attention as in GPT-2: qkv = x·W_attn + b_attn (one fused
// projection, "c_attn"), per-head scaled dot-product attention, then
// y = concat·W_proj + b_proj ("c_proj"). config.kvHeads < config.heads shares key/value
// heads (grouped-query attention: c_attn then makes Hkv k and v heads, not H), and
// config.rotary rotates q and k by their positions (RoPE) between c_attn and the core:
//   qkv = x·W_attn + b_attn                 (B·T, W)  W = (H + 2·Hkv)·d_k, d_k = C / H
//   q, k = rotary(q, k; positions 0..T-1)   (only with config.rotary.on)
//   concat = attention(qkv)                 (B·T, C)
//   y = concat·W_proj + b_proj              (B·T, C)
struct SelfAttention {
    Linear cAttn; // (C, W) [W_q | W_k | W_v]; (C, 3C) with the defaults
    Linear cProj; // (C, C)
    AttentionConfig config;
    Index channels = 0;
    RotaryTable rotary; // cos/sin of config.rotary; empty when it is off

    struct Cache {
        // (B·T, W) [q | k | v] as the core saw them: q and k rotated when config.rotary.on.
        FloatBuffer qkv;
        // (B·T, W) c_attn's output before the rotation (q and k unrotated, v the same as in
        // qkv), for a trace to show the rotation as a step. Empty when config.rotary is off
        // (then qkv is c_attn's output).
        FloatBuffer unrotated;
        FloatBuffer concat;  // (B·T, C) the heads' outputs side by side
        AttentionCache core; // weights (B, H, T, T)
    };

    // One-token buffers for decode().
    struct DecodeCache {
        FloatBuffer qkv;    // (W) this token's [q | k | v], q and k rotated
        FloatBuffer concat; // (C)
        FloatBuffer scores; // (len)
    };

    // Registers <prefix>.c_attn (C, W) and <prefix>.c_proj (C, C), in that order. With the
    // default kvHeads and rotary the names, shapes and order are GPT-2's. Throws attn::Error
    // on a config qkvLayout refuses.
    static SelfAttention create(ParamStore &store, const std::string &prefix, Index channels,
                                const AttentionConfig &config);
    // Where q, k and v sit in a row of Cache::qkv (and of the dqkv gradient).
    QkvLayout layout() const { return qkvLayout(config, channels); }

    // x (B·T, C) -> y (B·T, C). keyPad (B·T) may be null. Row (b, t) is at position t.
    void forward(const ParamStore &store, const float *x, Index batch, Index length,
                 const std::uint8_t *keyPad, float *y, Cache &cache,
                 bool recordScores = false) const;
    // Reverses forward; adds into the parameter gradients and into dx (B·T, C).
    // dqkv (B·T·W) and dconcat (B·T·C) are scratch.
    void backward(ParamStore &store, const float *x, Index batch, Index length, const float *dy,
                  float *dx, Cache &cache, FloatBuffer &dqkv, FloatBuffer &dconcat) const;

    // One token of cached generation: x (C) the token at position pos -> y (C). keys and
    // values hold rows 0..pos-1 (Hkv·d_k each, row stride `stride`, as forward's
    // Cache::qkv has them: columns layout().kCol(0) and .vCol(0), kvWidth() wide, k
    // rotated); this appends the token's k (rotated to pos) and v as row pos. The same as
    // row pos of forward over positions 0..pos (up to rounding).
    void decode(const ParamStore &store, const float *x, Index pos, float *keys, float *values,
                Index stride, float *y, DecodeCache &cache) const;
};

} // namespace attn
