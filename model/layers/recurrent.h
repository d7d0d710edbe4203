#pragma once

// Recurrent layers: GRU and LSTM cells with full backpropagation through time,
// one direction or both, over variable-length padded batches.
//
// How to use (an encoder over a padded batch x (B, T, in) with row lengths):
//
//   // registration, before store.allocate():
//   BiRecurrent rnn = BiRecurrent::create(store, "encoder.rnn", RnnCell::GRU, in, hidden);
//   // after allocate():
//   rnn.init(store, rng);
//   // training step:
//   BiRecurrent::Cache cache;
//   FloatBuffer out(B * T * 2 * hidden);              // (B, T, 2H): [forward | backward]
//   rnn.forward(store, x, B, T, lengths, out.data(), cache);
//   ...                                               // dout (B, T, 2H) from above
//   rnn.backward(store, store.grads().data(), cache, dout, nullptr, nullptr, dx);
//
// Masks: row r is real for t < lengths[r]. A padded step leaves the state
// unchanged, writes 0 into the output and gets no gradient. The backward
// direction starts at each row's own last real token (t = lengths[r] - 1).
// After forward, cache.forward.hFinal (B, H) is the forward direction's state
// after each row's last real token and cache.backward.hFinal the backward
// direction's state after position 0 (the usual "final states").
//
// Gradients are added into a flat buffer `grads` with the ParamStore's layout
// (store.grads().data(), or a per-thread buffer of store.size() floats that the
// caller sums afterwards): the layers are single-threaded and re-entrant (all
// state is in the cache), so callers parallelise over independent row chunks.
//
// Parameters follow PyTorch's nn.GRU / nn.LSTM names and shapes:
// "<prefix>.weight_ih_l0" (G·H, in), "weight_hh_l0" (G·H, H), "bias_ih_l0",
// "bias_hh_l0" (G·H), the backward direction with the suffix "_l0_reverse";
// gate order GRU r, z, n; LSTM i, f, g, o (G = 3 or 4).

#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace attn {

// The gates' logistic function.
inline float sigmoid(float a)
{
    return 1.0f / (1.0f + std::exp(-a));
}

enum class RnnCell { GRU, LSTM };

// "gru" / "lstm"; throws attn::Error naming the value otherwise.
RnnCell parseRnnCell(const std::string &name);
const char *rnnCellName(RnnCell cell);
inline Index gateCount(RnnCell cell)
{
    return cell == RnnCell::GRU ? 3 : 4;
}

// One GRU or LSTM cell: the parameters and one time step on b rows.
//   GRU:  r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)
//         z = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz)
//         n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn))
//         h' = (1 - z) ⊙ n + z ⊙ h
//   LSTM: [i f g o] = [σ σ tanh σ](x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)
//         c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
struct RecurrentCell {
    RnnCell cell = RnnCell::GRU;
    Index in = 0;
    Index hidden = 0;
    ParamStore::Id wih = -1, whh = -1, bih = -1, bhh = -1;

    // Registers prefix + ".weight_ih" + suffix, ".weight_hh", ".bias_ih", ".bias_hh".
    static RecurrentCell create(ParamStore &store, const std::string &prefix,
                                const std::string &suffix, RnnCell cell, Index in, Index hidden);
    // PyTorch's init: every weight and bias ~ uniform(-1/√H, 1/√H); the LSTM's
    // forget-gate bias_ih is set to 1 (remembers by default).
    void init(ParamStore &store, Rng &rng) const;

    // One step on b rows. The caller fills x, h0, c0 (LSTM) and active; forward
    // fills the rest. Inactive rows (padding) keep their state: h = h0, c = c0.
    struct Step {
        MatRM x;                          // (b, in) input
        MatRM h0;                         // (b, H) previous state
        MatRM c0;                         // (b, H) previous cell (LSTM)
        std::vector<std::uint8_t> active; // (b) 1 = real step, 0 = padding
        MatRM gates;                      // (b, G·H) after the nonlinearities
        MatRM hn;                         // (b, H) GRU: h W_hnᵀ + b_hn
        MatRM c;                          // (b, H) LSTM: new cell
        MatRM tc;                         // (b, H) LSTM: tanh(c)
        MatRM h;                          // (b, H) new state
    };
    void forward(const ParamStore &P, Step &s) const;
    // Reverses one step. dh (b, H) and dc (b, H, LSTM only; may be empty) are
    // d(loss)/d(s.h), d(loss)/d(s.c). Sets dx (b, in) (0 on inactive rows),
    // dh0, dc0 (b, H), and adds the parameter gradients into grads.
    void backward(const ParamStore &P, float *grads, const Step &s, const MatRM &dh,
                  const MatRM &dc, MatRM &dx, MatRM &dh0, MatRM &dc0) const;
};

// One direction of a recurrent layer over a padded batch.
struct RecurrentLayer {
    RecurrentCell cell;
    bool reverse = false; // true: runs from each row's last real token to position 0

    struct Cache {
        Index batch = 0, length = 0;
        std::vector<int> lengths;               // (B)
        std::vector<RecurrentCell::Step> steps; // (T) one per time step
        MatRM hFinal;                           // (B, H) state after the last real step
        MatRM cFinal;                           // (B, H) LSTM cell after the last real step
    };

    static RecurrentLayer create(ParamStore &store, const std::string &prefix,
                                 const std::string &suffix, RnnCell cell, Index in, Index hidden,
                                 bool reverse);
    void init(ParamStore &store, Rng &rng) const { cell.init(store, rng); }
    Index hidden() const { return cell.hidden; }

    // x (B·T, in) rows (b, t); lengths (B) in [0, T]; out (B·T, H) (0 on padding).
    // h0, c0 (B, H): initial states, zero when null.
    void forward(const ParamStore &P, const float *x, Index B, Index T, const int *lengths,
                 float *out, Cache &cache, const float *h0 = nullptr,
                 const float *c0 = nullptr) const;
    // Reverses forward. dout (B·T, H) or null; dhFinal, dcFinal (B, H) or null
    // (gradients of cache.hFinal / cFinal). Adds dx (B·T, in) when not null, and
    // dh0, dc0 (B, H) when not null; parameter gradients into grads.
    void backward(const ParamStore &P, float *grads, const Cache &cache, const float *dout,
                  const float *dhFinal, const float *dcFinal, float *dx, float *dh0 = nullptr,
                  float *dc0 = nullptr) const;
};

// A bidirectional layer: out (B, T, 2H) = [forward | backward] per position.
struct BiRecurrent {
    RecurrentLayer fwd; // suffix "_l0"
    RecurrentLayer bwd; // suffix "_l0_reverse"

    struct Cache {
        RecurrentLayer::Cache forward, backward;
        FloatBuffer outF, outB; // (B·T, H) each direction's outputs
        FloatBuffer dF, dB;     // (B·T, H) backward scratch
    };

    static BiRecurrent create(ParamStore &store, const std::string &prefix, RnnCell cell, Index in,
                              Index hidden);
    void init(ParamStore &store, Rng &rng) const;
    Index hidden() const { return fwd.cell.hidden; } // per direction; out is 2·hidden wide

    // x (B·T, in); out (B·T, 2H).
    void forward(const ParamStore &P, const float *x, Index B, Index T, const int *lengths,
                 float *out, Cache &cache) const;
    // dout (B·T, 2H) or null; dhFinalF / dhFinalB (B, H) or null: gradients of
    // cache.forward.hFinal / cache.backward.hFinal. Adds dx (B·T, in) when not null.
    void backward(const ParamStore &P, float *grads, Cache &cache, const float *dout,
                  const float *dhFinalF, const float *dhFinalB, float *dx) const;
};

// Parameters one cell registers.
inline Index recurrentCellParameters(RnnCell cell, Index in, Index hidden)
{
    return gateCount(cell) * hidden * (in + hidden + 2);
}

} // namespace attn
