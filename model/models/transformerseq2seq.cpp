#include "models/transformerseq2seq.h"

#include "core/buffers.h"
#include "core/error.h"
#include "layers/parallel.h"
#include "models/beamsearch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace attn {

using buffers::ensure;
using buffers::zero;

// ---------------------------------------------------------------- model

TransformerSeq2Seq::TransformerSeq2Seq(const TransformerSeq2SeqConfig &config, std::uint64_t seed)
    : m_config(config), m_dropoutRng(seed ^ 0xd0d0d0d0ULL)
{
    m_config.validate();
    const Index V = m_config.vocab, C = m_config.d_model, F = m_config.ffDim();
    const float eps = m_config.layer_norm_epsilon;
    m_embed = Embedding::create(m_params, "shared.weight", V, C);
    m_srcPos =
        PositionEncoding::create(m_params, "encoder.embed_positions.weight", m_config.positions,
                                 m_config.max_source, C, m_config.sinusoid_scale);
    m_tgtPos =
        PositionEncoding::create(m_params, "decoder.embed_positions.weight", m_config.positions,
                                 m_config.max_target, C, m_config.sinusoid_scale);
    TransformerBlockOptions bo;
    bo.channels = C;
    bo.ffDim = F;
    bo.activation = m_config.activation;
    bo.eps = eps;
    bo.attention.heads = m_config.n_heads;
    bo.attention.causal = false;
    bo.attention.scaled = m_config.scaled;
    m_encoder =
        TransformerStack::bart(m_params, "encoder", m_config.encoder_layers, bo, m_config.dropout);
    bo.attention.causal = true;
    bo.cross = true;
    m_decoder =
        TransformerStack::bart(m_params, "decoder", m_config.decoder_layers, bo, m_config.dropout);
    m_params.allocate();
    initWeights(seed);
}

void TransformerSeq2Seq::initWeights(std::uint64_t seed)
{
    Rng rng(seed);
    const float std = 0.02f;
    const float encProj = std / std::sqrt(2.0f * static_cast<float>(m_config.encoder_layers));
    const float decProj = std / std::sqrt(3.0f * static_cast<float>(m_config.decoder_layers));
    m_embed.init(m_params, rng, std);
    m_srcPos.init(m_params, rng, std);
    m_tgtPos.init(m_params, rng, std);
    m_encoder.init(m_params, rng, std, encProj);
    m_decoder.init(m_params, rng, std, decProj);
    m_params.zeroGrads();
    m_params.zeroMoments();
}

void TransformerSeq2Seq::checkBatch(const Batch &b) const
{
    const Index B = b.batch, T = b.length, S = b.sourceLength;
    if (B <= 0 || T <= 0 || S <= 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: a batch needs a positive size, target "
                                                   "length and source length (got %2, %3, %4)"),
                         kTransformerSeq2SeqName, B, T, S);
    if (S > m_config.max_source)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: source length %2 exceeds max_source_positions = %3"),
            kTransformerSeq2SeqName, S, m_config.max_source);
    if (T > m_config.max_target)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: decoder length %2 exceeds max_target_positions = %3"),
            kTransformerSeq2SeqName, T, m_config.max_target);
    if (static_cast<Index>(b.inputs.size()) != B * T ||
        static_cast<Index>(b.targets.size()) != B * T ||
        static_cast<Index>(b.source.size()) != B * S ||
        static_cast<Index>(b.sourceLengths.size()) != B)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: a batch of %2 rows needs %3 inputs and "
                                                   "targets, %4 source ids and %2 source lengths"),
                         kTransformerSeq2SeqName, B, B * T, B * S);
    const Index V = m_config.vocab;
    for (Index i = 0; i < B * T; ++i) {
        const TokenId in = b.inputs[static_cast<size_t>(i)], t = b.targets[static_cast<size_t>(i)];
        if (in < 0 || in >= V || t < -1 || t >= V)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: decoder input %2 or target %3 at position %4 is "
                                          "outside the vocabulary [0, %5)"),
                kTransformerSeq2SeqName, in, t, i, V);
    }
    for (Index i = 0; i < B * S; ++i) {
        const TokenId s = b.source[static_cast<size_t>(i)];
        if (s < 0 || s >= V)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: source token %2 at position %3 is outside the vocabulary [0, %4)"),
                kTransformerSeq2SeqName, s, i, V);
    }
    for (Index r = 0; r < B; ++r) {
        const int len = b.sourceLengths[static_cast<size_t>(r)];
        if (len < 1 || len > S)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                                 "attn", "%1: source length %2 of row %3 must be between 1 and %4"),
                             kTransformerSeq2SeqName, len, r, S);
    }
}

void TransformerSeq2Seq::encode(const ParamStore &P, Workspace &ws, bool training, Rng &rng,
                                bool record) const
{
    const Index B = ws.batch, S = ws.source, C = m_config.d_model;
    ensure(ws.srcEmbed, B * S * C);
    // x = E[src] + pos, then dropout
    m_embed.forward(P, ws.src.data(), B * S, ws.srcEmbed.data());
    m_srcPos.addForward(P, B, S, ws.srcEmbed.data());
    dropoutForward(m_config.dropout, training && m_config.dropout > 0.0f, rng, ws.srcEmbed.data(),
                   B * S * C, ws.dropSrc);
    m_encoder.forward(P, ws.srcEmbed.data(), B, S, ws.srcPad.data(), nullptr, ws.enc, training, rng,
                      m_encoder.recordAll(record));
}

TransformerBlock::Memory TransformerSeq2Seq::Workspace::memory() const
{
    return {enc.out.data(), source, srcPad.data()};
}

void TransformerSeq2Seq::decodeStack(const ParamStore &P, Workspace &ws, bool training, Rng &rng,
                                     bool record) const
{
    const Index B = ws.batch, T = ws.target, N = B * T, C = m_config.d_model, V = m_config.vocab;
    const float p = m_config.dropout;
    ensure(ws.tgtEmbed, N * C);
    // y = E[tgt] + pos, then dropout
    m_embed.forward(P, ws.tgt.data(), N, ws.tgtEmbed.data());
    m_tgtPos.addForward(P, B, T, ws.tgtEmbed.data());
    dropoutForward(p, training && p > 0.0f, rng, ws.tgtEmbed.data(), N * C, ws.dropTgt);
    // h = the decoder blocks (causal self-attention, cross-attention over the memory)
    const TransformerBlock::Memory mem = ws.memory();
    m_decoder.forward(P, ws.tgtEmbed.data(), B, T, nullptr, &mem, ws.dec, training, rng,
                      m_decoder.recordAll(record));
    // logits (N, V) = h (N, C) · Eᵀ (tied to the shared embedding)
    ensure(ws.logits, N * V);
    m_embed.tiedLogits(P, m_decoder.output(ws.dec), N, ws.logits.data());
}

void TransformerSeq2Seq::run(const ParamStore &P, Workspace &ws, const Batch &b, Index b0, Index nb,
                             bool training, Rng *rng, bool record) const
{
    const Index T = b.length, S = b.sourceLength;
    ws.batch = nb;
    ws.source = S;
    ws.target = T;
    ws.src.assign(b.source.begin() + b0 * S, b.source.begin() + (b0 + nb) * S);
    ws.tgt.assign(b.inputs.begin() + b0 * T, b.inputs.begin() + (b0 + nb) * T);
    ws.targets.assign(b.targets.begin() + b0 * T, b.targets.begin() + (b0 + nb) * T);
    ensure(ws.srcPad, nb * S);
    for (Index r = 0; r < nb; ++r)
        for (Index j = 0; j < S; ++j)
            ws.srcPad[static_cast<size_t>(r * S + j)] =
                j >= b.sourceLengths[static_cast<size_t>(b0 + r)] ? 1 : 0;
    Rng dummy(0);
    Rng &g = rng ? *rng : dummy;
    const bool train = training && rng;
    encode(P, ws, train, g, record);
    decodeStack(P, ws, train, g, record);
}

LossStats TransformerSeq2Seq::forward(const Batch &batch)
{
    checkBatch(batch);
    const Index B = batch.batch, T = batch.length, V = m_config.vocab;
    const LossStats st = m_shards.forward(
        m_params, m_ws, B, m_dropoutRng,
        [&](const ParamStore &P, Workspace &ws, Index b0, Index nb, Rng &rng) {
            run(P, ws, batch, b0, nb, m_training, &rng, false);
            crossEntropyForward(ws.logits.data(), nb * T, V, ws.targets.data(), ws.ce);
        });
    return st;
}

void TransformerSeq2Seq::backward()
{
    m_shards.backward(
        kTransformerSeq2SeqName, m_params, m_ws,
        [&](ParamStore &P, Workspace &ws, float lossScale) { backwardPass(P, ws, lossScale); });
}

void TransformerSeq2Seq::backwardPass(ParamStore &P, Workspace &ws, float lossScale) const
{
    const Index B = ws.batch, T = ws.target, S = ws.source, N = B * T, C = m_config.d_model,
                V = m_config.vocab;
    // loss = CE(logits, targets)
    zero(ws.dlogits, N * V);
    crossEntropyBackward(ws.ce, N, V, ws.targets.data(), ws.dlogits.data(), lossScale);
    // logits = h·Eᵀ (tied to the shared embedding)
    ensure(ws.dhead, N * C);
    m_embed.tiedLogitsBackward(P, m_decoder.output(ws.dec), N, ws.dlogits.data(), ws.dhead.data());
    // h = decoder(y, memory)
    zero(ws.dtgt, N * C);
    zero(ws.dmem, B * S * C);
    const TransformerBlock::Memory mem = ws.memory();
    m_decoder.backward(P, ws.dhead.data(), ws.dtgt.data(), &mem, ws.dmem.data(), ws.dec);
    // y = drop(E[tgt] + pos)
    dropoutBackward(ws.dropTgt, ws.dtgt.data(), N * C);
    m_embed.backward(P, ws.tgt.data(), N, ws.dtgt.data());
    m_tgtPos.backward(P, B, T, ws.dtgt.data());
    // memory = encoder(x)
    zero(ws.dsrc, B * S * C);
    m_encoder.backward(P, ws.dmem.data(), ws.dsrc.data(), nullptr, nullptr, ws.enc);
    // x = drop(E[src] + pos)
    dropoutBackward(ws.dropSrc, ws.dsrc.data(), B * S * C);
    m_embed.backward(P, ws.src.data(), B * S, ws.dsrc.data());
    m_srcPos.backward(P, B, S, ws.dsrc.data());
}

// ---------------------------------------------------------------- decoding

TransformerSeq2Seq::Workspace
TransformerSeq2Seq::encodeOne(const std::vector<TokenId> &source) const
{
    const Index S = static_cast<Index>(source.size());
    if (S < 1 || S > m_config.max_source)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: a source needs 1 to %2 tokens, got %3"),
                         kTransformerSeq2SeqName, m_config.max_source, S);
    for (Index i = 0; i < S; ++i)
        if (source[static_cast<size_t>(i)] < 0 || source[static_cast<size_t>(i)] >= m_config.vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "%1: source token %2 at position %3 is outside the vocabulary [0, %4)"),
                kTransformerSeq2SeqName, source[static_cast<size_t>(i)], i, m_config.vocab);
    Workspace ws;
    ws.batch = 1;
    ws.source = S;
    ws.src = source;
    ws.srcPad.assign(static_cast<size_t>(S), 0);
    Rng dummy(0);
    encode(m_params, ws, false, dummy, false);
    return ws;
}

void TransformerSeq2Seq::lastLogits(Workspace &ws, const std::vector<TokenId> &prefix,
                                    float *out) const
{
    const Index T = static_cast<Index>(prefix.size()), V = m_config.vocab;
    ws.target = T;
    ws.tgt = prefix;
    Rng dummy(0);
    decodeStack(m_params, ws, false, dummy, false);
    std::copy(ws.logits.begin() + (T - 1) * V, ws.logits.begin() + T * V, out);
}

namespace {

// log softmax (V) of one row of logits, in double.
std::vector<double> logSoftmax(const float *z, Index V)
{
    double m = -std::numeric_limits<double>::infinity();
    for (Index i = 0; i < V; ++i)
        m = std::max(m, static_cast<double>(z[i]));
    double sum = 0.0;
    for (Index i = 0; i < V; ++i)
        sum += std::exp(static_cast<double>(z[i]) - m);
    const double lse = m + std::log(sum);
    std::vector<double> out(static_cast<size_t>(V));
    for (Index i = 0; i < V; ++i)
        out[static_cast<size_t>(i)] = static_cast<double>(z[i]) - lse;
    return out;
}

} // namespace

double TransformerSeq2Seq::logProbability(const std::vector<TokenId> &source,
                                          const std::vector<TokenId> &target) const
{
    if (static_cast<Index>(target.size()) + 1 > m_config.max_target)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: a target of %2 tokens does not fit max_target_positions = %3"),
            kTransformerSeq2SeqName, target.size(), m_config.max_target);
    Workspace ws = encodeOne(source);
    std::vector<TokenId> prefix = {BosId};
    prefix.insert(prefix.end(), target.begin(), target.end());
    for (TokenId t : target)
        if (t < 0 || t >= m_config.vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: target token %2 is outside the vocabulary"),
                kTransformerSeq2SeqName, t);
    const Index T = static_cast<Index>(prefix.size()), V = m_config.vocab;
    ws.target = T;
    ws.tgt = prefix;
    Rng dummy(0);
    decodeStack(m_params, ws, false, dummy, false);
    double lp = 0.0;
    for (Index i = 0; i < T; ++i) {
        const TokenId next = i + 1 < T ? prefix[static_cast<size_t>(i + 1)] : EosId;
        lp += logSoftmax(ws.logits.data() + i * V, V)[static_cast<size_t>(next)];
    }
    return lp;
}

std::vector<TokenId> TransformerSeq2Seq::decode(const std::vector<TokenId> &source,
                                                const DecodeOptions &o) const
{
    checkDecodeOptions(o, kTransformerSeq2SeqName);
    constexpr TokenId Bos = BosId, Eos = EosId;
    const Index V = m_config.vocab;
    // Tokens written at most: the decoder input (<bos> + tokens) must fit max_target.
    const int limit = std::min(o.maxLength, m_config.max_target - 1);
    Workspace ws = encodeOne(source);
    FloatBuffer logit(static_cast<size_t>(V));
    if (o.beam == 1) {
        std::vector<TokenId> prefix = {Bos};
        std::vector<TokenId> out;
        while (static_cast<int>(out.size()) < limit) {
            lastLogits(ws, prefix, logit.data());
            const TokenId next = greedyNextToken(logit.data(), V);
            if (next == Eos)
                break;
            out.push_back(next);
            prefix.push_back(next);
        }
        return out;
    }
    // No state to carry: each hypothesis's decoder reads <bos> and what it wrote.
    return beamSearch(o, limit, Eos,
                      [&](const std::vector<std::vector<TokenId>> &written,
                          const std::vector<int> &, Eigen::MatrixXd &logProbs) {
                          logProbs.resize(static_cast<Index>(written.size()), V);
                          for (size_t h = 0; h < written.size(); ++h) {
                              std::vector<TokenId> prefix = {Bos};
                              prefix.insert(prefix.end(), written[h].begin(), written[h].end());
                              lastLogits(ws, prefix, logit.data());
                              const auto lp = logSoftmax(logit.data(), V);
                              for (Index t = 0; t < V; ++t)
                                  logProbs(static_cast<Index>(h), t) = lp[static_cast<size_t>(t)];
                          }
                      });
}

// ---------------------------------------------------------------- trace

AttentionTrace TransformerSeq2Seq::trace(const Batch &one, const TraceOptions &options) const
{
    Batch b = one;
    b.batch = 1;
    if (b.sourceLengths.empty())
        b.sourceLengths = {b.sourceLength};
    b.inputs.resize(std::min(b.inputs.size(), static_cast<size_t>(std::max(0, b.length))));
    b.source.resize(std::min(b.source.size(), static_cast<size_t>(std::max(0, b.sourceLength))));
    b.sourceLengths.resize(1);
    b.targets.assign(b.inputs.size(), -1);
    checkBatch(b);
    const Index T = b.length, S = b.sourceLength, C = m_config.d_model, V = m_config.vocab;
    Workspace ws;
    run(m_params, ws, b, 0, 1, false, nullptr, true);

    AttentionTrace tr;
    tr.queryIds = b.inputs;
    tr.keyIds = b.source;
    tr.tokenEmbeddings.resize(T, C);
    m_embed.forward(m_params, b.inputs.data(), T, tr.tokenEmbeddings.data());
    tr.positionEmbeddings = m_tgtPos.rows(m_params, T);

    const TransformerBlock::Memory mem = ws.memory();
    for (int l = 0; l < m_encoder.size(); ++l) {
        AttentionBlockTrace bt;
        bt.name = "encoder.layers." + std::to_string(l) + ".attn";
        bt.role = AttentionRole::BidirectionalSelf;
        bt.layer = l;
        m_encoder.blocks[static_cast<size_t>(l)].traceSelf(m_params, m_encoder.stateOf(ws.enc, l),
                                                           m_encoder.layerInput(ws.enc, l), S,
                                                           ws.srcPad.data(), options.weights, bt);
        tr.blocks.push_back(std::move(bt));
    }
    for (int l = 0; l < m_decoder.size(); ++l) {
        const TransformerBlock &blk = m_decoder.blocks[static_cast<size_t>(l)];
        const TransformerBlock::State &s = m_decoder.stateOf(ws.dec, l);
        AttentionBlockTrace bt;
        bt.name = "decoder.layers." + std::to_string(l) + ".self";
        bt.role = AttentionRole::CausalSelf;
        bt.layer = l;
        blk.traceSelf(m_params, s, m_decoder.layerInput(ws.dec, l), T, nullptr, options.weights,
                      bt);
        tr.blocks.push_back(std::move(bt));
        AttentionBlockTrace ct;
        ct.name = "decoder.layers." + std::to_string(l) + ".cross";
        ct.role = AttentionRole::Cross;
        ct.layer = l;
        blk.traceCross(m_params, s, T, mem, options.weights, ct);
        tr.blocks.push_back(std::move(ct));
    }
    tr.logits = CMapRM(ws.logits.data(), T, V);
    return tr;
}

} // namespace attn
