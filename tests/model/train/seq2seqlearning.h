#pragma once

// What the Transformer seq2seq learning tests share: the model for a synthetic
// task, a Trainer run, exact-match accuracy on fresh examples, and how often
// the cross-attention's argmax sits on the mirrored source position (reverse).
#include "core/threads.h"
#include "data/synthetic.h"
#include "models/transformerseq2seq.h"
#include "train/trainer.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <vector>

namespace s2slearning {

using namespace attn;

inline TransformerSeq2SeqConfig modelFor(const SyntheticTask &task, int d, int layers)
{
    TransformerSeq2SeqConfig c;
    c.vocab = task.vocabSize();
    c.max_source = task.maxSourceLength();
    c.max_target = task.maxTargetLength() + 1;
    c.d_model = d;
    c.n_heads = 4;
    c.encoder_layers = layers;
    c.decoder_layers = layers;
    c.positions = PositionKind::Learned;
    return c;
}

// Trains for `steps` updates (batches of `batch`); returns the wall time in seconds.
inline double train(TransformerSeq2Seq &model, const SyntheticTask &task, long long steps,
                    int batch, std::uint64_t seed)
{
    TrainerConfig tc;
    tc.steps = steps;
    tc.learningRate = 3e-3f;
    tc.schedule = LrSchedule::warmupCosine(std::min<long long>(50, steps / 5), steps, 0.05f);
    tc.optimizer.weightDecay = 0.01f;
    tc.clipNorm = 1.0f;
    tc.evalEvery = 0;
    tc.seed = seed;
    BatchSource data;
    data.train = [&](Rng &rng) { return task.seq2seqBatch(rng, batch); };
    Trainer trainer(model, data, tc);
    const auto t0 = std::chrono::steady_clock::now();
    const TrainResult r = trainer.run();
    [&] { QCOMPARE(r.status, TrainStatus::Finished); }();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Score {
    int examples = 0;
    int exact = 0;        // greedy output == the task's answer
    int positions = 0;    // output positions checked for alignment
    int antiDiagonal = 0; // of which the last layer's mean cross weight peaks at the mirror
};

// Held-out examples from a generator seeded apart from training.
inline Score evaluateReverse(const TransformerSeq2Seq &model, const SyntheticTask &task, int n,
                             std::uint64_t seed)
{
    Rng rng(seed);
    Score s;
    const std::string last =
        "decoder.layers." + std::to_string(model.config().decoder_layers - 1) + ".cross";
    for (int i = 0; i < n; ++i) {
        const TaskExample e = task.sample(rng);
        const std::vector<TokenId> src = task.encode(e.source);
        ++s.examples;
        if (task.decode(model.decode(src)) == e.target)
            ++s.exact;
        const Batch one = task.seq2seqBatch({e});
        const AttentionTrace tr = model.trace(one);
        const AttentionBlockTrace *b = tr.find(last);
        MatRM mean = MatRM::Zero(b->heads.front().weights.rows(), b->heads.front().weights.cols());
        for (const HeadTrace &h : b->heads)
            mean += h.weights / float(b->heads.size());
        const Index len = static_cast<Index>(src.size());
        for (Index t = 0; t < len; ++t) { // decoder input t writes answer symbol t
            Index arg = 0;
            mean.row(t).maxCoeff(&arg);
            ++s.positions;
            if (arg == len - 1 - t)
                ++s.antiDiagonal;
        }
    }
    return s;
}

} // namespace s2slearning
