// The classifier's probabilities from logits, against values worked out by hand:
// softmax(0, ln 3) = (1/4, 3/4); a shift of every logit changes nothing; a trace whose
// logits are not one row (an LM's) has no class probabilities.
// The next-token distribution at a temperature: logits ln 1, ln 2, ln 3, ln 4 give
// exp(ln j / t) = j^(1/t), so softmax(z / t)_j = j^(1/t) / Σ i^(1/t): (1, 2, 3, 4)/10 at
// t = 1, (1, 4, 9, 16)/30 at t = 1/2, (1, √2, √3, 2)/(1 + √2 + √3 + 2) at t = 2.

#include "trace/classprobabilities.h"

#include <QtTest>

#include <cmath>

using namespace attn;

class TestClassProbabilities : public QObject {
    Q_OBJECT
private slots:
    void softmaxByHand()
    {
        const float z[] = {0.0f, std::log(3.0f)};
        const std::vector<float> p = softmaxOf(z, 2);
        QCOMPARE(p.size(), std::size_t(2));
        QVERIFY(std::abs(p[0] - 0.25f) < 1e-6f);
        QVERIFY(std::abs(p[1] - 0.75f) < 1e-6f);
        // Large logits: exp(1000) overflows, the shifted form does not.
        const float big[] = {1000.0f, 1000.0f + std::log(3.0f)};
        const std::vector<float> q = softmaxOf(big, 2);
        QVERIFY(std::abs(q[0] - 0.25f) < 1e-5f);
        QVERIFY(std::abs(q[1] - 0.75f) < 1e-5f);
        QVERIFY(softmaxOf(z, 0).empty());
    }

    void traceLogits()
    {
        AttentionTrace t;
        t.logits = MatRM::Zero(1, 4); // four classes, equal logits: 1/4 each
        const std::vector<float> p = classProbabilities(t);
        QCOMPARE(p.size(), std::size_t(4));
        for (float v : p)
            QVERIFY(std::abs(v - 0.25f) < 1e-6f);
        t.logits = MatRM::Zero(3, 5); // an LM's (T, V)
        QVERIFY(classProbabilities(t).empty());
        t.logits = MatRM();
        QVERIFY(classProbabilities(t).empty());
    }

    void nextTokensByHand_data()
    {
        QTest::addColumn<double>("temperature");
        QTest::addColumn<QList<double>>("expected"); // of tokens 3, 2, 1, 0
        const double r2 = std::sqrt(2.0), r3 = std::sqrt(3.0), s = 1.0 + r2 + r3 + 2.0;
        QTest::newRow("t = 1") << 1.0 << QList<double>{0.4, 0.3, 0.2, 0.1};
        QTest::newRow("t = 1/2") << 0.5 << QList<double>{16.0 / 30, 9.0 / 30, 4.0 / 30, 1.0 / 30};
        QTest::newRow("t = 2") << 2.0 << QList<double>{2.0 / s, r3 / s, r2 / s, 1.0 / s};
    }
    void nextTokensByHand()
    {
        QFETCH(double, temperature);
        QFETCH(QList<double>, expected);
        // ln j + 1000: the shift by the maximum keeps exp from overflowing (and changes
        // nothing); float holds the logits to ~6e-5, which moves a probability by < 1e-4.
        for (float shift : {0.0f, 1000.0f}) {
            const float z[] = {std::log(1.0f) + shift, std::log(2.0f) + shift,
                               std::log(3.0f) + shift, std::log(4.0f) + shift};
            const double tol = shift == 0.0f ? 1e-6 : 2e-4;
            const std::vector<RankedProbability> all = nextTokenProbabilities(z, 4, temperature, 4);
            QCOMPARE(all.size(), std::size_t(4));
            for (std::size_t i = 0; i < 4; ++i) {
                QCOMPARE(all[i].id, Index(3 - i)); // most likely first
                QVERIFY2(std::abs(all[i].probability - expected[qsizetype(i)]) < tol,
                         qPrintable(QString::number(all[i].probability)));
            }
            // k: the two most likely, with the probabilities of the whole distribution.
            const std::vector<RankedProbability> two = nextTokenProbabilities(z, 4, temperature, 2);
            QCOMPARE(two.size(), std::size_t(2));
            QCOMPARE(two[0].id, Index(3));
            QCOMPARE(two[1].id, Index(2));
            QCOMPARE(two[1].probability, all[1].probability);
        }
    }

    void nextTokensEdges()
    {
        const float z[] = {1.0f, 0.0f, 1.0f};
        // Equal logits: id order. e / (2e + 1) each, 1 / (2e + 1) for the third.
        const double e = std::exp(1.0);
        const auto p = nextTokenProbabilities(z, 3, 1.0, 10); // k clamped to n
        QCOMPARE(p.size(), std::size_t(3));
        QCOMPARE(p[0].id, Index(0));
        QCOMPARE(p[1].id, Index(2));
        QCOMPARE(p[2].id, Index(1));
        QVERIFY(std::abs(p[0].probability - e / (2 * e + 1)) < 1e-12);
        QVERIFY(std::abs(p[2].probability - 1 / (2 * e + 1)) < 1e-12);
        // t ≤ 1e-3 (greedy's 0 too) is 1e-3: the others' share is exp(-1000) = 0 in double.
        const float two[] = {0.0f, 1.0f};
        for (double t : {0.0, -1.0, 1e-4}) {
            const auto g = nextTokenProbabilities(two, 2, t, 2);
            QCOMPARE(g[0].id, Index(1));
            QCOMPARE(g[0].probability, 1.0);
            QCOMPARE(g[1].probability, 0.0);
        }
        QVERIFY(nextTokenProbabilities(z, 3, 1.0, 0).empty());
        QVERIFY(nextTokenProbabilities(z, 0, 1.0, 3).empty());
    }

    // A classifier's probabilities ranked: all of them, most likely first, ties by id.
    void mostLikelyRanks()
    {
        const float p[] = {0.2f, 0.5f, 0.1f, 0.2f};
        const auto r = mostLikely(p, 4, 4);
        QCOMPARE(r.size(), std::size_t(4));
        const Index ids[] = {1, 0, 3, 2};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(r[i].id, ids[i]);
            QCOMPARE(r[i].probability, double(p[ids[i]]));
        }
        QCOMPARE(mostLikely(p, 4, 1).size(), std::size_t(1));
        QVERIFY(mostLikely(p, 0, 1).empty());
    }
};

QTEST_APPLESS_MAIN(TestClassProbabilities)
#include "test_classprobabilities.moc"
