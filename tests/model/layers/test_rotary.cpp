// Rotary position embedding (layers/rotary.h) against formulas written out here in
// double: Hugging Face Llama's `x·cos + rotate_half(x)·sin`, hand-worked angles, and
// RoPE's defining property that a rotated q_m·k_n depends only on m − n.

#include "common/gradcheck.h"

#include "core/error.h"
#include "core/threads.h"
#include "layers/rotary.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

using test::randomVec;

// Hugging Face's apply_rotary_pos_emb for one head of D values at position pos, in double:
//   inv_freq = 1 / theta^(arange(0, R, 2) / R);  freqs = pos · inv_freq
//   emb = cat(freqs, freqs);  x' = x·cos(emb) + rotate_half(x)·sin(emb)
//   rotate_half(x) = cat(−x[R/2:R], x[:R/2]);  x[R:D] passes (partial rotary)
std::vector<double> hfRotate(const float *x, Index D, Index R, double theta, Index pos)
{
    const Index half = R / 2;
    std::vector<double> emb(static_cast<size_t>(R)), rot(static_cast<size_t>(R));
    for (Index j = 0; j < R; ++j) {
        const Index i = j % half;
        emb[size_t(j)] = double(pos) / std::pow(theta, double(2 * i) / double(R));
        rot[size_t(j)] = j < half ? -double(x[j + half]) : double(x[j - half]);
    }
    std::vector<double> out(static_cast<size_t>(D));
    for (Index j = 0; j < D; ++j)
        out[size_t(j)] =
            j < R ? x[j] * std::cos(emb[size_t(j)]) + rot[size_t(j)] * std::sin(emb[size_t(j)])
                  : double(x[j]);
    return out;
}

double dot(const float *a, const float *b, Index n)
{
    double s = 0.0;
    for (Index i = 0; i < n; ++i)
        s += double(a[i]) * b[i];
    return s;
}

} // namespace

class TestRotary : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void handWorkedAngles()
    {
        // D = 2: one pair, inv_freq 1, so position p turns (1, 0) by p radians.
        const RotaryTable t2 = RotaryTable::create({true, 10000.0f, 0, 8}, 2);
        for (Index p = 0; p < 8; ++p) {
            float x[2] = {1.0f, 0.0f};
            rotaryForward(t2, 1, 1, p, 1, x, 2);
            QVERIFY(std::abs(x[0] - std::cos(double(p))) < 1e-6);
            QVERIFY(std::abs(x[1] - std::sin(double(p))) < 1e-6);
        }
        // D = 4, theta = 100: inv_freq = (1, 100^(-1/2) = 0.1); dimension 0 pairs with 2,
        // 1 with 3 (rotate_half, not neighbours). Position 3: angles 3 and 0.3.
        const RotaryTable t4 = RotaryTable::create({true, 100.0f, 0, 4}, 4);
        float x[4] = {1.0f, 2.0f, 0.5f, -1.0f};
        rotaryForward(t4, 1, 1, 3, 1, x, 4);
        const double c3 = std::cos(3.0), s3 = std::sin(3.0), c03 = std::cos(0.3),
                     s03 = std::sin(0.3);
        QVERIFY(std::abs(x[0] - (1.0 * c3 - 0.5 * s3)) < 1e-6);
        QVERIFY(std::abs(x[2] - (0.5 * c3 + 1.0 * s3)) < 1e-6);
        QVERIFY(std::abs(x[1] - (2.0 * c03 + 1.0 * s03)) < 1e-6);
        QVERIFY(std::abs(x[3] - (-1.0 * c03 + 2.0 * s03)) < 1e-6);
        // Position 0 is the identity.
        float y[4] = {1.0f, 2.0f, 0.5f, -1.0f};
        rotaryForward(t4, 1, 1, 0, 1, y, 4);
        QCOMPARE(y[0], 1.0f);
        QCOMPARE(y[3], -1.0f);
    }

    void matchesHuggingFaceFormula_data()
    {
        QTest::addColumn<int>("D");
        QTest::addColumn<int>("dims");
        QTest::addColumn<double>("theta");
        QTest::newRow("d8-whole") << 8 << 0 << 10000.0;
        QTest::newRow("d16-qwen-theta") << 16 << 0 << 1e6;
        QTest::newRow("d12-partial-4") << 12 << 4 << 10000.0;
        QTest::newRow("d64-whole") << 64 << 0 << 10000.0;
    }

    void matchesHuggingFaceFormula()
    {
        QFETCH(int, D);
        QFETCH(int, dims);
        QFETCH(double, theta);
        const Index B = 2, T = 5, heads = 3, pos0 = 90, stride = heads * D + 3;
        const RotaryTable t = RotaryTable::create({true, float(theta), dims, 100}, D);
        const Index R = dims == 0 ? D : dims;
        QCOMPARE(t.dims, R);
        // The table itself: cos/sin of p·theta^(-2i/R).
        for (Index p : {Index(0), Index(1), Index(37), Index(99)})
            for (Index i = 0; i < R / 2; ++i) {
                const double a = double(p) * std::pow(theta, -2.0 * double(i) / double(R));
                QVERIFY(std::abs(t.cos[size_t(p * (R / 2) + i)] - std::cos(a)) < 1e-7);
                QVERIFY(std::abs(t.sin[size_t(p * (R / 2) + i)] - std::sin(a)) < 1e-7);
            }
        // Rows (b, t) at positions pos0 + t, heads side by side, a padded row stride.
        const auto x0 = randomVec(B * T * stride, 21);
        auto x = x0;
        rotaryForward(t, B, T, pos0, heads, x.data(), stride);
        for (Index b = 0; b < B; ++b)
            for (Index tt = 0; tt < T; ++tt)
                for (Index h = 0; h < heads; ++h) {
                    const Index off = (b * T + tt) * stride + h * D;
                    const auto ref = hfRotate(x0.data() + off, D, R, theta, pos0 + tt);
                    for (Index j = 0; j < D; ++j)
                        QVERIFY2(std::abs(x[size_t(off + j)] - ref[size_t(j)]) < 2e-6,
                                 qPrintable(
                                     QString("b %1 t %2 h %3 j %4").arg(b).arg(tt).arg(h).arg(j)));
                }
        // Columns past the heads are not touched.
        for (Index r = 0; r < B * T; ++r)
            for (Index c = heads * D; c < stride; ++c)
                QCOMPARE(x[size_t(r * stride + c)], x0[size_t(r * stride + c)]);
    }

    void scoresDependOnlyOnRelativePosition()
    {
        // q at m and k at n, both rotated: q'·k' = q·R(n − m)·k. Shifting both positions by
        // the same s leaves the score as it is; changing m − n does not.
        const Index D = 16;
        const RotaryTable t = RotaryTable::create({true, 10000.0f, 0, 512}, D);
        const auto q = randomVec(D, 22, 0.5f), k = randomVec(D, 23, 0.5f);
        auto score = [&](Index m, Index n) {
            auto qm = q, kn = k;
            rotaryForward(t, 1, 1, m, 1, qm.data(), D);
            rotaryForward(t, 1, 1, n, 1, kn.data(), D);
            return dot(qm.data(), kn.data(), D);
        };
        for (const auto &[m, n] : {std::pair<Index, Index>{5, 2}, {2, 5}, {9, 9}, {30, 0}}) {
            const double s0 = score(m, n);
            for (Index s : {1, 7, 100, 400})
                QVERIFY2(std::abs(score(m + s, n + s) - s0) < 1e-5,
                         qPrintable(QString("m %1 n %2 shift %3").arg(m).arg(n).arg(s)));
        }
        QVERIFY(std::abs(score(5, 2) - score(5, 3)) > 1e-3);
        // At equal positions the rotation cancels: q'·k' = q·k.
        QVERIFY(std::abs(score(77, 77) - dot(q.data(), k.data(), D)) < 1e-5);
    }

    void backwardIsTheTransposedRotation()
    {
        const Index B = 2, T = 6, heads = 2, D = 8, W = heads * D;
        const RotaryTable t = RotaryTable::create({true, 10000.0f, 6, 16}, D);
        const auto x0 = randomVec(B * T * W, 24), y0 = randomVec(B * T * W, 25);
        // <R·x, y> = <x, Rᵀ·y>
        auto rx = x0, rty = y0;
        rotaryForward(t, B, T, 3, heads, rx.data(), W);
        rotaryBackward(t, B, T, 3, heads, rty.data(), W);
        const double lhs = dot(rx.data(), y0.data(), B * T * W);
        const double rhs = dot(x0.data(), rty.data(), B * T * W);
        QVERIFY(std::abs(lhs - rhs) < 1e-4);
        // R is orthogonal: Rᵀ·R·x = x, and |R·x| = |x|.
        auto back = rx;
        rotaryBackward(t, B, T, 3, heads, back.data(), W);
        for (size_t i = 0; i < back.size(); ++i)
            QVERIFY(std::abs(back[i] - x0[i]) < 1e-5);
        QVERIFY(std::abs(dot(rx.data(), rx.data(), B * T * W) -
                         dot(x0.data(), x0.data(), B * T * W)) < 1e-3);
        // Finite differences agree (L = Σ r·R(x)).
        auto x = x0;
        std::vector<float> grad = y0;
        rotaryBackward(t, B, T, 3, heads, grad.data(), W);
        std::vector<float> work(x.size());
        auto loss = [&]() {
            work.assign(x.begin(), x.end());
            rotaryForward(t, B, T, 3, heads, work.data(), W);
            return test::projLoss(work.data(), y0);
        };
        const auto r = test::gradCheck(loss, x.data(), grad.data(), Index(x.size()));
        QVERIFY2(r.failed == 0, r.report.c_str());
    }

    void offIsTheIdentity()
    {
        const RotaryTable t = RotaryTable::create({}, 8);
        QVERIFY(t.empty());
        auto x = randomVec(16, 26);
        const auto x0 = x;
        rotaryForward(t, 1, 2, 1000, 1, x.data(), 8);
        QCOMPARE(x, x0);
    }

    void badSettingsAreErrors()
    {
        // An odd head has a dimension without a partner.
        QVERIFY_THROWS_EXCEPTION(Error, RotaryTable::create({true, 10000.0f, 0, 8}, 5));
        QVERIFY_THROWS_EXCEPTION(Error, RotaryTable::create({true, 10000.0f, 3, 8}, 8));
        QVERIFY_THROWS_EXCEPTION(Error, RotaryTable::create({true, 10000.0f, 10, 8}, 8));
        QVERIFY_THROWS_EXCEPTION(Error, RotaryTable::create({true, 0.0f, 0, 8}, 8));
        QVERIFY_THROWS_EXCEPTION(Error, RotaryTable::create({true, 10000.0f, 0, 0}, 8));
        try {
            RotaryTable::create({true, 10000.0f, 0, 8}, 5);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("5 dimensions (an odd number)") !=
                    std::string::npos);
            QVERIFY(e.templ() != nullptr); // translatable
        }
        // Positions past the table.
        const RotaryTable t = RotaryTable::create({true, 10000.0f, 0, 8}, 4);
        std::vector<float> x(4 * 3);
        QVERIFY_THROWS_EXCEPTION(Error, rotaryForward(t, 1, 3, 6, 1, x.data(), 4));
        rotaryForward(t, 1, 3, 5, 1, x.data(), 4); // positions 5..7 fit
    }
};

QTEST_APPLESS_MAIN(TestRotary)
#include "test_rotary.moc"
