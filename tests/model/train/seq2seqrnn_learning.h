#pragma once

// What the Seq2SeqRNN learning tests share: training with the Trainer on task
// batches that leave out a held-out set of targets, exact-match scoring of
// greedy decodes, and the argmax alignment of the cross-attention.
#include "core/threads.h"
#include "data/synthetic.h"
#include "models/seq2seqrnn.h"
#include "train/trainer.h"

#include <chrono>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace s2slearning {

using namespace attn;

struct Run {
    long long steps = 0;
    double seconds = 0.0; // training wall time
    double lastLoss = NAN;
};

// Training batches of `batch` fresh examples whose targets are not in heldOut.
inline Batch trainingBatch(const SyntheticTask &task, Rng &rng, int batch,
                           const std::set<std::string> &heldOut)
{
    std::vector<TaskExample> ex;
    while (static_cast<int>(ex.size()) < batch) {
        TaskExample e = task.sample(rng);
        if (!heldOut.count(e.target))
            ex.push_back(std::move(e));
    }
    return task.seq2seqBatch(ex);
}

// Trains for `steps` updates (never cut short by the clock: a slower machine, an SSE2 or
// sanitizer build would otherwise test a model trained less); the time is reported.
inline Run train(Seq2SeqRNN &model, const SyntheticTask &task, long long steps, int batch, float lr,
                 const std::set<std::string> &heldOut, std::uint64_t seed)
{
    TrainerConfig tc;
    tc.steps = steps;
    tc.learningRate = lr;
    tc.schedule = LrSchedule::warmupCosine(std::min<long long>(50, steps / 10), steps, 0.05f);
    tc.optimizer.weightDecay = 0.0f;
    tc.clipNorm = 1.0f;
    tc.evalEvery = 0;
    tc.seed = seed;
    BatchSource data;
    data.train = [&](Rng &rng) { return trainingBatch(task, rng, batch, heldOut); };
    Trainer trainer(model, data, tc);
    Run out;
    const auto t0 = std::chrono::steady_clock::now();
    trainer.setCallback([&](const TrainReport &r) {
        out.steps = r.step;
        out.lastLoss = r.loss;
    });
    trainer.run();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    model.setTraining(false);
    return out;
}

// Greedy decodes of examples; how many equal the reference exactly.
inline int exactMatches(const Seq2SeqRNN &model, const SyntheticTask &task,
                        const std::vector<TaskExample> &examples)
{
    int ok = 0;
    DecodeOptions o;
    o.maxLength = task.maxTargetLength() + 2;
    for (const auto &e : examples)
        if (task.decode(model.decode(task.encode(e.source), o)) == e.target)
            ++ok;
    return ok;
}

// The cross-attention weights (T, S) of the model reading `source` while
// writing `target` (teacher forced): row i is the attention used to emit target[i].
inline MatRM crossWeights(const Seq2SeqRNN &model, const SyntheticTask &task, const TaskExample &e)
{
    const Batch b = task.seq2seqBatch(std::vector<TaskExample>{e});
    const AttentionTrace tr = model.trace(b);
    return tr.find("cross")->heads.at(0).weights;
}

} // namespace s2slearning
