// Attention modules for recurrent decoders: a hand-worked additive example,
// exact zero weight on padding, a naive second computation of every score
// kind, and finite-difference gradients for each module.
#include "common/gradcheck.h"

#include "core/error.h"
#include "layers/rnnattention.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

const RnnAttentionKind kKinds[] = {RnnAttentionKind::Additive, RnnAttentionKind::Dot,
                                   RnnAttentionKind::General, RnnAttentionKind::ScaledDot};

struct Fixture {
    ParamStore store;
    RnnAttention att;
    Index S = 4, length = 3, D = 3, A = 5;
    std::vector<float> keys;    // (S, D)
    std::vector<float> queries; // (2, D) two decoder steps
    std::vector<float> wc;      // (2, D) loss weights on the contexts

    explicit Fixture(RnnAttentionKind kind)
    {
        att = RnnAttention::create(store, "attn", kind, D, D, A);
        store.allocate();
        Rng rng(3);
        att.init(store, rng);
        auto fill = [&](std::vector<float> &v, Index n) {
            v.resize(static_cast<size_t>(n));
            for (auto &x : v)
                x = rng.normal();
        };
        fill(keys, S * D);
        fill(queries, 2 * D);
        fill(wc, 2 * D);
    }
    // loss = Σ_steps context_i · wc_i
    double loss()
    {
        MatRM proj;
        att.prepare(store, keys.data(), S, proj);
        double s = 0;
        for (int i = 0; i < 2; ++i) {
            RnnAttention::Step st;
            att.forward(store, keys.data(), S, length, proj, queries.data() + i * D, st);
            for (Index k = 0; k < D; ++k)
                s += double(st.context(k)) * wc[static_cast<size_t>(i * D + k)];
        }
        return s;
    }
    void gradients(std::vector<float> &dq, std::vector<float> &dk)
    {
        store.zeroGrads();
        dq.assign(queries.size(), 0.0f);
        dk.assign(keys.size(), 0.0f);
        MatRM proj;
        att.prepare(store, keys.data(), S, proj);
        MatRM dproj = MatRM::Zero(proj.rows(), proj.cols());
        for (int i = 0; i < 2; ++i) {
            RnnAttention::Step st;
            att.forward(store, keys.data(), S, length, proj, queries.data() + i * D, st);
            att.backward(store, store.grads().data(), keys.data(), S, length, proj, st,
                         wc.data() + i * D, dq.data() + i * D, dk.data(), dproj);
        }
        att.prepareBackward(store, store.grads().data(), keys.data(), S, dproj, dk.data());
    }
};

} // namespace

class TestRnnAttention : public QObject {
    Q_OBJECT

private slots:
    void additiveByHand()
    {
        // Dq = Dk = A = 2, W = U = I, v = (1, -1); keys h1 = (0.5, 0), h2 = (0, 0.5)
        // and a padded h3 = (9, 9) (length 2).
        ParamStore store;
        const auto att = RnnAttention::create(store, "a", RnnAttentionKind::Additive, 2, 2, 2);
        store.allocate();
        store.value(att.W) << 1, 0, 0, 1;
        store.value(att.U) << 1, 0, 0, 1;
        store.valueVec(att.v) << 1, -1;
        const float keys[] = {0.5f, 0.0f, 0.0f, 0.5f, 9.0f, 9.0f};
        MatRM proj;
        att.prepare(store, keys, 3, proj);
        // Step 1, s = (0, 0): e1 = tanh(0.5) - tanh(0) = 0.462117, e2 = tanh(0) - tanh(0.5)
        // = -0.462117; a1 = 1 / (1 + e^(e2 - e1)) = 0.715904, a2 = 0.284096;
        // c = (0.5 a1, 0.5 a2) = (0.357952, 0.142048).
        const float s1[] = {0.0f, 0.0f};
        RnnAttention::Step st;
        att.forward(store, keys, 3, 2, proj, s1, st);
        QVERIFY(std::abs(st.scores(0) - 0.462117f) < 1e-5f);
        QVERIFY(std::abs(st.scores(1) + 0.462117f) < 1e-5f);
        QVERIFY(std::abs(st.weights(0) - 0.715904f) < 1e-5f);
        QVERIFY(std::abs(st.weights(1) - 0.284096f) < 1e-5f);
        QCOMPARE(st.weights(2), 0.0f);
        QVERIFY(std::abs(st.context(0) - 0.357952f) < 1e-5f);
        QVERIFY(std::abs(st.context(1) - 0.142048f) < 1e-5f);
        // Step 2, s = (0.5, -0.5): W s = (0.5, -0.5);
        // e1 = tanh(1.0) - tanh(-0.5) = 0.761594 + 0.462117 = 1.223711,
        // e2 = tanh(0.5) - tanh(0) = 0.462117; a1 = 1 / (1 + e^(-0.761594)) = 0.681700,
        // a2 = 0.318300; c = (0.340850, 0.159150).
        const float s2[] = {0.5f, -0.5f};
        att.forward(store, keys, 3, 2, proj, s2, st);
        QVERIFY(std::abs(st.ws(0) - 0.5f) < 1e-6f && std::abs(st.ws(1) + 0.5f) < 1e-6f);
        QVERIFY(std::abs(st.scores(0) - 1.223711f) < 1e-5f);
        QVERIFY(std::abs(st.scores(1) - 0.462117f) < 1e-5f);
        QVERIFY(std::abs(st.weights(0) - 0.681700f) < 1e-5f);
        QVERIFY(std::abs(st.weights(1) - 0.318300f) < 1e-5f);
        QCOMPARE(st.weights(2), 0.0f);
        QVERIFY(std::abs(st.context(0) - 0.340850f) < 1e-5f);
        QVERIFY(std::abs(st.context(1) - 0.159150f) < 1e-5f);
    }

    void paddingGetsExactlyZero()
    {
        for (const auto kind : kKinds) {
            Fixture f(kind);
            // a padded key that would dominate every score if it were not masked
            for (Index k = 0; k < f.D; ++k)
                f.keys[static_cast<size_t>(3 * f.D + k)] =
                    50.0f * f.queries[static_cast<size_t>(k)];
            MatRM proj;
            f.att.prepare(f.store, f.keys.data(), f.S, proj);
            RnnAttention::Step st;
            f.att.forward(f.store, f.keys.data(), f.S, f.length, proj, f.queries.data(), st);
            QCOMPARE(st.weights(3), 0.0f);
            QVERIFY(std::abs(st.weights.sum() - 1.0f) < 1e-6f);
        }
    }

    void scoresMatchNaive()
    {
        for (const auto kind : kKinds) {
            Fixture f(kind);
            MatRM proj;
            f.att.prepare(f.store, f.keys.data(), f.S, proj);
            RnnAttention::Step st;
            const float *s = f.queries.data();
            f.att.forward(f.store, f.keys.data(), f.S, f.length, proj, s, st);
            std::vector<double> e(static_cast<size_t>(f.length));
            for (Index j = 0; j < f.length; ++j) {
                const float *h = f.keys.data() + j * f.D;
                double x = 0;
                if (kind == RnnAttentionKind::Additive) {
                    const float *W = f.store.valuePtr(f.att.W), *U = f.store.valuePtr(f.att.U),
                                *v = f.store.valuePtr(f.att.v);
                    for (Index a = 0; a < f.A; ++a) {
                        double pre = 0;
                        for (Index k = 0; k < f.D; ++k)
                            pre += double(W[a * f.D + k]) * s[k] + double(U[a * f.D + k]) * h[k];
                        x += v[a] * std::tanh(pre);
                    }
                } else if (kind == RnnAttentionKind::General) {
                    const float *W = f.store.valuePtr(f.att.W); // (Dq, Dk)
                    for (Index p = 0; p < f.D; ++p)
                        for (Index k = 0; k < f.D; ++k)
                            x += double(s[p]) * W[p * f.D + k] * h[k];
                } else {
                    for (Index k = 0; k < f.D; ++k)
                        x += double(s[k]) * h[k];
                    if (kind == RnnAttentionKind::ScaledDot)
                        x /= std::sqrt(double(f.D));
                }
                e[static_cast<size_t>(j)] = x;
            }
            double z = 0;
            for (double x : e)
                z += std::exp(x);
            for (Index j = 0; j < f.length; ++j)
                QVERIFY2(std::abs(st.weights(j) - std::exp(e[static_cast<size_t>(j)]) / z) < 1e-5,
                         rnnAttentionName(kind));
            for (Index k = 0; k < f.D; ++k) {
                double c = 0;
                for (Index j = 0; j < f.length; ++j)
                    c += std::exp(e[static_cast<size_t>(j)]) / z *
                         f.keys[static_cast<size_t>(j * f.D + k)];
                QVERIFY(std::abs(st.context(k) - c) < 1e-5);
            }
        }
    }

    void gradients()
    {
        for (const auto kind : kKinds) {
            Fixture f(kind);
            std::vector<float> dq, dk;
            f.gradients(dq, dk);
            auto loss = [&] { return f.loss(); };
            test::GradCheckOptions o;
            o.step = 5e-3;
            if (f.store.size() > 0) {
                const std::vector<float> g(f.store.grads().data(),
                                           f.store.grads().data() + f.store.size());
                const auto r =
                    test::gradCheck(loss, f.store.values().data(), g.data(), f.store.size(), o);
                QVERIFY2(r.failed == 0,
                         (std::string(rnnAttentionName(kind)) + "\n" + r.report).c_str());
            }
            const auto rq = test::gradCheck(loss, f.queries.data(), dq.data(), Index(dq.size()), o);
            QVERIFY2(rq.failed == 0,
                     (std::string(rnnAttentionName(kind)) + "\n" + rq.report).c_str());
            const auto rk = test::gradCheck(loss, f.keys.data(), dk.data(), Index(dk.size()), o);
            QVERIFY2(rk.failed == 0,
                     (std::string(rnnAttentionName(kind)) + "\n" + rk.report).c_str());
            // padded keys: no gradient
            for (Index k = 0; k < f.D; ++k)
                QCOMPARE(dk[static_cast<size_t>(3 * f.D + k)], 0.0f);
            // The check can fail: one key gradient off by 5% is caught.
            std::vector<float> bad = dk;
            bad[1] *= 1.05f;
            QVERIFY(std::abs(bad[1]) > 1e-3f);
            QCOMPARE(
                test::gradCheck(loss, f.keys.data(), bad.data(), Index(bad.size()), o, {1}).failed,
                1);
        }
    }

    void badSettings()
    {
        ParamStore s;
        QVERIFY_THROWS_EXCEPTION(attn::Error,
                                 RnnAttention::create(s, "a", RnnAttentionKind::Dot, 3, 4, 0));
        QVERIFY_THROWS_EXCEPTION(attn::Error, parseRnnAttention("bahdanau"));
        QCOMPARE(parseRnnAttention("scaled-dot"), RnnAttentionKind::ScaledDot);
        QCOMPARE(RnnAttention::parameterCount(RnnAttentionKind::Additive, 3, 4, 5), Index(5 * 8));
    }
};

QTEST_APPLESS_MAIN(TestRnnAttention)
#include "test_rnnattention.moc"
