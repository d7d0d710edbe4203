#pragma once

// What the learning tests share: a small GPT-2-style model for a synthetic
// task, a training run that stops at a validation-loss target, and a check of
// greedy answers to fresh examples.
#include "core/threads.h"
#include "models/transformerlm.h"
#include "text/synthetic.h"
#include "train/trainer.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace learning {

using namespace attn;

struct Outcome {
    long long steps = 0;  // steps until the validation loss first fell below the target
    double seconds = 0.0; // wall time of those steps (evaluations included)
    double valLoss = NAN; // the validation loss then
    std::vector<double> losses;
    TrainStatus status = TrainStatus::Finished;
};

constexpr double kTarget = 0.05;

inline TransformerConfig modelFor(const SyntheticTask &task)
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
inline Outcome train(TransformerLM &model, const SyntheticTask &task, long long budget, int batch,
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
inline int correctAnswers(const TransformerLM &model, const SyntheticTask &task, int n,
                          std::uint64_t seed)
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

// Trains the task to the target within budget steps (1 thread, seed 1) and
// checks at least minCorrect of 50 fresh examples are answered right.
inline void learns(const char *name, long long budget, int minCorrect)
{
    setThreads(1);
    auto task = makeTask(name, {8, 8, 10});
    TransformerLM model(modelFor(*task), 1);
    const Outcome o = train(model, *task, budget, 32, 1, true);
    QVERIFY2(o.steps > 0, qPrintable(QString("%1: validation loss never fell below %2 in %3 steps")
                                         .arg(name)
                                         .arg(kTarget)
                                         .arg(budget)));
    qInfo("%s: validation loss %.4f < %.2f after %lld steps, %.1f s (1 thread)", name, o.valLoss,
          kTarget, o.steps, o.seconds);
    const int correct = correctAnswers(model, *task, 50, 777);
    QVERIFY2(correct >= minCorrect,
             qPrintable(QString("%1: %2 of 50 answers right").arg(name).arg(correct)));
}

} // namespace learning
