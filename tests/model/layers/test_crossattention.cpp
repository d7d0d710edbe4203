// Cross-attention (queries and keys of different lengths, padded keys): a naive
// reference, padding, and finite-difference gradients.
#include "common/gradcheck.h"

#include "core/rng.h"
#include "core/threads.h"
#include "layers/crossattention.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

using test::projLoss;
using test::randomize;
using test::randomVec;

// y = x·W + b row by row, in double.
std::vector<double> linear(const ParamStore &p, const Linear &l, const std::vector<float> &x,
                           Index n)
{
    std::vector<double> y(static_cast<size_t>(n * l.out));
    for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < l.out; ++j) {
            double s = p.valueVec(l.bias)(j);
            for (Index k = 0; k < l.in; ++k)
                s += double(x[size_t(i * l.in + k)]) * p.value(l.weight)(k, j);
            y[size_t(i * l.out + j)] = s;
        }
    return y;
}

struct Reference {
    std::vector<double> weights; // (B, H, Tq, Tk)
    std::vector<double> y;       // (B·Tq, C)
};

// The formula of the header written out with loops in double.
Reference naive(const ParamStore &p, const CrossAttention &a, const std::vector<float> &x,
                const std::vector<float> &m, Index B, Index Tq, Index Tk,
                const std::vector<std::uint8_t> &pad)
{
    const Index C = a.channels, H = a.heads, D = C / H;
    const auto q = linear(p, a.qProj, x, B * Tq);
    const auto k = linear(p, a.kProj, m, B * Tk);
    const auto v = linear(p, a.vProj, m, B * Tk);
    Reference r;
    r.weights.assign(size_t(B * H * Tq * Tk), 0.0);
    std::vector<float> concat(size_t(B * Tq * C), 0.0f);
    for (Index b = 0; b < B; ++b)
        for (Index h = 0; h < H; ++h)
            for (Index i = 0; i < Tq; ++i) {
                std::vector<double> s(static_cast<size_t>(Tk));
                double mx = -1e300, sum = 0.0;
                for (Index j = 0; j < Tk; ++j) {
                    double d = 0.0;
                    for (Index c = 0; c < D; ++c)
                        d += q[size_t((b * Tq + i) * C + h * D + c)] *
                             k[size_t((b * Tk + j) * C + h * D + c)];
                    s[size_t(j)] = d / std::sqrt(double(D));
                    if (!pad[size_t(b * Tk + j)])
                        mx = std::max(mx, s[size_t(j)]);
                }
                for (Index j = 0; j < Tk; ++j)
                    if (!pad[size_t(b * Tk + j)])
                        sum += std::exp(s[size_t(j)] - mx);
                for (Index j = 0; j < Tk; ++j) {
                    const double w =
                        pad[size_t(b * Tk + j)] ? 0.0 : std::exp(s[size_t(j)] - mx) / sum;
                    r.weights[size_t(((b * H + h) * Tq + i) * Tk + j)] = w;
                    for (Index c = 0; c < D; ++c)
                        concat[size_t((b * Tq + i) * C + h * D + c)] +=
                            float(w * v[size_t((b * Tk + j) * C + h * D + c)]);
                }
            }
    r.y = linear(p, a.outProj, concat, B * Tq);
    return r;
}

} // namespace

class TestCrossAttention : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void matchesTheFormulaWithPaddedKeys()
    {
        ParamStore p;
        const CrossAttention a = CrossAttention::create(p, "x", 8, 2);
        p.allocate();
        randomize(p, 1);
        const Index B = 2, Tq = 3, Tk = 5, C = 8;
        const auto x = randomVec(B * Tq * C, 2);
        const auto m = randomVec(B * Tk * C, 3);
        // row 0: all keys real; row 1: the last two keys are padding
        std::vector<std::uint8_t> pad(size_t(B * Tk), 0);
        pad[size_t(Tk + 3)] = pad[size_t(Tk + 4)] = 1;
        std::vector<float> y(size_t(B * Tq * C));
        CrossAttention::Cache c;
        a.forward(p, x.data(), m.data(), B, Tq, Tk, pad.data(), y.data(), c, true);
        const Reference ref = naive(p, a, x, m, B, Tq, Tk, pad);
        for (size_t i = 0; i < ref.weights.size(); ++i)
            QVERIFY(std::abs(ref.weights[i] - c.weights[i]) < 1e-5);
        for (size_t i = 0; i < ref.y.size(); ++i)
            QVERIFY(std::abs(ref.y[i] - y[i]) < 1e-4);
        // padded keys receive exactly zero weight; the rest of each row sums to 1
        for (Index h = 0; h < 2; ++h)
            for (Index i = 0; i < Tq; ++i) {
                const float *w = c.weights.data() + ((1 * 2 + h) * Tq + i) * Tk;
                QCOMPARE(w[3], 0.0f);
                QCOMPARE(w[4], 0.0f);
                QVERIFY(std::abs(w[0] + w[1] + w[2] - 1.0f) < 1e-6f);
            }
        // what stands in padded positions does not change the output
        auto m2 = m;
        for (Index j = 3; j < 5; ++j)
            for (Index ch = 0; ch < C; ++ch)
                m2[size_t((Tk + j) * C + ch)] = 100.0f;
        std::vector<float> y2(y.size());
        a.forward(p, x.data(), m2.data(), B, Tq, Tk, pad.data(), y2.data(), c);
        QCOMPARE(y2, y);
    }

    void everyKeyPaddedGivesZeroAttention()
    {
        ParamStore p;
        const CrossAttention a = CrossAttention::create(p, "x", 4, 1);
        p.allocate();
        randomize(p, 4);
        const auto x = randomVec(2 * 4, 5);
        const auto m = randomVec(3 * 4, 6);
        const std::vector<std::uint8_t> pad(3, 1);
        std::vector<float> y(8);
        CrossAttention::Cache c;
        a.forward(p, x.data(), m.data(), 1, 2, 3, pad.data(), y.data(), c);
        for (float w : c.weights)
            QCOMPARE(w, 0.0f);
        // y = 0·W_o + b_o
        for (Index i = 0; i < 2; ++i)
            for (Index ch = 0; ch < 4; ++ch)
                QCOMPARE(y[size_t(i * 4 + ch)], p.valueVec(a.outProj.bias)(ch));
    }

    void gradientsMatchFiniteDifferences()
    {
        ParamStore p;
        const CrossAttention a = CrossAttention::create(p, "x", 8, 2);
        p.allocate();
        randomize(p, 7);
        const Index B = 2, Tq = 4, Tk = 3, C = 8;
        auto x = randomVec(B * Tq * C, 8);
        auto m = randomVec(B * Tk * C, 9);
        std::vector<std::uint8_t> pad(size_t(B * Tk), 0);
        pad[size_t(Tk + 2)] = 1; // row 1's last key is padding
        const auto r = randomVec(B * Tq * C, 10);
        std::vector<float> y(r.size()), dx(x.size(), 0.0f), dm(m.size(), 0.0f);
        CrossAttention::Cache c;
        CrossAttention::Scratch s;
        a.forward(p, x.data(), m.data(), B, Tq, Tk, pad.data(), y.data(), c);
        p.zeroGrads();
        a.backward(p, x.data(), m.data(), r.data(), dx.data(), dm.data(), c, s);
        auto loss = [&]() {
            CrossAttention::Cache c2;
            a.forward(p, x.data(), m.data(), B, Tq, Tk, pad.data(), y.data(), c2);
            return projLoss(y.data(), r);
        };
        test::GradCheckOptions o;
        o.step = 1e-2;
        const auto rp = test::gradCheck(loss, p.values().data(), p.grads().data(), p.size(), o);
        QVERIFY2(rp.failed == 0, rp.report.c_str());
        const auto rx = test::gradCheck(loss, x.data(), dx.data(), Index(x.size()), o);
        QVERIFY2(rx.failed == 0, rx.report.c_str());
        const auto rm = test::gradCheck(loss, m.data(), dm.data(), Index(m.size()), o);
        QVERIFY2(rm.failed == 0, rm.report.c_str());
        // the padded key's memory row gets no gradient at all
        for (Index ch = 0; ch < C; ++ch)
            QCOMPARE(dm[size_t((Tk + 2) * C + ch)], 0.0f);

        // The check can fail: a gradient of the key projection off by 5% of the
        // largest is caught, and only that one.
        std::vector<float> wrong(p.grads().data(), p.grads().data() + p.size());
        const Index at = p.entry(a.kProj.weight).offset + 5;
        wrong[size_t(at)] += 0.05f * float(rp.gradScale);
        const auto bad = test::gradCheck(loss, p.values().data(), wrong.data(), p.size(), o);
        QCOMPARE(bad.failed, 1);
        QCOMPARE(bad.failedIndices.front(), at);
    }

    void oneAndTwoThreadsAgree()
    {
        ParamStore p;
        const CrossAttention a = CrossAttention::create(p, "x", 16, 4);
        p.allocate();
        randomize(p, 11);
        const Index B = 8, Tq = 12, Tk = 10, C = 16;
        const auto x = randomVec(B * Tq * C, 12);
        const auto m = randomVec(B * Tk * C, 13);
        std::vector<float> y1(size_t(B * Tq * C)), y2(y1.size());
        CrossAttention::Cache c;
        setThreads(1);
        a.forward(p, x.data(), m.data(), B, Tq, Tk, nullptr, y1.data(), c);
        setThreads(2);
        a.forward(p, x.data(), m.data(), B, Tq, Tk, nullptr, y2.data(), c);
        for (size_t i = 0; i < y1.size(); ++i)
            QVERIFY(std::abs(y1[i] - y2[i]) < 1e-6f);
    }
};

QTEST_APPLESS_MAIN(TestCrossAttention)
#include "test_crossattention.moc"
