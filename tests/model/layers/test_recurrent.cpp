// GRU and LSTM layers: a naive per-row reference for the equations, masks
// (padding keeps the state, the backward direction starts at each row's last
// real token), and finite-difference gradients in both directions with padding.
#include "common/gradcheck.h"
#include "core/error.h"
#include "layers/recurrent.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace attn;

namespace {

double sig(double a)
{
    return 1.0 / (1.0 + std::exp(-a));
}

// One step of a cell written out element by element in double, from the
// equations in PyTorch's nn.GRU / nn.LSTM documentation.
void naiveStep(RnnCell kind, const ParamStore &P, const RecurrentCell &c,
               const std::vector<double> &x, std::vector<double> &h, std::vector<double> &cell)
{
    const Index H = c.hidden, in = c.in;
    const float *wih = P.valuePtr(c.wih), *whh = P.valuePtr(c.whh), *bih = P.valuePtr(c.bih),
                *bhh = P.valuePtr(c.bhh);
    auto gi = [&](Index row) {
        double s = bih[row];
        for (Index k = 0; k < in; ++k)
            s += wih[row * in + k] * x[static_cast<size_t>(k)];
        return s;
    };
    auto gh = [&](Index row) {
        double s = bhh[row];
        for (Index k = 0; k < H; ++k)
            s += whh[row * H + k] * h[static_cast<size_t>(k)];
        return s;
    };
    std::vector<double> nh(static_cast<size_t>(H)), nc(static_cast<size_t>(H));
    for (Index j = 0; j < H; ++j) {
        if (kind == RnnCell::GRU) {
            const double r = sig(gi(j) + gh(j));
            const double z = sig(gi(H + j) + gh(H + j));
            const double n = std::tanh(gi(2 * H + j) + r * gh(2 * H + j));
            nh[static_cast<size_t>(j)] = (1 - z) * n + z * h[static_cast<size_t>(j)];
        } else {
            const double i = sig(gi(j) + gh(j));
            const double f = sig(gi(H + j) + gh(H + j));
            const double g = std::tanh(gi(2 * H + j) + gh(2 * H + j));
            const double o = sig(gi(3 * H + j) + gh(3 * H + j));
            nc[static_cast<size_t>(j)] = f * cell[static_cast<size_t>(j)] + i * g;
            nh[static_cast<size_t>(j)] = o * std::tanh(nc[static_cast<size_t>(j)]);
        }
    }
    h = nh;
    if (kind == RnnCell::LSTM)
        cell = nc;
}

struct Fixture {
    ParamStore store;
    BiRecurrent rnn;
    Index B = 3, T = 5, in = 4, H = 3;
    std::vector<int> lengths{5, 3, 1};
    std::vector<float> x;      // (B·T, in)
    std::vector<float> wOut;   // (B·T, 2H) random loss weights
    std::vector<float> wF, wB; // (B, H) loss weights on the final states

    explicit Fixture(RnnCell kind)
    {
        rnn = BiRecurrent::create(store, "rnn", kind, in, H);
        store.allocate();
        Rng rng(7);
        rnn.init(store, rng);
        x.resize(static_cast<size_t>(B * T * in));
        for (auto &v : x)
            v = rng.normal();
        wOut.resize(static_cast<size_t>(B * T * 2 * H));
        for (auto &v : wOut)
            v = rng.normal();
        wF.resize(static_cast<size_t>(B * H));
        wB.resize(static_cast<size_t>(B * H));
        for (auto &v : wF)
            v = rng.normal();
        for (auto &v : wB)
            v = rng.normal();
    }
    // loss = Σ out ⊙ wOut + Σ hFinalF ⊙ wF + Σ hFinalB ⊙ wB
    double loss()
    {
        BiRecurrent::Cache cache;
        std::vector<float> out(static_cast<size_t>(B * T * 2 * H));
        rnn.forward(store, x.data(), B, T, lengths.data(), out.data(), cache);
        double s = 0;
        for (size_t i = 0; i < out.size(); ++i)
            s += double(out[i]) * wOut[i];
        for (Index i = 0; i < B * H; ++i) {
            s += double(cache.forward.hFinal.data()[i]) * wF[static_cast<size_t>(i)];
            s += double(cache.backward.hFinal.data()[i]) * wB[static_cast<size_t>(i)];
        }
        return s;
    }
    // The analytic gradients: parameters into store.grads(), inputs into dx.
    std::vector<float> gradients()
    {
        store.zeroGrads();
        BiRecurrent::Cache cache;
        std::vector<float> out(static_cast<size_t>(B * T * 2 * H));
        rnn.forward(store, x.data(), B, T, lengths.data(), out.data(), cache);
        std::vector<float> dx(x.size(), 0.0f);
        rnn.backward(store, store.grads().data(), cache, wOut.data(), wF.data(), wB.data(),
                     dx.data());
        return dx;
    }
};

} // namespace

class TestRecurrent : public QObject {
    Q_OBJECT

private:
    void matchesNaive(RnnCell kind)
    {
        Fixture f(kind);
        BiRecurrent::Cache cache;
        std::vector<float> out(static_cast<size_t>(f.B * f.T * 2 * f.H));
        f.rnn.forward(f.store, f.x.data(), f.B, f.T, f.lengths.data(), out.data(), cache);
        for (Index r = 0; r < f.B; ++r) {
            const int len = f.lengths[static_cast<size_t>(r)];
            for (int dir = 0; dir < 2; ++dir) {
                const RecurrentCell &c = dir == 0 ? f.rnn.fwd.cell : f.rnn.bwd.cell;
                std::vector<double> h(static_cast<size_t>(f.H), 0.0), cl(h);
                for (int s = 0; s < len; ++s) {
                    const int t = dir == 0 ? s : len - 1 - s;
                    std::vector<double> xv(static_cast<size_t>(f.in));
                    for (Index k = 0; k < f.in; ++k)
                        xv[static_cast<size_t>(k)] =
                            f.x[static_cast<size_t>((r * f.T + t) * f.in + k)];
                    naiveStep(kind, f.store, c, xv, h, cl);
                    for (Index j = 0; j < f.H; ++j)
                        QVERIFY(
                            std::abs(
                                out[static_cast<size_t>((r * f.T + t) * 2 * f.H + dir * f.H + j)] -
                                h[static_cast<size_t>(j)]) < 1e-5);
                }
                const MatRM &fin = dir == 0 ? cache.forward.hFinal : cache.backward.hFinal;
                for (Index j = 0; j < f.H; ++j)
                    QVERIFY(std::abs(fin(r, j) - h[static_cast<size_t>(j)]) < 1e-5);
                // padding: outputs exactly zero
                for (int t = len; t < f.T; ++t)
                    for (Index j = 0; j < 2 * f.H; ++j)
                        QCOMPARE(out[static_cast<size_t>((r * f.T + t) * 2 * f.H + j)], 0.0f);
            }
        }
    }

    void paddingIsInert(RnnCell kind)
    {
        Fixture f(kind);
        const double l0 = f.loss();
        const auto dx = f.gradients();
        // Changing the input at a padded position changes nothing, and gets no gradient.
        for (Index r = 0; r < f.B; ++r)
            for (int t = f.lengths[static_cast<size_t>(r)]; t < f.T; ++t)
                for (Index k = 0; k < f.in; ++k) {
                    const size_t i = static_cast<size_t>((r * f.T + t) * f.in + k);
                    QCOMPARE(dx[i], 0.0f);
                    f.x[i] += 3.0f;
                }
        QCOMPARE(f.loss(), l0);
        // The same rows as a batch of one, cut to their real length, give the same states.
        Fixture g(kind);
        for (Index r = 0; r < f.B; ++r) {
            const int len = f.lengths[static_cast<size_t>(r)];
            BiRecurrent::Cache full, one;
            std::vector<float> outFull(static_cast<size_t>(f.B * f.T * 2 * f.H)),
                outOne(static_cast<size_t>(len * 2 * f.H));
            f.rnn.forward(f.store, f.x.data(), f.B, f.T, f.lengths.data(), outFull.data(), full);
            const int lens[1] = {len};
            f.rnn.forward(f.store, f.x.data() + r * f.T * f.in, 1, len, lens, outOne.data(), one);
            for (int i = 0; i < len * 2 * f.H; ++i)
                QCOMPARE(outOne[static_cast<size_t>(i)],
                         outFull[static_cast<size_t>(r * f.T * 2 * f.H + i)]);
            QVERIFY((one.backward.hFinal.row(0) - full.backward.hFinal.row(r)).norm() == 0.0f);
        }
    }

    void gradientsMatch(RnnCell kind)
    {
        Fixture f(kind);
        const auto dx = f.gradients();
        const std::vector<float> analytic(f.store.grads().data(),
                                          f.store.grads().data() + f.store.size());
        test::GradCheckOptions o;
        o.step = 1e-2;
        auto loss = [&] { return f.loss(); };
        const auto rp =
            test::gradCheck(loss, f.store.values().data(), analytic.data(), f.store.size(), o);
        QVERIFY2(rp.failed == 0, rp.report.c_str());
        QVERIFY(rp.checked == f.store.size());
        const auto rx = test::gradCheck(loss, f.x.data(), dx.data(), Index(f.x.size()), o);
        QVERIFY2(rx.failed == 0, rx.report.c_str());

        // The check can fail: a gradient off by 5% in one entry of each weight is caught.
        for (const auto id : {f.rnn.fwd.cell.whh, f.rnn.bwd.cell.wih}) {
            std::vector<float> bad = analytic;
            const Index i = f.store.entry(id).offset + 1;
            QVERIFY(std::abs(bad[static_cast<size_t>(i)]) > 1e-3f);
            bad[static_cast<size_t>(i)] *= 1.05f;
            const auto rb =
                test::gradCheck(loss, f.store.values().data(), bad.data(), f.store.size(), o, {i});
            QCOMPARE(rb.failed, 1);
        }
    }

private slots:
    void gruMatchesNaive() { matchesNaive(RnnCell::GRU); }
    void lstmMatchesNaive() { matchesNaive(RnnCell::LSTM); }
    void gruPaddingIsInert() { paddingIsInert(RnnCell::GRU); }
    void lstmPaddingIsInert() { paddingIsInert(RnnCell::LSTM); }
    void gruGradients() { gradientsMatch(RnnCell::GRU); }
    void lstmGradients() { gradientsMatch(RnnCell::LSTM); }

    void parameterNamesAndCount()
    {
        ParamStore s;
        BiRecurrent::create(s, "encoder.rnn", RnnCell::LSTM, 5, 7);
        s.allocate();
        QVERIFY(s.find("encoder.rnn.weight_ih_l0") >= 0);
        QVERIFY(s.find("encoder.rnn.bias_hh_l0_reverse") >= 0);
        QCOMPARE(s.entry(s.find("encoder.rnn.weight_hh_l0")).shape, (std::vector<Index>{28, 7}));
        // 4 gates · 7 · (5 + 7 + 2), twice
        QCOMPARE(s.size(), Index(2 * 4 * 7 * 14));
        QCOMPARE(recurrentCellParameters(RnnCell::LSTM, 5, 7), Index(4 * 7 * 14));
    }

    void badInput()
    {
        QVERIFY_THROWS_EXCEPTION(attn::Error, parseRnnCell("rnn"));
        Fixture f(RnnCell::GRU);
        std::vector<int> bad{6, 1, 1};
        BiRecurrent::Cache cache;
        std::vector<float> out(static_cast<size_t>(f.B * f.T * 2 * f.H));
        QVERIFY_THROWS_EXCEPTION(attn::Error, f.rnn.forward(f.store, f.x.data(), f.B, f.T,
                                                            bad.data(), out.data(), cache));
    }
};

QTEST_APPLESS_MAIN(TestRecurrent)
#include "test_recurrent.moc"
