// Additive attention pooling: a hand-worked example, padding, gradients.
#include "common/gradcheck.h"

#include "core/rng.h"
#include "core/threads.h"
#include "layers/attentionpool.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

using test::projLoss;
using test::randomVec;

} // namespace

class TestAttentionPool : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void handWorkedTwoTokens()
    {
        // C = 2, A = 1: W = [1, 0]ᵀ, b = 0, v = 2·ln 3.
        // h_1 = (0, 1):          u_1 = tanh(0) = 0,            e_1 = 0
        // h_2 = (atanh(1/2), 0): u_2 = 1/2,                    e_2 = ln 3
        // a = (1, 3) / 4;  c = (3/4·atanh(1/2), 1/4)
        // A third, padded token (large values) gets weight exactly 0.
        ParamStore p;
        const AttentionPool pool = AttentionPool::create(p, "pool", 2, 1);
        p.allocate();
        p.value(pool.proj.weight)(0, 0) = 1.0f;
        p.value(pool.proj.weight)(1, 0) = 0.0f;
        p.valueVec(pool.proj.bias).setZero();
        p.valueVec(pool.v)(0) = 2.0f * std::log(3.0f);
        const float ah = std::atanh(0.5f);
        const std::vector<float> h = {0.0f, 1.0f, ah, 0.0f, 9.0f, 9.0f};
        const std::vector<std::uint8_t> pad = {0, 0, 1};
        std::vector<float> out(2);
        AttentionPool::Cache c;
        pool.forward(p, h.data(), 1, 3, pad.data(), out.data(), c);
        QVERIFY(std::abs(c.scores[0] - 0.0f) < 1e-6f);
        QVERIFY(std::abs(c.scores[1] - std::log(3.0f)) < 1e-5f);
        QVERIFY(std::abs(c.weights[0] - 0.25f) < 1e-6f);
        QVERIFY(std::abs(c.weights[1] - 0.75f) < 1e-6f);
        QCOMPARE(c.weights[2], 0.0f);
        QVERIFY(std::abs(out[0] - 0.75f * ah) < 1e-6f);
        QVERIFY(std::abs(out[1] - 0.25f) < 1e-6f);
        QVERIFY(std::abs(c.pre[1] - ah) < 1e-6f); // "Uh" of token 2
    }

    void allPaddingGivesZero()
    {
        ParamStore p;
        const AttentionPool pool = AttentionPool::create(p, "pool", 3, 2);
        p.allocate();
        Rng rng(1);
        pool.init(p, rng, 0.5f);
        const auto h = randomVec(2 * 3, 2);
        const std::vector<std::uint8_t> pad = {1, 1};
        std::vector<float> out(3, 7.0f);
        AttentionPool::Cache c;
        pool.forward(p, h.data(), 1, 2, pad.data(), out.data(), c);
        QCOMPARE(c.weights[0], 0.0f);
        QCOMPARE(c.weights[1], 0.0f);
        for (float o : out)
            QCOMPARE(o, 0.0f);
    }

    void gradientsMatchFiniteDifferences()
    {
        ParamStore p;
        const AttentionPool pool = AttentionPool::create(p, "pool", 6, 4);
        p.allocate();
        Rng rng(3);
        for (Index i = 0; i < p.size(); ++i)
            p.values()(i) = 0.6f * rng.normal();
        const Index B = 3, T = 5, C = 6;
        auto h = randomVec(B * T * C, 4);
        std::vector<std::uint8_t> pad(size_t(B * T), 0);
        pad[size_t(T + 3)] = pad[size_t(T + 4)] = 1; // row 1: 3 tokens
        pad[size_t(2 * T + 4)] = 1;                  // row 2: 4 tokens
        const auto r = randomVec(B * C, 5);
        std::vector<float> out(size_t(B * C)), dh(h.size(), 0.0f);
        AttentionPool::Cache c;
        AttentionPool::Scratch s;
        pool.forward(p, h.data(), B, T, pad.data(), out.data(), c);
        p.zeroGrads();
        pool.backward(p, h.data(), r.data(), dh.data(), c, s);
        auto loss = [&]() {
            AttentionPool::Cache c2;
            pool.forward(p, h.data(), B, T, pad.data(), out.data(), c2);
            return projLoss(out.data(), r);
        };
        const auto rp = test::gradCheck(loss, p.values().data(), p.grads().data(), p.size());
        QVERIFY2(rp.failed == 0, rp.report.c_str());
        const auto rh = test::gradCheck(loss, h.data(), dh.data(), Index(h.size()));
        QVERIFY2(rh.failed == 0, rh.report.c_str());
        for (Index ch = 0; ch < C; ++ch)
            QCOMPARE(dh[size_t((T + 3) * C + ch)], 0.0f); // padding gets no gradient

        // The check can fail: one gradient of v off by 5% of the largest is caught.
        std::vector<float> wrong(p.grads().data(), p.grads().data() + p.size());
        const Index at = p.entry(pool.v).offset + 1;
        wrong[size_t(at)] += 0.05f * float(rp.gradScale);
        const auto bad = test::gradCheck(loss, p.values().data(), wrong.data(), p.size());
        QCOMPARE(bad.failed, 1);
        QCOMPARE(bad.failedIndices.front(), at);
    }
};

QTEST_APPLESS_MAIN(TestAttentionPool)
#include "test_attentionpool.moc"
