// TransformerStack and TransformerBlock, the layer every Transformer family composes:
// gradients through a stack with key/value-head sharing (GQA) and rotary positions, pre-
// and post-LN, with cross-attention over a memory; the KV-cached decode step against the
// full forward; and the trace of shared key/value heads.
#include "common/checkgrads.h"
#include "models/transformerstack.h"

#include <QTest>

#include <cmath>
#include <string>

using namespace attn;
using attn::test::projLoss;
using attn::test::randomVec;

namespace {

constexpr Index kB = 2, kT = 5, kS = 4, kC = 8;

TransformerBlockOptions options(NormPlacement norm, bool cross, int kvHeads, bool rope)
{
    TransformerBlockOptions o;
    o.channels = kC;
    o.ffDim = 12;
    o.activation = Activation::GeluTanh;
    o.attention.heads = 4;
    o.attention.kvHeads = kvHeads;
    o.attention.causal = true;
    o.attention.rotary.on = rope;
    o.attention.rotary.positions = 16;
    o.cross = cross;
    o.norm = norm;
    return o;
}

TransformerStack makeStack(ParamStore &p, const TransformerBlockOptions &o)
{
    TransformerStack s = TransformerStack::create(
        p, 2, [](int l) { return TransformerBlockNames::bart("layers." + std::to_string(l)); },
        o.norm == NormPlacement::Pre ? "layer_norm" : "", o, 0.0f);
    p.allocate();
    test::randomizeWeights(p, 7);
    return s;
}

} // namespace

class TestTransformerStack : public QObject {
    Q_OBJECT

private slots:
    void gradients_data()
    {
        QTest::addColumn<int>("norm");
        QTest::addColumn<bool>("cross");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<bool>("rope");
        QTest::addColumn<bool>("pad");
        QTest::newRow("pre, GQA 4:2, RoPE") << 0 << false << 2 << true << false;
        QTest::newRow("pre, MQA 4:1, padding") << 0 << false << 1 << false << true;
        QTest::newRow("post, GQA 4:2, RoPE") << 1 << false << 2 << true << false;
        QTest::newRow("pre, cross, GQA 4:2, RoPE, padding") << 0 << true << 2 << true << true;
    }

    // d(loss)/d(weights), d(loss)/d(input) and d(loss)/d(memory) against central differences.
    void gradients()
    {
        QFETCH(int, norm);
        QFETCH(bool, cross);
        QFETCH(int, kvHeads);
        QFETCH(bool, rope);
        QFETCH(bool, pad);
        ParamStore p;
        const TransformerBlockOptions o =
            options(norm == 0 ? NormPlacement::Pre : NormPlacement::Post, cross, kvHeads, rope);
        const TransformerStack stack = makeStack(p, o);
        auto x = randomVec(kB * kT * kC, 11);
        auto mem = randomVec(kB * kS * kC, 12);
        std::vector<std::uint8_t> keyPad(static_cast<size_t>(kB * kT), 0);
        std::vector<std::uint8_t> memPad(static_cast<size_t>(kB * kS), 0);
        if (pad) {
            keyPad[static_cast<size_t>(kT + kT - 1)] = 1; // row 1's last key
            memPad[static_cast<size_t>(kS - 1)] = 1;      // row 0's last memory slot
        }
        const auto r = randomVec(kB * kT * kC, 13);
        TransformerStack::State st;
        Rng rng(1);
        const auto run = [&] {
            const TransformerBlock::Memory m{mem.data(), kS, memPad.data()};
            stack.forward(p, x.data(), kB, kT, keyPad.data(), cross ? &m : nullptr, st, false, rng);
            return projLoss(stack.output(st), r);
        };
        run();
        p.zeroGrads();
        std::vector<float> dx(x.size(), 0.0f), dmem(mem.size(), 0.0f);
        const TransformerBlock::Memory m{mem.data(), kS, memPad.data()};
        stack.backward(p, r.data(), dx.data(), cross ? &m : nullptr, dmem.data(), st);

        test::GradCheckOptions go;
        CHECK_GRADS(test::gradCheck(run, p.values().data(), p.grads().data(), p.size(), go));
        CHECK_GRADS(test::gradCheck(run, x.data(), dx.data(), Index(x.size()), go));
        if (cross) {
            CHECK_GRADS(test::gradCheck(run, mem.data(), dmem.data(), Index(mem.size()), go));
        }
    }

    void decodeStepMatchesForward_data()
    {
        QTest::addColumn<int>("norm");
        QTest::newRow("pre-LN") << 0;
        QTest::newRow("post-LN") << 1;
    }

    // Token by token through decodeStep with a KV cache (GQA, RoPE) gives every row of the
    // full causal forward.
    void decodeStepMatchesForward()
    {
        QFETCH(int, norm);
        ParamStore p;
        const TransformerStack stack = makeStack(
            p, options(norm == 0 ? NormPlacement::Pre : NormPlacement::Post, false, 2, true));
        const auto x = randomVec(kT * kC, 21);
        TransformerStack::State st;
        Rng rng(1);
        stack.forward(p, x.data(), 1, kT, nullptr, nullptr, st, false, rng);
        const Index KV = stack.blocks.front().self.layout().kvWidth();
        QCOMPARE(KV, kC / 2); // 2 of 4 heads' worth of keys and values
        std::vector<float> keys(static_cast<size_t>(2 * kT * KV)), values(keys.size());
        TransformerBlock::StepScratch scratch;
        for (Index t = 0; t < kT; ++t) {
            std::vector<float> h(x.begin() + t * kC, x.begin() + (t + 1) * kC);
            for (int l = 0; l < 2; ++l)
                stack.blocks[static_cast<size_t>(l)].decodeStep(
                    p, h.data(), t, keys.data() + l * kT * KV, values.data() + l * kT * KV,
                    scratch);
            const float *full = stack.layerOutput(st, 1) + t * kC;
            for (Index c = 0; c < kC; ++c)
                QVERIFY2(std::abs(h[static_cast<size_t>(c)] - full[c]) < 1e-5f,
                         qPrintable(QStringLiteral("position %1, channel %2: %3 vs %4")
                                        .arg(t)
                                        .arg(c)
                                        .arg(h[static_cast<size_t>(c)])
                                        .arg(full[c])));
        }
    }

    // The trace shows query heads; two heads that share a key/value head show the same keys
    // and values, and with RoPE the keys before and after the rotation.
    void traceShowsSharedKeyValueHeads()
    {
        ParamStore p;
        const TransformerStack stack = makeStack(p, options(NormPlacement::Pre, false, 2, true));
        const auto x = randomVec(kT * kC, 31);
        TransformerStack::State st;
        Rng rng(1);
        stack.forward(p, x.data(), 1, kT, nullptr, nullptr, st, false, rng, stack.recordAll(true));
        AttentionBlockTrace bt;
        stack.blocks[0].traceSelf(p, stack.stateOf(st, 0), stack.layerInput(st, 0), kT, nullptr,
                                  true, bt);
        QCOMPARE(bt.heads.size(), size_t(4));
        QCOMPARE(bt.wk.size(), size_t(4));
        QVERIFY(bt.heads[0].k == bt.heads[1].k); // heads 0 and 1 share key/value head 0
        QVERIFY(bt.heads[0].v == bt.heads[1].v);
        QVERIFY(bt.heads[2].k == bt.heads[3].k);
        QVERIFY(bt.heads[0].k != bt.heads[2].k);
        QVERIFY(bt.heads[0].q != bt.heads[1].q);
        const MatRM &raw = bt.heads[0].extras.at("k_unrotated");
        QCOMPARE(raw.rows(), kT);
        // Position 0 is not rotated; later positions are, by a rotation (norms kept).
        QVERIFY((raw.row(0) - bt.heads[0].k.row(0)).norm() < 1e-6f);
        QVERIFY((raw.row(3) - bt.heads[0].k.row(3)).norm() > 1e-4f);
        QVERIFY(std::abs(raw.row(3).norm() - bt.heads[0].k.row(3).norm()) < 1e-5f);
        // The weights of each head are the slices its scores used: q_h = x·Wq_h + b.
        const float *bias = p.value(stack.blocks[0].self.cAttn.bias).data();
        const MatRM q0 = bt.x * bt.wq[0];
        const MatRM &q0raw = bt.heads[0].extras.at("q_unrotated");
        for (Index t = 0; t < kT; ++t)
            for (Index d = 0; d < q0.cols(); ++d)
                QVERIFY(std::abs(q0(t, d) + bias[d] - q0raw(t, d)) < 1e-5f);
    }
};

QTEST_APPLESS_MAIN(TestTransformerStack)
#include "test_transformerstack.moc"
