// Seq2SeqRNN: the cross-attention trace of each score kind, decoding, the config's JSON
// and teacher forcing. Gradients, padding, threads, tracing that disturbs nothing and
// model files: tests/model/models/test_modelcontract_*.cpp, for every model kind.

#include "core/error.h"
#include "core/threads.h"
#include "models/seq2seqrnn.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

Seq2SeqRNNConfig tinyConfig(RnnCell cell, RnnAttentionKind kind)
{
    Seq2SeqRNNConfig c;
    c.vocab = 9;
    c.embedding = 3;
    c.hidden = 3;
    c.attentionSize = 4;
    c.rnn = cell;
    c.attention = kind;
    return c;
}

// 3 rows, sources of length 4, 2, 3 (S = 4, padded with 0), decoder length 3
// with ignored targets (-1) on the shorter rows.
Batch tinyBatch()
{
    Batch b;
    b.batch = 3;
    b.length = 3;
    b.sourceLength = 4;
    b.source = {5, 6, 7, 8, 8, 5, 0, 0, 6, 6, 7, 0};
    b.sourceLengths = {4, 2, 3};
    b.inputs = {1, 5, 6, 1, 7, 0, 1, 8, 8};
    b.targets = {5, 6, 2, 7, 2, -1, 8, 8, 2};
    return b;
}

} // namespace

class TestSeq2SeqRNN : public QObject {
    Q_OBJECT

private slots:
    void traceCross()
    {
        for (const auto kind :
             {RnnAttentionKind::Additive, RnnAttentionKind::General, RnnAttentionKind::ScaledDot}) {
            Seq2SeqRNN m(tinyConfig(RnnCell::GRU, kind), 2);
            Batch one;
            one.batch = 1;
            one.length = 3;
            one.sourceLength = 4;
            one.source = {5, 6, 0, 0};
            one.sourceLengths = {2};
            one.inputs = {1, 7, 8};
            one.targets = {7, 8, 2};
            const AttentionTrace tr = m.trace(one);
            const auto *blk = tr.find("cross");
            QVERIFY(blk);
            QCOMPARE(blk->role, AttentionRole::Cross);
            QCOMPARE(blk->kind, scoreKindOf(kind));
            QCOMPARE(tr.queryIds, one.inputs);
            QCOMPARE(tr.keyIds, one.source);
            const HeadTrace &h = blk->heads.at(0);
            QCOMPARE(h.q.rows(), Index(3));
            QCOMPARE(h.q.cols(), Index(6));
            QCOMPARE(h.k.rows(), Index(4));
            QCOMPARE(h.k.cols(), Index(6));
            QCOMPARE(h.weights.rows(), Index(3));
            QCOMPARE(h.weights.cols(), Index(4));
            for (Index i = 0; i < 3; ++i) {
                QCOMPARE(h.weights(i, 2), 0.0f);
                QCOMPARE(h.weights(i, 3), 0.0f);
                QCOMPARE(blk->mask(i, 3), 1.0f);
                QCOMPARE(blk->mask(i, 0), 0.0f);
                QVERIFY(std::abs(h.weights.row(i).sum() - 1.0f) < 1e-5f);
                // out = weights · v, recomputed here
                const RowVecF c = h.weights.row(i) * h.v;
                QVERIFY((c - h.out.row(i)).norm() < 1e-5f);
                // softmax of the scaled scores over the real positions, recomputed here
                const float e0 = std::exp(h.scaled(i, 0)), e1 = std::exp(h.scaled(i, 1));
                QVERIFY(std::abs(h.weights(i, 0) - e0 / (e0 + e1)) < 1e-5f);
            }
            // the decoder state that scored step i+1 is the state after step i
            QVERIFY((h.extras.at("states").row(0) - h.q.row(1)).norm() < 1e-6f);
            QCOMPARE(h.extras.at("encoder").rows(), Index(4));
            if (kind == RnnAttentionKind::Additive) {
                const MatRM &W = h.extras.at("W"), &U = h.extras.at("U"), &v = h.extras.at("v");
                QCOMPARE(h.extras.at("Ws").cols(), Index(4));
                // score = v·tanh(W s + U h), from the extras alone
                for (Index i = 0; i < 3; ++i)
                    for (Index j = 0; j < 2; ++j) {
                        const RowVecF ws = h.q.row(i) * W.transpose();
                        QVERIFY((ws - h.extras.at("Ws").row(i)).norm() < 1e-5f);
                        const RowVecF uh = h.k.row(j) * U.transpose();
                        QVERIFY((uh - h.extras.at("Uh").row(j)).norm() < 1e-5f);
                        const float e = (v.row(0).array() * (ws + uh).array().tanh()).sum();
                        QVERIFY(std::abs(e - h.scores(i, j)) < 1e-5f);
                    }
            } else if (kind == RnnAttentionKind::General) {
                const MatRM &Wh = h.extras.at("Wh");
                QCOMPARE(Wh.cols(), Index(6));
                QVERIFY(std::abs(h.q.row(1).dot(Wh.row(0)) - h.scores(1, 0)) < 1e-5f);
            } else {
                QVERIFY(std::abs(blk->scale - 1.0f / std::sqrt(6.0f)) < 1e-7f);
                QVERIFY(std::abs(h.q.row(1).dot(h.k.row(1)) - h.scores(1, 1)) < 1e-5f);
            }
            QCOMPARE(tr.logits.rows(), Index(3));
            QCOMPARE(tr.logits.cols(), Index(9));
        }
    }

    void decoding()
    {
        Seq2SeqRNN m(tinyConfig(RnnCell::LSTM, RnnAttentionKind::Additive), 4);
        const std::vector<TokenId> src{5, 6, 7};
        DecodeOptions g;
        g.maxLength = 6;
        const auto greedy = m.decode(src, g);
        QVERIFY(greedy.size() <= 6u);
        // the greedy output is the argmax of the teacher-forced logits of itself
        Batch one;
        one.batch = 1;
        one.sourceLength = 3;
        one.source = src;
        one.sourceLengths = {3};
        one.inputs = {1};
        one.inputs.insert(one.inputs.end(), greedy.begin(), greedy.end());
        one.length = static_cast<int>(one.inputs.size());
        const AttentionTrace tr = m.trace(one);
        for (size_t i = 0; i < greedy.size(); ++i) {
            Index arg = 0;
            tr.logits.row(static_cast<Index>(i)).maxCoeff(&arg);
            QCOMPARE(static_cast<TokenId>(arg), greedy[i]);
        }
        DecodeOptions b1 = g;
        b1.beam = 1;
        QCOMPARE(m.decode(src, b1), greedy);
        DecodeOptions b3 = g;
        b3.beam = 3;
        QVERIFY(m.decode(src, b3).size() <= 6u);
        QVERIFY(m.decode({}, g).empty());
        QVERIFY_THROWS_EXCEPTION(attn::Error, m.decode({5, 99}, g));
    }

    void configJson()
    {
        Seq2SeqRNNConfig c = tinyConfig(RnnCell::LSTM, RnnAttentionKind::General);
        c.teacherForcing = 0.5f;
        c.dropout = 0.1f;
        const auto j = c.toJson();
        QCOMPARE(j["rnn"].get<std::string>(), std::string("lstm"));
        QCOMPARE(j["attention"].get<std::string>(), std::string("general"));
        const auto d = Seq2SeqRNNConfig::fromJson(j);
        QCOMPARE(d.toJson(), j);
        Seq2SeqRNN m(c);
        QCOMPARE(m.params().size(), c.parameterCount());
        auto bad = j;
        bad["attention"] = "bahdanau";
        QVERIFY_THROWS_EXCEPTION(attn::Error, Seq2SeqRNNConfig::fromJson(bad));
        bad = j;
        bad["hidden_size"] = "64";
        QVERIFY_THROWS_EXCEPTION(attn::Error, Seq2SeqRNNConfig::fromJson(bad));
        bad = j;
        bad["teacher_forcing_ratio"] = 1.5;
        QVERIFY_THROWS_EXCEPTION(attn::Error, Seq2SeqRNNConfig::fromJson(bad));
        Batch b = tinyBatch();
        b.sourceLengths[1] = 0;
        QVERIFY_THROWS_EXCEPTION(attn::Error, m.forward(b));
        b = tinyBatch();
        b.source[0] = 9;
        QVERIFY_THROWS_EXCEPTION(attn::Error, m.forward(b));
    }

    void teacherForcingRatio()
    {
        // With ratio 0 the decoder reads its own argmax: the loss differs from ratio 1
        // in training, and evaluation always uses the reference inputs.
        Seq2SeqRNNConfig c = tinyConfig(RnnCell::GRU, RnnAttentionKind::Additive);
        Seq2SeqRNN forced(c, 6);
        c.teacherForcing = 0.0f;
        Seq2SeqRNN free(c, 6);
        const Batch b = tinyBatch();
        QVERIFY(forced.forward(b).loss != free.forward(b).loss);
        forced.setTraining(false);
        free.setTraining(false);
        QCOMPARE(forced.forward(b).loss, free.forward(b).loss);
        free.setTraining(true);
        free.params().zeroGrads();
        free.forward(b);
        free.backward();
        QVERIFY(std::isfinite(free.params().grads().norm()));
    }
};

QTEST_APPLESS_MAIN(TestSeq2SeqRNN)
#include "test_seq2seqrnn.moc"
