// The classifier's probabilities from logits, against values worked out by hand:
// softmax(0, ln 3) = (1/4, 3/4); a shift of every logit changes nothing; a trace whose
// logits are not one row (an LM's) has no class probabilities.

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
};

QTEST_APPLESS_MAIN(TestClassProbabilities)
#include "test_classprobabilities.moc"
