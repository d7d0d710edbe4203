#include "models/transformerencoder.h"

#include "core/buffers.h"

namespace attn {

using buffers::addInto;
using buffers::ensure;
using buffers::zero;

TransformerEncoder TransformerEncoder::create(ParamStore &store, const std::string &prefix,
                                              int layers, Index channels, int heads, Index ffDim,
                                              Activation act, float eps, bool scaled, float dropout)
{
    TransformerEncoder e;
    e.channels = channels;
    e.dropout = dropout;
    AttentionConfig ac;
    ac.heads = heads;
    ac.causal = false;
    ac.scaled = scaled;
    for (int l = 0; l < layers; ++l) {
        const std::string p = prefix + ".layers." + std::to_string(l);
        Layer L;
        L.attn = SelfAttention::create(store, p + ".self_attn", channels, ac);
        L.ln1 = LayerNorm::create(store, p + ".self_attn_layer_norm", channels, eps);
        L.mlp = FeedForward::create(store, p + ".mlp", channels, ffDim, act);
        L.ln2 = LayerNorm::create(store, p + ".final_layer_norm", channels, eps);
        e.layers.push_back(L);
    }
    e.lnf = LayerNorm::create(store, prefix + ".layer_norm", channels, eps);
    return e;
}

void TransformerEncoder::init(ParamStore &store, Rng &rng, float std, float projStd) const
{
    for (const Layer &L : layers) {
        L.attn.cAttn.init(store, rng, std);
        L.attn.cProj.init(store, rng, projStd);
        L.ln1.init(store);
        L.mlp.cFc.init(store, rng, std);
        L.mlp.cProj.init(store, rng, projStd);
        L.ln2.init(store);
    }
    lnf.init(store);
}

const float *TransformerEncoder::layerInput(const State &state, int l) const
{
    return l == 0 ? state.in : state.layers[static_cast<size_t>(l - 1)].res2.data();
}

void TransformerEncoder::forward(const ParamStore &P, const float *in, Index batch, Index length,
                                 const std::uint8_t *keyPad, State &st, bool training, Rng &rng,
                                 bool recordScores) const
{
    const Index B = batch, T = length, N = B * T, C = channels;
    const bool drop = training && dropout > 0.0f;
    st.batch = B;
    st.length = T;
    st.in = in;
    st.layers.resize(layers.size());
    for (int l = 0; l < static_cast<int>(layers.size()); ++l) {
        const Layer &L = layers[static_cast<size_t>(l)];
        LayerState &s = st.layers[static_cast<size_t>(l)];
        for (FloatBuffer *b : {&s.ln1, &s.attnOut, &s.res1, &s.ln2, &s.mlpOut, &s.res2})
            ensure(*b, N * C);
        const float *x = layerInput(st, l); // (N, C)
        // res1 = in + drop(attn(ln_1(in)))
        L.ln1.forward(P, x, N, s.ln1.data(), s.ln1c);
        L.attn.forward(P, s.ln1.data(), B, T, keyPad, s.attnOut.data(), s.attn, recordScores);
        dropoutForward(dropout, drop, rng, s.attnOut.data(), N * C, s.dropAttn);
        addInto(s.res1.data(), x, s.attnOut.data(), N * C);
        // res2 = res1 + drop(mlp(ln_2(res1)))
        L.ln2.forward(P, s.res1.data(), N, s.ln2.data(), s.ln2c);
        L.mlp.forward(P, s.ln2.data(), N, s.mlpOut.data(), s.mlp);
        dropoutForward(dropout, drop, rng, s.mlpOut.data(), N * C, s.dropMlp);
        addInto(s.res2.data(), s.res1.data(), s.mlpOut.data(), N * C);
    }
    ensure(st.out, N * C);
    // out = ln(res2 of the last layer)
    lnf.forward(P, layerInput(st, static_cast<int>(layers.size())), N, st.out.data(), st.lnfc);
}

void TransformerEncoder::backward(ParamStore &P, const float *dout, float *din, State &st,
                                  Scratch &sc) const
{
    const Index B = st.batch, T = st.length, N = B * T, C = channels;
    const int L = static_cast<int>(layers.size());
    zero(sc.dstream, N * C);
    // out = ln(res2 of the last layer)
    lnf.backward(P, layerInput(st, L), N, st.lnfc, dout, sc.dstream.data());
    for (int l = L - 1; l >= 0; --l) {
        const Layer &Ly = layers[static_cast<size_t>(l)];
        LayerState &s = st.layers[static_cast<size_t>(l)];
        // res2 = res1 + drop(mlp(ln_2(res1)))
        const float *dmlp = dropoutGradient(s.dropMlp, sc.dstream, sc.dtmp);
        zero(sc.dA, N * C);
        Ly.mlp.backward(P, s.ln2.data(), N, dmlp, sc.dA.data(), s.mlp, sc.dhidden);
        Ly.ln2.backward(P, s.res1.data(), N, s.ln2c, sc.dA.data(), sc.dstream.data());
        // res1 = in + drop(attn(ln_1(in)))
        const float *dattn = dropoutGradient(s.dropAttn, sc.dstream, sc.dtmp);
        zero(sc.dA, N * C);
        Ly.attn.backward(P, s.ln1.data(), B, T, dattn, sc.dA.data(), s.attn, sc.dqkv, sc.dconcat);
        Ly.ln1.backward(P, layerInput(st, l), N, s.ln1c, sc.dA.data(), sc.dstream.data());
    }
    Eigen::Map<Eigen::ArrayXf>(din, N * C) +=
        Eigen::Map<const Eigen::ArrayXf>(sc.dstream.data(), N * C);
}

} // namespace attn
