#include "models/transformerblock.h"

#include "core/buffers.h"

#include <algorithm>

namespace attn {

using buffers::addInto;
using buffers::ensure;
using buffers::zero;

TransformerBlockNames TransformerBlockNames::gpt2(const std::string &prefix)
{
    return {prefix + ".attn", prefix + ".ln_1", "", "", prefix + ".mlp", prefix + ".ln_2", true};
}

TransformerBlockNames TransformerBlockNames::bart(const std::string &prefix)
{
    return {prefix + ".self_attn",
            prefix + ".self_attn_layer_norm",
            prefix + ".encoder_attn",
            prefix + ".encoder_attn_layer_norm",
            prefix + ".mlp",
            prefix + ".final_layer_norm",
            false};
}

TransformerBlock TransformerBlock::create(ParamStore &store, const TransformerBlockNames &names,
                                          const TransformerBlockOptions &o)
{
    TransformerBlock b;
    b.norm = o.norm;
    b.hasCross = o.cross;
    b.channels = o.channels;
    const Index C = o.channels;
    // Each part with its LayerNorm, in the family's order.
    const auto part = [&](LayerNorm &ln, const std::string &lnName, const auto &makePart) {
        if (names.normFirst)
            ln = LayerNorm::create(store, lnName, C, o.eps);
        makePart();
        if (!names.normFirst)
            ln = LayerNorm::create(store, lnName, C, o.eps);
    };
    part(b.selfNorm, names.selfNorm,
         [&] { b.self = SelfAttention::create(store, names.self, C, o.attention); });
    if (o.cross)
        part(b.crossNorm, names.crossNorm, [&] {
            b.cross = CrossAttention::create(store, names.cross, C, o.attention.heads,
                                             o.attention.scaled);
        });
    part(b.mlpNorm, names.mlpNorm,
         [&] { b.mlp = FeedForward::create(store, names.mlp, C, o.ffDim, o.activation); });
    return b;
}

void TransformerBlock::init(ParamStore &store, Rng &rng, float std, float projStd) const
{
    self.cAttn.init(store, rng, std);
    self.cProj.init(store, rng, projStd);
    selfNorm.init(store);
    if (hasCross) {
        cross.init(store, rng, std, projStd);
        crossNorm.init(store);
    }
    mlp.cFc.init(store, rng, std);
    mlp.cProj.init(store, rng, projStd);
    mlpNorm.init(store);
}

const float *TransformerBlock::output(const State &s) const
{
    return norm == NormPlacement::Pre ? s.mlpRes.data() : s.mlpLn.data();
}

void TransformerBlock::forward(const ParamStore &P, const float *in, Index batch, Index length,
                               const std::uint8_t *keyPad, const Memory *memory, State &s, float p,
                               bool drop, Rng &rng, bool record, Scratch &sc) const
{
    const Index B = batch, T = length, N = B * T, C = channels;
    for (FloatBuffer *b : {&s.selfLn, &s.selfRes, &s.mlpLn, &s.mlpRes, &sc.tmp})
        ensure(*b, N * C);
    // The attention outputs go to the state when a trace reads them, else to scratch.
    const auto outputBuffer = [&](FloatBuffer &kept) {
        if (record) {
            ensure(kept, N * C);
            return kept.data();
        }
        kept = FloatBuffer(); // a reused state drops what an earlier trace kept
        return sc.tmp.data();
    };
    float *selfOut = outputBuffer(s.selfOut);
    if (!record)
        s.selfCache.core.scores = FloatBuffer();
    if (norm == NormPlacement::Pre) {
        // selfRes = in + drop(self(ln_s(in)))
        selfNorm.forward(P, in, N, s.selfLn.data(), s.selfLnc);
        self.forward(P, s.selfLn.data(), B, T, keyPad, selfOut, s.selfCache, record);
        dropoutForward(p, drop, rng, selfOut, N * C, s.dropSelf);
        addInto(s.selfRes.data(), in, selfOut, N * C);
        const float *mlpIn = s.selfRes.data();
        if (hasCross) {
            // crossRes = selfRes + drop(cross(ln_c(selfRes), memory))   memory padding masked
            ensure(s.crossLn, N * C);
            ensure(s.crossRes, N * C);
            float *crossOut = outputBuffer(s.crossOut);
            crossNorm.forward(P, s.selfRes.data(), N, s.crossLn.data(), s.crossLnc);
            cross.forward(P, s.crossLn.data(), memory->values, B, T, memory->length, memory->pad,
                          crossOut, s.crossCache, record);
            dropoutForward(p, drop, rng, crossOut, N * C, s.dropCross);
            addInto(s.crossRes.data(), s.selfRes.data(), crossOut, N * C);
            mlpIn = s.crossRes.data();
        }
        // mlpRes = mlpIn + drop(mlp(ln_m(mlpIn)))
        mlpNorm.forward(P, mlpIn, N, s.mlpLn.data(), s.mlpLnc);
        mlp.forward(P, s.mlpLn.data(), N, sc.tmp.data(), s.mlpCache);
        dropoutForward(p, drop, rng, sc.tmp.data(), N * C, s.dropMlp);
        addInto(s.mlpRes.data(), mlpIn, sc.tmp.data(), N * C);
    } else {
        // selfLn = ln_s(in + drop(self(in)))
        self.forward(P, in, B, T, keyPad, selfOut, s.selfCache, record);
        dropoutForward(p, drop, rng, selfOut, N * C, s.dropSelf);
        addInto(s.selfRes.data(), in, selfOut, N * C);
        selfNorm.forward(P, s.selfRes.data(), N, s.selfLn.data(), s.selfLnc);
        // mlpLn = ln_m(selfLn + drop(mlp(selfLn)))
        mlp.forward(P, s.selfLn.data(), N, sc.tmp.data(), s.mlpCache);
        dropoutForward(p, drop, rng, sc.tmp.data(), N * C, s.dropMlp);
        addInto(s.mlpRes.data(), s.selfLn.data(), sc.tmp.data(), N * C);
        mlpNorm.forward(P, s.mlpRes.data(), N, s.mlpLn.data(), s.mlpLnc);
    }
}

void TransformerBlock::backward(ParamStore &P, const float *in, const Memory *memory,
                                FloatBuffer &dstream, float *dmemory, State &s, Scratch &sc) const
{
    const Index B = s.selfCache.core.batch, T = s.selfCache.core.length, N = B * T, C = channels;
    if (norm == NormPlacement::Pre) {
        const float *mlpIn = hasCross ? s.crossRes.data() : s.selfRes.data();
        // mlpRes = mlpIn + drop(mlp(ln_m(mlpIn)))
        const float *dy = dropoutGradient(s.dropMlp, dstream, sc.dtmp);
        zero(sc.dA, N * C);
        mlp.backward(P, s.mlpLn.data(), N, dy, sc.dA.data(), s.mlpCache, sc.dhidden);
        mlpNorm.backward(P, mlpIn, N, s.mlpLnc, sc.dA.data(), dstream.data());
        if (hasCross) {
            // crossRes = selfRes + drop(cross(ln_c(selfRes), memory))
            dy = dropoutGradient(s.dropCross, dstream, sc.dtmp);
            zero(sc.dA, N * C);
            cross.backward(P, s.crossLn.data(), memory->values, dy, sc.dA.data(), dmemory,
                           s.crossCache, sc.cross);
            crossNorm.backward(P, s.selfRes.data(), N, s.crossLnc, sc.dA.data(), dstream.data());
        }
        // selfRes = in + drop(self(ln_s(in)))
        dy = dropoutGradient(s.dropSelf, dstream, sc.dtmp);
        zero(sc.dA, N * C);
        self.backward(P, s.selfLn.data(), B, T, dy, sc.dA.data(), s.selfCache, sc.dqkv, sc.dconcat);
        selfNorm.backward(P, in, N, s.selfLnc, sc.dA.data(), dstream.data());
        return;
    }
    // mlpLn = ln_m(mlpRes)
    zero(sc.dA, N * C);
    mlpNorm.backward(P, s.mlpRes.data(), N, s.mlpLnc, dstream.data(), sc.dA.data());
    dstream.swap(sc.dA); // dstream = d mlpRes
    // mlpRes = selfLn + drop(mlp(selfLn))  =>  d selfLn = d mlpRes + mlp'ᵀ(drop'(d mlpRes))
    const float *dy = dropoutGradient(s.dropMlp, dstream, sc.dtmp);
    sc.dB = dstream;
    mlp.backward(P, s.selfLn.data(), N, dy, sc.dB.data(), s.mlpCache, sc.dhidden);
    // selfLn = ln_s(selfRes)
    zero(dstream, N * C);
    selfNorm.backward(P, s.selfRes.data(), N, s.selfLnc, sc.dB.data(), dstream.data());
    // selfRes = in + drop(self(in))  =>  d in = d selfRes + self'ᵀ(drop'(d selfRes))
    dy = dropoutGradient(s.dropSelf, dstream, sc.dtmp);
    sc.dB = dstream;
    self.backward(P, in, B, T, dy, sc.dB.data(), s.selfCache, sc.dqkv, sc.dconcat);
    dstream.swap(sc.dB);
}

void TransformerBlock::decodeStep(const ParamStore &P, float *x, Index pos, float *keys,
                                  float *values, StepScratch &st) const
{
    const Index C = channels;
    for (FloatBuffer *b : {&st.h, &st.y, &st.r1})
        ensure(*b, C);
    const bool pre = norm == NormPlacement::Pre;
    const float *ain = x;
    if (pre) {
        selfNorm.forward(P, x, 1, st.h.data(), st.lnc);
        ain = st.h.data();
    }
    // y = self(ain) over positions 0..pos; its key and value join the cache at row pos
    self.decode(P, ain, pos, keys, values, self.layout().kvWidth(), st.y.data(), st.attn);
    addInto(st.r1.data(), x, st.y.data(), C);
    if (pre) {
        mlpNorm.forward(P, st.r1.data(), 1, st.h.data(), st.lnc);
        mlp.forward(P, st.h.data(), 1, st.y.data(), st.mlp);
        addInto(x, st.r1.data(), st.y.data(), C);
    } else {
        selfNorm.forward(P, st.r1.data(), 1, st.h.data(), st.lnc);
        mlp.forward(P, st.h.data(), 1, st.y.data(), st.mlp);
        addInto(st.r1.data(), st.h.data(), st.y.data(), C);
        mlpNorm.forward(P, st.r1.data(), 1, x, st.lnc);
    }
}

} // namespace attn
