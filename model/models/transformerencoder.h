#pragma once

#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"
#include "layers/activation.h"
#include "layers/dropout.h"
#include "layers/feedforward.h"
#include "layers/layernorm.h"
#include "layers/selfattention.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {

// A stack of pre-LN Transformer encoder layers (bidirectional self-attention with
// a padding mask, then a feed-forward block, each in a residual branch), closed by
// a final LayerNorm:
//   a = in + drop(attn(ln_1(in), pad));  out = a + drop(mlp(ln_2(a)));  y = ln(out_L)
// Pre-LN (Xiong et al. 2020) rather than the post-LN of Vaswani et al. 2017: it
// trains without a warm-up at these sizes. Parameters: <prefix>.layers.<l>.self_attn
// (c_attn, c_proj), .self_attn_layer_norm, .mlp (c_fc, c_proj), .final_layer_norm;
// <prefix>.layer_norm. Shared by TransformerSeq2Seq and AttentionClassifier.
struct TransformerEncoder {
    struct Layer {
        LayerNorm ln1, ln2;
        SelfAttention attn;
        FeedForward mlp;
    };
    std::vector<Layer> layers;
    LayerNorm lnf;
    Index channels = 0;
    float dropout = 0.0f;

    struct LayerState {
        FloatBuffer ln1;     // (N, C) ln_1(in)
        FloatBuffer attnOut; // (N, C) drop(attn(ln1))
        FloatBuffer res1;    // (N, C) in + attnOut
        FloatBuffer ln2;     // (N, C) ln_2(res1)
        FloatBuffer mlpOut;  // (N, C) drop(mlp(ln2))
        FloatBuffer res2;    // (N, C) res1 + mlpOut
        LayerNormCache ln1c, ln2c;
        SelfAttention::Cache attn;
        FeedForward::Cache mlp;
        DropoutCache dropAttn, dropMlp;
    };
    struct State {
        Index batch = 0, length = 0;
        const float *in = nullptr; // (N, C) the input handed to forward (owned by the caller)
        std::vector<LayerState> layers;
        FloatBuffer out; // (N, C) ln(res2 of the last layer)
        LayerNormCache lnfc;
    };
    struct Scratch {
        FloatBuffer dstream, dA, dtmp, dqkv, dconcat, dhidden;
    };

    static TransformerEncoder create(ParamStore &store, const std::string &prefix, int layers,
                                     Index channels, int heads, Index ffDim, Activation act,
                                     float eps, bool scaled, float dropout);
    // Projections ~ normal(0, std), residual output projections ~ normal(0, projStd).
    void init(ParamStore &store, Rng &rng, float std, float projStd) const;
    // in (B·T, C) must stay alive until backward; keyPad (B·T) may be null.
    void forward(const ParamStore &store, const float *in, Index batch, Index length,
                 const std::uint8_t *keyPad, State &state, bool training, Rng &rng,
                 bool recordScores) const;
    // dout (B·T, C) = d(loss)/d(state.out); adds into the gradients and into din (B·T, C).
    void backward(ParamStore &store, const float *dout, float *din, State &state,
                  Scratch &scratch) const;
    // The input of layer l (the caller's input for l = 0).
    const float *layerInput(const State &state, int l) const;
};

} // namespace attn
