// The walkthrough's derived numbers against values worked out by hand (or by a naive
// second method written here), for scaled dot-product attention, additive attention and
// the sandbox presets.

#include "core/error.h"
#include "trace/walkthrough.h"

#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

// Naive softmax without the max shift (fine for the small values used here).
std::vector<double> naiveSoftmax(const std::vector<double> &s, const std::vector<bool> &masked)
{
    std::vector<double> e(s.size(), 0.0);
    double sum = 0;
    for (size_t j = 0; j < s.size(); ++j)
        if (!masked[j]) {
            e[j] = std::exp(s[j]);
            sum += e[j];
        }
    for (double &x : e)
        x /= sum;
    return e;
}

// 2 queries, 2 keys, d_k = 2, causal, one head, with projection weights.
//   X = [[1, 0], [0, 1]], W_Q = [[1, 2], [3, 4]] + bias [0, 0] -> Q = [[1, 2], [3, 4]]
//   K = [[1, 0], [0.5, -1]], V = [[1, 2], [3, 4]]
//   scores row 1: q_1.k_0 = 3, q_1.k_1 = 3*0.5 + 4*(-1) = -2.5
AttentionTrace dotTrace()
{
    AttentionTrace t;
    t.queryTokens = t.keyTokens = {"a", "b"};
    AttentionBlockTrace b;
    b.name = "layers.0.attn";
    b.scale = static_cast<float>(1.0 / std::sqrt(2.0));
    b.mask.resize(2, 2);
    b.mask << 0, 1, 0, 0;
    b.x.resize(2, 2);
    b.x << 1, 0, 0, 1;
    b.residualIn = b.x;
    HeadTrace h;
    h.q.resize(2, 2);
    h.q << 1, 2, 3, 4;
    h.k.resize(2, 2);
    h.k << 1, 0, 0.5f, -1;
    h.v.resize(2, 2);
    h.v << 1, 2, 3, 4;
    h.scores.resize(2, 2);
    h.scores << 1, 0.5f - 2, 3, -2.5f;
    h.scaled = h.scores * b.scale;
    const double s = 1.0 / std::sqrt(2.0);
    const std::vector<double> w1 = naiveSoftmax({3 * s, -2.5 * s}, {false, false});
    h.weights.resize(2, 2);
    h.weights << 1, 0, static_cast<float>(w1[0]), static_cast<float>(w1[1]);
    h.out.resize(2, 2);
    h.out << 1, 2, static_cast<float>(w1[0] * 1 + w1[1] * 3),
        static_cast<float>(w1[0] * 2 + w1[1] * 4);
    b.heads.push_back(h);
    b.wq.push_back((MatRM(2, 2) << 1, 2, 3, 4).finished());
    b.wk.push_back((MatRM(2, 2) << 1, 0, 0.5f, -1).finished());
    b.wv.push_back((MatRM(2, 2) << 1, 2, 3, 4).finished());
    t.blocks.push_back(b);
    return t;
}

// Additive attention, Tq = 2, Tk = 3, A = 2:
//   Ws = [[0.5, -0.5], [0, 1]], Uh = [[0.5, 0.5], [-0.5, 0.5], [0, 0]], v = [2, 1]
//   query 0: pre_0 = [1, 0] -> e_00 = 2 tanh(1); pre_1 = [0, 0] -> 0;
//            pre_2 = [0.5, -0.5] -> 2 tanh(0.5) - tanh(0.5) = tanh(0.5)
AttentionTrace additiveTrace()
{
    AttentionTrace t;
    t.queryTokens = {"<bos>", "x"};
    t.keyTokens = {"a", "b", "c"};
    AttentionBlockTrace b;
    b.name = "cross";
    b.role = AttentionRole::Cross;
    b.kind = ScoreKind::Additive;
    b.mask = MatRM::Zero(2, 3);
    HeadTrace h;
    h.q = MatRM::Zero(2, 2);
    h.k.resize(3, 2);
    h.k << 1, 0, 0, 1, 1, 1;
    h.v = h.k;
    h.extras["Ws"] = (MatRM(2, 2) << 0.5f, -0.5f, 0, 1).finished();
    h.extras["Uh"] = (MatRM(3, 2) << 0.5f, 0.5f, -0.5f, 0.5f, 0, 0).finished();
    h.extras["v"] = (MatRM(1, 2) << 2, 1).finished();
    const double e00 = 2 * std::tanh(1.0), e02 = std::tanh(0.5);
    // query 1: pre = [0.5, 1.5], [-0.5, 1.5], [0, 1]
    const double e10 = 2 * std::tanh(0.5) + std::tanh(1.5),
                 e11 = 2 * std::tanh(-0.5) + std::tanh(1.5), e12 = std::tanh(1.0);
    h.scores.resize(2, 3);
    h.scores << float(e00), 0, float(e02), float(e10), float(e11), float(e12);
    h.scaled = h.scores;
    h.weights.resize(2, 3);
    h.out.resize(2, 2);
    for (int r = 0; r < 2; ++r) {
        const std::vector<double> w =
            naiveSoftmax({h.scores(r, 0), h.scores(r, 1), h.scores(r, 2)}, {false, false, false});
        for (int c = 0; c < 3; ++c)
            h.weights(r, c) = float(w[size_t(c)]);
        h.out(r, 0) = float(w[0] + w[2]);
        h.out(r, 1) = float(w[1] + w[2]);
    }
    b.heads.push_back(h);
    t.blocks.push_back(b);
    return t;
}

} // namespace

class TestWalkthrough : public QObject {
    Q_OBJECT
private slots:
    void softmaxShiftsByTheMax()
    {
        // [1000, 1001, 999] would overflow exp(); shifted: [-1, 0, -2].
        const SoftmaxSteps s = softmaxSteps({1000, 1001, 999, 5}, {false, false, false, true});
        QCOMPARE(s.max, 1001.0);
        QCOMPARE(s.shifted[0], -1.0);
        QCOMPARE(s.shifted[2], -2.0);
        const double sum = 1 + std::exp(-1.0) + std::exp(-2.0);
        QVERIFY(std::abs(s.sum - sum) < 1e-12);
        QVERIFY(std::abs(s.weights[1] - 1 / sum) < 1e-12);
        QCOMPARE(s.weights[3], 0.0);
        QCOMPARE(s.exps[3], 0.0);
    }

    void dotProductQueryOneKeyOne()
    {
        const AttentionTrace t = dotTrace();
        const Walkthrough w = buildWalkthrough(t, {"", 0, 1, 1});
        QCOMPARE(w.sel.block, std::string("layers.0.attn"));
        QCOMPARE(w.dk, 2);
        QCOMPARE(w.terms.size(), size_t(2));
        QCOMPARE(w.terms[0], 1.5);
        QCOMPARE(w.terms[1], -4.0);
        QCOMPARE(w.termSum, -2.5);
        QVERIFY(w.maxScoreError < 1e-6);
        QVERIFY(std::abs(w.sqrtDk - std::sqrt(2.0)) < 1e-12);
        QVERIFY(std::abs(w.temperature - 1.0) < 1e-6);
        QCOMPARE(w.maskedCount, 0);
        // softmax of [3, -2.5] / sqrt(2)
        const double s = 1 / std::sqrt(2.0);
        QVERIFY(std::abs(w.softmax.max - 3 * s) < 1e-6);
        QVERIFY(std::abs(w.softmax.exps[1] - std::exp(-5.5 * s)) < 1e-6);
        QVERIFY(w.maxWeightError < 1e-6);
        // without the scale: softmax of [3, -2.5]
        QVERIFY(std::abs(w.unscaled.weights[0] - 1 / (1 + std::exp(-5.5))) < 1e-6);
        // z = a_0 v_0 + a_1 v_1
        QVERIFY(std::abs(w.contributions[1][1] - w.softmax.weights[1] * 4) < 1e-6);
        QVERIFY(w.maxOutError < 1e-6);
        // Projections: x_1 = [0, 1] -> x_1 W_Q = [3, 4]; no bias
        QVERIFY(w.hasWeights);
        QCOMPARE(w.xwq[0], 3.0);
        QCOMPARE(w.xwq[1], 4.0);
        QCOMPARE(w.bq[0], 0.0);
        QCOMPARE(w.biasSpread, 0.0);
        // no concat/out: no multi-head step; 7 steps
        QVERIFY(!w.hasOutput);
        QCOMPARE(w.steps.size(), size_t(7));
        QCOMPARE(w.steps[3], WalkStep::Scale);
    }

    void causalMaskOnRowZero()
    {
        const Walkthrough w = buildWalkthrough(dotTrace(), {"layers.0.attn", 0, 0, 0});
        QCOMPARE(w.maskedCount, 1);
        QVERIFY(w.masked[1]);
        QCOMPARE(w.softmax.weights[0], 1.0);
        QCOMPARE(w.softmax.weights[1], 0.0);
    }

    void aWrongScoreIsReported()
    {
        AttentionTrace t = dotTrace();
        t.blocks[0].heads[0].scores(1, 0) = 3.5f;
        const Walkthrough w = buildWalkthrough(t, {"", 0, 1, 1});
        QVERIFY(std::abs(w.maxScoreError - 0.5) < 1e-6);
    }

    void additiveTermByTerm()
    {
        const Walkthrough w = buildWalkthrough(additiveTrace(), {"cross", 0, 0, 0});
        QCOMPARE(w.kind, ScoreKind::Additive);
        QCOMPARE(w.pre.size(), size_t(2));
        QCOMPARE(w.pre[0], 1.0);
        QCOMPARE(w.pre[1], 0.0);
        QVERIFY(std::abs(w.tanhs[0] - 0.7615941559557649) < 1e-12);
        QVERIFY(std::abs(w.terms[0] - 2 * 0.7615941559557649) < 1e-12);
        QCOMPARE(w.terms[1], 0.0);
        QVERIFY(w.maxScoreError < 1e-6);
        QVERIFY(w.maxWeightError < 1e-6);
        QVERIFY(w.maxOutError < 1e-6);
        // no scale step and no multi-head step for additive attention
        QVERIFY(std::find(w.steps.begin(), w.steps.end(), WalkStep::Scale) == w.steps.end());
        QCOMPARE(w.steps.size(), size_t(6));

        const Walkthrough w2 = buildWalkthrough(additiveTrace(), {"cross", 0, 1, 2});
        QCOMPARE(w2.pre[0], 0.0);
        QCOMPARE(w2.pre[1], 1.0);
        QVERIFY(std::abs(w2.termSum - std::tanh(1.0)) < 1e-7);
    }

    void additiveWithoutExtrasIsRefused()
    {
        AttentionTrace t = additiveTrace();
        t.blocks[0].heads[0].extras.erase("Uh");
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"cross", 0, 0, 0}));
    }

    void outOfRangeSelectionIsRefused()
    {
        const AttentionTrace t = dotTrace();
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"nope", 0, 0, 0}));
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"", 1, 0, 0}));
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"", 0, 2, 0}));
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"", 0, 0, -1}));
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(AttentionTrace{}, {}));
    }

    void presetIdenticalKeysIsExactlyUniform()
    {
        const AttentionTrace t = buildSandboxTrace(sandboxPreset(SandboxPreset::IdenticalKeys));
        const HeadTrace &h = t.blocks[0].heads[0];
        for (int r = 0; r < 2; ++r) {
            QCOMPARE(h.weights(r, 0), 0.5f);
            QCOMPARE(h.weights(r, 1), 0.5f);
            QCOMPARE(h.out(r, 0), 0.5f); // (v_0 + v_1) / 2 = [0.5, 0.5]
            QCOMPARE(h.out(r, 1), 0.5f);
        }
        const Walkthrough w = buildWalkthrough(t, {});
        QVERIFY(w.maxScoreError < 1e-6 && w.maxWeightError < 1e-6 && w.maxOutError < 1e-6);
    }

    void presetOneHotIsHard()
    {
        const AttentionTrace t = buildSandboxTrace(sandboxPreset(SandboxPreset::OneHotKeys));
        const HeadTrace &h = t.blocks[0].heads[0];
        // query 0 = 20 e_2; keys e_0..e_3; scaled scores [0, 0, 10, 0]
        const double hi = std::exp(10.0) / (std::exp(10.0) + 3);
        QVERIFY(std::abs(h.weights(0, 2) - hi) < 1e-6);
        QVERIFY(h.weights(0, 2) > 0.9998f);
        QVERIFY(std::abs(h.weights(1, 0) - hi) < 1e-6);
        QVERIFY(std::abs(h.weights(2, 3) - hi) < 1e-6);
        QVERIFY(std::abs(h.weights(3, 1) - hi) < 1e-6);
        // out_0 ~ v_2 = [5, 6]
        QVERIFY(std::abs(h.out(0, 0) - 5.0f) < 0.01f);
    }

    void presetLargeMagnitudesSaturateWithoutScale()
    {
        // first query: raw scores [18, 0, 9]; d_k = 8
        const AttentionTrace un = buildSandboxTrace(sandboxPreset(SandboxPreset::LargeUnscaled));
        const AttentionTrace sc = buildSandboxTrace(sandboxPreset(SandboxPreset::LargeScaled));
        const HeadTrace &hu = un.blocks[0].heads[0], &hs = sc.blocks[0].heads[0];
        QCOMPARE(hu.scores(0, 0), 18.0f);
        QCOMPARE(hu.scores(0, 1), 0.0f);
        QCOMPARE(hu.scores(0, 2), 9.0f);
        const double wu = 1 / (1 + std::exp(-18.0) + std::exp(-9.0));
        const double r8 = std::sqrt(8.0);
        const double ws = 1 / (1 + std::exp(-18.0 / r8) + std::exp(-9.0 / r8));
        QVERIFY(std::abs(hu.weights(0, 0) - wu) < 1e-6);
        QVERIFY(std::abs(hs.weights(0, 0) - ws) < 1e-6);
        QVERIFY(hu.weights(0, 0) > 0.9998f); // saturated
        QVERIFY(hs.weights(0, 0) < 0.97f);   // not
        QCOMPARE(un.blocks[0].kind, ScoreKind::Dot);
        QCOMPARE(sc.blocks[0].kind, ScoreKind::ScaledDot);
    }

    void presetCausal()
    {
        const AttentionTrace t = buildSandboxTrace(sandboxPreset(SandboxPreset::Causal));
        const HeadTrace &h = t.blocks[0].heads[0];
        QCOMPARE(h.weights(0, 0), 1.0f);
        QCOMPARE(h.weights(0, 1), 0.0f);
        QCOMPARE(h.weights(1, 2), 0.0f);
        // query 1 = [0, 1]: scores [0, 1] / sqrt(2) over keys 0, 1
        const double a = 1 / (1 + std::exp(1 / std::sqrt(2.0)));
        QVERIFY(std::abs(h.weights(1, 0) - a) < 1e-6);
        QCOMPARE(t.blocks[0].mask(0, 2), 1.0f);
        QCOMPARE(t.blocks[0].mask(2, 0), 0.0f);
    }

    void temperatureSharpensAndFlattens()
    {
        SandboxInput in = sandboxPreset(SandboxPreset::Causal);
        in.temperature = 0.5;
        const AttentionTrace sharp = buildSandboxTrace(in);
        in.temperature = 4;
        const AttentionTrace flat = buildSandboxTrace(in);
        // query 2 = [1, 1]: scores [1, 1, 2] / (sqrt(2) T)
        auto w22 = [](double T) {
            const double s = 1 / (std::sqrt(2.0) * T);
            return std::exp(2 * s) / (2 * std::exp(s) + std::exp(2 * s));
        };
        QVERIFY(std::abs(sharp.blocks[0].heads[0].weights(2, 2) - w22(0.5)) < 1e-6);
        QVERIFY(std::abs(flat.blocks[0].heads[0].weights(2, 2) - w22(4)) < 1e-6);
        const Walkthrough w = buildWalkthrough(sharp, {"", 0, 2, 2});
        QVERIFY(std::abs(w.temperature - 0.5) < 1e-6);
    }

    void badSandboxInputIsRefused()
    {
        SandboxInput in = sandboxPreset(SandboxPreset::Causal);
        in.temperature = 0;
        QVERIFY_THROWS_EXCEPTION(Error, buildSandboxTrace(in));
        in = sandboxPreset(SandboxPreset::Causal);
        in.k = MatRM::Zero(3, 3);
        QVERIFY_THROWS_EXCEPTION(Error, buildSandboxTrace(in));
        in = sandboxPreset(SandboxPreset::Causal);
        in.q = MatRM::Zero(9, 2);
        QVERIFY_THROWS_EXCEPTION(Error, buildSandboxTrace(in));
        in = sandboxPreset(SandboxPreset::Causal);
        in.v(0, 0) = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(Error, buildSandboxTrace(in));
    }
};

QTEST_APPLESS_MAIN(TestWalkthrough)
#include "test_walkthrough.moc"
