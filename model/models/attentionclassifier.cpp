#include "models/attentionclassifier.h"

#include "core/buffers.h"
#include "core/error.h"
#include "layers/parallel.h"
#include "models/configcheck.h"
#include "trace/classprobabilities.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace attn {

using buffers::addInto;
using buffers::ensure;
using buffers::zero;

namespace {

constexpr const char *kClassifierName = "classifier";

} // namespace

ClassifierEncoder parseClassifierEncoder(const std::string &name)
{
    if (name == "transformer")
        return ClassifierEncoder::Transformer;
    if (name == "bigru")
        return ClassifierEncoder::BiGRU;
    if (name == "bilstm")
        return ClassifierEncoder::BiLSTM;
    throw Error::fmt(
        QT_TRANSLATE_NOOP(
            "attn", "classifier encoder '%1' is not known (expected transformer, bigru or bilstm)"),
        name);
}

const char *classifierEncoderName(ClassifierEncoder encoder)
{
    switch (encoder) {
    case ClassifierEncoder::Transformer:
        return "transformer";
    case ClassifierEncoder::BiGRU:
        return "bigru";
    case ClassifierEncoder::BiLSTM:
        return "bilstm";
    }
    return "transformer";
}

// ---------------------------------------------------------------- config

Index AttentionClassifierConfig::parameterCount() const
{
    const Index V = vocab, C = d_model, Ch = stateDim(), A = attention_dim, K = classes;
    Index n = V * C;
    if (encoder == ClassifierEncoder::Transformer) {
        const Index F = ffDim();
        if (positions == PositionKind::Learned)
            n += Index(max_length) * C;
        n += Index(n_layers) * (C * 3 * C + 3 * C + C * C + C + C * F + F + F * C + C + 4 * C);
        n += 2 * C;
    } else {
        const RnnCell cell = encoder == ClassifierEncoder::BiGRU ? RnnCell::GRU : RnnCell::LSTM;
        n += 2 * recurrentCellParameters(cell, C, hidden);
    }
    n += Ch * A + A + A; // pool
    n += Ch * K + K;     // classifier
    return n;
}

void AttentionClassifierConfig::validate() const
{
    // "classifier config: <setting> <value> must be between <lo> and <hi>"
    const auto between = [](bool ok, const char *setting, int value, const char *lo,
                            const char *hi) {
        configcheck::between(kClassifierName, ok, setting, value, lo, hi);
    };
    between(vocab >= 5 && vocab <= (1 << 20), "vocab_size", vocab, "5", "1048576");
    between(classes >= 2 && classes <= 10000, "num_labels", classes, "2", "10000");
    between(max_length >= 1 && max_length <= (1 << 16), "max_position_embeddings", max_length, "1",
            "65536");
    between(d_model >= 1 && d_model <= (1 << 14), "d_model", d_model, "1", "16384");
    between(attention_dim >= 1 && attention_dim <= (1 << 14), "attention_dim", attention_dim, "1",
            "16384");
    if (encoder == ClassifierEncoder::Transformer) {
        if (!(n_heads >= 1 && n_heads <= d_model && d_model % n_heads == 0))
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: %2 %3 must divide d_model %4"),
                             kClassifierName, "n_head", n_heads, d_model);
        between(n_layers >= 1 && n_layers <= 64, "n_layer", n_layers, "1", "64");
        between(d_ff >= 0 && d_ff <= (1 << 17), "n_inner", d_ff, "0 (4·d_model)", "131072");
    } else {
        between(hidden >= 1 && hidden <= (1 << 13), "hidden_size", hidden, "1", "8192");
    }
    configcheck::transformerParts(kClassifierName, dropout, layer_norm_epsilon, sinusoid_scale);
    configcheck::parameterCount(kClassifierName, parameterCount());
}

nlohmann::json AttentionClassifierConfig::toJson() const
{
    nlohmann::json j;
    j["model_type"] = "attentionlab-classifier";
    j["vocab_size"] = vocab;
    j["num_labels"] = classes;
    j["max_position_embeddings"] = max_length;
    j["d_model"] = d_model;
    j["encoder"] = classifierEncoderName(encoder);
    j["n_head"] = n_heads;
    j["n_layer"] = n_layers;
    j["n_inner"] = d_ff;
    j["hidden_size"] = hidden;
    j["attention_dim"] = attention_dim;
    j["dropout"] = dropout;
    j["layer_norm_epsilon"] = layer_norm_epsilon;
    configcheck::writePositions(j, positions, sinusoid_scale);
    configcheck::writeActivation(j, activation);
    j["scale_attn_weights"] = scaled;
    j["pad_token_id"] = 0;
    return j;
}

AttentionClassifierConfig AttentionClassifierConfig::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: expected a JSON object, got %2"),
                         kClassifierName, j.type_name());
    AttentionClassifierConfig c;
    c.vocab = configcheck::readInt(kClassifierName, j, "vocab_size", c.vocab);
    c.classes = configcheck::readInt(kClassifierName, j, "num_labels", c.classes);
    c.max_length =
        configcheck::readInt(kClassifierName, j, "max_position_embeddings", c.max_length);
    c.d_model = configcheck::readInt(kClassifierName, j, "d_model", c.d_model);
    try {
        c.encoder = parseClassifierEncoder(
            configcheck::readString(kClassifierName, j, "encoder", "transformer"));
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2': %3"), kClassifierName,
                         "encoder", e);
    }
    c.n_heads = configcheck::readInt(kClassifierName, j, "n_head", c.n_heads);
    c.n_layers = configcheck::readInt(kClassifierName, j, "n_layer", c.n_layers);
    c.d_ff = configcheck::readInt(kClassifierName, j, "n_inner", c.d_ff);
    c.hidden = configcheck::readInt(kClassifierName, j, "hidden_size", c.hidden);
    c.attention_dim = configcheck::readInt(kClassifierName, j, "attention_dim", c.attention_dim);
    c.dropout = configcheck::readFloat(kClassifierName, j, "dropout", c.dropout);
    c.layer_norm_epsilon =
        configcheck::readFloat(kClassifierName, j, "layer_norm_epsilon", c.layer_norm_epsilon);
    configcheck::readPositions(kClassifierName, j, PositionKind::Learned, c.positions,
                               c.sinusoid_scale);
    c.activation = configcheck::readActivation(kClassifierName, j, c.activation);
    if (j.contains("scale_attn_weights") && !j["scale_attn_weights"].is_null()) {
        if (!j["scale_attn_weights"].is_boolean())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: '%2' must be true or false"),
                             kClassifierName, "scale_attn_weights");
        c.scaled = j["scale_attn_weights"].get<bool>();
    }
    c.validate();
    return c;
}

// ---------------------------------------------------------------- model

AttentionClassifier::AttentionClassifier(const AttentionClassifierConfig &config,
                                         std::uint64_t seed)
    : m_config(config), m_dropoutRng(seed ^ 0xc1a55ULL)
{
    m_config.validate();
    const Index V = m_config.vocab, C = m_config.d_model, Ch = m_config.stateDim();
    m_embed = Embedding::create(m_params, "embed_tokens.weight", V, C);
    if (m_config.encoder == ClassifierEncoder::Transformer) {
        m_pos = PositionEncoding::create(m_params, "embed_positions.weight", m_config.positions,
                                         m_config.max_length, C, m_config.sinusoid_scale);
        TransformerBlockOptions bo;
        bo.channels = C;
        bo.ffDim = m_config.ffDim();
        bo.activation = m_config.activation;
        bo.eps = m_config.layer_norm_epsilon;
        bo.attention.heads = m_config.n_heads;
        bo.attention.causal = false;
        bo.attention.scaled = m_config.scaled;
        m_encoder =
            TransformerStack::bart(m_params, "encoder", m_config.n_layers, bo, m_config.dropout);
    } else {
        const RnnCell cell =
            m_config.encoder == ClassifierEncoder::BiGRU ? RnnCell::GRU : RnnCell::LSTM;
        m_rnn = BiRecurrent::create(m_params, "encoder.rnn", cell, C, m_config.hidden);
    }
    m_pool = AttentionPool::create(m_params, "pool", Ch, m_config.attention_dim);
    m_head = Linear::create(m_params, "classifier", Ch, m_config.classes);
    m_params.allocate();
    initWeights(seed);
}

void AttentionClassifier::initWeights(std::uint64_t seed)
{
    Rng rng(seed);
    const float std = 0.02f;
    m_embed.init(m_params, rng, std);
    if (m_config.encoder == ClassifierEncoder::Transformer) {
        m_pos.init(m_params, rng, std);
        m_encoder.init(m_params, rng, std,
                       std / std::sqrt(2.0f * static_cast<float>(m_config.n_layers)));
    } else {
        m_rnn.init(m_params, rng);
    }
    // The pooling and the output layer start at Xavier-like scales so that the
    // pooling weights move from uniform as soon as training starts.
    const float ch = static_cast<float>(m_config.stateDim());
    m_pool.init(m_params, rng, 1.0f / std::sqrt(ch));
    m_head.init(m_params, rng, 1.0f / std::sqrt(ch));
    m_params.zeroGrads();
    m_params.zeroMoments();
}

void AttentionClassifier::checkBatch(const Batch &b, bool needLabels) const
{
    const Index B = b.batch, S = b.sourceLength;
    if (B <= 0 || S <= 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: a batch needs a positive size and source length (got %2 and %3)"),
            kClassifierName, B, S);
    if (S > m_config.max_length)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: input length %2 exceeds max_position_embeddings = %3"),
            kClassifierName, S, m_config.max_length);
    if (static_cast<Index>(b.source.size()) != B * S ||
        static_cast<Index>(b.sourceLengths.size()) != B ||
        (needLabels && static_cast<Index>(b.labels.size()) != B))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "%1: a batch of %2 rows of %3 needs %4 source ids, %2 lengths and %2 labels"),
            kClassifierName, B, S, B * S);
    for (Index i = 0; i < B * S; ++i) {
        const TokenId t = b.source[static_cast<size_t>(i)];
        if (t < 0 || t >= m_config.vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: token %2 at position %3 is outside the vocabulary [0, %4)"),
                kClassifierName, t, i, m_config.vocab);
    }
    for (Index r = 0; r < B; ++r) {
        const int len = b.sourceLengths[static_cast<size_t>(r)];
        if (len < 1 || len > S)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: length %2 of row %3 must be between 1 and %4"),
                kClassifierName, len, r, S);
        if (needLabels) {
            const int y = b.labels[static_cast<size_t>(r)];
            if (y < 0 || y >= m_config.classes)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: label %2 of row %3 must be between 0 and %4"),
                    kClassifierName, y, r, m_config.classes - 1);
        }
    }
}

const float *AttentionClassifier::states(const Workspace &ws) const
{
    return m_config.encoder == ClassifierEncoder::Transformer ? m_encoder.output(ws.enc)
                                                              : ws.rnnOut.data();
}

void AttentionClassifier::run(const ParamStore &P, Workspace &ws, const Batch &b, Index b0,
                              Index nb, bool training, Rng *rng, bool record) const
{
    const Index S = b.sourceLength, N = nb * S, C = m_config.d_model, Ch = m_config.stateDim(),
                K = m_config.classes;
    const bool transformer = m_config.encoder == ClassifierEncoder::Transformer;
    Rng dummy(0);
    Rng &g = rng ? *rng : dummy;
    const bool train = training && rng;
    const bool drop = train && m_config.dropout > 0.0f;
    ws.batch = nb;
    ws.length = S;
    ws.ids.assign(b.source.begin() + b0 * S, b.source.begin() + (b0 + nb) * S);
    ws.lengths.assign(b.sourceLengths.begin() + b0, b.sourceLengths.begin() + b0 + nb);
    if (b.labels.size() == static_cast<size_t>(b.batch))
        ws.labels.assign(b.labels.begin() + b0, b.labels.begin() + b0 + nb);
    else
        ws.labels.assign(static_cast<size_t>(nb), -1);
    ensure(ws.pad, N);
    for (Index r = 0; r < nb; ++r)
        for (Index t = 0; t < S; ++t)
            ws.pad[static_cast<size_t>(r * S + t)] = t >= ws.lengths[static_cast<size_t>(r)];
    // x = E[ids] (+ pos), then dropout
    ensure(ws.embed, N * C);
    m_embed.forward(P, ws.ids.data(), N, ws.embed.data());
    if (transformer)
        m_pos.addForward(P, nb, S, ws.embed.data());
    dropoutForward(m_config.dropout, drop, g, ws.embed.data(), N * C, ws.dropEmbed);
    // h = encoder(x)
    if (transformer) {
        m_encoder.forward(P, ws.embed.data(), nb, S, ws.pad.data(), nullptr, ws.enc, train, g,
                          m_encoder.recordAll(record));
    } else {
        ensure(ws.rnnOut, N * Ch);
        m_rnn.forward(P, ws.embed.data(), nb, S, ws.lengths.data(), ws.rnnOut.data(), ws.rnn);
    }
    // c = pool(h);  then dropout
    ensure(ws.pooled, nb * Ch);
    m_pool.forward(P, states(ws), nb, S, ws.pad.data(), ws.pooled.data(), ws.pool);
    dropoutForward(m_config.dropout, drop, g, ws.pooled.data(), nb * Ch, ws.dropPooled);
    // logits = c·W + b
    ensure(ws.logits, nb * K);
    m_head.forward(P, ws.pooled.data(), nb, ws.logits.data());
}

LossStats AttentionClassifier::forward(const Batch &batch)
{
    checkBatch(batch, true);
    const Index B = batch.batch, K = m_config.classes;
    const LossStats st =
        m_shards.forward(m_params, m_ws, B, m_dropoutRng,
                         [&](const ParamStore &P, Workspace &ws, Index b0, Index nb, Rng &rng) {
                             run(P, ws, batch, b0, nb, m_training, &rng, false);
                             crossEntropyForward(ws.logits.data(), nb, K, ws.labels.data(), ws.ce);
                         });
    return st;
}

void AttentionClassifier::backward()
{
    m_shards.backward(
        kClassifierName, m_params, m_ws,
        [&](ParamStore &P, Workspace &ws, float lossScale) { backwardPass(P, ws, lossScale); });
}

void AttentionClassifier::backwardPass(ParamStore &P, Workspace &ws, float lossScale) const
{
    const Index B = ws.batch, S = ws.length, N = B * S, C = m_config.d_model,
                Ch = m_config.stateDim(), K = m_config.classes;
    // loss = CE(logits, labels)
    zero(ws.dlogits, B * K);
    crossEntropyBackward(ws.ce, B, K, ws.labels.data(), ws.dlogits.data(), lossScale);
    // logits = c·W + b
    zero(ws.dpooled, B * Ch);
    m_head.backward(P, ws.pooled.data(), B, ws.dlogits.data(), ws.dpooled.data());
    // c = drop(pool(h))
    dropoutBackward(ws.dropPooled, ws.dpooled.data(), B * Ch);
    zero(ws.dstates, N * Ch);
    m_pool.backward(P, states(ws), ws.dpooled.data(), ws.dstates.data(), ws.pool, ws.poolScratch);
    // h = encoder(x)
    zero(ws.dembed, N * C);
    if (m_config.encoder == ClassifierEncoder::Transformer)
        m_encoder.backward(P, ws.dstates.data(), ws.dembed.data(), nullptr, nullptr, ws.enc);
    else
        m_rnn.backward(P, P.grads().data(), ws.rnn, ws.dstates.data(), nullptr, nullptr,
                       ws.dembed.data());
    // x = drop(E[ids] + pos)
    dropoutBackward(ws.dropEmbed, ws.dembed.data(), N * C);
    m_embed.backward(P, ws.ids.data(), N, ws.dembed.data());
    if (m_config.encoder == ClassifierEncoder::Transformer)
        m_pos.backward(P, B, S, ws.dembed.data());
}

std::vector<float> AttentionClassifier::predict(const std::vector<TokenId> &source) const
{
    Batch b;
    b.batch = 1;
    b.sourceLength = static_cast<int>(source.size());
    b.source = source;
    b.sourceLengths = {b.sourceLength};
    if (source.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: predict() needs at least one token"),
                         kClassifierName);
    checkBatch(b, false);
    Workspace ws;
    run(m_params, ws, b, 0, 1, false, nullptr, false);
    const Index K = m_config.classes;
    return softmaxOf(ws.logits.data(), K); // (K) softmax of the logits (1, K)
}

AttentionTrace AttentionClassifier::trace(const Batch &one, const TraceOptions &options) const
{
    Batch b = one;
    b.batch = 1;
    b.source.resize(std::min(b.source.size(), static_cast<size_t>(std::max(0, b.sourceLength))));
    if (b.sourceLengths.empty())
        b.sourceLengths = {b.sourceLength};
    b.sourceLengths.resize(1);
    // (erase, not resize(1): GCC 12's -Warray-bounds misreads the inlined resize here)
    if (b.labels.size() > 1)
        b.labels.erase(b.labels.begin() + 1, b.labels.end());
    checkBatch(b, false);
    const Index T = b.sourceLength, C = m_config.d_model, Ch = m_config.stateDim(),
                A = m_config.attention_dim, K = m_config.classes;
    Workspace ws;
    run(m_params, ws, b, 0, 1, false, nullptr, true);

    AttentionTrace tr;
    tr.queryIds = b.source;
    tr.keyIds = b.source;
    tr.tokenEmbeddings.resize(T, C);
    m_embed.forward(m_params, b.source.data(), T, tr.tokenEmbeddings.data());
    if (m_config.encoder == ClassifierEncoder::Transformer) {
        tr.positionEmbeddings = m_pos.rows(m_params, T);
        for (int l = 0; l < m_encoder.size(); ++l) {
            AttentionBlockTrace bt;
            bt.name = "encoder.layers." + std::to_string(l) + ".attn";
            bt.role = AttentionRole::BidirectionalSelf;
            bt.layer = l;
            m_encoder.blocks[static_cast<size_t>(l)].traceSelf(
                m_params, m_encoder.stateOf(ws.enc, l), m_encoder.layerInput(ws.enc, l), T,
                ws.pad.data(), options.weights, bt);
            tr.blocks.push_back(std::move(bt));
        }
    }
    AttentionBlockTrace pb;
    pb.name = "pool";
    pb.role = AttentionRole::Pool;
    pb.kind = ScoreKind::Additive;
    pb.layer = 0;
    pb.scale = 1.0f;
    pb.x = CMapRM(states(ws), T, Ch);
    pb.mask.resize(1, T);
    for (Index t = 0; t < T; ++t)
        pb.mask(0, t) = ws.pad[static_cast<size_t>(t)] ? 1.0f : 0.0f;
    HeadTrace ht;
    ht.q = m_params.value(m_pool.v);       // (1, A)
    ht.k = CMapRM(ws.pool.u.data(), T, A); // (T, A) tanh(h·W + b)
    ht.v = pb.x;                           // (T, Ch)
    ht.scores = CMapRM(ws.pool.scores.data(), 1, T);
    ht.scaled = ht.scores;
    ht.weights = CMapRM(ws.pool.weights.data(), 1, T);
    ht.out = CMapRM(ws.pooled.data(), 1, Ch);
    ht.extras["Uh"] = CMapRM(ws.pool.pre.data(), T, A);
    ht.extras["tanh"] = ht.k;
    ht.extras["v"] = ht.q;
    pb.concat = ht.out;
    pb.out = ht.out;
    pb.heads.push_back(std::move(ht));
    if (options.weights)
        pb.wk.emplace_back(m_params.value(m_pool.proj.weight));
    tr.blocks.push_back(std::move(pb));
    tr.logits = CMapRM(ws.logits.data(), 1, K);
    return tr;
}

} // namespace attn
