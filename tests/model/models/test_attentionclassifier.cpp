// AttentionClassifier: config, and the pooling trace of each encoder, recomputed.
// Gradients, padding, threads, predict() and model files:
// tests/model/models/test_modelcontract_*.cpp, for every model kind.
#include "common/gradcheck.h"

#include "core/error.h"
#include "core/rng.h"
#include "core/threads.h"
#include "models/attentionclassifier.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>

using namespace attn;

Q_DECLARE_METATYPE(attn::ClassifierEncoder)

namespace {

AttentionClassifierConfig tinyConfig(ClassifierEncoder enc)
{
    AttentionClassifierConfig c;
    c.vocab = 10;
    c.classes = 3;
    c.max_length = 6;
    c.d_model = 8;
    c.encoder = enc;
    c.n_heads = 2;
    c.n_layers = 2;
    c.d_ff = 12;
    c.hidden = 5;
    c.attention_dim = 4;
    return c;
}

// 3 rows of 5 tokens: lengths 5, 3 and 1 (padding id 0 after them).
Batch makeBatch(std::uint64_t seed)
{
    Rng rng(seed);
    Batch b;
    b.batch = 3;
    b.sourceLength = 5;
    b.sourceLengths = {5, 3, 1};
    for (int r = 0; r < 3; ++r)
        for (int t = 0; t < 5; ++t)
            b.source.push_back(
                t < b.sourceLengths[size_t(r)] ? static_cast<TokenId>(4 + rng.below(6)) : 0);
    b.labels = {2, 0, 1};
    return b;
}

} // namespace

class TestAttentionClassifier : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void encoders_data()
    {
        QTest::addColumn<ClassifierEncoder>("encoder");
        QTest::newRow("transformer") << ClassifierEncoder::Transformer;
        QTest::newRow("bigru") << ClassifierEncoder::BiGRU;
        QTest::newRow("bilstm") << ClassifierEncoder::BiLSTM;
    }

    void configRoundTripsAndCounts_data() { encoders_data(); }
    void configRoundTripsAndCounts()
    {
        QFETCH(ClassifierEncoder, encoder);
        AttentionClassifierConfig c = tinyConfig(encoder);
        c.dropout = 0.25f;
        const auto back = AttentionClassifierConfig::fromJson(c.toJson());
        QCOMPARE(back.toJson(), c.toJson());
        AttentionClassifier m(c);
        QCOMPARE(m.params().size(), c.parameterCount());
        nlohmann::json j = c.toJson();
        j["encoder"] = "cnn";
        try {
            AttentionClassifierConfig::fromJson(j);
            QFAIL("no error for an unknown encoder");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("encoder") != std::string::npos);
        }
        j = c.toJson();
        j["num_labels"] = 1;
        QVERIFY_THROWS_EXCEPTION(Error, AttentionClassifierConfig::fromJson(j));
    }

    void traceShowsThePoolingWeights_data() { encoders_data(); }
    void traceShowsThePoolingWeights()
    {
        QFETCH(ClassifierEncoder, encoder);
        const AttentionClassifierConfig c = tinyConfig(encoder);
        AttentionClassifier m(c, 2);
        test::randomizeWeights(m.params(), 9, 0.4f);
        const Batch b = makeBatch(10);
        Batch one;
        one.batch = 1;
        one.sourceLength = 5;
        one.source.assign(b.source.begin() + 5, b.source.begin() + 10); // length 3 + 2 padding
        one.sourceLengths = {3};
        TraceOptions opt;
        opt.weights = true;
        const AttentionTrace tr = m.trace(one, opt);
        QCOMPARE(tr.blocks.size(),
                 size_t(encoder == ClassifierEncoder::Transformer ? c.n_layers + 1 : 1));
        const AttentionBlockTrace *pool = tr.find("pool");
        QVERIFY(pool);
        QCOMPARE(pool->role, AttentionRole::Pool);
        QCOMPARE(pool->kind, ScoreKind::Additive);
        const HeadTrace &h = pool->heads.at(0);
        QCOMPARE(h.weights.rows(), Index(1));
        QCOMPARE(h.weights.cols(), Index(5));
        QCOMPARE(h.weights(0, 3), 0.0f);
        QCOMPARE(h.weights(0, 4), 0.0f);
        QCOMPARE(pool->mask(0, 4), 1.0f);
        QCOMPARE(pool->mask(0, 2), 0.0f);
        // e = v·tanh(h·W + b), recomputed from the extras and the weights W
        const MatRM &Uh = h.extras.at("Uh");
        const MatRM &v = h.extras.at("v");
        QCOMPARE(Uh.rows(), Index(5));
        QCOMPARE(Uh.cols(), Index(c.attention_dim));
        QCOMPARE(pool->wk.size(), size_t(1));
        const MatRM pre = pool->x * pool->wk[0];
        const MatRM bias = m.params().value(m.params().find("pool.proj.bias"));
        QVERIFY((pre.rowwise() + bias.row(0) - Uh).cwiseAbs().maxCoeff() < 1e-5f);
        const MatRM e = v * Uh.array().tanh().matrix().transpose();
        QVERIFY((e - h.scores).cwiseAbs().maxCoeff() < 1e-5f);
        QVERIFY((v * h.k.transpose() - h.scores).cwiseAbs().maxCoeff() < 1e-5f);
        // a = softmax over the three real tokens
        double sum = 0.0;
        for (int t = 0; t < 3; ++t)
            sum += std::exp(double(e(0, t)));
        for (int t = 0; t < 3; ++t)
            QVERIFY(std::abs(std::exp(double(e(0, t))) / sum - h.weights(0, t)) < 1e-5);
        QVERIFY((h.weights * h.v - h.out).cwiseAbs().maxCoeff() < 1e-5f);
        // the trace's logits are predict()'s
        const auto pr = m.predict({one.source[0], one.source[1], one.source[2]});
        const Eigen::ArrayXf z = tr.logits.row(0).transpose().array();
        const Eigen::ArrayXf ez = (z - z.maxCoeff()).exp();
        for (int k = 0; k < 3; ++k)
            QVERIFY(std::abs(ez(k) / ez.sum() - pr[size_t(k)]) < 1e-5f);
        if (encoder == ClassifierEncoder::Transformer) {
            const auto *enc = tr.find("encoder.layers.1.attn");
            QVERIFY(enc);
            QCOMPARE(enc->role, AttentionRole::BidirectionalSelf);
            for (Index i = 0; i < 5; ++i)
                QCOMPARE(enc->heads[0].weights(i, 4), 0.0f);
        }
    }
};

QTEST_APPLESS_MAIN(TestAttentionClassifier)
#include "test_attentionclassifier.moc"
