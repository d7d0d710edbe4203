#include "models/transformerlm.h"

#include "core/buffers.h"
#include "core/error.h"
#include "layers/parallel.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>

namespace attn {

using buffers::addInto;
using buffers::ensure;
using buffers::zero;

TransformerLM::TransformerLM(const TransformerConfig &config, std::uint64_t seed)
    : TransformerLM(config, seed, true)
{
}

TransformerLM::TransformerLM(const TransformerConfig &config, std::uint64_t seed, bool initialise)
    : m_config(config), m_dropoutRng(seed ^ 0xd0d0d0d0ULL)
{
    m_config.validate();
    const Index V = m_config.vocab, C = m_config.d_model, F = m_config.ffDim();
    const float eps = m_config.layer_norm_epsilon;
    // Registration order and names are Hugging Face GPT-2's.
    m_wte = Embedding::create(m_params, "wte.weight", V, C);
    m_wpe = PositionEncoding::create(m_params, "wpe.weight", m_config.positions, m_config.n_ctx, C,
                                     m_config.sinusoid_scale);
    AttentionConfig ac;
    ac.heads = m_config.n_heads;
    ac.causal = true;
    ac.scaled = m_config.scaled;
    for (int l = 0; l < m_config.n_layers; ++l) {
        const std::string p = "h." + std::to_string(l);
        Block b;
        b.ln1 = LayerNorm::create(m_params, p + ".ln_1", C, eps);
        b.attn = SelfAttention::create(m_params, p + ".attn", C, ac);
        b.ln2 = LayerNorm::create(m_params, p + ".ln_2", C, eps);
        b.mlp = FeedForward::create(m_params, p + ".mlp", C, F, m_config.activation);
        m_blocks.push_back(b);
    }
    if (m_config.norm == NormPlacement::Pre)
        m_lnf = LayerNorm::create(m_params, "ln_f", C, eps);
    m_params.allocate();
    if (initialise)
        initWeights(seed);
}

void TransformerLM::initWeights(std::uint64_t seed)
{
    Rng rng(seed);
    const float std = 0.02f;
    const float projStd = std / std::sqrt(2.0f * static_cast<float>(m_config.n_layers));
    m_wte.init(m_params, rng, std);
    m_wpe.init(m_params, rng, std);
    for (const Block &b : m_blocks) {
        b.ln1.init(m_params);
        b.attn.cAttn.init(m_params, rng, std);
        b.attn.cProj.init(m_params, rng, projStd);
        b.ln2.init(m_params);
        b.mlp.cFc.init(m_params, rng, std);
        b.mlp.cProj.init(m_params, rng, projStd);
    }
    if (m_config.norm == NormPlacement::Pre)
        m_lnf.init(m_params);
    m_params.zeroGrads();
    if (m_params.hasMoments()) // zeroMoments() would allocate them (2x the weights)
        m_params.zeroMoments();
}

void TransformerLM::checkIds(const TokenId *ids, Index n, const char *what) const
{
    for (Index i = 0; i < n; ++i) {
        if (ids[i] < 0 || ids[i] >= m_config.vocab) {
            // One template per caller's word, so a translation can place it.
            const std::string_view w(what);
            if (w == "input")
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn",
                        "%1: input token %2 at position %3 is outside the vocabulary [0, %4)"),
                    kTransformerLmName, ids[i], i, m_config.vocab);
            if (w == "prompt")
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn",
                        "%1: prompt token %2 at position %3 is outside the vocabulary [0, %4)"),
                    kTransformerLmName, ids[i], i, m_config.vocab);
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: %2 token %3 at position %4 is outside the vocabulary [0, %5)"),
                kTransformerLmName, what, ids[i], i, m_config.vocab);
        }
    }
}

const TransformerLM::LayerState &TransformerLM::stateOf(const Workspace &ws, int l)
{
    return ws.layers[static_cast<size_t>(ws.keepAll ? l : l % 2)];
}

TransformerLM::LayerState &TransformerLM::stateOf(Workspace &ws, int l)
{
    return ws.layers[static_cast<size_t>(ws.keepAll ? l : l % 2)];
}

const float *TransformerLM::layerOutput(const Workspace &ws, int l) const
{
    const LayerState &s = stateOf(ws, l);
    return m_config.norm == NormPlacement::Pre ? s.res2.data() : s.ln2.data();
}

const float *TransformerLM::layerInput(const Workspace &ws, int l) const
{
    return l == 0 ? ws.embed.data() : layerOutput(ws, l - 1);
}

void TransformerLM::run(const ParamStore &P, Workspace &ws, const TokenId *ids, Index batch,
                        Index length, bool training, Rng *dropoutRng, bool keepAll,
                        const std::vector<std::uint8_t> &record, const LayerHook &onLayer) const
{
    const Index B = batch, T = length, N = B * T, C = m_config.d_model, V = m_config.vocab;
    const bool pre = m_config.norm == NormPlacement::Pre;
    const float p = m_config.dropout;
    Rng dummy(0);
    Rng &rng = dropoutRng ? *dropoutRng : dummy;
    const bool drop = training && dropoutRng && p > 0.0f;

    ws.batch = B;
    ws.length = T;
    ws.ids.assign(ids, ids + N);
    if (m_config.pad_token_id >= 0) {
        ensure(ws.keyPad, N);
        for (Index i = 0; i < N; ++i)
            ws.keyPad[static_cast<size_t>(i)] = ids[i] == m_config.pad_token_id ? 1 : 0;
    } else {
        ws.keyPad.clear();
    }
    const std::uint8_t *pad = ws.keyPad.empty() ? nullptr : ws.keyPad.data();
    const int L = static_cast<int>(m_blocks.size());
    ws.keepAll = keepAll;
    ws.layers.resize(static_cast<size_t>(keepAll ? L : std::min(L, 2)));
    ensure(ws.embed, N * C);
    ensure(ws.tmp, N * C);

    // x = wte[ids] + wpe[t], then embedding dropout
    m_wte.forward(P, ids, N, ws.embed.data());
    m_wpe.addForward(P, B, T, ws.embed.data());
    dropoutForward(p, drop, rng, ws.embed.data(), N * C, ws.dropEmbed);

    for (int l = 0; l < L; ++l) {
        const Block &blk = m_blocks[static_cast<size_t>(l)];
        // Shared states: layer l overwrites layer l-2's, while l-1's output (its input) stays.
        LayerState &s = stateOf(ws, l);
        const bool rec = !record.empty() && record[static_cast<size_t>(l)] != 0;
        ensure(s.ln1, N * C);
        ensure(s.res1, N * C);
        ensure(s.ln2, N * C);
        ensure(s.res2, N * C);
        float *attnOut = ws.tmp.data();
        if (rec) {
            ensure(s.attnOut, N * C);
            attnOut = s.attnOut.data();
        } else if (!keepAll) {
            s.attnOut = FloatBuffer(); // a shared state drops what an earlier trace kept
            s.attn.core.scores = FloatBuffer();
        }
        const float *in = layerInput(ws, l); // (N, C) residual stream entering the block
        if (pre) {
            // res1 = in + drop(attn(ln_1(in)))
            blk.ln1.forward(P, in, N, s.ln1.data(), s.ln1c);
            blk.attn.forward(P, s.ln1.data(), B, T, pad, attnOut, s.attn, rec);
            dropoutForward(p, drop, rng, attnOut, N * C, s.dropAttn);
            addInto(s.res1.data(), in, attnOut, N * C);
            // res2 = res1 + drop(mlp(ln_2(res1)))
            blk.ln2.forward(P, s.res1.data(), N, s.ln2.data(), s.ln2c);
            blk.mlp.forward(P, s.ln2.data(), N, ws.tmp.data(), s.mlp);
            dropoutForward(p, drop, rng, ws.tmp.data(), N * C, s.dropMlp);
            addInto(s.res2.data(), s.res1.data(), ws.tmp.data(), N * C);
        } else {
            // ln1 = ln_1(in + drop(attn(in)))
            blk.attn.forward(P, in, B, T, pad, attnOut, s.attn, rec);
            dropoutForward(p, drop, rng, attnOut, N * C, s.dropAttn);
            addInto(s.res1.data(), in, attnOut, N * C);
            blk.ln1.forward(P, s.res1.data(), N, s.ln1.data(), s.ln1c);
            // ln2 = ln_2(ln1 + drop(mlp(ln1)))
            blk.mlp.forward(P, s.ln1.data(), N, ws.tmp.data(), s.mlp);
            dropoutForward(p, drop, rng, ws.tmp.data(), N * C, s.dropMlp);
            addInto(s.res2.data(), s.ln1.data(), ws.tmp.data(), N * C);
            blk.ln2.forward(P, s.res2.data(), N, s.ln2.data(), s.ln2c);
        }
        if (onLayer)
            onLayer(l, s, in);
    }
    const float *last = layerOutput(ws, L - 1);
    const float *head = last;
    if (pre) {
        ensure(ws.lnf, N * C);
        m_lnf.forward(P, last, N, ws.lnf.data(), ws.lnfc);
        head = ws.lnf.data();
    }
    // logits (N, V) = h (N, C) · wteᵀ (the LM head is tied to the token embedding)
    float *out = ws.logitsOut;
    if (!out) {
        ensure(ws.logits, N * V);
        out = ws.logits.data();
    }
    m_wte.tiedLogits(P, head, N, out);
}

LossStats TransformerLM::forward(const Batch &batch)
{
    const Index B = batch.batch, T = batch.length, N = B * T;
    if (B <= 0 || T <= 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: batch size %2 and length %3 must both be positive"),
            kTransformerLmName, B, T);
    if (T > m_config.n_ctx)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: sequence length %2 exceeds the model's context n_positions = %3"),
            kTransformerLmName, T, m_config.n_ctx);
    if (static_cast<Index>(batch.inputs.size()) != N ||
        static_cast<Index>(batch.targets.size()) != N)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: a batch of %2 x %3 needs %4 inputs and targets, got %5 and %6"),
            kTransformerLmName, B, T, N, batch.inputs.size(), batch.targets.size());
    checkIds(batch.inputs.data(), N, "input");
    for (Index i = 0; i < N; ++i) {
        const TokenId t = batch.targets[static_cast<size_t>(i)];
        if (t < -1 || t >= m_config.vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: target %2 at position %3 is neither -1 (ignored) nor in [0, %4)"),
                kTransformerLmName, t, i, m_config.vocab);
    }
    const LossStats st = m_shards.forward(
        m_params, m_ws, B, m_dropoutRng,
        [&](const ParamStore &P, Workspace &ws, Index b0, Index nb, Rng &rng) {
            run(P, ws, batch.inputs.data() + b0 * T, nb, T, m_training, &rng, true);
            ws.targets.assign(batch.targets.begin() + b0 * T,
                              batch.targets.begin() + (b0 + nb) * T);
            crossEntropyForward(ws.logits.data(), nb * T, m_config.vocab, ws.targets.data(), ws.ce);
        });
    m_haveForward = true;
    return st;
}

void TransformerLM::backward()
{
    if (!m_haveForward)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: backward() called without a forward() before it"),
            kTransformerLmName);
    m_shards.backward(m_params, m_ws, [&](ParamStore &P, Workspace &ws, float lossScale) {
        backwardPass(P, ws, lossScale);
    });
}

void TransformerLM::backwardPass(ParamStore &P, Workspace &ws, float lossScale) const
{
    const Index B = ws.batch, T = ws.length, N = B * T, C = m_config.d_model, V = m_config.vocab;
    const bool pre = m_config.norm == NormPlacement::Pre;
    const int L = static_cast<int>(m_blocks.size());

    // loss = CE(logits, targets)
    zero(ws.dlogits, N * V);
    crossEntropyBackward(ws.ce, N, V, ws.targets.data(), ws.dlogits.data(), lossScale);
    // logits = h·wteᵀ
    const float *head = pre ? ws.lnf.data() : layerOutput(ws, L - 1);
    ensure(ws.dA, N * C);
    m_wte.tiedLogitsBackward(P, head, N, ws.dlogits.data(), ws.dA.data());
    zero(ws.dstream, N * C);
    if (pre) {
        // h = ln_f(last)
        m_lnf.backward(P, layerOutput(ws, L - 1), N, ws.lnfc, ws.dA.data(), ws.dstream.data());
    } else {
        ws.dstream.swap(ws.dA);
    }
    ensure(ws.dtmp, N * C);
    const auto copyMasked = [&](const DropoutCache &dc) -> const float * {
        // y = x·mask  =>  dx = dy·mask; without dropout the gradient passes through.
        if (dc.mask.empty())
            return ws.dstream.data();
        std::copy(ws.dstream.begin(), ws.dstream.end(), ws.dtmp.begin());
        dropoutBackward(dc, ws.dtmp.data(), N * C);
        return ws.dtmp.data();
    };
    // ws.dstream holds d(loss)/d(layer output) going into each iteration.
    for (int l = L - 1; l >= 0; --l) {
        const Block &blk = m_blocks[static_cast<size_t>(l)];
        LayerState &s = ws.layers[static_cast<size_t>(l)];
        const float *in = layerInput(ws, l);
        if (pre) {
            // res2 = res1 + drop(mlp(ln2)), ln2 = ln_2(res1)
            const float *dmlp = copyMasked(s.dropMlp);
            zero(ws.dA, N * C);
            blk.mlp.backward(P, s.ln2.data(), N, dmlp, ws.dA.data(), s.mlp, ws.dhidden);
            blk.ln2.backward(P, s.res1.data(), N, s.ln2c, ws.dA.data(), ws.dstream.data());
            // res1 = in + drop(attn(ln1)), ln1 = ln_1(in)
            const float *dattn = copyMasked(s.dropAttn);
            zero(ws.dA, N * C);
            blk.attn.backward(P, s.ln1.data(), B, T, dattn, ws.dA.data(), s.attn, ws.dqkv,
                              ws.dconcat);
            blk.ln1.backward(P, in, N, s.ln1c, ws.dA.data(), ws.dstream.data());
        } else {
            // out = ln_2(res2)
            zero(ws.dA, N * C);
            blk.ln2.backward(P, s.res2.data(), N, s.ln2c, ws.dstream.data(), ws.dA.data());
            ws.dstream.swap(ws.dA); // dstream = d res2
            // res2 = ln1 + drop(mlp(ln1))  =>  d ln1 = d res2 + mlp'ᵀ(drop'(d res2))
            const float *dmlp = copyMasked(s.dropMlp);
            ws.dB = ws.dstream;
            blk.mlp.backward(P, s.ln1.data(), N, dmlp, ws.dB.data(), s.mlp, ws.dhidden);
            // ln1 = ln_1(res1)
            zero(ws.dstream, N * C);
            blk.ln1.backward(P, s.res1.data(), N, s.ln1c, ws.dB.data(), ws.dstream.data());
            // res1 = in + drop(attn(in))  =>  d in = d res1 + attn'ᵀ(drop'(d res1))
            const float *dattn = copyMasked(s.dropAttn);
            ws.dB = ws.dstream;
            blk.attn.backward(P, in, B, T, dattn, ws.dB.data(), s.attn, ws.dqkv, ws.dconcat);
            ws.dstream.swap(ws.dB);
        }
    }
    // x = drop(wte[ids] + wpe[t])
    dropoutBackward(ws.dropEmbed, ws.dstream.data(), N * C);
    m_wte.backward(P, ws.ids.data(), N, ws.dstream.data());
    m_wpe.backward(P, B, T, ws.dstream.data());
}

MatRM TransformerLM::lastLogits() const
{
    if (!m_haveForward)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no forward() has run yet"),
                         kTransformerLmName);
    const Index V = m_config.vocab;
    Index rows = 0;
    for (int s = 0; s < m_shards.used(); ++s) {
        const Workspace &ws = m_shards.workspace(s, m_ws);
        rows += ws.batch * ws.length;
    }
    MatRM out(rows, V);
    Index r = 0;
    for (int s = 0; s < m_shards.used(); ++s) {
        const Workspace &ws = m_shards.workspace(s, m_ws);
        const Index n = ws.batch * ws.length;
        out.middleRows(r, n) = CMapRM(ws.logits.data(), n, V);
        r += n;
    }
    return out;
}

MatRM TransformerLM::logits(const std::vector<TokenId> &ids) const
{
    const Index T = static_cast<Index>(ids.size());
    if (T == 0 || T > m_config.n_ctx)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: logits() needs 1 to %2 tokens, got %3"),
                         kTransformerLmName, m_config.n_ctx, T);
    checkIds(ids.data(), T, "input");
    Workspace ws;
    run(m_params, ws, ids.data(), 1, T, false, nullptr, false);
    return CMapRM(ws.logits.data(), T, m_config.vocab);
}

AttentionTrace TransformerLM::trace(const Batch &one, const TraceOptions &options) const
{
    const Index T = one.length;
    if (T <= 0 || T > m_config.n_ctx || static_cast<Index>(one.inputs.size()) < T)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: trace needs one input of 1 to %2 tokens (got length %3 with %4 ids)"),
            kTransformerLmName, m_config.n_ctx, T, one.inputs.size());
    checkIds(one.inputs.data(), T, "input");
    for (const int l : options.layers)
        if (l < 0 || l >= m_config.n_layers)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: trace of layer %2; the model has %3 layers (0..%4)"),
                kTransformerLmName, l, m_config.n_layers, m_config.n_layers - 1);
    const Index C = m_config.d_model, H = m_config.n_heads, D = C / H, V = m_config.vocab;
    const bool pre = m_config.norm == NormPlacement::Pre;
    const int L = static_cast<int>(m_blocks.size());
    // The layers to trace; the others run in two shared states and keep nothing.
    std::vector<std::uint8_t> record(static_cast<size_t>(L), options.layers.empty() ? 1 : 0);
    for (const int l : options.layers)
        record[static_cast<size_t>(l)] = 1;

    AttentionTrace tr;
    tr.queryIds.assign(one.inputs.begin(), one.inputs.begin() + T);
    tr.keyIds = tr.queryIds;
    tr.tokenEmbeddings.resize(T, C);
    m_wte.forward(m_params, tr.queryIds.data(), T, tr.tokenEmbeddings.data());
    tr.positionEmbeddings = m_wpe.rows(m_params, T);
    const AttentionConfig &ac = m_blocks.front().attn.config;
    const float scale = attentionScale(ac, D);
    MatRM mask(T, T);
    for (Index i = 0; i < T; ++i)
        for (Index j = 0; j < T; ++j)
            mask(i, j) = attentionMasked(ac, i, j, nullptr) ||
                                 (m_config.pad_token_id >= 0 &&
                                  tr.queryIds[static_cast<size_t>(j)] == m_config.pad_token_id)
                             ? 1.0f
                             : 0.0f;

    // Each traced layer is copied out while its state is current.
    const LayerHook copyLayer = [&](int l, const LayerState &s, const float *input) {
        if (!record[static_cast<size_t>(l)])
            return;
        const Block &blk = m_blocks[static_cast<size_t>(l)];
        AttentionBlockTrace bt;
        bt.name = "layers." + std::to_string(l) + ".attn";
        bt.role = AttentionRole::CausalSelf;
        bt.kind = ac.scaled ? ScoreKind::ScaledDot : ScoreKind::Dot;
        bt.layer = l;
        bt.scale = scale;
        bt.mask = mask;
        bt.residualIn = CMapRM(input, T, C);
        bt.x = pre ? MatRM(CMapRM(s.ln1.data(), T, C)) : bt.residualIn;
        CMapRM qkv(s.attn.qkv.data(), T, 3 * C);
        for (Index h = 0; h < H; ++h) {
            HeadTrace ht;
            ht.q = qkv.middleCols(h * D, D);
            ht.k = qkv.middleCols(C + h * D, D);
            ht.v = qkv.middleCols(2 * C + h * D, D);
            ht.scores = CMapRM(s.attn.core.scores.data() + h * T * T, T, T);
            ht.scaled = ht.scores * scale; // the same product softmaxRow forms
            ht.weights = CMapRM(s.attn.core.weights.data() + h * T * T, T, T);
            ht.out = CMapRM(s.attn.concat.data(), T, C).middleCols(h * D, D);
            bt.heads.push_back(std::move(ht));
        }
        bt.concat = CMapRM(s.attn.concat.data(), T, C);
        bt.out = CMapRM(s.attnOut.data(), T, C);
        bt.residualOut = CMapRM(s.res1.data(), T, C);
        if (options.weights) {
            CMapRM w = m_params.value(blk.attn.cAttn.weight); // (C, 3C)
            for (Index h = 0; h < H; ++h) {
                bt.wq.emplace_back(w.middleCols(h * D, D));
                bt.wk.emplace_back(w.middleCols(C + h * D, D));
                bt.wv.emplace_back(w.middleCols(2 * C + h * D, D));
            }
            bt.wo = m_params.value(blk.attn.cProj.weight);
        }
        tr.blocks.push_back(std::move(bt));
    };
    Workspace ws;
    tr.logits.resize(T, V);
    ws.logitsOut = tr.logits.data();
    run(m_params, ws, one.inputs.data(), 1, T, false, nullptr, false, record, copyLayer);
    return tr;
}

} // namespace attn
