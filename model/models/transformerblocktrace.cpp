// TransformerBlock's attention sublayers as trace blocks (what the views, the walkthrough
// and the CLI's trace read).
#include "models/transformerblock.h"

namespace attn {

namespace {

ScoreKind scoreKind(bool scaled)
{
    return scaled ? ScoreKind::ScaledDot : ScoreKind::Dot;
}

} // namespace

void TransformerBlock::traceSelf(const ParamStore &P, const State &s, const float *in, Index T,
                                 const std::uint8_t *keyPad, bool weights,
                                 AttentionBlockTrace &bt) const
{
    const AttentionConfig &ac = self.config;
    const QkvLayout L = self.layout();
    const Index C = channels, H = L.heads, D = L.headDim, W = L.width();
    const float scale = attentionScale(ac, D);
    const SelfAttention::Cache &c = s.selfCache;
    bt.kind = scoreKind(ac.scaled);
    bt.scale = scale;
    bt.mask.resize(T, T);
    for (Index i = 0; i < T; ++i)
        for (Index j = 0; j < T; ++j)
            bt.mask(i, j) = attentionMasked(ac, i, j, keyPad) ? 1.0f : 0.0f;
    bt.residualIn = CMapRM(in, T, C);
    bt.x = norm == NormPlacement::Pre ? MatRM(CMapRM(s.selfLn.data(), T, C)) : bt.residualIn;
    CMapRM qkv(c.qkv.data(), T, W); // q and k as the scores saw them (rotated with RoPE)
    for (Index h = 0; h < H; ++h) {
        const Index g = L.kvHeadOf(h); // the key/value head query head h shares
        HeadTrace ht;
        ht.q = qkv.middleCols(L.qCol(h), D);
        ht.k = qkv.middleCols(L.kCol(g), D);
        ht.v = qkv.middleCols(L.vCol(g), D);
        if (!c.unrotated.empty()) { // RoPE: q and k before the rotation
            CMapRM raw(c.unrotated.data(), T, W);
            ht.extras["q_unrotated"] = raw.middleCols(L.qCol(h), D);
            ht.extras["k_unrotated"] = raw.middleCols(L.kCol(g), D);
        }
        ht.scores = CMapRM(c.core.scores.data() + h * T * T, T, T);
        ht.scaled = ht.scores * scale; // the same product softmaxRow forms
        ht.weights = CMapRM(c.core.weights.data() + h * T * T, T, T);
        ht.out = CMapRM(c.concat.data(), T, C).middleCols(h * D, D);
        bt.heads.push_back(std::move(ht));
    }
    bt.concat = CMapRM(c.concat.data(), T, C);
    bt.out = CMapRM(s.selfOut.data(), T, C);
    bt.residualOut = CMapRM(s.selfRes.data(), T, C);
    if (weights) {
        CMapRM w = P.value(self.cAttn.weight); // (C, W)
        for (Index h = 0; h < H; ++h) {
            const Index g = L.kvHeadOf(h);
            bt.wq.emplace_back(w.middleCols(L.qCol(h), D));
            bt.wk.emplace_back(w.middleCols(L.kCol(g), D));
            bt.wv.emplace_back(w.middleCols(L.vCol(g), D));
        }
        bt.wo = P.value(self.cProj.weight);
    }
}

void TransformerBlock::traceCross(const ParamStore &P, const State &s, Index T,
                                  const Memory &memory, bool weights, AttentionBlockTrace &bt) const
{
    const Index C = channels, H = cross.heads, D = C / H, S = memory.length;
    const float scale = cross.scale();
    const CrossAttention::Cache &c = s.crossCache;
    bt.kind = scoreKind(cross.scaled);
    bt.scale = scale;
    bt.residualIn = CMapRM(s.selfRes.data(), T, C);
    bt.x = CMapRM(s.crossLn.data(), T, C);
    bt.mask.resize(T, S);
    for (Index i = 0; i < T; ++i)
        for (Index j = 0; j < S; ++j)
            bt.mask(i, j) = memory.pad && memory.pad[j] ? 1.0f : 0.0f;
    for (Index h = 0; h < H; ++h) {
        HeadTrace ht;
        ht.q = CMapRM(c.q.data(), T, C).middleCols(h * D, D);
        ht.k = CMapRM(c.k.data(), S, C).middleCols(h * D, D);
        ht.v = CMapRM(c.v.data(), S, C).middleCols(h * D, D);
        ht.scores = CMapRM(c.scores.data() + h * T * S, T, S);
        ht.scaled = ht.scores * scale;
        ht.weights = CMapRM(c.weights.data() + h * T * S, T, S);
        ht.out = CMapRM(c.concat.data(), T, C).middleCols(h * D, D);
        bt.heads.push_back(std::move(ht));
    }
    bt.concat = CMapRM(c.concat.data(), T, C);
    bt.out = CMapRM(s.crossOut.data(), T, C);
    bt.residualOut = CMapRM(s.crossRes.data(), T, C);
    if (weights) {
        CMapRM wq = P.value(cross.qProj.weight);
        CMapRM wk = P.value(cross.kProj.weight);
        CMapRM wv = P.value(cross.vProj.weight);
        for (Index h = 0; h < H; ++h) {
            bt.wq.emplace_back(wq.middleCols(h * D, D));
            bt.wk.emplace_back(wk.middleCols(h * D, D));
            bt.wv.emplace_back(wv.middleCols(h * D, D));
        }
        bt.wo = P.value(cross.outProj.weight);
    }
}

} // namespace attn
