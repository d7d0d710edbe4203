#include "common/checkgrads.h"

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/threads.h"
#include "layers/activation.h"
#include "layers/crossentropy.h"
#include "layers/dropout.h"
#include "layers/embedding.h"
#include "layers/feedforward.h"
#include "layers/layernorm.h"
#include "layers/linear.h"
#include "layers/parallel.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <utility>

using namespace attn;

namespace {

using test::projLoss;
using test::randomize;
using test::randomVec;

} // namespace

class TestLayers : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void linearForwardAndGradients()
    {
        ParamStore p;
        const Linear lin = Linear::create(p, "fc", 4, 3);
        p.allocate();
        randomize(p, 1);
        const Index n = 5;
        auto x = randomVec(n * 4, 2);
        // y = x·W + b against a plain loop
        std::vector<float> y(static_cast<size_t>(n * 3));
        lin.forward(p, x.data(), n, y.data());
        for (Index i = 0; i < n; ++i)
            for (Index j = 0; j < 3; ++j) {
                double s = p.valueVec(lin.bias)(j);
                for (Index k = 0; k < 4; ++k)
                    s += double(x[size_t(i * 4 + k)]) * p.value(lin.weight)(k, j);
                QVERIFY(std::abs(s - y[size_t(i * 3 + j)]) < 1e-5);
            }
        const auto r = randomVec(n * 3, 3);
        std::vector<float> dx(x.size(), 0.0f);
        p.zeroGrads();
        lin.backward(p, x.data(), n, r.data(), dx.data());
        auto loss = [&]() {
            lin.forward(p, x.data(), n, y.data());
            return projLoss(y.data(), r);
        };
        CHECK_GRADS(test::gradCheck(loss, p.values().data(), p.grads().data(), p.size()));
        CHECK_GRADS(test::gradCheck(loss, x.data(), dx.data(), Index(x.size())));
        // backward adds: a second call doubles the gradients
        const VecF once = p.grads();
        lin.backward(p, x.data(), n, r.data(), nullptr);
        QVERIFY((p.grads() - 2.0f * once).cwiseAbs().maxCoeff() < 1e-5f);
    }

    void layerNormKnownAnswer()
    {
        ParamStore p;
        const LayerNorm ln = LayerNorm::create(p, "ln", 4, 1e-5f);
        p.allocate();
        ln.init(p);
        const std::vector<float> x = {1, 2, 3, 4};
        std::vector<float> y(4);
        LayerNormCache c;
        ln.forward(p, x.data(), 1, y.data(), c);
        // mean 2.5, variance 1.25: y = (x - 2.5) / sqrt(1.25 + 1e-5)
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(y[size_t(i)] - (x[size_t(i)] - 2.5) / std::sqrt(1.25 + 1e-5)) < 1e-6);
        QCOMPARE(c.mean[0], 2.5f);
    }

    void layerNormGradients()
    {
        ParamStore p;
        const LayerNorm ln = LayerNorm::create(p, "ln", 6, 1e-5f);
        p.allocate();
        randomize(p, 4);
        const Index n = 4;
        auto x = randomVec(n * 6, 5, 2.0f);
        const auto r = randomVec(n * 6, 6);
        std::vector<float> y(x.size()), dx(x.size(), 0.0f);
        LayerNormCache c;
        ln.forward(p, x.data(), n, y.data(), c);
        p.zeroGrads();
        ln.backward(p, x.data(), n, c, r.data(), dx.data());
        auto loss = [&]() {
            ln.forward(p, x.data(), n, y.data(), c);
            return projLoss(y.data(), r);
        };
        test::GradCheckOptions o;
        o.step = 1e-3;
        CHECK_GRADS(test::gradCheck(loss, p.values().data(), p.grads().data(), p.size(), o));
        CHECK_GRADS(test::gradCheck(loss, x.data(), dx.data(), Index(x.size()), o));

        // The checker catches a plausible bug: LayerNorm's dx without the term
        // that comes from the variance (dx = (dx̂ - mean(dx̂))·rstd).
        ln.forward(p, x.data(), n, y.data(), c);
        std::vector<float> wrong(x.size());
        const auto w = p.valueVec(ln.weight);
        for (Index i = 0; i < n; ++i) {
            double m = 0.0;
            for (Index k = 0; k < 6; ++k)
                m += double(r[size_t(i * 6 + k)]) * w(k) / 6.0;
            for (Index k = 0; k < 6; ++k)
                wrong[size_t(i * 6 + k)] =
                    float((r[size_t(i * 6 + k)] * w(k) - m) * c.rstd[size_t(i)]);
        }
        const auto bad = test::gradCheck(loss, x.data(), wrong.data(), Index(x.size()), o);
        QVERIFY(bad.failed > 0);
    }

    void activations()
    {
        const std::vector<float> x = {-3.0f, -1.0f, -0.25f, 0.3f, 1.0f, 2.5f};
        std::vector<float> y(x.size());
        activationForward(Activation::GeluTanh, x.data(), Index(x.size()), y.data());
        for (size_t i = 0; i < x.size(); ++i) {
            const double v = x[i];
            const double ref =
                0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (v + 0.044715 * v * v * v)));
            QVERIFY(std::abs(ref - y[i]) < 2e-6);
        }
        QVERIFY(std::abs(y[4] - 0.841192f) < 1e-5f); // GELU(1), tanh form
        activationForward(Activation::Relu, x.data(), Index(x.size()), y.data());
        QCOMPARE(y, (std::vector<float>{0, 0, 0, 0.3f, 1.0f, 2.5f}));

        for (Activation act : {Activation::GeluTanh, Activation::Relu}) {
            auto in = randomVec(20000, 7); // above the parallel threshold
            for (auto &v : in)
                if (std::abs(v) < 0.05f)
                    v = 0.5f; // keep ReLU's kink out of the finite difference
            const auto r = randomVec(in.size(), 8);
            std::vector<float> out(in.size()), dx(in.size());
            activationBackward(act, in.data(), Index(in.size()), r.data(), dx.data());
            auto loss = [&]() {
                activationForward(act, in.data(), Index(in.size()), out.data());
                return projLoss(out.data(), r);
            };
            std::vector<Index> some;
            for (Index i = 0; i < 20000; i += 97)
                some.push_back(i);
            test::GradCheckOptions o;
            o.step = 1e-2;
            CHECK_GRADS(test::gradCheck(loss, in.data(), dx.data(), Index(in.size()), o, some));
        }
    }

    void embeddingsAndPositions()
    {
        ParamStore p;
        const Embedding emb = Embedding::create(p, "wte", 5, 3);
        const PositionEncoding pos =
            PositionEncoding::create(p, "wpe", PositionKind::Learned, 4, 3, 1.0f);
        p.allocate();
        randomize(p, 9);
        const std::vector<TokenId> ids = {2, 4, 2, 0, 1, 2}; // B=2, T=3; token 2 three times
        std::vector<float> x(6 * 3);
        emb.forward(p, ids.data(), 6, x.data());
        pos.addForward(p, 2, 3, x.data());
        for (Index i = 0; i < 6; ++i)
            for (Index c = 0; c < 3; ++c)
                QCOMPARE(x[size_t(i * 3 + c)],
                         p.value(emb.weight)(ids[size_t(i)], c) + p.value(pos.weight)(i % 3, c));
        std::vector<float> d(18, 1.0f);
        p.zeroGrads();
        emb.backward(p, ids.data(), 6, d.data());
        pos.backward(p, 2, 3, d.data());
        QCOMPARE(p.grad(emb.weight)(2, 1), 3.0f); // token 2 appears three times
        QCOMPARE(p.grad(emb.weight)(3, 0), 0.0f);
        QCOMPARE(p.grad(pos.weight)(1, 2), 2.0f); // position 1 in both rows
        QCOMPARE(p.grad(pos.weight)(3, 0), 0.0f); // position 3 unused

        const MatRM pe = sinusoidalPositions(50, 8);
        QCOMPARE(pe(0, 0), 0.0f);
        QCOMPARE(pe(0, 1), 1.0f);
        QVERIFY(std::abs(pe(1, 0) - std::sin(1.0)) < 1e-7);
        QVERIFY(std::abs(pe(1, 1) - std::cos(1.0)) < 1e-7);
        QVERIFY(std::abs(pe(7, 2) - std::sin(7.0 / std::pow(10000.0, 2.0 / 8))) < 1e-6);
        QVERIFY(std::abs(pe(49, 7) - std::cos(49.0 / std::pow(10000.0, 6.0 / 8))) < 1e-6);
    }

    void crossEntropy()
    {
        // Uniform logits: the loss is log V.
        const Index V = 7;
        std::vector<float> z(size_t(3 * V), 0.25f);
        std::vector<TokenId> t = {1, -1, 6};
        CrossEntropyCache c;
        QVERIFY(std::abs(crossEntropyForward(z.data(), 3, V, t.data(), c) - std::log(7.0)) < 1e-6);
        QCOMPARE(c.counted, Index(2));
        // A hand-worked row: logits (0, ln 2, ln 5), target 2 -> p = 5/8, loss = ln(8/5).
        std::vector<float> z2 = {0.0f, float(std::log(2.0)), float(std::log(5.0))};
        std::vector<TokenId> t2 = {2};
        QVERIFY(std::abs(crossEntropyForward(z2.data(), 1, 3, t2.data(), c) - std::log(1.6)) <
                1e-6);
        QCOMPARE(c.correct, Index(1));
        std::vector<float> d(3, 0.0f);
        crossEntropyBackward(c, 1, 3, t2.data(), d.data());
        QVERIFY(std::abs(d[0] - 0.125f) < 1e-6f && std::abs(d[2] - (0.625f - 1.0f)) < 1e-6f);

        // Gradient check with ignored rows; all-ignored gives loss 0 and no gradient.
        const Index n = 6;
        auto logits = randomVec(n * V, 18, 2.0f);
        std::vector<TokenId> tg = {3, -1, 0, 6, -1, 2};
        std::vector<float> dl(logits.size(), 0.0f);
        crossEntropyForward(logits.data(), n, V, tg.data(), c);
        crossEntropyBackward(c, n, V, tg.data(), dl.data());
        for (Index k = 0; k < V; ++k)
            QCOMPARE(dl[size_t(V + k)], 0.0f); // an ignored row
        auto loss = [&]() {
            CrossEntropyCache cc;
            return crossEntropyForward(logits.data(), n, V, tg.data(), cc);
        };
        test::GradCheckOptions o;
        o.step = 1e-3;
        CHECK_GRADS(test::gradCheck(loss, logits.data(), dl.data(), Index(logits.size()), o));
        std::vector<TokenId> none(size_t(n), -1);
        QCOMPARE(crossEntropyForward(logits.data(), n, V, none.data(), c), 0.0);
        std::fill(dl.begin(), dl.end(), 0.0f);
        crossEntropyBackward(c, n, V, none.data(), dl.data());
        QCOMPARE(*std::max_element(dl.begin(), dl.end()), 0.0f);
    }

    void dropout()
    {
        const Index n = 100000;
        std::vector<float> x(size_t(n), 1.0f);
        Rng rng(5);
        DropoutCache c;
        dropoutForward(0.25f, false, rng, x.data(), n, c); // evaluation: identity
        QVERIFY(c.mask.empty());
        QCOMPARE(*std::min_element(x.begin(), x.end()), 1.0f);
        dropoutForward(0.25f, true, rng, x.data(), n, c);
        Index zeros = 0;
        for (float v : x) {
            QVERIFY(v == 0.0f || std::abs(v - 1.0f / 0.75f) < 1e-6f);
            zeros += v == 0.0f;
        }
        QVERIFY(std::abs(double(zeros) / n - 0.25) < 0.01);
        // Same seed, same mask; the backward pass multiplies by it.
        Rng a(9), b(9);
        DropoutCache ca, cb;
        std::vector<float> xa(size_t(n), 1.0f), xb(size_t(n), 1.0f);
        dropoutForward(0.5f, true, a, xa.data(), n, ca);
        dropoutForward(0.5f, true, b, xb.data(), n, cb);
        QCOMPARE(xa, xb);
        std::vector<float> d(size_t(n), 3.0f);
        dropoutBackward(ca, d.data(), n);
        for (Index i = 0; i < n; i += 101)
            QCOMPARE(d[size_t(i)], 3.0f * ca.mask[size_t(i)]);
    }

    void checkerFlagsAPerturbedTerm()
    {
        ParamStore p;
        const Linear lin = Linear::create(p, "fc", 3, 2);
        p.allocate();
        randomize(p, 19);
        auto x = randomVec(4 * 3, 20);
        const auto r = randomVec(4 * 2, 21);
        std::vector<float> y(8);
        p.zeroGrads();
        lin.backward(p, x.data(), 4, r.data(), nullptr);
        std::vector<float> g(p.grads().data(), p.grads().data() + p.size());
        g[4] *= 1.05f; // one term 5% off
        auto loss = [&]() {
            lin.forward(p, x.data(), 4, y.data());
            return projLoss(y.data(), r);
        };
        const auto res = test::gradCheck(loss, p.values().data(), g.data(), p.size());
        QCOMPARE(res.failed, 1);
        QCOMPARE(res.failedIndices.front(), Index(4));
    }

    // A shard that throws does not terminate the program: every shard runs to its end,
    // then the error reaches the caller, an attn::Error as it was, another exception as
    // an attn::Error with its message.
    void parallelShardsRethrowAfterEveryShard()
    {
        for (int shards : {1, 2, 4}) {
            std::vector<int> ran(size_t(shards), 0);
            try {
                parallelShards(shards, [&](int k) {
                    ran[size_t(k)] = 1;
                    if (k == shards - 1)
                        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "shard %1 failed"), k);
                });
                QFAIL("no exception");
            } catch (const Error &e) {
                QCOMPARE(std::string(e.what()), "shard " + std::to_string(shards - 1) + " failed");
                QVERIFY(e.templ() != nullptr);
            }
            QCOMPARE(std::count(ran.begin(), ran.end(), 1), shards);
        }
        try {
            parallelShards(2, [](int k) {
                if (k == 0)
                    throw std::bad_alloc();
            });
            QFAIL("no exception");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("bad_alloc") != std::string::npos);
        }
        int sum = 0;
        parallelShards(3, [&](int k) {
#pragma omp atomic
            sum += k + 1;
        });
        QCOMPARE(sum, 6);
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "test_layers.moc"
