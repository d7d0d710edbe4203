// The short learning figure of Seq2SeqRNN for the default suite: an LSTM with
// dot attention learns to reverse variable-length strings (padded batches),
// and its cross-attention runs along the anti-diagonal.
#include "seq2seqrnn_learning.h"

#include <QtTest>

using namespace attn;
using namespace s2slearning;

class TestSeq2SeqRNNLearning : public QObject {
    Q_OBJECT

private slots:
    void reverse()
    {
        setThreads(1);
        auto task = makeTask("reverse", {6, 3, 8});
        Seq2SeqRNNConfig c;
        c.vocab = task->vocabSize();
        c.embedding = 16;
        c.hidden = 32;
        c.rnn = RnnCell::LSTM;
        c.attention = RnnAttentionKind::Dot;
        Seq2SeqRNN model(c, 1);
        const Run r = train(model, *task, 300, 32, 1e-2f, {}, 1);
        Rng rng(777);
        std::vector<TaskExample> test;
        for (int i = 0; i < 100; ++i)
            test.push_back(task->sample(rng));
        const int ok = exactMatches(model, *task, test);
        qInfo("reverse: %lld steps in %.1f s (1 thread), last loss %.4f, exact match %d/100",
              r.steps, r.seconds, r.lastLoss, ok);
        QVERIFY2(ok >= 90, qPrintable(QString("exact match %1/100").arg(ok)));
        // Writing output character i of a length-n source attends most to source n-1-i.
        int aligned = 0, total = 0;
        for (const auto &e : test) {
            const MatRM w = crossWeights(model, *task, e);
            const int n = static_cast<int>(e.source.size());
            for (int i = 0; i < n; ++i) {
                Index arg = 0;
                w.row(i).maxCoeff(&arg);
                ++total;
                if (arg == n - 1 - i)
                    ++aligned;
            }
        }
        qInfo("reverse: %d of %d output characters attend most to their mirrored source "
              "character",
              aligned, total);
        QVERIFY(aligned >= 0.9 * total);
    }
};

QTEST_APPLESS_MAIN(TestSeq2SeqRNNLearning)
#include "test_seq2seqrnn_learning.moc"
