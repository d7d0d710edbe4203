#pragma once

#include "layers/linear.h"

#include "core/aligned.h"

#include <cstdint>
#include <string>

namespace attn {

// Multi-head attention whose queries come from one sequence (Tq rows) and whose
// keys and values come from another (Tk rows), as the encoder-decoder attention
// of Vaswani et al. 2017 (section 3.2.3):
//   q = x·W_q + b_q,  k = m·W_k + b_k,  v = m·W_v + b_v           (per head: d_k = C / H)
//   S = q·kᵀ (· 1/√d_k);  S[i, j] = -inf where key j is padded;  P = softmax_rows(S)
//   concat = [P_1·v_1 | ... | P_H·v_H];  y = concat·W_o + b_o
// Parameters (Hugging Face BART/Marian names): <prefix>.q_proj, .k_proj, .v_proj, .out_proj.
struct CrossAttention {
    Linear qProj;   // (C, C)
    Linear kProj;   // (C, C)
    Linear vProj;   // (C, C)
    Linear outProj; // (C, C)
    int heads = 1;
    bool scaled = true; // scores · 1/√d_k; false: raw q·k
    Index channels = 0;

    struct Cache {
        Index batch = 0, queries = 0, keys = 0;
        FloatBuffer q;       // (B·Tq, C)
        FloatBuffer k;       // (B·Tk, C)
        FloatBuffer v;       // (B·Tk, C)
        FloatBuffer concat;  // (B·Tq, C) the heads' outputs side by side
        FloatBuffer weights; // (B, H, Tq, Tk) softmax weights; padded keys exactly 0
        FloatBuffer scores;  // (B, H, Tq, Tk) raw q·k (only when recorded)
    };
    // Backward scratch.
    struct Scratch {
        FloatBuffer dq, dk, dv, dconcat; // like q, k, v, concat
    };

    static CrossAttention create(ParamStore &store, const std::string &prefix, Index channels,
                                 int heads, bool scaled = true);
    // Weights ~ normal(0, std), the output projection ~ normal(0, outStd), biases 0.
    void init(ParamStore &store, Rng &rng, float std, float outStd) const;
    float scale() const;

    // x (B·Tq, C) queries' input, memory (B·Tk, C) keys' and values' input,
    // keyPad (B·Tk) 1 = padded key (may be null) -> y (B·Tq, C). A query whose keys
    // are all padded gets weights 0 and attention output 0.
    void forward(const ParamStore &store, const float *x, const float *memory, Index batch,
                 Index queries, Index keys, const std::uint8_t *keyPad, float *y, Cache &cache,
                 bool recordScores = false) const;
    // Reverses forward; adds into the parameter gradients, dx (B·Tq, C) and
    // dmemory (B·Tk, C).
    void backward(ParamStore &store, const float *x, const float *memory, const float *dy,
                  float *dx, float *dmemory, const Cache &cache, Scratch &scratch) const;
};

} // namespace attn
