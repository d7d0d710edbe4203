#pragma once

#include "core/aligned.h"
#include "core/types.h"

namespace attn {

// Rotary position embedding, RoPE (Su et al. 2021, "RoFormer: Enhanced Transformer with
// Rotary Position Embedding"): q and k of the token at position p are rotated, pair of
// dimensions by pair, by angles proportional to p, so that q_m·k_n depends on the
// positions only through m − n. Nothing is learned and nothing is added to the residual
// stream.
//
// Convention: Hugging Face Llama / Qwen2 (GPT-NeoX's "rotate_half"), which an importer of
// those checkpoints must match. It is not the paper's (nor Meta's original Llama code's)
// interleaved pairing (2i, 2i+1). For a head of D dimensions of which the first R rotate
// (R = dims, or D when dims is 0; R even), with half = R/2 and i in [0, half):
//
//   inv_freq_i = theta^(−2i/R)                 (HF: 1 / theta^(arange(0, R, 2) / R))
//   angle(p, i) = p · inv_freq_i               (HF: freqs = position_ids · inv_freq)
//   x'[i]        = x[i]·cos(angle) − x[i + half]·sin(angle)
//   x'[i + half] = x[i + half]·cos(angle) + x[i]·sin(angle)
//   x'[j] = x[j] for j in [R, D)               (HF's partial_rotary_factor = R / D)
//
// which is HF's `x·cos + rotate_half(x)·sin` with cos = cat(cos(freqs), cos(freqs)) and
// rotate_half(x) = cat(−x[half:R], x[:half]). Dimension i pairs with i + R/2.
//
// The angles are formed in double and their cos and sin stored as float; HF forms them in
// float32, so the two differ by float32's rounding of p·inv_freq (about 1e-4 rad at
// position 2000), not by convention. Not covered: HF's rope_scaling variants (linear,
// dynamic NTK, YaRN, Llama 3.1's "llama3"), which change inv_freq or the positions.
struct RotaryConfig {
    bool on = false;        // off: no rotation (the model encodes positions some other way)
    float theta = 10000.0f; // the base (HF's rope_theta; Qwen2 uses 1e6)
    int dims = 0;           // rotated dimensions per head, even; 0 = the whole head
    int positions = 0;      // length of the precomputed table: the longest sequence the
                            // layer sees (n_ctx). Required when on.
};

// Throws attn::Error unless cfg can rotate heads of headDim dimensions (always fine when off).
void checkRotary(const RotaryConfig &cfg, Index headDim);

// cos and sin of every angle(p, i) for p in [0, positions), precomputed once.
struct RotaryTable {
    Index headDim = 0;   // D
    Index dims = 0;      // R rotated dimensions (0: an empty table, nothing rotates)
    Index positions = 0; // rows of the table
    FloatBuffer cos;     // (positions, R/2) cos(p · inv_freq_i)
    FloatBuffer sin;     // (positions, R/2) sin(p · inv_freq_i)

    // The table for cfg (checked with checkRotary); empty when cfg is off.
    static RotaryTable create(const RotaryConfig &cfg, Index headDim);
    bool empty() const { return dims == 0; }
};

// Rotates x in place: batch·length rows with row stride `stride`; row (b, t) is the token
// at position pos0 + t, and holds `heads` heads of table.headDim floats side by side from
// column 0 (SelfAttention passes the q and the k heads of its [q | k | v] rows at once).
//   x' = R(pos) · x  per head, as in the header comment above.
// Throws attn::Error when pos0 + length exceeds the table. An empty table does nothing.
void rotaryForward(const RotaryTable &table, Index batch, Index length, Index pos0, Index heads,
                   float *x, Index stride);

// Reverses rotaryForward on a gradient, in place: dx = R(pos)ᵀ · dx' (the inverse rotation,
// by −angle). Same arguments as rotaryForward.
void rotaryBackward(const RotaryTable &table, Index batch, Index length, Index pos0, Index heads,
                    float *dx, Index stride);

} // namespace attn
