#include "models/transformerstack.h"

#include "core/buffers.h"

#include <algorithm>

namespace attn {

using buffers::ensure;
using buffers::zero;

TransformerStack TransformerStack::create(ParamStore &store, int layers,
                                          const std::function<TransformerBlockNames(int)> &names,
                                          const std::string &finalNorm,
                                          const TransformerBlockOptions &options, float dropout)
{
    TransformerStack s;
    s.channels = options.channels;
    s.dropout = dropout;
    for (int l = 0; l < layers; ++l)
        s.blocks.push_back(TransformerBlock::create(store, names(l), options));
    if (!finalNorm.empty()) {
        s.finalNorm = LayerNorm::create(store, finalNorm, options.channels, options.eps);
        s.hasFinalNorm = true;
    }
    return s;
}

TransformerStack TransformerStack::bart(ParamStore &store, const std::string &prefix, int layers,
                                        const TransformerBlockOptions &options, float dropout)
{
    return create(
        store, layers,
        [&](int l) { return TransformerBlockNames::bart(prefix + ".layers." + std::to_string(l)); },
        prefix + ".layer_norm", options, dropout);
}

void TransformerStack::init(ParamStore &store, Rng &rng, float std, float projStd) const
{
    for (const TransformerBlock &b : blocks)
        b.init(store, rng, std, projStd);
    if (hasFinalNorm)
        finalNorm.init(store);
}

TransformerStack::RecordLayers TransformerStack::recordAll(bool on) const
{
    return on ? RecordLayers(blocks.size(), 1) : RecordLayers();
}

const TransformerBlock::State &TransformerStack::stateOf(const State &st, int l) const
{
    return st.layers[static_cast<size_t>(st.keepAll ? l : l % 2)];
}

const float *TransformerStack::layerOutput(const State &st, int l) const
{
    return blocks[static_cast<size_t>(l)].output(stateOf(st, l));
}

const float *TransformerStack::layerInput(const State &st, int l) const
{
    return l == 0 ? st.in : layerOutput(st, l - 1);
}

const float *TransformerStack::output(const State &st) const
{
    return hasFinalNorm ? st.out.data() : layerOutput(st, size() - 1);
}

void TransformerStack::forward(const ParamStore &P, const float *in, Index batch, Index length,
                               const std::uint8_t *keyPad, const TransformerBlock::Memory *memory,
                               State &st, bool training, Rng &rng, const RecordLayers &record,
                               bool keepAll, const LayerHook &onLayer) const
{
    const Index N = batch * length, C = channels;
    const int L = size();
    const bool drop = training && dropout > 0.0f;
    st.batch = batch;
    st.length = length;
    st.in = in;
    st.keepAll = keepAll;
    st.layers.resize(static_cast<size_t>(keepAll ? L : std::min(L, 2)));
    for (int l = 0; l < L; ++l) {
        // Shared states: layer l overwrites layer l-2's, while l-1's output (its input) stays.
        auto &s = st.layers[static_cast<size_t>(keepAll ? l : l % 2)];
        const bool rec = !record.empty() && record[static_cast<size_t>(l)] != 0;
        const float *x = layerInput(st, l); // (N, C) the residual stream entering the layer
        blocks[static_cast<size_t>(l)].forward(P, x, batch, length, keyPad, memory, s, dropout,
                                               drop, rng, rec, st.scratch);
        if (onLayer)
            onLayer(l, s, x);
    }
    if (hasFinalNorm) {
        // out = ln(x_L)
        ensure(st.out, N * C);
        finalNorm.forward(P, layerOutput(st, L - 1), N, st.out.data(), st.outc);
    }
}

void TransformerStack::backward(ParamStore &P, const float *dout, float *din,
                                const TransformerBlock::Memory *memory, float *dmemory,
                                State &st) const
{
    const Index N = st.batch * st.length, C = channels;
    const int L = size();
    if (hasFinalNorm) {
        // out = ln(x_L)
        zero(st.dstream, N * C);
        finalNorm.backward(P, layerOutput(st, L - 1), N, st.outc, dout, st.dstream.data());
    } else {
        st.dstream.assign(dout, dout + N * C);
    }
    // st.dstream holds d(loss)/d(layer output) going into each iteration.
    for (int l = L - 1; l >= 0; --l)
        blocks[static_cast<size_t>(l)].backward(P, layerInput(st, l), memory, st.dstream, dmemory,
                                                st.layers[static_cast<size_t>(l)], st.scratch);
    Eigen::Map<Eigen::ArrayXf>(din, N * C) +=
        Eigen::Map<const Eigen::ArrayXf>(st.dstream.data(), N * C);
}

} // namespace attn
