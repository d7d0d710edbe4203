// Optimizers, gradient clipping and learning-rate schedules against values
// worked out by hand from the published update rules.
#include "core/error.h"
#include "core/params.h"
#include "train/clip.h"
#include "train/optimizer.h"
#include "train/schedule.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace attn;

namespace {
// Two scalars: "w" is decayed (a weight), "b" is not (a bias).
struct TwoParams {
    ParamStore store;
    ParamStore::Id w, b;
    TwoParams(float w0, float b0)
    {
        w = store.add("w", {1}, true);
        b = store.add("b", {1}, false);
        store.allocate();
        store.valueVec(w)(0) = w0;
        store.valueVec(b)(0) = b0;
    }
    float wv() const { return store.valueVec(w)(0); }
    float bv() const { return store.valueVec(b)(0); }
    void setGrads(float gw, float gb)
    {
        store.gradVec(w)(0) = gw;
        store.gradVec(b)(0) = gb;
    }
};
} // namespace

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void adamwTwoStepsByHand()
    {
        // lr 0.1, beta1 0.9, beta2 0.999, eps 1e-8, weight decay 0.1.
        OptimizerConfig c;
        c.kind = OptimizerKind::AdamW;
        c.beta1 = 0.9f;
        c.beta2 = 0.999f;
        c.eps = 1e-8f;
        c.weightDecay = 0.1f;
        AdamW opt(c);
        TwoParams p(1.0f, -0.5f);

        // Step 1, g_w = 0.2, g_b = -0.4.
        //   m_w = 0.1*0.2 = 0.02, v_w = 0.001*0.04 = 4e-5; m_hat = 0.02/0.1 = 0.2, v_hat =
        //   4e-5/0.001 = 0.04 w = 1 - 0.1*(0.2/(0.2+1e-8) + 0.1*1) = 1 - 0.1*1.09999995 =
        //   0.890000005 m_b = -0.04, v_b = 1.6e-4; m_hat = -0.4, sqrt(v_hat) = 0.4 b = -0.5 -
        //   0.1*(-0.4/0.40000001) = -0.4000000025   (no decay on b)
        p.setGrads(0.2f, -0.4f);
        QVERIFY(opt.step(p.store, 0.1f));
        QCOMPARE(opt.steps(), 1LL);
        QVERIFY(std::abs(p.wv() - 0.890000005f) < 1e-6f);
        QVERIFY(std::abs(p.bv() - (-0.4000000025f)) < 1e-6f);
        QVERIFY(std::abs(p.store.moment1()(0) - 0.02f) < 1e-7f);
        QVERIFY(std::abs(p.store.moment2()(0) - 4e-5f) <
                4e-5f * 1e-4f); // 1 - 0.999f rounds in float
        QVERIFY(std::abs(p.store.moment1()(1) - (-0.04f)) < 1e-7f);
        QVERIFY(std::abs(p.store.moment2()(1) - 1.6e-4f) < 1.6e-4f * 1e-4f);

        // Step 2, g_w = -0.1, g_b = 0.3; bias corrections 1-0.9^2 = 0.19, 1-0.999^2 = 0.001999.
        //   m_w = 0.9*0.02 - 0.01 = 0.008;  v_w = 0.999*4e-5 + 1e-5 = 4.996e-5
        //   m_hat = 0.008/0.19 = 0.0421052632;  sqrt(v_hat) = sqrt(4.996e-5/0.001999) =
        //   0.1580901523 w = 0.89 - 0.1*(0.0421052632/0.1580901523 + 0.1*0.89) = 0.89 -
        //   0.1*(0.2663337 + 0.089)
        //     = 0.8544663
        //   m_b = 0.9*(-0.04) + 0.03 = -0.006;  v_b = 0.999*1.6e-4 + 9e-5 = 2.4984e-4
        //   m_hat = -0.006/0.19 = -0.0315789474;  sqrt(v_hat) = sqrt(2.4984e-4/0.001999) =
        //   0.3535286286 b = -0.4 - 0.1*(-0.0315789474/0.3535286286) = -0.4 + 0.0089324980 =
        //   -0.3910675
        p.setGrads(-0.1f, 0.3f);
        QVERIFY(opt.step(p.store, 0.1f));
        QCOMPARE(opt.steps(), 2LL);
        QVERIFY2(std::abs(p.wv() - 0.8544663f) < 2e-6f,
                 qPrintable(QString::number(p.wv(), 'g', 10)));
        QVERIFY2(std::abs(p.bv() - (-0.3910675f)) < 2e-6f,
                 qPrintable(QString::number(p.bv(), 'g', 10)));
        QVERIFY(std::abs(p.store.moment1()(0) - 0.008f) < 1e-7f);
        QVERIFY(std::abs(p.store.moment2()(0) - 4.996e-5f) < 4.996e-5f * 1e-4f);
    }

    void adamwSkipsDecayForNoDecayEntries()
    {
        // With a zero gradient Adam's term is 0/(0+eps) = 0, so only the decay moves w:
        // w = 2 - lr*wd*2 = 2 - 0.5*0.1*2 = 1.9; b (decay=false) stays.
        OptimizerConfig c;
        c.weightDecay = 0.1f;
        AdamW opt(c);
        TwoParams p(2.0f, 2.0f);
        p.setGrads(0.0f, 0.0f);
        QVERIFY(opt.step(p.store, 0.5f));
        QCOMPARE(p.wv(), 1.9f);
        QCOMPARE(p.bv(), 2.0f);
    }

    void sgdMomentumByHand()
    {
        // momentum 0.9, lr 0.1, no decay. g = 0.5 twice:
        //   u1 = 0.5, w1 = 1 - 0.05 = 0.95;  u2 = 0.45 + 0.5 = 0.95, w2 = 0.95 - 0.095 = 0.855
        OptimizerConfig c;
        c.kind = OptimizerKind::Sgd;
        c.momentum = 0.9f;
        Sgd opt(c);
        TwoParams p(1.0f, 1.0f);
        p.setGrads(0.5f, 0.5f);
        QVERIFY(opt.step(p.store, 0.1f));
        QVERIFY(std::abs(p.wv() - 0.95f) < 1e-7f);
        QVERIFY(std::abs(p.store.moment1()(0) - 0.5f) < 1e-7f);
        QVERIFY(opt.step(p.store, 0.1f));
        QVERIFY(std::abs(p.wv() - 0.855f) < 1e-6f);
        QVERIFY(std::abs(p.store.moment1()(0) - 0.95f) < 1e-6f);
    }

    void sgdWeightDecayOnlyWhereAllowed()
    {
        // wd 0.1, momentum 0: w: g' = 0.5 + 0.1*1 = 0.6, w = 1 - 0.1*0.6 = 0.94; b: 1 - 0.05 =
        // 0.95.
        OptimizerConfig c;
        c.kind = OptimizerKind::Sgd;
        c.momentum = 0.0f;
        c.weightDecay = 0.1f;
        Sgd opt(c);
        TwoParams p(1.0f, 1.0f);
        p.setGrads(0.5f, 0.5f);
        QVERIFY(opt.step(p.store, 0.1f));
        QVERIFY(std::abs(p.wv() - 0.94f) < 1e-7f);
        QVERIFY(std::abs(p.bv() - 0.95f) < 1e-7f);
    }

    void optimizerWritesNothingWhenTheUpdateOverflows()
    {
        OptimizerConfig c;
        c.kind = OptimizerKind::Sgd;
        c.momentum = 0.0f;
        Sgd opt(c);
        TwoParams p(1.0f, 3.0e38f);
        p.setGrads(1.0f, -1.0f); // b - lr*g = 3e38 + 1e38 overflows to +inf
        QVERIFY(!opt.step(p.store, 1.0e38f));
        QCOMPARE(p.wv(), 1.0f); // untouched, though w's own update was fine
        QCOMPARE(p.bv(), 3.0e38f);
        QCOMPARE(p.store.moment1()(0), 0.0f);
        QCOMPARE(opt.steps(), 0LL);

        AdamW adam(OptimizerConfig{});
        TwoParams q(1.0f, 1.0f);
        q.setGrads(std::numeric_limits<float>::quiet_NaN(), 0.1f);
        QVERIFY(!adam.step(q.store, 0.01f));
        QCOMPARE(q.wv(), 1.0f);
        QCOMPARE(q.bv(), 1.0f);
        QCOMPARE(q.store.moment2()(1), 0.0f);
    }

    void optimizerSettingsAreValidated()
    {
        OptimizerConfig c;
        c.beta1 = 1.0f;
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c));
        c = {};
        c.beta2 = -0.1f;
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c));
        c = {};
        c.eps = 0.0f;
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c));
        c = {};
        c.weightDecay = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c));
        QCOMPARE(parseOptimizer("AdamW"), OptimizerKind::AdamW);
        QCOMPARE(parseOptimizer("sgd"), OptimizerKind::Sgd);
        try {
            parseOptimizer("adagrad");
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("adagrad"));
            QVERIFY(QString(e.what()).contains("adamw"));
        }
    }

    void clippingScalesToExactlyTheLimit()
    {
        ParamStore s;
        s.add("a", {2}, true);
        s.add("b", {1}, false);
        s.allocate();
        // Gradients (3, 4, 12): norm sqrt(9 + 16 + 144) = 13.
        s.grads()(0) = 3.0f;
        s.grads()(1) = 4.0f;
        s.grads()(2) = 12.0f;
        QCOMPARE(gradNorm(s), 13.0);
        const double before = clipGradNorm(s, 1.0);
        QCOMPARE(before, 13.0);
        QVERIFY(std::abs(gradNorm(s) - 1.0) < 1e-6);
        QVERIFY(std::abs(s.grads()(0) - 3.0f / 13.0f) < 1e-7f);
        QVERIFY(std::abs(s.grads()(2) - 12.0f / 13.0f) < 1e-7f);
    }

    void clippingLeavesSmallGradientsAlone()
    {
        ParamStore s;
        s.add("a", {2}, true);
        s.allocate();
        s.grads()(0) = 0.3f;
        s.grads()(1) = -0.4f; // norm 0.5
        QVERIFY(std::abs(clipGradNorm(s, 1.0) - 0.5) < 1e-7);
        QCOMPARE(s.grads()(0), 0.3f);
        QCOMPARE(s.grads()(1), -0.4f);
        // Exactly at the limit: untouched too.
        QVERIFY(std::abs(clipGradNorm(s, 0.5) - 0.5) < 1e-7);
        QCOMPARE(s.grads()(1), -0.4f);
    }

    void clippingReportsNonFiniteNorms()
    {
        ParamStore s;
        s.add("a", {2}, true);
        s.allocate();
        s.grads()(0) = std::numeric_limits<float>::quiet_NaN();
        QVERIFY(std::isnan(clipGradNorm(s, 1.0)));
        s.grads()(0) = std::numeric_limits<float>::infinity();
        QVERIFY(std::isinf(clipGradNorm(s, 1.0)));
    }

    void constantSchedule()
    {
        const LrSchedule s = LrSchedule::constant();
        QCOMPARE(s.factor(0), 1.0);
        QCOMPARE(s.factor(12345), 1.0);
    }

    void warmupCosineSchedule()
    {
        // warmup 10, cosine until step 110, floor 0.1.
        const LrSchedule s = LrSchedule::warmupCosine(10, 110, 0.1f);
        s.validate();
        QVERIFY(std::abs(s.factor(0) - 0.1) < 1e-12); // (0+1)/10
        QVERIFY(std::abs(s.factor(4) - 0.5) < 1e-12); // (4+1)/10
        QVERIFY(std::abs(s.factor(9) - 1.0) < 1e-12); // (9+1)/10
        QVERIFY(std::abs(s.factor(10) - 1.0) < 1e-7); // progress 0: cos 0 = 1
        // progress 0.25: 0.1 + 0.9 * 0.5 * (1 + cos(pi/4)) = 0.1 + 0.9 * 0.8535533906 =
        // 0.8681980515
        QVERIFY(std::abs(s.factor(35) - 0.8681980515) < 1e-7);
        // progress 0.5: 0.1 + 0.9 * 0.5 = 0.55
        QVERIFY(std::abs(s.factor(60) - 0.55) < 1e-7);
        // progress 0.75: 0.1 + 0.9 * 0.5 * (1 - cos(pi/4)) = 0.1 + 0.9 * 0.1464466094 =
        // 0.2318019485
        QVERIFY(std::abs(s.factor(85) - 0.2318019485) < 1e-7);
        QVERIFY(std::abs(s.factor(110) - 0.1) < 1e-7);
        QVERIFY(std::abs(s.factor(100000) - 0.1) < 1e-7);
    }

    void scheduleSettingsAreValidated()
    {
        QVERIFY_THROWS_EXCEPTION(Error, LrSchedule::warmupCosine(100, 100, 0.1f).validate());
        QVERIFY_THROWS_EXCEPTION(Error, LrSchedule::warmupCosine(-1, 100, 0.1f).validate());
        QVERIFY_THROWS_EXCEPTION(Error, LrSchedule::warmupCosine(0, 100, 1.5f).validate());
        LrSchedule::warmupCosine(0, 100, 0.0f).validate(); // no warmup is fine
    }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "test_optimizer.moc"
