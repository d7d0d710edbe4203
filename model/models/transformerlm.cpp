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
    TransformerBlockOptions bo;
    bo.channels = C;
    bo.ffDim = F;
    bo.activation = m_config.activation;
    bo.eps = eps;
    bo.attention.heads = m_config.n_heads;
    bo.attention.causal = true;
    bo.attention.scaled = m_config.scaled;
    bo.norm = m_config.norm;
    m_stack = TransformerStack::create(
        m_params, m_config.n_layers,
        [](int l) { return TransformerBlockNames::gpt2("h." + std::to_string(l)); },
        m_config.norm == NormPlacement::Pre ? "ln_f" : "", bo, m_config.dropout);
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
    m_stack.init(m_params, rng, std, projStd);
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

void TransformerLM::run(const ParamStore &P, Workspace &ws, const TokenId *ids, Index batch,
                        Index length, bool training, Rng *dropoutRng, bool keepAll,
                        const TransformerStack::RecordLayers &record,
                        const TransformerStack::LayerHook &onLayer) const
{
    const Index B = batch, T = length, N = B * T, C = m_config.d_model, V = m_config.vocab;
    const float p = m_config.dropout;
    Rng dummy(0);
    Rng &rng = dropoutRng ? *dropoutRng : dummy;
    const bool train = training && dropoutRng;

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
    ensure(ws.embed, N * C);

    // x = wte[ids] + wpe[t], then embedding dropout
    m_wte.forward(P, ids, N, ws.embed.data());
    m_wpe.addForward(P, B, T, ws.embed.data());
    dropoutForward(p, train && p > 0.0f, rng, ws.embed.data(), N * C, ws.dropEmbed);
    // h = the blocks (and ln_f when pre-LN)
    m_stack.forward(P, ws.embed.data(), B, T, pad, nullptr, ws.stack, train, rng, record, keepAll,
                    onLayer);
    // logits (N, V) = h (N, C) · wteᵀ (the LM head is tied to the token embedding)
    float *out = ws.logitsOut;
    if (!out) {
        ensure(ws.logits, N * V);
        out = ws.logits.data();
    }
    m_wte.tiedLogits(P, m_stack.output(ws.stack), N, out);
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
    return st;
}

void TransformerLM::backward()
{
    m_shards.backward(
        kTransformerLmName, m_params, m_ws,
        [&](ParamStore &P, Workspace &ws, float lossScale) { backwardPass(P, ws, lossScale); });
}

void TransformerLM::backwardPass(ParamStore &P, Workspace &ws, float lossScale) const
{
    const Index B = ws.batch, T = ws.length, N = B * T, C = m_config.d_model, V = m_config.vocab;
    // loss = CE(logits, targets)
    zero(ws.dlogits, N * V);
    crossEntropyBackward(ws.ce, N, V, ws.targets.data(), ws.dlogits.data(), lossScale);
    // logits = h·wteᵀ
    ensure(ws.dhead, N * C);
    m_wte.tiedLogitsBackward(P, m_stack.output(ws.stack), N, ws.dlogits.data(), ws.dhead.data());
    // h = the blocks (x)
    zero(ws.dembed, N * C);
    m_stack.backward(P, ws.dhead.data(), ws.dembed.data(), nullptr, nullptr, ws.stack);
    // x = drop(wte[ids] + wpe[t])
    dropoutBackward(ws.dropEmbed, ws.dembed.data(), N * C);
    m_wte.backward(P, ws.ids.data(), N, ws.dembed.data());
    m_wpe.backward(P, B, T, ws.dembed.data());
}

MatRM TransformerLM::lastLogits() const
{
    m_shards.requireForward(kTransformerLmName,
                            QT_TRANSLATE_NOOP("attn", "%1: no forward() has run yet"));
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
    const Index C = m_config.d_model, V = m_config.vocab;
    const int L = m_stack.size();
    // The layers to trace; the others run in two shared states and keep nothing.
    TransformerStack::RecordLayers record(static_cast<size_t>(L), options.layers.empty() ? 1 : 0);
    for (const int l : options.layers)
        record[static_cast<size_t>(l)] = 1;

    AttentionTrace tr;
    tr.queryIds.assign(one.inputs.begin(), one.inputs.begin() + T);
    tr.keyIds = tr.queryIds;
    tr.tokenEmbeddings.resize(T, C);
    m_wte.forward(m_params, tr.queryIds.data(), T, tr.tokenEmbeddings.data());
    tr.positionEmbeddings = m_wpe.rows(m_params, T);

    Workspace ws;
    // Each traced layer is copied out while its state is current.
    const TransformerStack::LayerHook copyLayer = [&](int l, const TransformerBlock::State &s,
                                                      const float *input) {
        if (!record[static_cast<size_t>(l)])
            return;
        AttentionBlockTrace bt;
        bt.name = "layers." + std::to_string(l) + ".attn";
        bt.role = AttentionRole::CausalSelf;
        bt.layer = l;
        m_stack.blocks[static_cast<size_t>(l)].traceSelf(
            m_params, s, input, T, ws.keyPad.empty() ? nullptr : ws.keyPad.data(), options.weights,
            bt);
        tr.blocks.push_back(std::move(bt));
    };
    tr.logits.resize(T, V);
    ws.logitsOut = tr.logits.data();
    run(m_params, ws, one.inputs.data(), 1, T, false, nullptr, false, record, copyLayer);
    return tr;
}

} // namespace attn
