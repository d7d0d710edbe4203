#pragma once

#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"
#include "layers/activation.h"
#include "layers/crossattention.h"
#include "layers/dropout.h"
#include "layers/feedforward.h"
#include "layers/layernorm.h"
#include "layers/selfattention.h"
#include "trace/attentiontrace.h"

#include <cstdint>
#include <string>

namespace attn {

enum class NormPlacement {
    Pre,  // GPT-2, Xiong et al. 2020: x + f(LN(x)), and a final LayerNorm after the stack
    Post, // Vaswani et al. 2017: LN(x + f(x)), no final LayerNorm
};

// What one Transformer layer is made of. The attention parts' heads, mask and score
// scaling are in `attention` (causal for a decoder, not for an encoder).
struct TransformerBlockOptions {
    Index channels = 0; // C
    Index ffDim = 0;    // F, the feed-forward width
    Activation activation = Activation::GeluTanh;
    float eps = 1e-5f; // the LayerNorms' epsilon
    AttentionConfig attention;
    bool cross = false; // a cross-attention sublayer between self-attention and the MLP
    NormPlacement norm = NormPlacement::Pre;
};

// The parameter names of one layer's parts, and their registration order (the order
// fixes where each tensor lies in the flat parameter buffer, so it is kept per family).
struct TransformerBlockNames {
    std::string self, selfNorm, cross, crossNorm, mlp, mlpNorm;
    bool normFirst = true; // each LayerNorm registered before its sublayer (else after)

    // GPT-2: <prefix>.ln_1, .attn, .ln_2, .mlp.
    static TransformerBlockNames gpt2(const std::string &prefix);
    // BART/Marian: <prefix>.self_attn, .self_attn_layer_norm, .encoder_attn,
    // .encoder_attn_layer_norm, .mlp, .final_layer_norm.
    static TransformerBlockNames bart(const std::string &prefix);
};

// One Transformer layer, the part every Transformer family here shares: self-attention,
// an optional cross-attention over an encoder's memory, and a feed-forward block, each
// in a residual branch with dropout on its output and a LayerNorm before (pre-LN) or
// after (post-LN) it:
//   pre:  s = in + drop(self(ln_s(in)));  c = s + drop(cross(ln_c(s), memory));
//         out = c + drop(mlp(ln_m(c)))
//   post: s = ln_s(in + drop(self(in)));  out = ln_m(s + drop(mlp(s)))   (no cross)
struct TransformerBlock {
    NormPlacement norm = NormPlacement::Pre;
    bool hasCross = false;
    Index channels = 0;
    LayerNorm selfNorm, crossNorm, mlpNorm;
    SelfAttention self;
    CrossAttention cross;
    FeedForward mlp;

    // The encoder output that cross-attention reads.
    struct Memory {
        const float *values = nullptr;     // (B·S, C)
        Index length = 0;                  // S
        const std::uint8_t *pad = nullptr; // (B·S) 1 = padded key, may be null
    };

    // One forward pass's activations, kept for backward (and read by a trace).
    // Pre-LN: *Ln = the LayerNorm of the sublayer's input, *Res = input + sublayer.
    // Post-LN: selfRes = in + self(in), selfLn = ln_s(selfRes); mlpRes = selfLn + mlp(selfLn),
    // mlpLn = ln_m(mlpRes). Each (N, C).
    struct State {
        FloatBuffer selfLn, selfRes, crossLn, crossRes, mlpLn, mlpRes;
        // (N, C) the attention sublayers' outputs after dropout; kept only when recording.
        FloatBuffer selfOut, crossOut;
        LayerNormCache selfLnc, crossLnc, mlpLnc;
        SelfAttention::Cache selfCache;
        CrossAttention::Cache crossCache;
        FeedForward::Cache mlpCache;
        DropoutCache dropSelf, dropCross, dropMlp;
    };
    // Scratch for forward (a sublayer's output when it is not kept) and backward.
    struct Scratch {
        FloatBuffer tmp, dA, dB, dtmp, dqkv, dconcat, dhidden;
        CrossAttention::Scratch cross;
    };

    static TransformerBlock create(ParamStore &store, const TransformerBlockNames &names,
                                   const TransformerBlockOptions &options);
    // Projections ~ normal(0, std), the residual branches' output projections ~ normal(0,
    // projStd), LayerNorms 1 and 0. Draws in the order self, cross, mlp.
    void init(ParamStore &store, Rng &rng, float std, float projStd) const;

    // in (B·T, C) -> state; the layer's output is output(state). keyPad (B·T) marks padded
    // keys of the self-attention (may be null); memory is required when hasCross. record
    // keeps the raw scores and the attention outputs for a trace.
    void forward(const ParamStore &P, const float *in, Index batch, Index length,
                 const std::uint8_t *keyPad, const Memory *memory, State &s, float dropout,
                 bool drop, Rng &rng, bool record, Scratch &scratch) const;
    // dstream (N, C): d(loss)/d(output) in, d(loss)/d(in) out. Adds into the parameter
    // gradients and, with cross-attention, into dmemory (B·S, C).
    void backward(ParamStore &P, const float *in, const Memory *memory, FloatBuffer &dstream,
                  float *dmemory, State &s, Scratch &scratch) const;
    // The layer's output (N, C) in s.
    const float *output(const State &s) const;

    // One new position (x (C) in, the layer's output out) against the keys and values
    // cached for positions 0..pos-1 (rows of self.layout().kvWidth(), that stride; rotated
    // keys with RoPE); writes its own key and value at row pos. Self-attention only (no
    // cross). Evaluation mode.
    struct StepScratch {
        FloatBuffer h, y, r1;
        SelfAttention::DecodeCache attn;
        LayerNormCache lnc;
        FeedForward::Cache mlp;
    };
    void decodeStep(const ParamStore &P, float *x, Index pos, float *keys, float *values,
                    StepScratch &scratch) const;

    // The self-attention of a recorded forward as a trace block (name, role and layer
    // are the caller's): x, per-head q/k/v/scores/weights/outputs, the mask, the output
    // and the residual stream around it; the weight slices when `weights`. in is the
    // layer's input, keyPad the mask forward had.
    void traceSelf(const ParamStore &P, const State &s, const float *in, Index length,
                   const std::uint8_t *keyPad, bool weights, AttentionBlockTrace &bt) const;
    // The cross-attention likewise (queries T, keys memory.length).
    void traceCross(const ParamStore &P, const State &s, Index length, const Memory &memory,
                    bool weights, AttentionBlockTrace &bt) const;
};

} // namespace attn
