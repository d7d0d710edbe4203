// AttentionClassifier: config, finite-difference gradients with padding for each
// encoder, padding invariance, threads, the pooling trace, predict().
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

void randomizeWeights(AttentionClassifier &m, std::uint64_t seed)
{
    Rng rng(seed);
    auto &p = m.params();
    for (const auto &e : p.entries()) {
        const bool lnGain = e.name.find("layer_norm.weight") != std::string::npos;
        float *v = p.values().data() + e.offset;
        for (Index i = 0; i < e.size; ++i)
            v[i] = lnGain ? 1.0f + 0.2f * rng.normal() : 0.4f * rng.normal();
    }
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

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<ClassifierEncoder>("encoder");
        QTest::addColumn<float>("dropout");
        QTest::newRow("transformer") << ClassifierEncoder::Transformer << 0.0f;
        QTest::newRow("transformer, dropout") << ClassifierEncoder::Transformer << 0.2f;
        QTest::newRow("bigru") << ClassifierEncoder::BiGRU << 0.0f;
        QTest::newRow("bilstm, dropout") << ClassifierEncoder::BiLSTM << 0.2f;
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(ClassifierEncoder, encoder);
        QFETCH(float, dropout);
        AttentionClassifierConfig c = tinyConfig(encoder);
        c.dropout = dropout;
        AttentionClassifier m(c, 2);
        randomizeWeights(m, 3);
        const Batch b = makeBatch(4);
        auto &p = m.params();
        auto loss = [&]() {
            m.seedDropout(55);
            return m.forward(b).loss;
        };
        p.zeroGrads();
        loss();
        m.backward();
        std::vector<float> analytic(p.grads().data(), p.grads().data() + p.size());
        test::GradCheckOptions o;
        o.step = 1e-2;
        const auto r = test::gradCheck(loss, p.values().data(), analytic.data(), p.size(), o);
        qInfo("%d gradients checked, max |error| %.2e, largest gradient %.2e", r.checked,
              r.maxAbsError, r.gradScale);
        QVERIFY2(r.failed == 0, r.report.c_str());
        const auto &pv = p.entry(p.find("pool.v"));
        QVERIFY(Eigen::Map<const VecF>(analytic.data() + pv.offset, pv.size).norm() > 1e-4f);
        // padding id 0 never occurs as a real token: its embedding gets no gradient
        QVERIFY(Eigen::Map<const VecF>(
                    analytic.data() + p.entry(p.find("embed_tokens.weight")).offset, c.d_model)
                    .norm() == 0.0f);
        // The check can fail: one pooling gradient off by 5% of the largest is caught.
        const Index at = p.entry(p.find("pool.proj.weight")).offset + 1;
        auto wrong = analytic;
        wrong[size_t(at)] += 0.05f * float(r.gradScale);
        const auto bad =
            test::gradCheck(loss, p.values().data(), wrong.data(), p.size(), o, {at, at + 1});
        QCOMPARE(bad.failed, 1);
    }

    void paddingDoesNotMatter_data() { encoders_data(); }
    void paddingDoesNotMatter()
    {
        QFETCH(ClassifierEncoder, encoder);
        AttentionClassifier m(tinyConfig(encoder), 2);
        randomizeWeights(m, 5);
        m.setTraining(false);
        Batch b = makeBatch(6);
        const double l1 = m.forward(b).loss;
        b.source[9] = 7; // row 1's padding
        b.source[14] = 5;
        QCOMPARE(m.forward(b).loss, l1);
        // the batch's loss is the mean of the rows' own -log p(label)
        double sum = 0.0;
        for (int r = 0; r < 3; ++r) {
            const std::vector<TokenId> src(b.source.begin() + r * 5,
                                           b.source.begin() + r * 5 + b.sourceLengths[size_t(r)]);
            const auto pr = m.predict(src);
            QVERIFY(std::abs(pr[0] + pr[1] + pr[2] - 1.0f) < 1e-5f);
            sum -= std::log(pr[size_t(b.labels[size_t(r)])]);
        }
        QVERIFY(std::abs(sum / 3 - l1) < 1e-5);
    }

    void oneAndTwoThreadsAgree()
    {
        AttentionClassifier m(tinyConfig(ClassifierEncoder::Transformer), 2);
        randomizeWeights(m, 7);
        const Batch b = makeBatch(8);
        std::vector<VecF> g;
        std::vector<double> l;
        for (int t : {1, 2}) {
            setThreads(t);
            m.params().zeroGrads();
            l.push_back(m.forward(b).loss);
            m.backward();
            g.push_back(m.params().grads());
        }
        setThreads(2);
        QVERIFY(std::abs(l[0] - l[1]) < 1e-5);
        QVERIFY((g[0] - g[1]).cwiseAbs().maxCoeff() < 1e-4f * g[0].cwiseAbs().maxCoeff());
    }

    void traceShowsThePoolingWeights_data() { encoders_data(); }
    void traceShowsThePoolingWeights()
    {
        QFETCH(ClassifierEncoder, encoder);
        const AttentionClassifierConfig c = tinyConfig(encoder);
        AttentionClassifier m(c, 2);
        randomizeWeights(m, 9);
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
