#pragma once

#include "models/transformerblock.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attn {

// A stack of TransformerBlocks, optionally closed by a final LayerNorm (pre-LN stacks):
//   x_0 = in;  x_{l+1} = block_l(x_l);  out = ln(x_L)  (or x_L without a final norm)
// GPT-2's decoder (TransformerLM), the encoder of TransformerSeq2Seq and
// AttentionClassifier, and TransformerSeq2Seq's decoder (with cross-attention) are each
// one of these.
struct TransformerStack {
    std::vector<TransformerBlock> blocks;
    LayerNorm finalNorm;
    bool hasFinalNorm = false;
    Index channels = 0;
    float dropout = 0.0f; // on each sublayer's output in training

    struct State {
        Index batch = 0, length = 0;
        const float *in = nullptr; // (N, C) the input handed to forward (owned by the caller)
        // Every layer's state when a backward pass follows (keepAll); otherwise two states
        // that alternating layers share (memory of two layers, not L: at GPT-2 scale and
        // 1024 tokens each layer's attention weights are 48 MiB), read by a LayerHook.
        std::vector<TransformerBlock::State> layers;
        bool keepAll = true;
        FloatBuffer out; // (N, C) the final LayerNorm's output (with a final norm)
        LayerNormCache outc;
        TransformerBlock::Scratch scratch;
        FloatBuffer dstream; // (N, C) backward: d(loss)/d(the current layer's output)
    };
    // Called right after layer `layer` has run, with its state and the input that entered
    // it (N, C); both valid only during the call.
    using LayerHook =
        std::function<void(int layer, const TransformerBlock::State &state, const float *input)>;
    // Per layer, 1 = record the layer's raw scores and attention outputs for a trace.
    using RecordLayers = std::vector<std::uint8_t>;

    // layers blocks named by names(l); finalNorm names the final LayerNorm ("" for none).
    static TransformerStack create(ParamStore &store, int layers,
                                   const std::function<TransformerBlockNames(int)> &names,
                                   const std::string &finalNorm,
                                   const TransformerBlockOptions &options, float dropout);
    // A BART/Marian-named stack: <prefix>.layers.<l> (TransformerBlockNames::bart) and
    // <prefix>.layer_norm, pre-LN.
    static TransformerStack bart(ParamStore &store, const std::string &prefix, int layers,
                                 const TransformerBlockOptions &options, float dropout);
    // Every block (see TransformerBlock::init), then the final LayerNorm.
    void init(ParamStore &store, Rng &rng, float std, float projStd) const;
    // A RecordLayers that records every layer when on (none when off).
    RecordLayers recordAll(bool on) const;

    // in (B·T, C) must stay alive until backward; keyPad (B·T) may be null; memory is
    // required when the blocks have cross-attention. Dropout only when training.
    void forward(const ParamStore &P, const float *in, Index batch, Index length,
                 const std::uint8_t *keyPad, const TransformerBlock::Memory *memory, State &st,
                 bool training, Rng &rng, const RecordLayers &record = {}, bool keepAll = true,
                 const LayerHook &onLayer = {}) const;
    // dout (B·T, C) = d(loss)/d(output(st)); adds into the gradients, into din (B·T, C) and,
    // with cross-attention, into dmemory (B·S, C). Needs a keepAll forward.
    void backward(ParamStore &P, const float *dout, float *din,
                  const TransformerBlock::Memory *memory, float *dmemory, State &st) const;

    // The input of layer l (the caller's input for l = 0) and the output of layer l.
    const float *layerInput(const State &st, int l) const;
    const float *layerOutput(const State &st, int l) const;
    // The stack's output (N, C): the final LayerNorm's, else the last layer's.
    const float *output(const State &st) const;
    // Layer l's state (the shared one it ran in when forward did not keep all).
    const TransformerBlock::State &stateOf(const State &st, int l) const;
    int size() const { return static_cast<int>(blocks.size()); }
};

} // namespace attn
