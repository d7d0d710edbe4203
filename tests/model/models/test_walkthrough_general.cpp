// The walkthrough numbers of Luong's general attention (e_ij = s_i . (W h_j)) for a real
// Seq2SeqRNN trace: W h_j, each product s_i[a] (W h_j)[a], their sum and the softmax
// equal the values worked out here in long double from the trace's W, encoder states and
// decoder states, for several decoding steps and keys with a padded source; and a wrong
// W or a missing W h is noticed.
#include "core/error.h"
#include "models/seq2seqrnn.h"
#include "trace/walkthrough.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace attn;
using LD = long double;

namespace {

AttentionTrace generalTrace()
{
    Seq2SeqRNNConfig c;
    c.vocab = 20;
    c.embedding = 8;
    c.hidden = 5;
    c.attention = RnnAttentionKind::General;
    const Seq2SeqRNN model(c, 11);
    Batch one;
    one.batch = 1;
    one.length = 5;
    one.inputs = {1, 7, 9, 4, 12};
    one.sourceLength = 7;
    one.source = {5, 6, 11, 12, 3, 0, 0};
    one.sourceLengths = {5};
    return model.trace(one);
}

// (W h_j)[a] = sum_d W[a][d] h_j[d]
LD wh(const HeadTrace &h, Index j, Index a)
{
    const MatRM &w = h.extras.at("W");
    LD s = 0;
    for (Index d = 0; d < w.cols(); ++d)
        s += LD(w(a, d)) * LD(h.k(j, d));
    return s;
}

bool near(LD a, LD b, LD tol)
{
    return std::abs(a - b) <= tol * std::max<LD>(1, std::abs(b));
}

} // namespace

class TestWalkthroughGeneral : public QObject {
    Q_OBJECT
private slots:
    void everyNumberFromTheTrace()
    {
        const AttentionTrace t = generalTrace();
        const AttentionBlockTrace *b = t.find("cross");
        QVERIFY(b);
        QCOMPARE(b->kind, ScoreKind::General);
        const HeadTrace &h = b->heads[0];
        QVERIFY(h.extras.count("W") && h.extras.count("Wh"));
        const Index Dq = h.q.cols(), S = h.k.rows();
        QCOMPARE(Dq, Index(10)); // D = 2 hidden
        QCOMPARE(S, Index(7));
        // The trace's W h_j is W times h_j.
        for (Index j = 0; j < S; ++j)
            for (Index a = 0; a < Dq; ++a)
                QVERIFY(near(LD(h.extras.at("Wh")(j, a)), wh(h, j, a), 1e-5L));
        int checked = 0;
        for (int i : {0, 2, 4})
            for (int j : {0, 3, 4}) {
                const Walkthrough w = buildWalkthrough(t, {"cross", 0, i, j});
                // Input, W h_j, scores, mask, softmax, context: no scale, no multi-head.
                QCOMPARE(w.steps.size(), size_t(6));
                QVERIFY(std::find(w.steps.begin(), w.steps.end(), WalkStep::Scale) ==
                        w.steps.end());
                QCOMPARE(w.maskedCount, 2);
                QCOMPARE(w.wh.size(), size_t(Dq));
                QCOMPARE(w.terms.size(), size_t(Dq));
                LD sum = 0;
                for (Index a = 0; a < Dq; ++a) {
                    QVERIFY(near(LD(w.wh[size_t(a)]), wh(h, j, a), 1e-6L));
                    const LD term = LD(h.q(i, a)) * wh(h, j, a);
                    QVERIFY(near(LD(w.terms[size_t(a)]), term, 1e-5L));
                    sum += term;
                }
                QVERIFY(near(LD(w.termSum), sum, 1e-5L));
                QVERIFY(near(LD(h.scores(i, j)), sum, 1e-4L));
                // The softmax over the 5 real keys, naive.
                LD mx = -INFINITY, z = 0;
                for (Index c = 0; c < 5; ++c) {
                    LD e = 0;
                    for (Index a = 0; a < Dq; ++a)
                        e += LD(h.q(i, a)) * wh(h, c, a);
                    mx = std::max(mx, e);
                }
                std::vector<LD> ex(5);
                for (Index c = 0; c < 5; ++c) {
                    LD e = 0;
                    for (Index a = 0; a < Dq; ++a)
                        e += LD(h.q(i, a)) * wh(h, c, a);
                    ex[size_t(c)] = std::exp(e - mx);
                    z += ex[size_t(c)];
                }
                QVERIFY(near(LD(w.softmax.max), mx, 1e-4L));
                for (Index c = 0; c < 7; ++c) {
                    const LD want = c < 5 ? ex[size_t(c)] / z : 0;
                    QVERIFY(std::abs(LD(w.softmax.weights[size_t(c)]) - want) < 1e-5L);
                }
                QVERIFY(w.whError < 1e-5);
                QVERIFY(w.maxScoreError < 1e-4);
                QVERIFY(w.maxWeightError < 1e-5);
                QVERIFY(w.maxOutError < 1e-5);
                ++checked;
            }
        QCOMPARE(checked, 9);
    }

    void aWrongTraceIsNoticed()
    {
        AttentionTrace t = generalTrace();
        HeadTrace &h = t.blocks[0].heads[0];
        // W no longer gives the traced W h_j: (W h_1)[1] moves by 0.01 h_1[d].
        Index d = 0;
        h.k.row(1).cwiseAbs().maxCoeff(&d);
        QVERIFY(std::abs(h.k(1, d)) > 0.01f);
        h.extras["W"](1, d) += 0.01f;
        QVERIFY(buildWalkthrough(t, {"cross", 0, 1, 1}).whError > 0.009 * std::abs(h.k(1, d)));
        h.extras["W"](1, d) -= 0.01f;
        h.scores(1, 3) += 0.01f; // a score that is not s . W h
        QVERIFY(buildWalkthrough(t, {"cross", 0, 1, 1}).maxScoreError > 0.009);
        h.extras.erase("Wh");
        QVERIFY_THROWS_EXCEPTION(Error, buildWalkthrough(t, {"cross", 0, 1, 1}));
    }
};

QTEST_APPLESS_MAIN(TestWalkthroughGeneral)
#include "test_walkthrough_general.moc"
