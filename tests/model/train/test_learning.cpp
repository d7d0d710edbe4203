// A small TransformerLM learns the copy and reverse tasks with the Trainer,
// LM style (<bos> source = answer <eos>, loss on the answer only), within a
// fixed step budget and seed; the same seed and thread count give the same
// losses. Prints the measured time to target.
#include "core/threads.h"
#include "models/transformerlm.h"
#include "text/synthetic.h"
#include "train/trainer.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

using namespace attn;

namespace {

struct Outcome {
    long long steps = 0;  // steps until the validation loss first fell below the target
    double seconds = 0.0; // wall time of those steps (evaluations included)
    double valLoss = NAN; // the validation loss then
    std::vector<double> losses;
    TrainStatus status = TrainStatus::Finished;
};

constexpr double kTarget = 0.05;

TransformerConfig modelFor(const SyntheticTask &task)
{
    TransformerConfig c;
    c.vocab = task.vocabSize();
    c.n_ctx = task.lmLength() + 1;
    c.d_model = 64;
    c.n_heads = 4;
    c.n_layers = 2;
    c.dropout = 0.0f;
    return c;
}

// Trains until the validation loss is below kTarget (checked every 5 steps) or
// the budget is spent.
Outcome train(TransformerLM &model, const SyntheticTask &task, long long budget, int batch,
              std::uint64_t seed, bool stopAtTarget)
{
    TrainerConfig tc;
    tc.steps = budget;
    tc.learningRate = 3e-3f;
    tc.schedule = LrSchedule::warmupCosine(std::min<long long>(50, budget / 3), budget, 0.1f);
    tc.optimizer.weightDecay = 0.01f;
    tc.clipNorm = 1.0f;
    tc.evalEvery = stopAtTarget ? 5 : 0;
    tc.evalBatches = 2;
    tc.seed = seed;
    BatchSource data;
    data.train = [&](Rng &rng) { return task.lmBatch(rng, batch); };
    data.validation = [&](Rng &rng) { return task.lmBatch(rng, 64); };
    Trainer trainer(model, data, tc);
    Outcome out;
    const auto t0 = std::chrono::steady_clock::now();
    trainer.setCallback([&](const TrainReport &r) {
        out.losses.push_back(r.loss);
        if (stopAtTarget && !std::isnan(r.valLoss) && r.valLoss < kTarget && out.steps == 0) {
            out.steps = r.step;
            out.valLoss = r.valLoss;
            out.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            trainer.cancel();
        }
    });
    out.status = trainer.run().status;
    return out;
}

// Greedy answers to fresh examples, compared with the task's own answers.
int correctAnswers(const TransformerLM &model, const SyntheticTask &task, int n, std::uint64_t seed)
{
    Rng rng(seed);
    GenerateOptions g;
    g.greedy = true;
    g.stopToken = SyntheticTask::Eos;
    int correct = 0;
    for (int i = 0; i < n; ++i) {
        const TaskExample e = task.sample(rng);
        const auto out = model.generate(task.lmPrompt(e.source), task.maxTargetLength() + 1, g);
        if (!out.empty() && out.back() == SyntheticTask::Eos && task.decode(out) == e.target)
            ++correct;
    }
    return correct;
}

void learns(const char *name)
{
    setThreads(1);
    auto task = makeTask(name, {8, 8, 10});
    TransformerLM model(modelFor(*task), 1);
    const Outcome o = train(model, *task, 400, 32, 1, true);
    QVERIFY2(o.steps > 0, qPrintable(QString("%1: validation loss never fell below %2 in 400 steps")
                                         .arg(name)
                                         .arg(kTarget)));
    qInfo("%s: validation loss %.4f < %.2f after %lld steps, %.1f s (1 thread)", name, o.valLoss,
          kTarget, o.steps, o.seconds);
    // It really does the task: greedy answers to 50 unseen strings.
    const int correct = correctAnswers(model, *task, 50, 777);
    QVERIFY2(correct >= 48,
             qPrintable(QString("%1: %2 of 50 answers right").arg(name).arg(correct)));
}

} // namespace

class TestLearning : public QObject {
    Q_OBJECT
private slots:
    void copyIsLearned() { learns("copy"); }
    void reverseIsLearned() { learns("reverse"); }

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
