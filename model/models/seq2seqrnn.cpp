#include "models/seq2seqrnn.h"

#include "core/error.h"
#include "layers/parallel.h"
#include "models/beamsearch.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <string>

namespace attn {

// ---------------------------------------------------------------- state

struct Seq2SeqRNN::Encoded {
    Index b = 0, S = 0;
    std::vector<int> lengths; // (b)
    std::vector<TokenId> ids; // (b·S)
    FloatBuffer emb;          // (b·S, E) source embeddings after dropout
    DropoutCache drop;        //
    BiRecurrent::Cache rnn;   //
    FloatBuffer out;          // (b·S, 2H) encoder states h_j, 0 on padding
    MatRM bridgeIn;           // (b, 2H) [h→_last | h←_first]
    MatRM s0;                 // (b, D) tanh(W_b bridgeIn + b_b)
    std::vector<MatRM> proj;  // b × (S, A) U h or (S, D) W h (attention's key side)
    const float *keys(Index r, Index width) const { return out.data() + r * S * width; }
};

struct Seq2SeqRNN::DecStep {
    std::vector<TokenId> in;             // (b) input tokens y_{i-1}
    DropoutCache dropEmb, dropOut;       //
    std::vector<RnnAttention::Step> att; // (b)
    MatRM ctx;                           // (b, 2H) contexts c_i
    RecurrentCell::Step cell;            // x = [Emb[y] | c_i] (b, E + 2H), h0 = s_{i-1}
    MatRM sc;                            // (b, D + 2H) [s_i | c_i] after dropout
    MatRM probs;                         // (b, V) softmax (or raw logits)
};

struct Seq2SeqRNN::Chunk {
    Index r0 = 0, b = 0, T = 0;
    Encoded enc;
    std::vector<DecStep> steps;   // (T)
    std::vector<TokenId> targets; // (b·T)
    double lossSum = 0.0;
    Index counted = 0, correct = 0;
    Rng rng;
    VecF grads; // (P) this chunk's gradients
};

Seq2SeqRNN::~Seq2SeqRNN() = default;

Seq2SeqRNN::Seq2SeqRNN(const Seq2SeqRNNConfig &config, std::uint64_t seed)
    : m_config(config), m_rng(seed ^ 0x5e25e2ULL)
{
    m_config.validate();
    const Index V = m_config.vocab, E = m_config.embedding, H = m_config.hidden,
                D = m_config.decoderHidden();
    m_srcEmb = m_params.add("encoder.embedding.weight", {V, E}, false);
    m_encoder = BiRecurrent::create(m_params, "encoder.rnn", m_config.rnn, E, H);
    m_bridgeW = m_params.add("decoder.bridge.weight", {D, 2 * H}, true);
    m_bridgeB = m_params.add("decoder.bridge.bias", {D}, false);
    m_tgtEmb = m_params.add("decoder.embedding.weight", {V, E}, false);
    m_decoder = RecurrentCell::create(m_params, "decoder.rnn", "_l0", m_config.rnn, E + 2 * H, D);
    m_attention = RnnAttention::create(m_params, "decoder.attention", m_config.attention, D, 2 * H,
                                       m_config.attentionDim());
    m_outW = m_params.add("decoder.out.weight", {V, D + 2 * H}, true);
    m_outB = m_params.add("decoder.out.bias", {V}, false);
    m_params.allocate();
    if (m_params.size() != m_config.parameterCount())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: internal parameter count mismatch"),
                         kSeq2SeqRnnName);
    initWeights(seed);
}

void Seq2SeqRNN::initWeights(std::uint64_t seed)
{
    Rng rng(seed);
    auto normal = [&](ParamStore::Id id, float std) {
        auto w = m_params.valueVec(id);
        for (Index i = 0; i < w.size(); ++i)
            w(i) = std * rng.normal();
    };
    normal(m_srcEmb, 0.3f);
    normal(m_tgtEmb, 0.3f);
    m_encoder.init(m_params, rng);
    normal(m_bridgeW, 1.0f / std::sqrt(2.0f * static_cast<float>(m_config.hidden)));
    m_params.valueVec(m_bridgeB).setZero();
    m_decoder.init(m_params, rng);
    m_attention.init(m_params, rng);
    normal(m_outW,
           1.0f / std::sqrt(static_cast<float>(m_config.decoderHidden() + 2 * m_config.hidden)));
    m_params.valueVec(m_outB).setZero();
    m_params.zeroGrads();
}

// ---------------------------------------------------------------- forward

void Seq2SeqRNN::encode(const ParamStore &P, const TokenId *src, Index b, Index S,
                        const int *lengths, bool training, Rng *rng, Encoded &e) const
{
    const Index E = m_config.embedding, H = m_config.hidden, D = m_config.decoderHidden();
    e.b = b;
    e.S = S;
    e.lengths.assign(lengths, lengths + b);
    e.ids.assign(src, src + b * S);
    e.emb.resize(static_cast<size_t>(b * S * E));
    CMapRM Wemb = P.value(m_srcEmb); // (V, E)
    MapRM X(e.emb.data(), b * S, E); // (b·S, E)
    for (Index i = 0; i < b * S; ++i)
        X.row(i) = Wemb.row(src[i]);
    if (rng)
        dropoutForward(m_config.dropout, training, *rng, e.emb.data(), b * S * E, e.drop);
    else
        e.drop.mask.clear();
    e.out.resize(static_cast<size_t>(b * S * 2 * H));
    m_encoder.forward(P, e.emb.data(), b, S, lengths, e.out.data(), e.rnn);
    // s_0 = tanh(W_b [h→_last | h←_first] + b_b)
    e.bridgeIn.resize(b, 2 * H);
    e.bridgeIn.leftCols(H) = e.rnn.forward.hFinal;
    e.bridgeIn.rightCols(H) = e.rnn.backward.hFinal;
    e.s0.resize(b, D);
    e.s0.noalias() = e.bridgeIn * P.value(m_bridgeW).transpose();
    e.s0.rowwise() += Eigen::Map<const RowVecF>(P.valuePtr(m_bridgeB), D);
    e.s0 = e.s0.array().tanh().matrix();
    e.proj.resize(static_cast<size_t>(b));
    for (Index r = 0; r < b; ++r)
        m_attention.prepare(P, e.keys(r, 2 * H), S, e.proj[static_cast<size_t>(r)]);
}

void Seq2SeqRNN::step(const ParamStore &P, const Encoded &e, const std::vector<Index> &rowOf,
                      const TokenId *tokens, const MatRM &sPrev, const MatRM &cPrev, bool training,
                      Rng *rng, DecStep &st, bool softmax) const
{
    const Index b = static_cast<Index>(rowOf.size()), E = m_config.embedding, H = m_config.hidden,
                D = m_config.decoderHidden(), V = m_config.vocab;
    st.in.assign(tokens, tokens + b);
    // c_i = Σ_j a_ij h_j with a_i from s_{i-1}
    st.att.resize(static_cast<size_t>(b));
    st.ctx.resize(b, 2 * H);
    for (Index r = 0; r < b; ++r) {
        const Index er = rowOf[static_cast<size_t>(r)];
        auto &a = st.att[static_cast<size_t>(r)];
        const RowVecF q = sPrev.row(r);
        m_attention.forward(P, e.keys(er, 2 * H), e.S, e.lengths[static_cast<size_t>(er)],
                            e.proj[static_cast<size_t>(er)], q.data(), a);
        st.ctx.row(r) = a.context;
    }
    // x = [Emb[y_{i-1}] (dropout) | c_i]
    auto &x = st.cell.x;
    x.resize(b, E + 2 * H);
    CMapRM Wemb = P.value(m_tgtEmb); // (V, E)
    MatRM emb(b, E);
    for (Index r = 0; r < b; ++r)
        emb.row(r) = Wemb.row(tokens[r]);
    if (rng)
        dropoutForward(m_config.dropout, training, *rng, emb.data(), b * E, st.dropEmb);
    else
        st.dropEmb.mask.clear();
    x.leftCols(E) = emb;
    x.rightCols(2 * H) = st.ctx;
    // s_i = Cell(x, s_{i-1})
    st.cell.h0 = sPrev;
    if (m_config.rnn == RnnCell::LSTM)
        st.cell.c0 = cPrev;
    st.cell.active.assign(static_cast<size_t>(b), 1);
    m_decoder.forward(P, st.cell);
    // logits = W_o [s_i | c_i] + b_o
    st.sc.resize(b, D + 2 * H);
    st.sc.leftCols(D) = st.cell.h;
    st.sc.rightCols(2 * H) = st.ctx;
    if (rng)
        dropoutForward(m_config.dropout, training, *rng, st.sc.data(), b * (D + 2 * H), st.dropOut);
    else
        st.dropOut.mask.clear();
    st.probs.resize(b, V);
    st.probs.noalias() = st.sc * P.value(m_outW).transpose();
    st.probs.rowwise() += Eigen::Map<const RowVecF>(P.valuePtr(m_outB), V);
    if (softmax) {
        for (Index r = 0; r < b; ++r) {
            auto row = st.probs.row(r);
            const float mx = row.maxCoeff();
            row = (row.array() - mx).exp().matrix();
            row /= row.sum();
        }
    }
}

void Seq2SeqRNN::checkBatch(const Batch &b) const
{
    if (b.batch < 1 || b.length < 1 || b.sourceLength < 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1 batch: needs at least one row, one source and one target position"),
            kSeq2SeqRnnName);
    if (b.sourceLength > m_config.maxSourceLength)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 batch: source length %2 exceeds max_source_length %3"),
            kSeq2SeqRnnName, b.sourceLength, m_config.maxSourceLength);
    if (b.length > m_config.maxTargetLength + 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1 batch: target length %2 exceeds max_target_length + 1 (%3)"),
            kSeq2SeqRnnName, b.length, m_config.maxTargetLength + 1);
    const size_t BT = static_cast<size_t>(b.batch) * static_cast<size_t>(b.length);
    const size_t BS = static_cast<size_t>(b.batch) * static_cast<size_t>(b.sourceLength);
    if (b.inputs.size() != BT || b.targets.size() != BT || b.source.size() != BS ||
        b.sourceLengths.size() != static_cast<size_t>(b.batch))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1 batch: token matrices do not match batch %2 x %3 / source %4"),
            kSeq2SeqRnnName, b.batch, b.length, b.sourceLength);
    const int V = m_config.vocab;
    for (TokenId t : b.inputs)
        if (t < 0 || t >= V)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1 batch: %2 id %3 outside the vocabulary (%4)"),
                kSeq2SeqRnnName, "input", t, V);
    for (TokenId t : b.source)
        if (t < 0 || t >= V)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1 batch: %2 id %3 outside the vocabulary (%4)"),
                kSeq2SeqRnnName, "source", t, V);
    for (TokenId t : b.targets)
        if (t < -1 || t >= V)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1 batch: %2 id %3 outside the vocabulary (%4)"),
                kSeq2SeqRnnName, "target", t, V);
    for (int l : b.sourceLengths)
        if (l < 1 || l > b.sourceLength)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 batch: source length %2 outside 1..%3"),
                             kSeq2SeqRnnName, l, b.sourceLength);
}

void Seq2SeqRNN::forwardChunk(const ParamStore &P, Chunk &c, const Batch &b, bool training) const
{
    const Index S = b.sourceLength, T = b.length, D = m_config.decoderHidden();
    c.T = T;
    encode(P, b.source.data() + c.r0 * S, c.b, S, b.sourceLengths.data() + c.r0, training, &c.rng,
           c.enc);
    c.targets.assign(b.targets.begin() + c.r0 * T, b.targets.begin() + (c.r0 + c.b) * T);
    c.steps.resize(static_cast<size_t>(T));
    std::vector<Index> rowOf(static_cast<size_t>(c.b));
    for (Index r = 0; r < c.b; ++r)
        rowOf[static_cast<size_t>(r)] = r;
    MatRM s = c.enc.s0;                                                         // (b, D)
    MatRM cell = m_config.rnn == RnnCell::LSTM ? MatRM::Zero(c.b, D) : MatRM(); // (b, D)
    std::vector<TokenId> tokens(static_cast<size_t>(c.b));
    c.lossSum = 0.0;
    c.counted = c.correct = 0;
    const bool forcingAll = !training || m_config.teacherForcing >= 1.0f;
    for (Index i = 0; i < T; ++i) {
        for (Index r = 0; r < c.b; ++r) {
            TokenId t = b.inputs[static_cast<size_t>((c.r0 + r) * T + i)];
            // teacher forcing with probability r, else the previous step's argmax
            if (!forcingAll && i > 0 && c.rng.uniform() >= m_config.teacherForcing) {
                Index arg = 0;
                c.steps[static_cast<size_t>(i - 1)].probs.row(r).maxCoeff(&arg);
                t = static_cast<TokenId>(arg);
            }
            tokens[static_cast<size_t>(r)] = t;
        }
        DecStep &st = c.steps[static_cast<size_t>(i)];
        step(P, c.enc, rowOf, tokens.data(), s, cell, training, &c.rng, st, true);
        s = st.cell.h;
        if (m_config.rnn == RnnCell::LSTM)
            cell = st.cell.c;
        for (Index r = 0; r < c.b; ++r) {
            const TokenId y = c.targets[static_cast<size_t>(r * T + i)];
            if (y < 0)
                continue;
            Index arg = 0;
            st.probs.row(r).maxCoeff(&arg);
            c.lossSum -= std::log(std::max(st.probs(r, y), 1e-30f));
            ++c.counted;
            if (arg == y)
                ++c.correct;
        }
    }
}

LossStats Seq2SeqRNN::forward(const Batch &batch)
{
    checkBatch(batch);
    const Index B = batch.batch;
    const int n = static_cast<int>(std::min<Index>(B, parallelMaxThreads()));
    while (static_cast<int>(m_chunks.size()) < n)
        m_chunks.push_back(std::make_unique<Chunk>());
    m_chunksUsed = n;
    for (int k = 0; k < n; ++k) {
        Chunk &c = *m_chunks[static_cast<size_t>(k)];
        c.r0 = B * k / n;
        c.b = B * (k + 1) / n - c.r0;
        c.rng.reseed(m_rng.next()); // dropout and teacher forcing draws of this chunk
    }
    const ParamStore &P = m_params;
    const bool training = m_training;
    parallelShards(
        n, [&](int k) { forwardChunk(P, *m_chunks[static_cast<size_t>(k)], batch, training); });
    LossStats out;
    double sum = 0.0;
    for (int k = 0; k < n; ++k) {
        const Chunk &c = *m_chunks[static_cast<size_t>(k)];
        sum += c.lossSum;
        out.counted += c.counted;
        out.correct += c.correct;
    }
    out.loss = out.counted > 0 ? sum / static_cast<double>(out.counted) : 0.0;
    m_countedTotal = out.counted;
    m_haveForward = true;
    return out;
}

// ---------------------------------------------------------------- backward

void Seq2SeqRNN::backwardChunk(const ParamStore &P, Chunk &c, double lossScale) const
{
    const Index E = m_config.embedding, H = m_config.hidden, D = m_config.decoderHidden(),
                V = m_config.vocab, b = c.b, S = c.enc.S, T = c.T;
    const bool lstm = m_config.rnn == RnnCell::LSTM;
    c.grads.setZero(P.size());
    float *G = c.grads.data();
    auto gradMap = [&](ParamStore::Id id) {
        const auto &en = P.entry(id);
        const Index rows = en.shape.size() == 2 ? en.shape[0] : 1;
        return MapRM(G + en.offset, rows, en.size / rows);
    };
    MapRM dOutW = gradMap(m_outW);                              // (V, D + 2H)
    Eigen::Map<RowVecF> dOutB(G + P.entry(m_outB).offset, V);   // (V)
    MapRM dTgtEmb = gradMap(m_tgtEmb);                          // (V, E)
    CMapRM Wout = P.value(m_outW);                              // (V, D + 2H)
    FloatBuffer dEnc(static_cast<size_t>(b * S * 2 * H), 0.0f); // (b·S, 2H)
    std::vector<MatRM> dproj(static_cast<size_t>(b));
    for (Index r = 0; r < b; ++r)
        dproj[static_cast<size_t>(r)] = MatRM::Zero(c.enc.proj[static_cast<size_t>(r)].rows(),
                                                    c.enc.proj[static_cast<size_t>(r)].cols());
    MatRM dsNext = MatRM::Zero(b, D); // d s_i from later steps
    MatRM dcNext = lstm ? MatRM::Zero(b, D) : MatRM();
    MatRM dlogits(b, V), dsc, dx, dh0, dc0;
    const float scale = static_cast<float>(lossScale);
    for (Index i = T - 1; i >= 0; --i) {
        const DecStep &st = c.steps[static_cast<size_t>(i)];
        // loss = Σ -log p[y] · scale  =>  dlogits = scale · (p - onehot(y)); 0 when ignored
        for (Index r = 0; r < b; ++r) {
            const TokenId y = c.targets[static_cast<size_t>(r * T + i)];
            if (y < 0) {
                dlogits.row(r).setZero();
                continue;
            }
            dlogits.row(r) = scale * st.probs.row(r);
            dlogits(r, y) -= scale;
        }
        // logits = W_o [s_i | c_i] + b_o
        dOutW.noalias() += dlogits.transpose() * st.sc;
        dOutB += dlogits.colwise().sum();
        dsc.noalias() = dlogits * Wout; // (b, D + 2H)
        dropoutBackward(st.dropOut, dsc.data(), b * (D + 2 * H));
        MatRM dh = dsc.leftCols(D) + dsNext; // (b, D) d s_i
        MatRM dctx = dsc.rightCols(2 * H);   // (b, 2H) d c_i
        // s_i = Cell([Emb[y] | c_i], s_{i-1})
        m_decoder.backward(P, G, st.cell, dh, dcNext, dx, dh0, dc0);
        dctx += dx.rightCols(2 * H);
        MatRM demb = dx.leftCols(E);
        dropoutBackward(st.dropEmb, demb.data(), b * E);
        for (Index r = 0; r < b; ++r)
            dTgtEmb.row(st.in[static_cast<size_t>(r)]) += demb.row(r);
        dsNext = dh0;
        if (lstm)
            dcNext = dc0;
        // c_i = attention(s_{i-1}, h)
        for (Index r = 0; r < b; ++r) {
            m_attention.backward(P, G, c.enc.keys(r, 2 * H), S,
                                 c.enc.lengths[static_cast<size_t>(r)],
                                 c.enc.proj[static_cast<size_t>(r)], st.att[static_cast<size_t>(r)],
                                 dctx.row(r).data(), dsNext.row(r).data(),
                                 dEnc.data() + r * S * 2 * H, dproj[static_cast<size_t>(r)]);
        }
    }
    // s_0 = tanh(W_b bridgeIn + b_b)
    const MatRM dpre = (dsNext.array() * (1.0f - c.enc.s0.array().square())).matrix(); // (b, D)
    gradMap(m_bridgeW).noalias() += dpre.transpose() * c.enc.bridgeIn;
    Eigen::Map<RowVecF>(G + P.entry(m_bridgeB).offset, D) += dpre.colwise().sum();
    const MatRM dBridge = dpre * P.value(m_bridgeW); // (b, 2H)
    const MatRM dhF = dBridge.leftCols(H), dhB = dBridge.rightCols(H);
    // proj = U h (or W h)
    for (Index r = 0; r < b; ++r)
        m_attention.prepareBackward(P, G, c.enc.keys(r, 2 * H), S, dproj[static_cast<size_t>(r)],
                                    dEnc.data() + r * S * 2 * H);
    // h = BiRNN(emb)
    FloatBuffer dEmb(static_cast<size_t>(b * S * E), 0.0f);
    m_encoder.backward(P, G, c.enc.rnn, dEnc.data(), dhF.data(), dhB.data(), dEmb.data());
    dropoutBackward(c.enc.drop, dEmb.data(), b * S * E);
    // emb = Emb_src[x]
    MapRM dSrcEmb = gradMap(m_srcEmb);
    CMapRM dE(dEmb.data(), b * S, E);
    for (Index k = 0; k < b * S; ++k)
        dSrcEmb.row(c.enc.ids[static_cast<size_t>(k)]) += dE.row(k);
}

void Seq2SeqRNN::backward()
{
    if (!m_haveForward)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: backward() without a forward()"),
                         kSeq2SeqRnnName);
    m_haveForward = false;
    if (m_countedTotal == 0)
        return;
    const double lossScale = 1.0 / static_cast<double>(m_countedTotal);
    const int n = m_chunksUsed;
    const ParamStore &P = m_params;
    parallelShards(n,
                   [&](int k) { backwardChunk(P, *m_chunks[static_cast<size_t>(k)], lossScale); });
    auto g = m_params.grads();
    for (int k = 0; k < n; ++k)
        g += m_chunks[static_cast<size_t>(k)]->grads;
}

// ---------------------------------------------------------------- decode, trace

std::vector<TokenId> Seq2SeqRNN::decode(const std::vector<TokenId> &source,
                                        const DecodeOptions &options) const
{
    if (source.empty())
        return {};
    const Index S = static_cast<Index>(source.size());
    if (S > m_config.maxSourceLength)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the source has %2 tokens; max_source_length is %3"),
            kSeq2SeqRnnName, S, m_config.maxSourceLength);
    for (TokenId t : source)
        if (t < 0 || t >= m_config.vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: source id %2 outside the vocabulary (%3)"),
                kSeq2SeqRnnName, t, m_config.vocab);
    checkDecodeOptions(options, kSeq2SeqRnnName);
    const int maxLen = std::min(options.maxLength, m_config.maxTargetLength);
    const bool lstm = m_config.rnn == RnnCell::LSTM;
    const Index D = m_config.decoderHidden();
    Encoded enc;
    const int len = static_cast<int>(S);
    encode(m_params, source.data(), 1, S, &len, false, nullptr, enc);
    DecStep st;
    // The decoder state after the last step, a row per hypothesis of that step (at first
    // the encoder's summary); each hypothesis of the next step continues row from[r].
    MatRM hLast = enc.s0.topRows(1);
    MatRM cLast = lstm ? MatRM(MatRM::Zero(1, D)) : MatRM();
    const auto advance = [&](const std::vector<TokenId> &tokens, const std::vector<int> &from) {
        const Index b = static_cast<Index>(tokens.size());
        MatRM sPrev(b, D), cPrev;
        if (lstm)
            cPrev.resize(b, D);
        for (Index r = 0; r < b; ++r) {
            sPrev.row(r) = hLast.row(from[static_cast<size_t>(r)]);
            if (lstm)
                cPrev.row(r) = cLast.row(from[static_cast<size_t>(r)]);
        }
        step(m_params, enc, std::vector<Index>(static_cast<size_t>(b), 0), tokens.data(), sPrev,
             cPrev, false, nullptr, st, true);
        hLast = st.cell.h;
        if (lstm)
            cLast = st.cell.c;
    };
    if (options.beam == 1) {
        std::vector<TokenId> out;
        for (int i = 0;; ++i) {
            advance({out.empty() ? BosId : out.back()}, {0});
            const TokenId next = greedyNextToken(st.probs.row(0).data(), st.probs.cols());
            if (next == EosId || i == maxLen)
                return out; // <eos>, or no room for another token
            out.push_back(next);
        }
    }
    return beamSearch(options, maxLen, EosId,
                      [&](const std::vector<std::vector<TokenId>> &written,
                          const std::vector<int> &from, Eigen::MatrixXd &logProbs) {
                          std::vector<TokenId> tokens;
                          for (const auto &w : written)
                              tokens.push_back(w.empty() ? BosId : w.back());
                          advance(tokens, from);
                          logProbs = st.probs.cast<double>().array().max(1e-30).log().matrix();
                      });
}

AttentionTrace Seq2SeqRNN::trace(const Batch &one, const TraceOptions &) const
{
    if (one.batch != 1)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: trace needs a batch of one, got %2"),
                         kSeq2SeqRnnName, one.batch);
    Batch b = one;
    if (b.targets.empty())
        b.targets.assign(b.inputs.size(), -1);
    checkBatch(b);
    const Index S = b.sourceLength, T = b.length, E = m_config.embedding, H = m_config.hidden,
                D = m_config.decoderHidden(), V = m_config.vocab;
    const int len = b.sourceLengths[0];
    const bool lstm = m_config.rnn == RnnCell::LSTM;
    Encoded enc;
    encode(m_params, b.source.data(), 1, S, &len, false, nullptr, enc);

    AttentionTrace tr;
    tr.queryIds = b.inputs;
    tr.keyIds = b.source;
    tr.tokenEmbeddings = CMapRM(enc.emb.data(), S, E);
    AttentionBlockTrace blk;
    blk.name = "cross";
    blk.role = AttentionRole::Cross;
    blk.kind = scoreKindOf(m_config.attention);
    blk.layer = 0;
    blk.scale = m_attention.scale();
    blk.mask = MatRM::Zero(T, S);
    for (Index j = len; j < S; ++j)
        blk.mask.col(j).setOnes();
    HeadTrace h;
    h.k = CMapRM(enc.out.data(), S, 2 * H);
    h.v = h.k;
    h.q.resize(T, D);
    h.scores.resize(T, S);
    h.weights.resize(T, S);
    h.out.resize(T, 2 * H);
    MatRM states(T, D), ws;
    if (m_config.attention == RnnAttentionKind::Additive)
        ws.resize(T, m_config.attentionDim());
    tr.logits.resize(T, V);
    MatRM s = enc.s0, c = lstm ? MatRM::Zero(1, D) : MatRM();
    DecStep st;
    const std::vector<Index> rowOf{0};
    for (Index i = 0; i < T; ++i) {
        h.q.row(i) = s.row(0);
        step(m_params, enc, rowOf, &b.inputs[static_cast<size_t>(i)], s, c, false, nullptr, st,
             false);
        const auto &a = st.att[0];
        h.scores.row(i) = a.scores;
        h.weights.row(i) = a.weights;
        h.out.row(i) = a.context;
        if (ws.size() > 0)
            ws.row(i) = a.ws;
        tr.logits.row(i) = st.probs.row(0);
        s = st.cell.h;
        if (lstm)
            c = st.cell.c;
        states.row(i) = s.row(0);
    }
    h.scaled = blk.scale * h.scores;
    switch (m_config.attention) {
    case RnnAttentionKind::Additive:
        h.extras["Ws"] = ws;
        h.extras["Uh"] = enc.proj[0];
        h.extras["v"] = CMapRM(m_params.valuePtr(m_attention.v), 1, m_config.attentionDim());
        h.extras["W"] = m_params.value(m_attention.W);
        h.extras["U"] = m_params.value(m_attention.U);
        break;
    case RnnAttentionKind::General:
        h.extras["Wh"] = enc.proj[0];
        h.extras["W"] = m_params.value(m_attention.W);
        break;
    default:
        break;
    }
    h.extras["states"] = states;
    h.extras["encoder"] = h.k;
    blk.x = h.q;
    blk.heads.push_back(std::move(h));
    blk.concat = blk.heads[0].out;
    blk.out = blk.heads[0].out;
    tr.blocks.push_back(std::move(blk));
    return tr;
}

} // namespace attn
