// moc needs none of the engine's headers (and its C++17 predefines cannot parse <concepts>).
#ifndef Q_MOC_RUN
#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#endif

#include <QtTest>

#include <cmath>
#include <cstdint>

using namespace attn;

class TestParams : public QObject {
    Q_OBJECT
private slots:
    void layoutIsContiguousInRegistrationOrder()
    {
        ParamStore p;
        const auto a = p.add("a.weight", {3, 4}, true);
        const auto b = p.add("a.bias", {4}, false);
        p.allocate();
        QCOMPARE(p.size(), Index(16));
        QCOMPARE(p.entry(a).offset, Index(0));
        QCOMPARE(p.entry(b).offset, Index(12));
        QCOMPARE(p.value(a).rows(), Index(3));
        QCOMPARE(p.value(a).cols(), Index(4));
        QCOMPARE(p.value(b).rows(), Index(1));
        // A write through a view lands in the flat buffer at offset + row * cols + col.
        p.value(a)(2, 1) = 7.0f;
        p.valueVec(b)(3) = -1.0f;
        QCOMPARE(p.values()(2 * 4 + 1), 7.0f);
        QCOMPARE(p.values()(12 + 3), -1.0f);
        QCOMPARE(p.find("a.bias"), b);
        QCOMPARE(p.find("missing"), -1);
    }

    void gradsAndMomentsShareTheLayout()
    {
        ParamStore p;
        const auto a = p.add("w", {2, 2}, true);
        p.allocate();
        p.grad(a)(1, 0) = 3.0f;
        QCOMPARE(p.grads()(2), 3.0f);
        p.zeroGrads();
        QCOMPARE(p.grads().squaredNorm(), 0.0f);
        QVERIFY(!p.hasMoments()); // not until an optimizer asks
        QCOMPARE(p.moment1().size(), p.values().size());
        QVERIFY(p.hasMoments());
        QCOMPARE(p.moment1().squaredNorm(), 0.0f);
        QCOMPARE(p.moment2().size(), p.values().size());
        // Every buffer starts on a 64-byte boundary, whatever malloc would give.
        for (const float *b :
             {p.values().data(), p.grads().data(), p.moment1().data(), p.moment2().data()})
            QCOMPARE(reinterpret_cast<std::uintptr_t>(b) % 64, std::uintptr_t(0));
    }

    void gradientsAreAllocatedOnFirstUse()
    {
        ParamStore p;
        const auto a = p.add("w", {3, 5}, true);
        const auto b = p.add("b", {5}, false);
        p.allocate();
        QVERIFY(!p.hasGrads()); // an evaluation-only model never pays for them
        p.zeroGrads();          // nothing to zero yet: still nothing allocated
        QVERIFY(!p.hasGrads());
        // A const store reads gradients of zero, allocating them.
        const ParamStore &cp = p;
        QCOMPARE(cp.grad(b).cols(), Index(5));
        QCOMPARE(cp.grads().squaredNorm(), 0.0f);
        QVERIFY(p.hasGrads());
        QCOMPARE(reinterpret_cast<std::uintptr_t>(p.grads().data()) % 64, std::uintptr_t(0));

        // Every accessor allocates on its own; a write through one lands in the flat layout.
        for (int which = 0; which < 4; ++which) {
            ParamStore q;
            const auto qa = q.add("w", {3, 5}, true);
            const auto qb = q.add("b", {5}, false);
            q.allocate();
            switch (which) {
            case 0:
                q.grad(qa)(2, 4) = 1.5f;
                break;
            case 1:
                q.gradVec(qa)(14) = 1.5f;
                break;
            case 2:
                q.gradPtr(qa)[14] = 1.5f;
                break;
            default:
                q.grads()(14) = 1.5f;
                break;
            }
            QVERIFY(q.hasGrads());
            QCOMPARE(q.grads().size(), Index(20));
            QCOMPARE(q.grads()(14), 1.5f);
            QCOMPARE(q.grads().cwiseAbs().sum(), 1.5f); // the rest is zero
            q.gradVec(qb)(0) = 2.0f;
            QCOMPARE(q.grads()(15), 2.0f);
            q.zeroGrads();
            QCOMPARE(q.grads().squaredNorm(), 0.0f);
        }
        Q_UNUSED(a);
        // allocate() again drops them (a new layout).
        p.grads().setConstant(1.0f);
        p.allocate();
        QVERIFY(!p.hasGrads());
        QCOMPARE(p.grads().squaredNorm(), 0.0f);
    }

    void misuseIsRefused()
    {
        ParamStore p;
        p.add("w", {2}, true);
        QVERIFY_THROWS_EXCEPTION(Error, p.add("w", {3}, true));
        QVERIFY_THROWS_EXCEPTION(Error, p.add("z", {0, 3}, true));
        QVERIFY_THROWS_EXCEPTION(Error, p.value(0));
        QVERIFY_THROWS_EXCEPTION(Error, p.grads());
        QVERIFY_THROWS_EXCEPTION(Error, p.gradPtr(0));
        p.allocate();
        QVERIFY_THROWS_EXCEPTION(Error, p.add("late", {1}, true));
    }

    void rngIsSeededAndPlausible()
    {
        Rng a(42), b(42), c(43);
        for (int i = 0; i < 100; ++i) {
            const auto x = a.next();
            QCOMPARE(x, b.next());
            Q_UNUSED(c.next());
        }
        Rng d(42), e(43);
        QVERIFY(d.next() != e.next());
        // Moments of 200k normals: mean ~ 0, variance ~ 1 (5 sigma bounds).
        Rng r(7);
        const int n = 200000;
        double s = 0, s2 = 0;
        for (int i = 0; i < n; ++i) {
            const double x = r.normal();
            s += x;
            s2 += x * x;
        }
        const double mean = s / n, var = s2 / n - mean * mean;
        QVERIFY2(std::abs(mean) < 5.0 / std::sqrt(double(n)), qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(var - 1.0) < 5.0 * std::sqrt(2.0 / n), qPrintable(QString::number(var)));
        // below(n) stays in range and hits every value.
        int seen[5] = {};
        for (int i = 0; i < 1000; ++i)
            ++seen[r.below(5)];
        for (int k : seen)
            QVERIFY(k > 100);
        // uniform() in [0, 1).
        for (int i = 0; i < 10000; ++i) {
            const float u = r.uniform();
            QVERIFY(u >= 0.0f && u < 1.0f);
        }
    }
};

QTEST_APPLESS_MAIN(TestParams)
#include "test_params.moc"
