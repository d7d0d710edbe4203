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

namespace {

constexpr const char *kTransformerLmName = "transformer";

} // namespace

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
    MapRM logits(out, N, V);
    CMapRM wte = P.value(m_wte.weight);
    parallelBlocks(N, N * V * C, [&](Index r0, Index rows) {
        logits.middleRows(r0, rows).noalias() =
            CMapRM(head, N, C).middleRows(r0, rows) * wte.transpose();
    });
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
    const int S = shardCount(B);
    m_shardsUsed = S;
    m_ws.targets = batch.targets;
    if (S == 1) {
        run(m_params, m_ws, batch.inputs.data(), B, T, m_training, &m_dropoutRng, true);
        crossEntropyForward(m_ws.logits.data(), N, m_config.vocab, m_ws.targets.data(), m_ws.ce);
        m_haveForward = true;
        LossStats st;
        st.loss = m_ws.ce.loss;
        st.counted = m_ws.ce.counted;
        st.correct = m_ws.ce.correct;
        return st;
    }
    // Data parallel: shard s runs rows [b0, b0 + nb) of the batch on its own
    // thread, with its own activations and (for s > 0) its own gradient buffer.
    // One parallel region per pass and no synchronisation inside it.
    while (static_cast<int>(m_shards.size()) < S - 1) {
        auto sh = std::make_unique<Shard>();
        for (const auto &e : m_params.entries())
            sh->store.add(e.name, e.shape, e.decay);
        sh->store.allocate();
        m_shards.push_back(std::move(sh));
    }
    std::vector<std::uint64_t> seeds(static_cast<size_t>(S));
    for (auto &sd : seeds)
        sd = m_dropoutRng.next(); // drawn in order: the same masks every run
    for (int sIdx = 1; sIdx < S; ++sIdx)
        m_shards[static_cast<size_t>(sIdx - 1)]->store.values() = m_params.values();
    parallelShards(S, [&](int sIdx) {
        const Index b0 = B * sIdx / S, nb = B * (sIdx + 1) / S - b0;
        Workspace &ws = sIdx == 0 ? m_ws : m_shards[static_cast<size_t>(sIdx - 1)]->ws;
        const ParamStore &P = sIdx == 0 ? m_params : m_shards[static_cast<size_t>(sIdx - 1)]->store;
        Rng rng(seeds[static_cast<size_t>(sIdx)]);
        run(P, ws, batch.inputs.data() + b0 * T, nb, T, m_training, &rng, true);
        ws.targets.assign(batch.targets.begin() + b0 * T, batch.targets.begin() + (b0 + nb) * T);
        crossEntropyForward(ws.logits.data(), nb * T, m_config.vocab, ws.targets.data(), ws.ce);
    });
    // The mean over every counted target of the batch, summed in row order.
    double total = 0.0;
    LossStats st;
    for (int sIdx = 0; sIdx < S; ++sIdx) {
        const Workspace &ws = sIdx == 0 ? m_ws : m_shards[static_cast<size_t>(sIdx - 1)]->ws;
        for (double l : ws.ce.rowLoss)
            total += l;
        st.counted += ws.ce.counted;
        st.correct += ws.ce.correct;
    }
    st.loss = st.counted > 0 ? total / static_cast<double>(st.counted) : 0.0;
    m_countedTotal = st.counted;
    m_haveForward = true;
    return st;
}

void TransformerLM::backward()
{
    if (!m_haveForward)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: backward() called without a forward() before it"),
            kTransformerLmName);
    const int S = m_shardsUsed;
    if (S == 1) {
        backwardPass(m_params, m_ws, 1.0f);
        return;
    }
    // Each shard's loss term is its share of the batch mean: counted_s / counted.
    const Index total = std::max<Index>(1, m_countedTotal);
    parallelShards(S, [&](int sIdx) {
        Workspace &ws = sIdx == 0 ? m_ws : m_shards[static_cast<size_t>(sIdx - 1)]->ws;
        ParamStore &P = sIdx == 0 ? m_params : m_shards[static_cast<size_t>(sIdx - 1)]->store;
        if (sIdx > 0)
            P.zeroGrads();
        backwardPass(P, ws, static_cast<float>(ws.ce.counted) / static_cast<float>(total));
    });
    // Shard gradients added in shard order (deterministic).
    for (int sIdx = 1; sIdx < S; ++sIdx)
        m_params.grads() += m_shards[static_cast<size_t>(sIdx - 1)]->store.grads();
}

void TransformerLM::backwardPass(ParamStore &P, Workspace &ws, float lossScale) const
{
    const Index B = ws.batch, T = ws.length, N = B * T, C = m_config.d_model, V = m_config.vocab;
    const bool pre = m_config.norm == NormPlacement::Pre;
    const int L = static_cast<int>(m_blocks.size());
    auto zero = [](FloatBuffer &v, Index n) { v.assign(static_cast<size_t>(n), 0.0f); };

    // loss = CE(logits, targets)
    zero(ws.dlogits, N * V);
    crossEntropyBackward(ws.ce, N, V, ws.targets.data(), ws.dlogits.data(), lossScale);
    // logits = h·wteᵀ  =>  dh = dlogits·wte, dwte += dlogitsᵀ·h
    const float *head = pre ? ws.lnf.data() : layerOutput(ws, L - 1);
    CMapRM dLogits(ws.dlogits.data(), N, V);
    zero(ws.dA, N * C);
    MapRM wte = P.value(m_wte.weight);
    MapRM dH(ws.dA.data(), N, C);
    parallelBlocks(N, N * V * C, [&](Index r0, Index rows) {
        dH.middleRows(r0, rows).noalias() = dLogits.middleRows(r0, rows) * wte;
    });
    MapRM dWte = P.grad(m_wte.weight);
    parallelBlocks(V, N * V * C, [&](Index v0, Index rows) {
        dWte.middleRows(v0, rows).noalias() +=
            dLogits.middleCols(v0, rows).transpose() * CMapRM(head, N, C);
    });
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
    for (int sIdx = 0; sIdx < m_shardsUsed; ++sIdx) {
        const Workspace &ws = sIdx == 0 ? m_ws : m_shards[static_cast<size_t>(sIdx - 1)]->ws;
        rows += ws.batch * ws.length;
    }
    MatRM out(rows, V);
    Index r = 0;
    for (int sIdx = 0; sIdx < m_shardsUsed; ++sIdx) {
        const Workspace &ws = sIdx == 0 ? m_ws : m_shards[static_cast<size_t>(sIdx - 1)]->ws;
        const Index n = ws.batch * ws.length;
        out.middleRows(r, n) = CMapRM(ws.logits.data(), n, V);
        r += n;
    }
    return out;
}

int TransformerLM::shardCount(Index batch) const
{
    // Only for models whose extra gradient buffers are cheap (under 50M parameters).
    if (batch < 2 || m_params.size() > 50'000'000)
        return 1;
    return static_cast<int>(std::min<Index>(batch, parallelMaxThreads()));
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

TokenId TransformerLM::sample(const float *logits, Index vocab, const GenerateOptions &o, Rng &rng)
{
    Eigen::Map<const Eigen::ArrayXf> z(logits, vocab);
    if (o.greedy || o.temperature <= 0.0f || o.topK == 1) {
        Index arg = 0;
        z.maxCoeff(&arg);
        return static_cast<TokenId>(arg);
    }
    // Candidates by decreasing logit (ties: lower id first).
    std::vector<int> order(static_cast<size_t>(vocab));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return z(a) > z(b); });
    size_t keep = order.size();
    if (o.topK > 0)
        keep = std::min(keep, static_cast<size_t>(o.topK));
    DoubleBuffer prob(keep);
    const double m = z(order[0]);
    double sum = 0.0;
    for (size_t i = 0; i < keep; ++i) {
        prob[i] = std::exp((static_cast<double>(z(order[i])) - m) / o.temperature);
        sum += prob[i];
    }
    if (o.topP < 1.0f) {
        double cum = 0.0;
        size_t cut = keep;
        for (size_t i = 0; i < keep; ++i) {
            cum += prob[i] / sum;
            if (cum >= o.topP) {
                cut = i + 1;
                break;
            }
        }
        keep = cut;
        sum = std::accumulate(prob.begin(), prob.begin() + static_cast<long>(keep), 0.0);
    }
    const double u = rng.uniformDouble() * sum;
    double acc = 0.0;
    for (size_t i = 0; i < keep; ++i) {
        acc += prob[i];
        if (u < acc)
            return static_cast<TokenId>(order[i]);
    }
    return static_cast<TokenId>(order[keep - 1]);
}

namespace {
void checkGenerate(const std::vector<TokenId> &prompt, int n, const GenerateOptions &o)
{
    if (prompt.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: generation needs a prompt of at least one token"),
            kTransformerLmName);
    if (n < 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot generate %2 tokens"),
                         kTransformerLmName, n);
    if (!std::isfinite(o.temperature) || !std::isfinite(o.topP) || o.topP <= 0.0f ||
        o.topP > 1.0f || o.topK < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: sampling needs a finite temperature, top-k >= 0 and top-p in (0, 1]"),
            kTransformerLmName);
}
} // namespace

std::vector<TokenId> TransformerLM::generateUncached(const std::vector<TokenId> &prompt, int n,
                                                     const GenerateOptions &options) const
{
    checkGenerate(prompt, n, options);
    checkIds(prompt.data(), static_cast<Index>(prompt.size()), "prompt");
    Rng rng(options.seed);
    std::vector<TokenId> seq = prompt, out;
    const size_t ctx = static_cast<size_t>(m_config.n_ctx);
    Workspace ws;
    for (int i = 0; i < n; ++i) {
        const size_t start = seq.size() > ctx ? seq.size() - ctx : 0;
        const Index T = static_cast<Index>(seq.size() - start);
        run(m_params, ws, seq.data() + start, 1, T, false, nullptr, false);
        const TokenId t =
            sample(ws.logits.data() + (T - 1) * m_config.vocab, m_config.vocab, options, rng);
        out.push_back(t);
        seq.push_back(t);
        if (t == options.stopToken)
            break;
    }
    return out;
}

std::vector<TokenId> TransformerLM::generate(const std::vector<TokenId> &prompt, int n,
                                             const GenerateOptions &options) const
{
    checkGenerate(prompt, n, options);
    checkIds(prompt.data(), static_cast<Index>(prompt.size()), "prompt");
    const Index C = m_config.d_model, V = m_config.vocab, ctx = m_config.n_ctx;
    const bool pre = m_config.norm == NormPlacement::Pre;
    const int L = static_cast<int>(m_blocks.size());
    Rng rng(options.seed);
    std::vector<TokenId> seq = prompt, out;

    // Keys and values of every layer for positions 0..len-1: (L, n_ctx, C) each.
    FloatBuffer kcache(static_cast<size_t>(L * ctx * C));
    FloatBuffer vcache(static_cast<size_t>(L * ctx * C));
    Index len = 0;
    FloatBuffer logit(static_cast<size_t>(V));
    Workspace ws;
    // prefill: the whole window through the shared forward pass; keep its k and v.
    auto prefill = [&](Index start) {
        const Index T = static_cast<Index>(seq.size()) - start;
        const LayerHook keepKv = [&](int l, const LayerState &s, const float *) {
            CMapRM qkv(s.attn.qkv.data(), T, 3 * C);
            MapRM(kcache.data() + l * ctx * C, T, C) = qkv.middleCols(C, C);
            MapRM(vcache.data() + l * ctx * C, T, C) = qkv.middleCols(2 * C, C);
        };
        run(m_params, ws, seq.data() + start, 1, T, false, nullptr, false, {}, keepKv);
        len = T;
        std::copy(ws.logits.begin() + (T - 1) * V, ws.logits.begin() + T * V, logit.begin());
    };
    const Index promptStart = std::max<Index>(0, static_cast<Index>(seq.size()) - ctx);
    prefill(promptStart);

    // One-row buffers for the decode steps.
    FloatBuffer x(static_cast<size_t>(C)), h(static_cast<size_t>(C)),
        qkv(static_cast<size_t>(3 * C)), cat(static_cast<size_t>(C)), y(static_cast<size_t>(C)),
        r1(static_cast<size_t>(C)), scratch(static_cast<size_t>(ctx));
    LayerNormCache lnc;
    FeedForward::Cache mc;
    for (int i = 0; i < n; ++i) {
        const TokenId t = sample(logit.data(), V, options, rng);
        out.push_back(t);
        seq.push_back(t);
        if (t == options.stopToken || i + 1 == n)
            break;
        if (len == ctx) {
            // The window is full: keep its newer half (with the new token) and
            // recompute that once; the cache then grows again from there.
            const Index keep = std::max<Index>(1, ctx / 2);
            prefill(static_cast<Index>(seq.size()) - keep);
            continue;
        }
        // x = wte[t] + wpe[len]
        const Index pos = len;
        m_wte.forward(m_params, &t, 1, x.data());
        Eigen::Map<Eigen::RowVectorXf>(x.data(), C) += m_wpe.rows(m_params, pos + 1).row(pos);
        for (int l = 0; l < L; ++l) {
            const Block &blk = m_blocks[static_cast<size_t>(l)];
            float *K = kcache.data() + l * ctx * C;
            float *Vc = vcache.data() + l * ctx * C;
            const float *ain = x.data();
            if (pre) {
                blk.ln1.forward(m_params, x.data(), 1, h.data(), lnc);
                ain = h.data();
            }
            blk.attn.cAttn.forward(m_params, ain, 1, qkv.data());
            std::copy(qkv.begin() + C, qkv.begin() + 2 * C, K + pos * C);
            std::copy(qkv.begin() + 2 * C, qkv.end(), Vc + pos * C);
            attentionDecode(blk.attn.config, pos + 1, C, qkv.data(), K, Vc, C, cat.data(),
                            scratch.data());
            blk.attn.cProj.forward(m_params, cat.data(), 1, y.data());
            addInto(r1.data(), x.data(), y.data(), C);
            if (pre) {
                blk.ln2.forward(m_params, r1.data(), 1, h.data(), lnc);
                blk.mlp.forward(m_params, h.data(), 1, y.data(), mc);
                addInto(x.data(), r1.data(), y.data(), C);
            } else {
                blk.ln1.forward(m_params, r1.data(), 1, h.data(), lnc);
                blk.mlp.forward(m_params, h.data(), 1, y.data(), mc);
                addInto(r1.data(), h.data(), y.data(), C);
                blk.ln2.forward(m_params, r1.data(), 1, x.data(), lnc);
            }
        }
        const float *hf = x.data();
        if (pre) {
            m_lnf.forward(m_params, x.data(), 1, h.data(), lnc);
            hf = h.data();
        }
        // logits (V) = h · wteᵀ
        Eigen::Map<Eigen::RowVectorXf>(logit.data(), V).noalias() =
            Eigen::Map<const Eigen::RowVectorXf>(hf, C) * m_params.value(m_wte.weight).transpose();
        len = pos + 1;
    }
    return out;
}

} // namespace attn
