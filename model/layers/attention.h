#pragma once

#include "core/types.h"

#include "core/aligned.h"
#include <cstdint>

#include <vector>

namespace attn {

// Scaled dot-product attention over H heads, the core of multi-head attention
// (without the input and output projections, see SelfAttention).
struct AttentionConfig {
    int heads = 1;
    bool causal = true; // query i sees keys j <= i only
    bool scaled = true; // scores · 1/√d_k; false: raw q·k (shows why the scale matters)
};

struct AttentionCache {
    Index batch = 0;
    Index length = 0;
    FloatBuffer weights; // (B, H, T, T) softmax weights; masked entries exactly 0
    FloatBuffer scores;  // (B, H, T, T) raw q·k before scaling (only when recorded)
    FloatBuffer scratch; // (threads, rows, T) backward workspace
};

// The scale applied to q·k: 1/√d_k or 1.
float attentionScale(const AttentionConfig &cfg, Index headDim);

// True where query i may not see key j: above the diagonal when causal, or a
// padded key (keyPad[j] != 0). keyPad may be null.
inline bool attentionMasked(const AttentionConfig &cfg, Index i, Index j,
                            const std::uint8_t *keyPad)
{
    return (cfg.causal && j > i) || (keyPad && keyPad[j]);
}

// qkv (B·T, 3C): row (b, t) holds [q | k | v], each C = H·d_k wide, head h in
// columns h·d_k .. (h+1)·d_k of each part (GPT-2's split). keyPad (B·T) marks
// padded keys (may be null). out (B·T, C): the heads' outputs side by side.
//   S = q·kᵀ (· 1/√d_k);  S[i, j] = -inf where masked;  P = softmax_rows(S);  out = P·v
// A query row whose keys are all masked gets weights 0 and output 0.
// recordScores keeps the raw q·k in cache.scores (for the trace).
void attentionForward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                      const float *qkv, const std::uint8_t *keyPad, float *out,
                      AttentionCache &cache, bool recordScores = false);

// Reverses attentionForward. Adds into dqkv (B·T, 3C).
void attentionBackward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                       const float *qkv, const float *dout, AttentionCache &cache, float *dqkv);

// One new query (row of 3C: [q | k | v] already appended to the caches) against
// keys and values cached for positions 0..len-1 (len rows of C, row stride
// `stride`). Causal by construction. out (C). scratch holds len floats.
void attentionDecode(const AttentionConfig &cfg, Index len, Index channels, const float *q,
                     const float *keys, const float *values, Index stride, float *out,
                     float *scratch);

} // namespace attn
