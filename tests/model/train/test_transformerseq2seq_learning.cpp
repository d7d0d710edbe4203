// Short learning figure (default suite): a one-layer Transformer seq2seq learns to
// reverse 6 letters, and its cross-attention is anti-diagonal.
#include "seq2seqlearning.h"

using namespace s2slearning;

class TestTransformerSeq2SeqLearning : public QObject {
    Q_OBJECT
private slots:
    void reversesWithAntiDiagonalCrossAttention()
    {
        setThreads(1);
        auto task = makeTask("reverse", {6, 6, 10});
        TransformerSeq2Seq model(modelFor(*task, 32, 1), 1);
        const double seconds = train(model, *task, 150, 32, 1);
        model.setTraining(false);
        // 200 examples from a generator seeded apart from the training batches
        const Score s = evaluateReverse(model, *task, 200, 4242);
        qInfo("reverse-6, d 32, 1+1 layers, 150 steps of 32: %.1f s (1 thread), exact match "
              "%d/%d, anti-diagonal cross-attention argmax %d/%d",
              seconds, s.exact, s.examples, s.antiDiagonal, s.positions);
        QVERIFY2(s.exact >= 196, qPrintable(QString("exact match %1 of 200").arg(s.exact)));
        QVERIFY2(
            s.antiDiagonal >= 0.9 * s.positions,
            qPrintable(QString("anti-diagonal %1 of %2").arg(s.antiDiagonal).arg(s.positions)));
    }
};

QTEST_APPLESS_MAIN(TestTransformerSeq2SeqLearning)
#include "test_transformerseq2seq_learning.moc"
