// A small TransformerLM learns the copy and reverse tasks with the Trainer,
// LM style (<bos> source = answer <eos>, loss on the answer only), within a
// fixed step budget and seed; the same seed and thread count give the same
// losses. Prints the measured time to target.
#include "learning.h"

using namespace attn;
using learning::learns;
using learning::modelFor;
using learning::Outcome;
using learning::train;

class TestLearning : public QObject {
    Q_OBJECT
private slots:
    void copyIsLearned() { learns("copy", 400, 0.95); }
    void reverseIsLearned() { learns("reverse", 400, 0.95); }

    void sameSeedAndThreadsSameLosses()
    {
        auto task = makeTask("reverse", {8, 8, 10});
        for (int threads : {1, 2}) {
            setThreads(threads);
            TransformerLM a(modelFor(*task), 5), b(modelFor(*task), 5);
            const Outcome x = train(a, *task, 10, 8, 3, false);
            const Outcome y = train(b, *task, 10, 8, 3, false);
            QCOMPARE(x.losses.size(), size_t(10));
            QCOMPARE(x.losses, y.losses);
            QVERIFY(x.losses.back() < x.losses.front()); // and it is learning
            TransformerLM c(modelFor(*task), 5);
            const Outcome z = train(c, *task, 10, 8, 4, false); // another batch seed
            QVERIFY(z.losses != x.losses);
        }
        setThreads(1);
    }
};

QTEST_APPLESS_MAIN(TestLearning)
#include "test_learning.moc"
