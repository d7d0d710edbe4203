#pragma once

#include "layers/linear.h"

#include "core/aligned.h"

#include <cstdint>
#include <string>

namespace attn {

// Additive attention pooling over the tokens of a sequence (the attention of
// Bahdanau et al. 2015 with a learned query, as in Yang et al. 2016's
// hierarchical attention networks and Zhou et al. 2016's attention BiLSTM):
//   u_t = tanh(h_t·W + b)            (T, A)   "Uh" is h·W + b, before tanh
//   e_t = u_t·v                      (T)      the score of token t
//   a   = softmax_t(e) over the tokens that are not padding (padding: exactly 0)
//   c   = Σ_t a_t·h_t                (C)      the pooled vector
// Parameters: <prefix>.proj.weight (C, A), <prefix>.proj.bias (A), <prefix>.v (A).
struct AttentionPool {
    Linear proj;           // (C, A)
    ParamStore::Id v = -1; // (A) the learned query
    Index channels = 0;    // C
    Index dim = 0;         // A

    struct Cache {
        Index batch = 0, length = 0;
        FloatBuffer pre;     // (B·T, A) h·W + b ("Uh")
        FloatBuffer u;       // (B·T, A) tanh(pre)
        FloatBuffer scores;  // (B·T) e = u·v
        FloatBuffer weights; // (B·T) softmax over each row's tokens; padding exactly 0
    };
    struct Scratch {
        FloatBuffer dpre; // (B·T, A)
    };

    static AttentionPool create(ParamStore &store, const std::string &prefix, Index channels,
                                Index dim);
    // W ~ normal(0, std), b = 0, v ~ normal(0, std).
    void init(ParamStore &store, Rng &rng, float std) const;

    // h (B·T, C), keyPad (B·T) 1 = padding (may be null) -> out (B, C). A row whose
    // tokens are all padding gets weights 0 and output 0.
    void forward(const ParamStore &store, const float *h, Index batch, Index length,
                 const std::uint8_t *keyPad, float *out, Cache &cache) const;
    // Reverses forward; adds into the parameter gradients and into dh (B·T, C).
    void backward(ParamStore &store, const float *h, const float *dout, float *dh,
                  const Cache &cache, Scratch &scratch) const;
};

} // namespace attn
