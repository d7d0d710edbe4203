#pragma once

// Attention for a recurrent decoder: one query vector s (the decoder state)
// over a source's encoder states h_1..h_S, with the positions j >= length
// (padding) masked out exactly (weight 0).
//
//   additive   (Bahdanau):  e_j = vᵀ tanh(W s + U h_j)    W (A, Dq), U (A, Dk), v (A)
//   dot        (Luong):     e_j = sᵀ h_j                  needs Dq == Dk
//   general    (Luong):     e_j = sᵀ W h_j                W (Dq, Dk)
//   scaled-dot:             e_j = sᵀ h_j / √Dk            needs Dq == Dk
//   a = softmax_j(e) over j < length,   c = Σ_j a_j h_j   (context, Dk)
//
// How to use, per source sequence (the layer works on one row at a time and
// keeps no state of its own, so rows can run on different threads):
//
//   MatRM proj;                       // once per source: U h (S, A) or W h (S, Dq)
//   att.prepare(P, keys, S, proj);
//   RnnAttention::Step st;            // per decoder step
//   att.forward(P, keys, S, length, proj, s, st);   // st.weights (S), st.context (Dk)
//   ...
//   MatRM dproj = MatRM::Zero(proj.rows(), proj.cols());
//   att.backward(P, grads, keys, S, length, proj, st, dcontext, ds, dkeys, dproj);  // each step
//   att.prepareBackward(P, grads, keys, S, dproj, dkeys);                           // once
//
// Parameter names: additive "<prefix>.W.weight" (A, Dq), "<prefix>.U.weight"
// (A, Dk), "<prefix>.v.weight" (A); general "<prefix>.W.weight" (Dq, Dk); dot
// and scaled-dot have none.

#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"
#include "trace/attentiontrace.h"

#include <string>

namespace attn {

enum class RnnAttentionKind { Additive, Dot, General, ScaledDot };

// "additive" | "dot" | "general" | "scaled-dot"; throws attn::Error naming the value.
RnnAttentionKind parseRnnAttention(const std::string &name);
const char *rnnAttentionName(RnnAttentionKind kind);
ScoreKind scoreKindOf(RnnAttentionKind kind);

struct RnnAttention {
    RnnAttentionKind kind = RnnAttentionKind::Additive;
    Index queryDim = 0; // Dq
    Index keyDim = 0;   // Dk
    Index attnDim = 0;  // A (additive only)
    ParamStore::Id W = -1, U = -1, v = -1;

    // Throws attn::Error when dot / scaled-dot get Dq != Dk or a size is < 1.
    static RnnAttention create(ParamStore &store, const std::string &prefix, RnnAttentionKind kind,
                               Index queryDim, Index keyDim, Index attnDim);
    // Weights ~ normal(0, 1/√fan_in).
    void init(ParamStore &store, Rng &rng) const;
    // The scale on the raw scores: 1/√Dk for scaled-dot, else 1.
    float scale() const;
    // Parameters create() registers.
    static Index parameterCount(RnnAttentionKind kind, Index queryDim, Index keyDim, Index attnDim);

    // keys (S, Dk) -> proj: additive U h (S, A); general W h (S, Dq); else empty.
    void prepare(const ParamStore &P, const float *keys, Index S, MatRM &proj) const;

    struct Step {
        RowVecF q;       // (Dq) the query s
        RowVecF ws;      // (A) additive: W s
        MatRM t;         // (S, A) additive: tanh(W s + U h_j)
        RowVecF scores;  // (S) raw scores e_j (before the scale; masked ones too)
        RowVecF weights; // (S) softmax over j < length of scale·e; exactly 0 for j >= length
        RowVecF context; // (Dk) Σ_j a_j h_j
    };
    // length in [1, S]: positions j >= length are padding.
    void forward(const ParamStore &P, const float *keys, Index S, Index length, const MatRM &proj,
                 const float *query, Step &st) const;
    // Reverses one step given dcontext (Dk). Adds dquery (Dq), dkeys (S, Dk)
    // (either may be null), dproj (S, ·) and the parameter gradients (W, v) into grads.
    void backward(const ParamStore &P, float *grads, const float *keys, Index S, Index length,
                  const MatRM &proj, const Step &st, const float *dcontext, float *dquery,
                  float *dkeys, MatRM &dproj) const;
    // Reverses prepare(): adds dU / dW into grads and dkeys (S, Dk) when not null.
    void prepareBackward(const ParamStore &P, float *grads, const float *keys, Index S,
                         const MatRM &dproj, float *dkeys) const;
};

} // namespace attn
