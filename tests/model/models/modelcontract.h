#pragma once

// What the model contract tests share (test_modelcontract_training.cpp,
// test_modelcontract_inference.cpp): the rows, one per model kind and the variants a spec
// can choose where they are cheap, each built the way the CLI's `train` and the GUI's Model
// dock build it (buildModel from a ModelSpec and the Experiment of a built-in task or a
// table), on a tiny spec, with batches drawn the way the trainer draws them
// (Experiment::trainBatch). Every contract runs over every row.
#include "common/gradcheck.h"

#include "core/threads.h"
#include "data/synthetic.h"
#include "models/attentionclassifier.h"
#include "models/seq2seqrnn.h"
#include "models/transformerlm.h"
#include "models/transformerseq2seq.h"
#include "train/experiment.h"
#include "train/modelspec.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn::contract {

// A row: its name in the test log and the spec its model is built from.
struct Case {
    const char *name;
    ModelSpec model;
};

inline ModelSpec spec(const char *kind, int dModel, float dropout = 0.0f)
{
    ModelSpec s;
    s.kind = kind;
    s.layers = 2;
    s.heads = 2;
    s.dModel = dModel;
    s.dropout = dropout;
    return s;
}

inline ModelSpec rnnSpec(const char *cell, const char *attention, float dropout = 0.0f)
{
    ModelSpec s = spec("seq2seq-rnn", 4, dropout);
    s.rnn = cell;
    s.attention = attention;
    return s;
}

// One row per kind, and the variants a spec can choose where they are cheap.
inline const std::vector<Case> &cases()
{
    static const std::vector<Case> all = [] {
        std::vector<Case> c;
        c.push_back({"lm", spec("lm", 8)});
        ModelSpec lm = spec("lm", 8, 0.2f);
        lm.postNorm = lm.sinusoidal = lm.unscaled = true;
        c.push_back({"lm, post-norm, sinusoidal, unscaled, dropout", lm});
        c.push_back({"seq2seq-rnn, gru, additive", rnnSpec("gru", "additive")});
        c.push_back({"seq2seq-rnn, lstm, additive, dropout", rnnSpec("lstm", "additive", 0.2f)});
        c.push_back({"seq2seq-rnn, gru, general", rnnSpec("gru", "general")});
        c.push_back({"seq2seq-rnn, lstm, scaled-dot", rnnSpec("lstm", "scaled-dot")});
        c.push_back({"seq2seq-rnn, gru, dot", rnnSpec("gru", "dot")});
        c.push_back({"seq2seq-transformer", spec("seq2seq-transformer", 4)});
        ModelSpec s2s = spec("seq2seq-transformer", 4, 0.2f);
        s2s.sinusoidal = true;
        c.push_back({"seq2seq-transformer, sinusoidal, dropout", s2s});
        c.push_back({"classifier", spec("classifier", 8)});
        c.push_back({"classifier, dropout", spec("classifier", 8, 0.2f)});
        ModelSpec gru = spec("classifier", 4);
        gru.rnn = "gru";
        c.push_back({"classifier, bigru", gru});
        ModelSpec lstm = spec("classifier", 4, 0.2f);
        lstm.rnn = "lstm";
        c.push_back({"classifier, bilstm, dropout", lstm});
        return c;
    }();
    return all;
}

// Dropout masks drawn from a fixed seed (each family keeps its own generator).
inline void seedDropout(Model &m, std::uint64_t seed)
{
    if (auto *lm = dynamic_cast<TransformerLM *>(&m))
        lm->seedDropout(seed);
    else if (auto *rnn = dynamic_cast<Seq2SeqRNN *>(&m))
        rnn->seedDropout(seed);
    else if (auto *tf = dynamic_cast<TransformerSeq2Seq *>(&m))
        tf->seedDropout(seed);
    else if (auto *cls = dynamic_cast<AttentionClassifier *>(&m))
        cls->seedDropout(seed);
    else
        throw std::logic_error("seedDropout: unknown model " + m.kind());
}

inline double maxAbs(const VecF &v)
{
    return v.size() ? double(v.cwiseAbs().maxCoeff()) : 0.0;
}

// Cross-entropy of a trace's logits against the targets forward() counts: the LM's and
// decoders' next tokens (-1 ignored), or the classifier's label.
inline double traceLoss(const AttentionTrace &tr, const Batch &one)
{
    double sum = 0.0;
    int n = 0;
    auto ce = [&](Index row, int target) {
        const auto z = tr.logits.row(row).cast<double>();
        const double mx = z.maxCoeff();
        sum += std::log((z.array() - mx).exp().sum()) + mx - z(target);
        ++n;
    };
    if (!one.labels.empty())
        ce(0, one.labels[0]);
    else
        for (int t = 0; t < one.length; ++t)
            if (one.targets[size_t(t)] >= 0)
                ce(t, one.targets[size_t(t)]);
    return n ? sum / n : 0.0;
}

// Row r of a batch alone, without padding.
inline Batch rowAlone(const Batch &b, int r)
{
    Batch o;
    o.batch = 1;
    if (b.sourceLength > 0) {
        const int s = b.sourceLengths[size_t(r)];
        o.sourceLength = s;
        o.sourceLengths = {s};
        o.source.assign(b.source.begin() + r * b.sourceLength,
                        b.source.begin() + r * b.sourceLength + s);
    }
    if (!b.labels.empty())
        o.labels = {b.labels[size_t(r)]};
    if (b.length > 0) {
        int t = 0; // up to the last counted target
        for (int i = 0; i < b.length; ++i)
            if (b.targets[size_t(r * b.length + i)] >= 0)
                t = i + 1;
        o.length = t;
        o.inputs.assign(b.inputs.begin() + r * b.length, b.inputs.begin() + r * b.length + t);
        o.targets.assign(b.targets.begin() + r * b.length, b.targets.begin() + r * b.length + t);
    }
    return o;
}

// Other ids in every padded position (sources past their length; decoder / LM inputs that
// are <pad> under an ignored target). Returns how many positions changed.
inline int repad(Batch &b, TokenId id)
{
    int changed = 0;
    for (int r = 0; r < b.batch; ++r)
        for (int t = b.sourceLengths.empty() ? b.sourceLength : b.sourceLengths[size_t(r)];
             t < b.sourceLength; ++t, ++changed)
            b.source[size_t(r * b.sourceLength + t)] = id;
    for (size_t i = 0; i < b.inputs.size(); ++i)
        if (b.inputs[i] == SyntheticTask::Pad && b.targets[i] < 0) {
            b.inputs[i] = id;
            ++changed;
        }
    return changed;
}

struct Grad {
    LossStats stats;
    VecF grads;
};

// forward + backward from zero gradients, with dropout seeded.
inline Grad gradient(Model &m, const Batch &b, std::uint64_t dropSeed = 77)
{
    m.params().zeroGrads();
    seedDropout(m, dropSeed);
    Grad g;
    g.stats = m.forward(b);
    m.backward();
    g.grads = m.params().grads();
    return g;
}

// The data, models and batches of the rows; a test class derives from QObject and this.
class Fixture {
protected:
    QTemporaryDir m_dir;
    std::map<std::string, std::unique_ptr<Experiment>> m_data;

    // The data a kind trains on: the addition task (sources and answers of varying
    // length, so batches are padded), or for the classifier a table of short texts with
    // three labels (a built-in task has no labels).
    const Experiment &data(const std::string &kind)
    {
        const std::string format = dataFormatFor(kind);
        auto &e = m_data[format];
        if (!e) {
            DataSpec d;
            d.format = format;
            if (format == "classify") {
                d.path = m_dir.filePath("tiny.tsv").toStdString();
                std::ofstream(d.path, std::ios::binary)
                    << "text\tlabel\nab\tx\nbca\ty\nc\tz\nabcab\tx\nba\ty\ncc\tz\nacb\tx\n"
                       "bbbb\ty\nca\tz\na\tx\n";
                d.context = 8;
            } else {
                d.task = "addition";
                d.taskLength = 2;
            }
            e = Experiment::create(d);
        }
        return *e;
    }

    const Case &fetch()
    {
        QFETCH(int, row);
        return cases()[size_t(row)];
    }

    // The row's model as buildModel makes it, with weights large enough that every
    // gradient and every difference between outputs is well above rounding.
    std::unique_ptr<Model> build(const Case &c, std::uint64_t seed = 3, bool randomize = true)
    {
        auto m = buildModel(c.model, data(c.model.kind), seed);
        if (randomize)
            test::randomizeWeights(m->params(), seed + 100,
                                   c.model.kind == "classifier" ? 0.4f : 0.35f);
        return m;
    }

    Batch batch(const Case &c, std::uint64_t seed = 5, int size = 3)
    {
        Rng rng(seed);
        return data(c.model.kind).trainBatch(rng, size);
    }

    static void rows()
    {
        QTest::addColumn<int>("row");
        for (size_t i = 0; i < cases().size(); ++i)
            QTest::newRow(cases()[i].name) << int(i);
    }
};

} // namespace attn::contract
