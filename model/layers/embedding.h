#pragma once

#include "core/params.h"
#include "core/rng.h"

#include <string>
#include <vector>

namespace attn {

// Token embedding: row id of a (vocab, dim) table.
struct Embedding {
    ParamStore::Id weight = -1; // (vocab, dim)
    Index vocab = 0;
    Index dim = 0;

    static Embedding create(ParamStore &store, const std::string &name, Index vocab, Index dim);
    void init(ParamStore &store, Rng &rng, float std) const;
    // out (n, dim) = W[ids[i]]; ids must be in [0, vocab) (the caller checks).
    void forward(const ParamStore &store, const TokenId *ids, Index n, float *out) const;
    // Reverses out[i] = W[ids[i]]: dW[ids[i]] += dout[i]. Runs in row order (a
    // token repeated in the batch adds to one row, which would race in parallel).
    void backward(ParamStore &store, const TokenId *ids, Index n, const float *dout) const;

    // The output layer tied to this table (GPT-2, the Transformer encoder-decoder):
    // logits (n, vocab) = h (n, dim) · Wᵀ.
    void tiedLogits(const ParamStore &store, const float *h, Index n, float *logits) const;
    // Reverses it: dh (n, dim) = dlogits·W (overwritten), dW += dlogitsᵀ·h.
    void tiedLogitsBackward(ParamStore &store, const float *h, Index n, const float *dlogits,
                            float *dh) const;
};

enum class PositionKind {
    Learned,    // GPT-2: a (n_ctx, dim) table of parameters, "wpe.weight"
    Sinusoidal, // Vaswani et al.: PE(p, 2i) = sin(p / 10000^(2i/dim)), PE(p, 2i+1) = cos(...)
};

// The sinusoidal table (len, dim) of Vaswani et al. 2017, section 3.5.
MatRM sinusoidalPositions(Index len, Index dim);

// The amplitude a new model gives its fixed sinusoids: 0.02·√2, so that their size per
// channel (RMS = amplitude/√2) equals that of the token embeddings they are added to
// (initialised ~ normal(0, 0.02), GPT-2's init). Vaswani et al. balance the two the same
// way at their scale (unit-variance embeddings: √d_model times normal(0, 1/√d_model)).
// At amplitude 1 the sinusoids are 35 times the embeddings: the residual stream is all
// position, and no model here learned a task from it (loss stuck at ln |alphabet|).
inline constexpr float kSinusoidScale = 0.028284271f;

// Adds a position vector to each row of a (batch, length, dim) activation.
struct PositionEncoding {
    PositionKind kind = PositionKind::Learned;
    ParamStore::Id weight = -1; // (maxLength, dim) when learned
    Index maxLength = 0;
    Index dim = 0;
    MatRM table; // (maxLength, dim) when sinusoidal

    // sinusoidScale multiplies the fixed table (files written before it existed: 1).
    static PositionEncoding create(ParamStore &store, const std::string &name, PositionKind kind,
                                   Index maxLength, Index dim, float sinusoidScale);
    void init(ParamStore &store, Rng &rng, float std) const;
    // The position vectors (len, dim) as a read-only view.
    CMapRM rows(const ParamStore &store, Index len) const;
    // out (batch·length, dim) += P[t] for row (b, t).
    void addForward(const ParamStore &store, Index batch, Index length, float *out) const;
    // Reverses out[b, t] += P[t]: dP[t] += Σ_b dout[b, t] (learned only).
    void backward(ParamStore &store, Index batch, Index length, const float *dout) const;
};

} // namespace attn
