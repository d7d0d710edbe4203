// The attention layer: the scaled dot-product core (against a naive reference in double,
// with masks, key/value-head sharing and the parallel backward), SelfAttention (GPT-2's
// parameters, GQA, rotary positions, cached decoding) and their gradients.
#include "common/checkgrads.h"

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/threads.h"
#include "layers/activation.h"
#include "layers/attention.h"
#include "layers/feedforward.h"
#include "layers/linear.h"
#include "layers/parallel.h"
#include "layers/selfattention.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

using namespace attn;

namespace {

using test::projLoss;
using test::randomize;
using test::randomVec;

// Naive multi-head attention, one loop per index, in double. A row of qkv is
// [q (H·D) | k (Hkv·D) | v (Hkv·D)]; query head h reads key/value head h / (H/Hkv).
std::vector<double> naiveAttention(const AttentionConfig &cfg, Index B, Index T, Index C,
                                   const std::vector<float> &qkv, const std::uint8_t *pad,
                                   std::vector<double> *weights)
{
    const Index H = cfg.heads, D = C / H, Hkv = cfg.kvHeads == 0 ? H : cfg.kvHeads;
    const Index W = (H + 2 * Hkv) * D;
    auto qAt = [&](Index b, Index i, Index h, Index d) {
        return double(qkv[size_t((b * T + i) * W + h * D + d)]);
    };
    auto kAt = [&](Index b, Index j, Index h, Index d) {
        return double(qkv[size_t((b * T + j) * W + H * D + (h / (H / Hkv)) * D + d)]);
    };
    auto vAt = [&](Index b, Index j, Index h, Index d) {
        return double(qkv[size_t((b * T + j) * W + (H + Hkv) * D + (h / (H / Hkv)) * D + d)]);
    };
    const double scale = cfg.scaled ? 1.0 / std::sqrt(double(D)) : 1.0;
    std::vector<double> out(static_cast<size_t>(B * T * C), 0.0);
    if (weights)
        weights->assign(static_cast<size_t>(B * H * T * T), 0.0);
    for (Index b = 0; b < B; ++b)
        for (Index h = 0; h < H; ++h)
            for (Index i = 0; i < T; ++i) {
                std::vector<double> s(static_cast<size_t>(T));
                std::vector<bool> masked(static_cast<size_t>(T));
                double mx = -std::numeric_limits<double>::infinity();
                for (Index j = 0; j < T; ++j) {
                    masked[size_t(j)] = (cfg.causal && j > i) || (pad && pad[b * T + j]);
                    double dot = 0.0;
                    for (Index d = 0; d < D; ++d)
                        dot += qAt(b, i, h, d) * kAt(b, j, h, d);
                    s[size_t(j)] = dot * scale;
                    if (!masked[size_t(j)])
                        mx = std::max(mx, s[size_t(j)]);
                }
                double sum = 0.0;
                for (Index j = 0; j < T; ++j) {
                    s[size_t(j)] = masked[size_t(j)] ? 0.0 : std::exp(s[size_t(j)] - mx);
                    sum += s[size_t(j)];
                }
                for (Index j = 0; j < T; ++j) {
                    const double w = sum > 0 ? s[size_t(j)] / sum : 0.0;
                    if (weights)
                        (*weights)[size_t(((b * H + h) * T + i) * T + j)] = w;
                    for (Index d = 0; d < D; ++d)
                        out[size_t((b * T + i) * C + h * D + d)] += w * vAt(b, j, h, d);
                }
            }
    return out;
}

} // namespace

class TestAttention : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(2); }

    void attentionMatchesNaiveReference_data()
    {
        QTest::addColumn<int>("B");
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("C");
        QTest::addColumn<int>("H");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<bool>("scaled");
        QTest::addColumn<bool>("padding");
        QTest::addColumn<int>("KV");
        QTest::newRow("d16-causal") << 3 << 37 << 64 << 4 << true << true << false << 0;
        QTest::newRow("d16-bidirectional") << 2 << 21 << 32 << 2 << false << true << false << 0;
        QTest::newRow("d10-causal-padding") << 2 << 9 << 20 << 2 << true << true << true << 0;
        QTest::newRow("d40-padding") << 2 << 18 << 80 << 2 << false << true << true << 0;
        QTest::newRow("d8-unscaled") << 1 << 70 << 16 << 2 << true << false << false << 0;
        QTest::newRow("t1") << 2 << 1 << 8 << 2 << true << true << false << 0;
        // Key/value heads shared by groups of query heads (GQA), and by all of them (MQA).
        QTest::newRow("gqa-h4-kv2-causal") << 3 << 37 << 64 << 4 << true << true << false << 2;
        QTest::newRow("gqa-h4-kv1-padding") << 2 << 9 << 40 << 4 << true << true << true << 1;
        QTest::newRow("gqa-h6-kv3-bidirectional")
            << 2 << 21 << 48 << 6 << false << true << true << 3;
    }

    void attentionMatchesNaiveReference()
    {
        QFETCH(int, B);
        QFETCH(int, T);
        QFETCH(int, C);
        QFETCH(int, H);
        QFETCH(bool, causal);
        QFETCH(bool, scaled);
        QFETCH(bool, padding);
        QFETCH(int, KV);
        AttentionConfig cfg{H, causal, scaled, KV};
        const QkvLayout L = qkvLayout(cfg, C);
        QCOMPARE(L.width(), (H + 2 * (KV == 0 ? H : KV)) * (C / H));
        const auto qkv = randomVec(Index(B) * T * L.width(), 10);
        std::vector<std::uint8_t> pad(size_t(B * T), 0);
        if (padding) {
            pad[1] = 1;
            pad[size_t(T + T - 1)] = 1;
            pad[size_t(T)] = 1;
        }
        std::vector<float> out(size_t(B * T * C));
        AttentionCache cache;
        attentionForward(cfg, B, T, C, qkv.data(), padding ? pad.data() : nullptr, out.data(),
                         cache, true);
        std::vector<double> w;
        const auto ref = naiveAttention(cfg, B, T, C, qkv, padding ? pad.data() : nullptr, &w);
        for (size_t i = 0; i < out.size(); ++i)
            QVERIFY2(std::abs(out[i] - ref[i]) < 2e-5, qPrintable(QString::number(i)));
        for (size_t i = 0; i < w.size(); ++i) {
            const Index j = Index(i) % T, q = (Index(i) / T) % T, b = Index(i) / (T * T * H);
            const bool masked = (causal && j > q) || (padding && pad[size_t(b * T + j)]);
            if (masked)
                QCOMPARE(cache.weights[i], 0.0f); // exactly zero
            else
                QVERIFY(std::abs(cache.weights[i] - w[i]) < 1e-5);
        }
        // Recorded raw scores are q·k (unscaled, unmasked), also above the diagonal.
        const Index D = C / H, W = L.width();
        for (Index i = 0; i < T; i += 3)
            for (Index j = 0; j < T; j += 2) {
                double dot = 0.0;
                for (Index d = 0; d < D; ++d)
                    dot += double(qkv[size_t(i * W + d)]) * qkv[size_t(j * W + H * D + d)];
                QVERIFY(std::abs(dot - cache.scores[size_t(i * T + j)]) < 1e-4);
            }
    }

    void equalKeysGiveUniformWeights()
    {
        // Two positions with identical keys: each query weighs them [0.5, 0.5].
        const Index T = 2, C = 4;
        AttentionConfig cfg{1, false, true};
        std::vector<float> qkv = {0.3f,  -1.2f, 2.0f, 0.7f, 1, 2, 3, 4, 10, 20, 30, 40,
                                  -0.5f, 0.9f,  1.1f, 0.0f, 1, 2, 3, 4, 50, 60, 70, 80};
        std::vector<float> out(size_t(T * C));
        AttentionCache cache;
        attentionForward(cfg, 1, T, C, qkv.data(), nullptr, out.data(), cache);
        QCOMPARE(cache.weights, (FloatBuffer{0.5f, 0.5f, 0.5f, 0.5f}));
        QCOMPARE(out[0], 30.0f); // mean of the values 10 and 50
        QCOMPARE(out[7], 60.0f);
        // All keys equal over a longer causal sequence: row i is uniform over i + 1 keys.
        const Index L = 6, C2 = 8;
        std::vector<float> qkv2 = randomVec(L * 3 * C2, 11);
        for (Index t = 0; t < L; ++t)
            for (Index c = 0; c < C2; ++c)
                qkv2[size_t(t * 3 * C2 + C2 + c)] = 0.25f * float(c);
        std::vector<float> out2(size_t(L * C2));
        AttentionConfig causal{2, true, true};
        attentionForward(causal, 1, L, C2, qkv2.data(), nullptr, out2.data(), cache);
        for (Index h = 0; h < 2; ++h)
            for (Index i = 0; i < L; ++i)
                for (Index j = 0; j < L; ++j) {
                    const float w = cache.weights[size_t((h * L + i) * L + j)];
                    if (j > i)
                        QCOMPARE(w, 0.0f);
                    else
                        QVERIFY(std::abs(w - 1.0f / float(i + 1)) < 1e-6f);
                }
    }

    void unscaledScoresSaturateTheSoftmax()
    {
        // With d_k = 64 and unit-variance q, k, raw q·k has a standard deviation of
        // 8: unscaled softmax rows are nearly one-hot, scaled ones are not.
        const Index T = 32, C = 64;
        const auto qkv = randomVec(T * 3 * C, 12);
        std::vector<float> out(size_t(T * C));
        AttentionCache scaled, raw;
        attentionForward({1, false, true}, 1, T, C, qkv.data(), nullptr, out.data(), scaled);
        attentionForward({1, false, false}, 1, T, C, qkv.data(), nullptr, out.data(), raw);
        double maxScaled = 0.0, maxRaw = 0.0;
        for (Index i = 0; i < T; ++i) {
            maxScaled += *std::max_element(scaled.weights.begin() + i * T,
                                           scaled.weights.begin() + (i + 1) * T);
            maxRaw +=
                *std::max_element(raw.weights.begin() + i * T, raw.weights.begin() + (i + 1) * T);
        }
        // Mean largest weight per row: about 0.8 unscaled, below 0.2 scaled (1/32 is uniform).
        QVERIFY(maxRaw / T > 0.7);
        QVERIFY(maxScaled / T < 0.3);
    }

    void attentionGradients_data()
    {
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("C");
        QTest::addColumn<int>("H");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<bool>("scaled");
        QTest::addColumn<bool>("padding");
        QTest::addColumn<int>("KV");
        QTest::newRow("causal-d6") << 7 << 12 << 2 << true << true << false << 0;
        QTest::newRow("bidirectional-d6") << 7 << 12 << 2 << false << true << false << 0;
        QTest::newRow("causal-padding") << 6 << 12 << 2 << true << true << true << 0;
        QTest::newRow("padding-unscaled") << 6 << 8 << 2 << false << false << true << 0;
        QTest::newRow("causal-d16-t21") << 21 << 32 << 2 << true << true << false << 0;
        // Shared key/value heads: dk and dv sum over the group's query heads.
        QTest::newRow("gqa-h4-kv2-causal") << 7 << 16 << 4 << true << true << false << 2;
        QTest::newRow("gqa-h4-kv2-padding") << 6 << 16 << 4 << false << true << true << 2;
        QTest::newRow("mqa-h4-kv1-causal-padding") << 6 << 16 << 4 << true << true << true << 1;
        QTest::newRow("mqa-h4-kv1-d16-t21") << 21 << 64 << 4 << true << true << false << 1;
    }

    void attentionGradients()
    {
        QFETCH(int, T);
        QFETCH(int, C);
        QFETCH(int, H);
        QFETCH(bool, causal);
        QFETCH(bool, scaled);
        QFETCH(bool, padding);
        QFETCH(int, KV);
        const Index B = 2;
        AttentionConfig cfg{H, causal, scaled, KV};
        auto qkv = randomVec(B * T * qkvLayout(cfg, C).width(), 13, 0.7f);
        std::vector<std::uint8_t> pad(size_t(B * T), 0);
        pad[2] = 1;
        pad[size_t(T)] = 1;
        const std::uint8_t *pp = padding ? pad.data() : nullptr;
        const auto r = randomVec(B * T * C, 14);
        std::vector<float> out(size_t(B * T * C)), dqkv(qkv.size(), 0.0f);
        AttentionCache cache;
        attentionForward(cfg, B, T, C, qkv.data(), pp, out.data(), cache);
        attentionBackward(cfg, B, T, C, qkv.data(), r.data(), cache, dqkv.data());
        AttentionCache c2;
        auto loss = [&]() {
            attentionForward(cfg, B, T, C, qkv.data(), pp, out.data(), c2);
            return projLoss(out.data(), r);
        };
        test::GradCheckOptions o;
        o.step = 3e-3;
        CHECK_GRADS(test::gradCheck(loss, qkv.data(), dqkv.data(), Index(qkv.size()), o));
    }

    void sharedBackwardIsRaceFree()
    {
        // Large enough for the parallel path (B·T·T·d_k above kParallelMinWork). A group's
        // query heads add into one dk/dv: one thread and two give the same bits, and the
        // shared head's gradient is the sum of the gradients of plain multi-head attention
        // over its copies.
        const Index B = 4, T = 48, H = 4, KV = 2, G = H / KV, D = 16, C = H * D;
        static_assert(B * T * T * D >= kParallelMinWork);
        AttentionConfig gqa{int(H), true, true, int(KV)}, mha{int(H), true, true};
        const Index Wg = (H + 2 * KV) * D, Wm = 3 * C;
        const auto qkv = randomVec(B * T * Wg, 41);
        const auto dout = randomVec(B * T * C, 42);
        // The multi-head copy: k and v of head h are those of kv head h / G.
        std::vector<float> dup(size_t(B * T * Wm));
        for (Index r = 0; r < B * T; ++r)
            for (Index h = 0; h < H; ++h)
                for (Index d = 0; d < D; ++d) {
                    const float *g = qkv.data() + r * Wg;
                    float *m = dup.data() + r * Wm;
                    m[h * D + d] = g[h * D + d];
                    m[C + h * D + d] = g[H * D + (h / G) * D + d];
                    m[2 * C + h * D + d] = g[(H + KV) * D + (h / G) * D + d];
                }
        std::vector<float> out(size_t(B * T * C)), mout(out.size());
        auto backward = [&](int threads) {
            setThreads(threads);
            AttentionCache cache;
            attentionForward(gqa, B, T, C, qkv.data(), nullptr, out.data(), cache);
            std::vector<float> d(qkv.size(), 0.0f);
            attentionBackward(gqa, B, T, C, qkv.data(), dout.data(), cache, d.data());
            return d;
        };
        const auto one = backward(1), two = backward(2);
        setThreads(2);
        QVERIFY(one == two);
        AttentionCache mc;
        attentionForward(mha, B, T, C, dup.data(), nullptr, mout.data(), mc);
        QVERIFY(out == mout); // the same kernels on the same numbers
        std::vector<float> dm(dup.size(), 0.0f);
        attentionBackward(mha, B, T, C, dup.data(), dout.data(), mc, dm.data());
        double err = 0.0, big = 0.0;
        for (Index r = 0; r < B * T; ++r)
            for (Index c = 0; c < Wg; ++c) {
                double ref = 0.0;
                if (c < H * D) {
                    ref = dm[size_t(r * Wm + c)];
                } else {
                    const bool isV = c >= (H + KV) * D;
                    const Index g = (c - (isV ? H + KV : H) * D) / D, d = c % D;
                    for (Index m = 0; m < G; ++m)
                        ref += dm[size_t(r * Wm + (isV ? 2 : 1) * C + (g * G + m) * D + d)];
                }
                err = std::max(err, std::abs(ref - two[size_t(r * Wg + c)]));
                big = std::max(big, std::abs(ref));
            }
        QVERIFY2(err <= 1e-6 * big, qPrintable(QString("%1 of %2").arg(err).arg(big)));
    }

    void selfAttentionAndFeedForwardGradients()
    {
        ParamStore p;
        const Index C = 8, B = 2, T = 5, n = B * T;
        const SelfAttention sa = SelfAttention::create(p, "attn", C, {2, true, true});
        const FeedForward ff = FeedForward::create(p, "mlp", C, 12, Activation::GeluTanh);
        p.allocate();
        randomize(p, 15);
        auto x = randomVec(n * C, 16);
        const auto r = randomVec(n * C, 17);
        std::vector<float> y(size_t(n * C)), z(size_t(n * C)), dx(x.size(), 0.0f),
            dy(size_t(n * C), 0.0f);
        SelfAttention::Cache sc;
        FeedForward::Cache fc;
        FloatBuffer s1, s2, s3;
        // L = r · ff(sa(x))
        sa.forward(p, x.data(), B, T, nullptr, y.data(), sc);
        ff.forward(p, y.data(), n, z.data(), fc);
        p.zeroGrads();
        ff.backward(p, y.data(), n, r.data(), dy.data(), fc, s1);
        sa.backward(p, x.data(), B, T, dy.data(), dx.data(), sc, s2, s3);
        auto loss = [&]() {
            SelfAttention::Cache c1;
            FeedForward::Cache c2;
            sa.forward(p, x.data(), B, T, nullptr, y.data(), c1);
            ff.forward(p, y.data(), n, z.data(), c2);
            return projLoss(z.data(), r);
        };
        test::GradCheckOptions o;
        o.step = 3e-3;
        CHECK_GRADS(test::gradCheck(loss, p.values().data(), p.grads().data(), p.size(), o));
        CHECK_GRADS(test::gradCheck(loss, x.data(), dx.data(), Index(x.size()), o));
        QCOMPARE(p.find("attn.c_attn.weight") >= 0 && p.find("mlp.c_fc.bias") >= 0, true);
    }

    void selfAttentionDefaultsKeepGpt2Parameters()
    {
        // Model files written before key/value sharing existed must still load: the same
        // names, shapes and order.
        ParamStore p;
        SelfAttention::create(p, "h.0.attn", 8, {2, true, true});
        QCOMPARE(p.count(), 4);
        QCOMPARE(p.entries()[0].name, std::string("h.0.attn.c_attn.weight"));
        QCOMPARE(p.entries()[0].shape, (std::vector<Index>{8, 24}));
        QCOMPARE(p.entries()[1].name, std::string("h.0.attn.c_attn.bias"));
        QCOMPARE(p.entries()[1].shape, (std::vector<Index>{24}));
        QCOMPARE(p.entries()[2].name, std::string("h.0.attn.c_proj.weight"));
        QCOMPARE(p.entries()[2].shape, (std::vector<Index>{8, 8}));
        QCOMPARE(p.entries()[3].name, std::string("h.0.attn.c_proj.bias"));
        // H = 4, Hkv = 1, d_k = 4: c_attn is (16, (4 + 2)·4).
        ParamStore g;
        AttentionConfig mqa{.heads = 4, .kvHeads = 1};
        const SelfAttention sa = SelfAttention::create(g, "a", 16, mqa);
        QCOMPARE(g.entries()[0].shape, (std::vector<Index>{16, 24}));
        const QkvLayout L = sa.layout();
        QCOMPARE(L.width(), Index(24));
        QCOMPARE(L.kCol(0), Index(16));
        QCOMPARE(L.vCol(0), Index(20));
        QCOMPARE(L.kvHeadOf(3), Index(0));
    }

    void badAttentionSettingsAreErrors()
    {
        ParamStore p;
        // 3 key/value heads cannot be shared evenly by 4 query heads.
        AttentionConfig three{.heads = 4, .kvHeads = 3};
        QVERIFY_THROWS_EXCEPTION(Error, SelfAttention::create(p, "a", 16, three));
        try {
            SelfAttention::create(p, "b", 16, three);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("3 key/value heads") != std::string::npos,
                     e.what());
            QVERIFY(e.templ() != nullptr);
        }
        AttentionConfig more{.heads = 4, .kvHeads = 8}, negative{.heads = 4, .kvHeads = -1};
        QVERIFY_THROWS_EXCEPTION(Error, SelfAttention::create(p, "c", 16, more));
        QVERIFY_THROWS_EXCEPTION(Error, SelfAttention::create(p, "d", 16, negative));
        // The core refuses it too.
        std::vector<float> qkv(size_t(2 * 64)), out(size_t(2 * 16));
        AttentionCache cache;
        QVERIFY_THROWS_EXCEPTION(
            Error, attentionForward(three, 1, 2, 16, qkv.data(), nullptr, out.data(), cache));
        // RoPE rotates pairs: heads of 3 dimensions (C = 6, H = 2) have one left over.
        AttentionConfig oddRope{.heads = 2, .rotary = {.on = true, .positions = 16}};
        QVERIFY_THROWS_EXCEPTION(Error, SelfAttention::create(p, "e", 6, oddRope));
        // ... and it needs its table's length.
        AttentionConfig noPositions{.heads = 2, .rotary = {.on = true}};
        QVERIFY_THROWS_EXCEPTION(Error, SelfAttention::create(p, "f", 8, noPositions));
        // Nothing was registered by the failed calls.
        QCOMPARE(p.count(), 0);
    }

    void sharedKeysEqualDuplicatedKeys_data()
    {
        QTest::addColumn<int>("KV");
        QTest::addColumn<bool>("rope");
        QTest::newRow("gqa-kv2") << 2 << false;
        QTest::newRow("mqa-kv1") << 1 << false;
        QTest::newRow("gqa-kv2-rope") << 2 << true;
    }

    void sharedKeysEqualDuplicatedKeys()
    {
        // GQA with Hkv key/value heads is plain multi-head attention whose k and v weight
        // columns are copied to every query head of the group: the same output, and the
        // shared head's gradient is the sum of its copies'.
        QFETCH(int, KV);
        QFETCH(bool, rope);
        const Index C = 16, H = 4, D = C / H, G = H / KV, B = 2, T = 7, n = B * T;
        AttentionConfig gcfg{
            .heads = int(H), .kvHeads = KV, .rotary = {.on = rope, .positions = 16}};
        AttentionConfig mcfg = gcfg;
        mcfg.kvHeads = 0;
        ParamStore gp, mp;
        const SelfAttention gsa = SelfAttention::create(gp, "a", C, gcfg);
        const SelfAttention msa = SelfAttention::create(mp, "a", C, mcfg);
        gp.allocate();
        mp.allocate();
        randomize(gp, 31);
        const Index Wg = (H + 2 * KV) * D;
        QCOMPARE(gp.entry(gsa.cAttn.weight).shape, (std::vector<Index>{C, Wg}));
        // MHA column of query head h, part s (0 q, 1 k, 2 v), dim d <- GQA column.
        auto gqaCol = [&](Index part, Index h, Index d) {
            return part == 0 ? h * D + d : H * D + (part == 2 ? KV * D : 0) + (h / G) * D + d;
        };
        for (Index part = 0; part < 3; ++part)
            for (Index h = 0; h < H; ++h)
                for (Index d = 0; d < D; ++d) {
                    const Index mc = part * C + h * D + d, gc = gqaCol(part, h, d);
                    mp.value(msa.cAttn.weight).col(mc) = gp.value(gsa.cAttn.weight).col(gc);
                    mp.value(msa.cAttn.bias)(0, mc) = gp.value(gsa.cAttn.bias)(0, gc);
                }
        mp.value(msa.cProj.weight) = gp.value(gsa.cProj.weight);
        mp.value(msa.cProj.bias) = gp.value(gsa.cProj.bias);
        const auto x = randomVec(n * C, 32), r = randomVec(n * C, 33);
        std::vector<std::uint8_t> pad(size_t(n), 0);
        pad[3] = 1;
        std::vector<float> gy(size_t(n * C)), my(size_t(n * C));
        SelfAttention::Cache gc, mc;
        gsa.forward(gp, x.data(), B, T, pad.data(), gy.data(), gc);
        msa.forward(mp, x.data(), B, T, pad.data(), my.data(), mc);
        // The same sums, up to c_attn's products over matrices of other widths (float
        // rounding: a few units in the last place of the largest value).
        auto close = [](const auto &a, const auto &b) {
            double err = 0.0, big = 1.0;
            for (Index i = 0; i < Index(a.size()); ++i) {
                err = std::max(err, double(std::abs(a[i] - b[i])));
                big = std::max(big, double(std::abs(b[i])));
            }
            return err <= 2e-6 * big;
        };
        QVERIFY(close(gy, my));
        std::vector<float> gdx(x.size(), 0.0f), mdx(x.size(), 0.0f);
        FloatBuffer s1, s2;
        gp.zeroGrads();
        mp.zeroGrads();
        gsa.backward(gp, x.data(), B, T, r.data(), gdx.data(), gc, s1, s2);
        msa.backward(mp, x.data(), B, T, r.data(), mdx.data(), mc, s1, s2);
        QVERIFY(close(gdx, mdx));
        const CMapRM gw = std::as_const(gp).grad(gsa.cAttn.weight);
        const CMapRM mw = std::as_const(mp).grad(msa.cAttn.weight);
        for (Index part = 0; part < 3; ++part)
            for (Index h = 0; h < H; h += (part == 0 ? 1 : G))
                for (Index d = 0; d < D; ++d) {
                    VecF sum = VecF::Zero(C);
                    for (Index m = 0; m < (part == 0 ? 1 : G); ++m)
                        sum += mw.col(part * C + (h + m) * D + d);
                    QVERIFY(close(VecF(gw.col(gqaCol(part, h, d))), sum));
                }
        QVERIFY(close(std::as_const(gp).grad(gsa.cProj.weight).reshaped(),
                      std::as_const(mp).grad(msa.cProj.weight).reshaped()));
    }

    void selfAttentionSharingAndRopeGradients_data()
    {
        QTest::addColumn<int>("KV");
        QTest::addColumn<bool>("rope");
        QTest::addColumn<int>("ropeDims");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<bool>("padding");
        QTest::newRow("gqa-kv2-causal") << 2 << false << 0 << true << false;
        QTest::newRow("mqa-kv1-padding") << 1 << false << 0 << false << true;
        QTest::newRow("rope-causal") << 0 << true << 0 << true << false;
        QTest::newRow("rope-partial-padding") << 0 << true << 2 << false << true;
        QTest::newRow("gqa-kv2-rope-causal-padding") << 2 << true << 0 << true << true;
        QTest::newRow("mqa-kv1-rope-causal") << 1 << true << 0 << true << false;
    }

    void selfAttentionSharingAndRopeGradients()
    {
        QFETCH(int, KV);
        QFETCH(bool, rope);
        QFETCH(int, ropeDims);
        QFETCH(bool, causal);
        QFETCH(bool, padding);
        ParamStore p;
        const Index C = 16, B = 2, T = 6, n = B * T;
        AttentionConfig cfg{.heads = 4,
                            .causal = causal,
                            .kvHeads = KV,
                            .rotary = {.on = rope, .dims = ropeDims, .positions = 8}};
        const SelfAttention sa = SelfAttention::create(p, "attn", C, cfg);
        p.allocate();
        randomize(p, 34);
        auto x = randomVec(n * C, 35);
        const auto r = randomVec(n * C, 36);
        std::vector<std::uint8_t> pad(size_t(n), 0);
        pad[1] = 1;
        pad[size_t(T + 4)] = 1;
        const std::uint8_t *pp = padding ? pad.data() : nullptr;
        std::vector<float> y(size_t(n * C)), dx(x.size(), 0.0f);
        SelfAttention::Cache sc;
        FloatBuffer s1, s2;
        sa.forward(p, x.data(), B, T, pp, y.data(), sc);
        QCOMPARE(sc.unrotated.empty(), !rope);
        p.zeroGrads();
        sa.backward(p, x.data(), B, T, r.data(), dx.data(), sc, s1, s2);
        auto loss = [&]() {
            SelfAttention::Cache c1;
            sa.forward(p, x.data(), B, T, pp, y.data(), c1);
            return projLoss(y.data(), r);
        };
        test::GradCheckOptions o;
        o.step = 3e-3;
        CHECK_GRADS(test::gradCheck(loss, p.values().data(), p.grads().data(), p.size(), o));
        CHECK_GRADS(test::gradCheck(loss, x.data(), dx.data(), Index(x.size()), o));
    }

    void selfAttentionRotatesQueriesAndKeysOnly()
    {
        // Cache::unrotated is c_attn's output, Cache::qkv the core's input: q and k of row
        // t rotated to position t (here checked on d_k = 2, where it is a plain 2-D
        // rotation by t·1 rad), v untouched.
        ParamStore p;
        const Index C = 4, T = 5;
        AttentionConfig cfg{.heads = 2, .kvHeads = 1, .rotary = {.on = true, .positions = 8}};
        const SelfAttention sa = SelfAttention::create(p, "attn", C, cfg);
        p.allocate();
        randomize(p, 37);
        const auto x = randomVec(T * C, 38);
        std::vector<float> y(size_t(T * C));
        SelfAttention::Cache sc;
        sa.forward(p, x.data(), 1, T, nullptr, y.data(), sc);
        const QkvLayout L = sa.layout();
        QCOMPARE(L.width(), Index(8)); // q 2 heads, k 1, v 1, of 2 dims
        for (Index t = 0; t < T; ++t) {
            const float *u = sc.unrotated.data() + t * L.width();
            const float *q = sc.qkv.data() + t * L.width();
            const double c = std::cos(double(t)), s = std::sin(double(t));
            for (Index col : {L.qCol(0), L.qCol(1), L.kCol(0)}) {
                QVERIFY(std::abs(q[col] - (u[col] * c - u[col + 1] * s)) < 1e-5);
                QVERIFY(std::abs(q[col + 1] - (u[col + 1] * c + u[col] * s)) < 1e-5);
            }
            QCOMPARE(q[L.vCol(0)], u[L.vCol(0)]);
            QCOMPARE(q[L.vCol(0) + 1], u[L.vCol(0) + 1]);
        }
    }

    void decodeMatchesTheFullForward_data()
    {
        QTest::addColumn<int>("KV");
        QTest::addColumn<bool>("rope");
        QTest::newRow("mha") << 0 << false;
        QTest::newRow("gqa-kv2-rope") << 2 << true;
        QTest::newRow("mqa-kv1-rope") << 1 << true;
    }

    void decodeMatchesTheFullForward()
    {
        // Cached generation, one token at a time, gives every row of the full causal
        // forward; so does decoding the last token after a prefill whose keys come from
        // forward's cache.
        QFETCH(int, KV);
        QFETCH(bool, rope);
        ParamStore p;
        const Index C = 32, T = 11;
        AttentionConfig cfg{.heads = 4, .kvHeads = KV, .rotary = {.on = rope, .positions = 16}};
        const SelfAttention sa = SelfAttention::create(p, "attn", C, cfg);
        p.allocate();
        randomize(p, 39);
        const auto x = randomVec(T * C, 40);
        std::vector<float> y(size_t(T * C));
        SelfAttention::Cache sc;
        sa.forward(p, x.data(), 1, T, nullptr, y.data(), sc);
        const QkvLayout L = sa.layout();
        const Index kvw = L.kvWidth();
        FloatBuffer keys(size_t(T * kvw)), values(size_t(T * kvw));
        SelfAttention::DecodeCache dc;
        std::vector<float> row(static_cast<size_t>(C));
        for (Index pos = 0; pos < T; ++pos) {
            sa.decode(p, x.data() + pos * C, pos, keys.data(), values.data(), kvw, row.data(), dc);
            for (Index c = 0; c < C; ++c)
                QVERIFY2(std::abs(row[size_t(c)] - y[size_t(pos * C + c)]) < 1e-5,
                         qPrintable(QString("pos %1 col %2").arg(pos).arg(c)));
        }
        // Prefill 0..T-2 by forward, copy its (rotated) keys and values through the layout.
        SelfAttention::Cache pc;
        std::vector<float> py(size_t((T - 1) * C));
        sa.forward(p, x.data(), 1, T - 1, nullptr, py.data(), pc);
        FloatBuffer k2(size_t(T * kvw)), v2(size_t(T * kvw));
        for (Index t = 0; t < T - 1; ++t) {
            const float *q = pc.qkv.data() + t * L.width();
            std::copy(q + L.kCol(0), q + L.kCol(0) + kvw, k2.begin() + t * kvw);
            std::copy(q + L.vCol(0), q + L.vCol(0) + kvw, v2.begin() + t * kvw);
        }
        sa.decode(p, x.data() + (T - 1) * C, T - 1, k2.data(), v2.data(), kvw, row.data(), dc);
        for (Index c = 0; c < C; ++c)
            QVERIFY(std::abs(row[size_t(c)] - y[size_t((T - 1) * C + c)]) < 1e-5);
    }
};

QTEST_APPLESS_MAIN(TestAttention)
#include "test_attention.moc"
