#pragma once

#include "core/types.h"
#include "layers/rotary.h"

#include "core/aligned.h"
#include <cstdint>

#include <vector>

namespace attn {

// Scaled dot-product attention over H query heads, the core of multi-head attention
// (without the input and output projections, see SelfAttention). The defaults are
// GPT-2's: every query head has its own key and value head, positions are not encoded here.
struct AttentionConfig {
    int heads = 1;
    bool causal = true; // query i sees keys j <= i only
    bool scaled = true; // scores · 1/√d_k; false: raw q·k (shows why the scale matters)
    // Key/value heads Hkv (0 = heads). Hkv < H shares each key/value head among H/Hkv
    // consecutive query heads: grouped-query attention (Ainslie et al. 2023; Llama 2/3's and
    // Qwen2's num_key_value_heads), multi-query attention when Hkv = 1. H % Hkv == 0.
    int kvHeads = 0;
    // Rotary position encoding of q and k. SelfAttention applies it (after c_attn, before
    // the core); the core functions below take q and k as they are and ignore it.
    RotaryConfig rotary{};
};

// Where q, k and v sit in a row of the fused qkv buffer:
//   [q (H·d_k) | k (Hkv·d_k) | v (Hkv·d_k)],  width (H + 2·Hkv)·d_k
// query head h in columns qCol(h) .. qCol(h) + d_k, key/value head g in kCol(g) and vCol(g);
// query head h attends with key/value head kvHeadOf(h) = h / (H/Hkv). With Hkv = H it is
// GPT-2's [q | k | v] of 3C (C = H·d_k). Models and the trace index qkv through this.
struct QkvLayout {
    Index heads = 1;   // H
    Index kvHeads = 1; // Hkv
    Index headDim = 0; // d_k

    Index group() const { return heads / kvHeads; }     // query heads per key/value head
    Index qWidth() const { return heads * headDim; }    // C, also the width of the core's output
    Index kvWidth() const { return kvHeads * headDim; } // the k part, and the v part
    Index width() const { return qWidth() + 2 * kvWidth(); }
    Index qCol(Index h) const { return h * headDim; }
    Index kCol(Index g) const { return qWidth() + g * headDim; }
    Index vCol(Index g) const { return qWidth() + kvWidth() + g * headDim; }
    Index kvHeadOf(Index h) const { return h / group(); }
};

// The layout of cfg for channels = H·d_k. Throws attn::Error when the heads do not split
// channels, when kvHeads does not divide heads, or when cfg.rotary cannot rotate the heads
// (an odd d_k, say).
QkvLayout qkvLayout(const AttentionConfig &cfg, Index channels);

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

// qkv (B·T, W): row (b, t) holds [q | k | v] as QkvLayout says, W = (H + 2·Hkv)·d_k
// (3C without sharing, GPT-2's split); channels = C = H·d_k. keyPad (B·T) marks padded
// keys (may be null). out (B·T, C): the query heads' outputs side by side. For query head h
// and its key/value head g = kvHeadOf(h):
//   S = q_h·k_gᵀ (· 1/√d_k);  S[i, j] = -inf where masked;  P = softmax_rows(S);  out_h = P·v_g
// A query row whose keys are all masked gets weights 0 and output 0.
// recordScores keeps the raw q·k in cache.scores (for the trace). Throws attn::Error on a
// config qkvLayout refuses.
void attentionForward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                      const float *qkv, const std::uint8_t *keyPad, float *out,
                      AttentionCache &cache, bool recordScores = false);

// Reverses attentionForward. Adds into dqkv (B·T, W). The query heads of one group add
// into the same dk and dv columns, in order h = g·H/Hkv, g·H/Hkv + 1, ...
void attentionBackward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                       const float *qkv, const float *dout, AttentionCache &cache, float *dqkv);

// One new query against keys and values cached for positions 0..len-1, the new token's
// own k and v (row len-1) already appended. q: the query heads (C = H·d_k floats, e.g. the
// start of a qkv row); keys, values: len rows of Hkv·d_k (key/value head g at g·d_k), row
// stride `stride`. q and keys are taken as they are: with rotary position encoding they
// must already be rotated to their positions (SelfAttention::decode does that). Causal by
// construction. out (C). scratch holds len floats.
void attentionDecode(const AttentionConfig &cfg, Index len, Index channels, const float *q,
                     const float *keys, const float *values, Index stride, float *out,
                     float *scratch);

} // namespace attn
