// The contracts of models/model.h (and DESIGN.md's determinism and model files), one test
// each, for every model kind: each row builds its model the way the CLI's `train` and the
// GUI's Model dock do (buildModel from a ModelSpec and the Experiment of a built-in task
// or a table), on a tiny spec, and draws its batches the way the trainer does
// (Experiment::trainBatch).
// moc needs none of the engine's headers (and its C++17 predefines cannot parse <concepts>).
#ifndef Q_MOC_RUN
#include "common/gradcheck.h"

#include "core/error.h"
#include "core/threads.h"
#include "data/synthetic.h"
#include "io/modelfile.h"
#include "models/attentionclassifier.h"
#include "models/seq2seqrnn.h"
#include "models/transformerlm.h"
#include "models/transformerseq2seq.h"
#include "train/experiment.h"
#include "train/modelspec.h"
#endif

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

using namespace attn;

namespace {

struct Case {
    const char *name;
    ModelSpec model;
};

ModelSpec spec(const char *kind, int dModel, float dropout = 0.0f)
{
    ModelSpec s;
    s.kind = kind;
    s.layers = 2;
    s.heads = 2;
    s.dModel = dModel;
    s.dropout = dropout;
    return s;
}

ModelSpec rnnSpec(const char *cell, const char *attention, float dropout = 0.0f)
{
    ModelSpec s = spec("seq2seq-rnn", 4, dropout);
    s.rnn = cell;
    s.attention = attention;
    return s;
}

// One row per kind, and the variants a spec can choose where they are cheap.
const std::vector<Case> &cases()
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
void seedDropout(Model &m, std::uint64_t seed)
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

double maxAbs(const VecF &v)
{
    return v.size() ? double(v.cwiseAbs().maxCoeff()) : 0.0;
}

// Cross-entropy of a trace's logits against the targets forward() counts: the LM's and
// decoders' next tokens (-1 ignored), or the classifier's label.
double traceLoss(const AttentionTrace &tr, const Batch &one)
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
Batch rowAlone(const Batch &b, int r)
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
int repad(Batch &b, TokenId id)
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
Grad gradient(Model &m, const Batch &b, std::uint64_t dropSeed = 77)
{
    m.params().zeroGrads();
    seedDropout(m, dropSeed);
    Grad g;
    g.stats = m.forward(b);
    m.backward();
    g.grads = m.params().grads();
    return g;
}

} // namespace

class TestModelContract : public QObject {
    Q_OBJECT

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

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        setThreads(1);
    }
    void cleanup() { setThreads(1); }

    // kind() names the spec's kind, and the model has the interface of its kind.
    void kindIsTheSpecs_data() { rows(); }
    void kindIsTheSpecs()
    {
        const Case &c = fetch();
        const auto m = build(c);
        QCOMPARE(m->kind(), c.model.kind);
        const bool seq2seq = c.model.kind.rfind("seq2seq-", 0) == 0;
        QCOMPARE(dynamic_cast<Seq2SeqModel *>(m.get()) != nullptr, seq2seq);
        const auto *cls = dynamic_cast<ClassifierModel *>(m.get());
        QCOMPARE(cls != nullptr, c.model.kind == "classifier");
        if (cls)
            QCOMPARE(cls->classes(), int(data(c.model.kind).labelNames().size()));
    }

    // backward()'s gradient is the loss's: central differences over every parameter,
    // on a padded batch, with a fixed dropout mask where the spec has dropout.
    void gradientsMatchFiniteDifferences_data() { rows(); }
    void gradientsMatchFiniteDifferences()
    {
        const Case &c = fetch();
        const auto m = build(c);
        m->setTraining(true);
        const Batch b = batch(c);
        const Grad g = gradient(*m, b);
        std::vector<float> analytic(g.grads.data(), g.grads.data() + g.grads.size());
        auto &p = m->params();
        auto loss = [&] {
            seedDropout(*m, 77); // the same mask every evaluation
            return m->forward(b).loss;
        };
        // h = 1e-2: the loss is computed in float; a smaller step drowns in its rounding.
        // The encoder-decoder Transformer's feed-forward is ReLU (buildModel keeps the
        // config's default): h = 1e-3 crosses fewer of its kinks, and its loss's rounding
        // (~1e-7 of ~2) is still 1e-4 of h.
        const bool relu = c.model.kind == "seq2seq-transformer";
        test::GradCheckOptions o;
        o.step = relu ? 1e-3 : 1e-2;
        const auto r = test::gradCheck(loss, p.values().data(), analytic.data(), p.size(), o);
        QCOMPARE(r.checked, int(p.size()));
        // A step across a ReLU kink changes the slope: allow a handful.
        const int allowed = relu ? r.checked / 200 : 0;
        QVERIFY2(r.failed <= allowed, qPrintable(QString("%1 of %2 gradients differ:\n%3")
                                                     .arg(r.failed)
                                                     .arg(r.checked)
                                                     .arg(QString::fromStdString(r.report))));
        QVERIFY(r.gradScale > 1e-2); // not vacuous
        // Every tensor gets a gradient (encoder, attention, embeddings, output layer).
        for (const auto &e : p.entries())
            QVERIFY2(Eigen::Map<const VecF>(analytic.data() + e.offset, e.size).norm() > 0.0f,
                     e.name.c_str());
        // The check can fail: the largest gradient off by 5% of itself is caught.
        Index at = 0;
        Eigen::Map<const VecF>(analytic.data(), p.size()).cwiseAbs().maxCoeff(&at);
        auto wrong = analytic;
        wrong[size_t(at)] *= 1.05f;
        const Index neighbour = at > 0 ? at - 1 : at + 1; // checked too: it does not fail
        const auto bad =
            test::gradCheck(loss, p.values().data(), wrong.data(), p.size(), o, {at, neighbour});
        QCOMPARE(bad.failed, 1);
        QCOMPARE(bad.failedIndices.front(), at);
    }

    // backward() adds the gradient of the last forward(): a forward of another batch
    // before it changes nothing, and a second forward/backward doubles the gradients.
    void backwardAddsTheLastForwardsGradient_data() { rows(); }
    void backwardAddsTheLastForwardsGradient()
    {
        const Case &c = fetch();
        setThreads(2); // the batch is split into shards, each with its own gradient buffer
        const auto m = build(c);
        const Batch b = batch(c), other = batch(c, 9);
        const Grad once = gradient(*m, b);
        m->params().zeroGrads();
        (void)m->forward(other);
        seedDropout(*m, 77);
        m->forward(b);
        m->backward();
        // The same computation on the same data and threads: the same bits.
        QVERIFY(m->params().grads() == once.grads);
        seedDropout(*m, 77);
        m->forward(b);
        m->backward();
        // 1e-6 of the largest gradient: the shards' sums are added to what is there in
        // another order than the first time (a few float roundings).
        const VecF twice = m->params().grads();
        QVERIFY(maxAbs(twice - 2.0f * once.grads) <= 1e-6 * maxAbs(once.grads));
        QVERIFY(maxAbs(once.grads) > 1e-2);
    }

    // The same loss and gradients with one and two threads (two split the batch).
    void oneAndTwoThreadsAgree_data() { rows(); }
    void oneAndTwoThreadsAgree()
    {
        const Case &c = fetch();
        const auto m = build(c);
        // Dropout masks are drawn per shard: compare without dropout (DESIGN.md promises
        // the same losses for the same thread count only).
        m->setTraining(c.model.dropout == 0.0f);
        const Batch b = batch(c);
        setThreads(1);
        const Grad g1 = gradient(*m, b);
        setThreads(2);
        const Grad g2 = gradient(*m, b);
        // Float sums in another order: the loss to 1e-6, the gradients to 1e-5 of their
        // norm and 1e-4 of the largest (the strictest of the family tests' bounds).
        QVERIFY2(std::abs(g1.stats.loss - g2.stats.loss) < 1e-6,
                 qPrintable(QString::number(g1.stats.loss - g2.stats.loss)));
        QCOMPARE(g1.stats.counted, g2.stats.counted);
        QVERIFY((g1.grads - g2.grads).norm() <= 1e-5f * g1.grads.norm());
        QVERIFY(maxAbs(g1.grads - g2.grads) <= 1e-4 * maxAbs(g1.grads));
        QVERIFY(maxAbs(g1.grads) > 1e-2);
    }

    // The same seed and data give the same weights and the same losses, step by step,
    // with one thread and with two (the batch split into shards), dropout included.
    void trainingIsDeterministic_data() { rows(); }
    void trainingIsDeterministic()
    {
        const Case &c = fetch();
        for (int threads : {1, 2}) {
            setThreads(threads);
            auto run = [&] {
                const auto m = build(c, 21, false);
                m->setTraining(true);
                std::vector<double> losses;
                for (int step = 0; step < 3; ++step) {
                    m->params().zeroGrads();
                    losses.push_back(m->forward(batch(c, 100 + step)).loss);
                    m->backward();
                    m->params().values() -= 0.5f * m->params().grads();
                }
                return losses;
            };
            const auto a = run(), b = run();
            QCOMPARE(a, b); // bit for bit: same data, seed and thread count
            QVERIFY(a.back() != a.front());
        }
    }

    // What stands in padded positions changes nothing: not the loss, its counts, nor
    // any gradient (so the padding id's embedding gets none).
    void paddingChangesNothing_data() { rows(); }
    void paddingChangesNothing()
    {
        const Case &c = fetch();
        const auto m = build(c);
        m->setTraining(true);
        Batch b = batch(c);
        const Grad a = gradient(*m, b);
        QVERIFY(repad(b, 5) > 0); // the batch is padded
        const Grad r = gradient(*m, b);
        // Exactly: the same shapes and threads, and padding enters only through weights
        // that are exactly zero.
        QCOMPARE(r.stats.loss, a.stats.loss);
        QCOMPARE(r.stats.counted, a.stats.counted);
        QCOMPARE(r.stats.correct, a.stats.correct);
        QVERIFY(r.grads == a.grads);
    }

    // LossStats: the loss is the mean over the counted targets (not padding): the rows
    // one at a time, unpadded, give the batch's loss weighted by their counts.
    void lossIsTheMeanOverCountedTargets_data() { rows(); }
    void lossIsTheMeanOverCountedTargets()
    {
        const Case &c = fetch();
        const auto m = build(c);
        m->setTraining(false);
        const Batch b = batch(c);
        const LossStats all = m->forward(b);
        Index counted = 0;
        if (b.labels.empty()) {
            for (TokenId t : b.targets)
                counted += t >= 0 ? 1 : 0;
        } else {
            counted = b.batch;
        }
        QCOMPARE(all.counted, counted);
        double sum = 0.0;
        Index n = 0, correct = 0;
        for (int r = 0; r < b.batch; ++r) {
            const LossStats s = m->forward(rowAlone(b, r));
            sum += s.loss * double(s.counted);
            n += s.counted;
            correct += s.correct;
        }
        QCOMPARE(n, counted);
        QCOMPARE(correct, all.correct);
        // 1e-5: a row alone runs products of other shapes (float rounding, ~1e-7 a value).
        QVERIFY2(std::abs(sum / double(n) - all.loss) < 1e-5,
                 qPrintable(QString::number(sum / double(n) - all.loss)));
    }

    // trace() uses the current weights: its logits give forward()'s loss on the same
    // input, before and after a training step; masked weights are exactly 0 and every
    // row of weights sums to 1 (or 0 where every key is masked).
    void traceAgreesWithForward_data() { rows(); }
    void traceAgreesWithForward()
    {
        const Case &c = fetch();
        const auto m = build(c);
        const Batch one = data(c.model.kind).probe();
        double before = 0.0;
        for (int step = 0; step < 2; ++step) {
            m->setTraining(false);
            const AttentionTrace tr = m->trace(one);
            const double loss = m->forward(one).loss;
            // 1e-5: the trace has buffers and code of its own (float rounding).
            QVERIFY2(std::abs(traceLoss(tr, one) - loss) < 1e-5,
                     qPrintable(QString::number(traceLoss(tr, one) - loss)));
            QVERIFY(!tr.blocks.empty());
            for (const auto &blk : tr.blocks)
                for (const auto &h : blk.heads)
                    for (Index i = 0; i < h.weights.rows(); ++i) {
                        double s = 0.0;
                        bool any = false;
                        for (Index j = 0; j < h.weights.cols(); ++j) {
                            if (blk.mask(i, j) != 0.0f)
                                QCOMPARE(h.weights(i, j), 0.0f);
                            else
                                any = true;
                            s += h.weights(i, j);
                        }
                        // 1e-5: a float softmax's sum
                        QVERIFY2(std::abs(s - (any ? 1.0 : 0.0)) < 1e-5, blk.name.c_str());
                    }
            if (step == 1)
                QVERIFY(loss != before); // the step changed the weights the trace used
            before = loss;
            m->setTraining(true);
            const Grad g = gradient(*m, batch(c));
            m->params().values() -= 0.5f * g.grads;
        }
    }

    // trace(one) of an encoder-decoder holds "cross" blocks from one.inputs to one.source.
    void crossBlocksAttendFromInputsToSource_data() { rows(); }
    void crossBlocksAttendFromInputsToSource()
    {
        const Case &c = fetch();
        const auto m = build(c);
        const Batch one = data(c.model.kind).probe();
        const AttentionTrace tr = m->trace(one);
        int cross = 0;
        for (const auto &blk : tr.blocks)
            if (blk.role == AttentionRole::Cross) {
                ++cross;
                QVERIFY2(blk.name.find("cross") != std::string::npos, blk.name.c_str());
                for (const auto &h : blk.heads) {
                    QCOMPARE(h.weights.rows(), Index(one.length));
                    QCOMPARE(h.weights.cols(), Index(one.sourceLength));
                }
            }
        if (!dynamic_cast<Seq2SeqModel *>(m.get())) {
            QCOMPARE(cross, 0);
            return;
        }
        QVERIFY(cross > 0);
        QCOMPARE(tr.queryIds, one.inputs);
        QCOMPARE(tr.keyIds, one.source);
    }

    // trace(), decode(), predict() (and the LM's logits() and generate()) between a
    // forward() and its backward() change nothing: not the gradients, not the weights,
    // not the dropout masks of the next training step.
    void inferenceDoesNotDisturbTraining_data() { rows(); }
    void inferenceDoesNotDisturbTraining()
    {
        const Case &c = fetch();
        const auto a = build(c, 4), b = build(c, 4);
        a->setTraining(true);
        b->setTraining(true);
        const Batch x = batch(c), y = batch(c, 6);
        a->forward(x);
        b->forward(x);
        const Batch one = data(c.model.kind).probe();
        (void)b->trace(one);
        if (auto *s = dynamic_cast<Seq2SeqModel *>(b.get())) {
            DecodeOptions o;
            o.maxLength = 5;
            (void)s->decode(one.source, o);
            o.beam = 3;
            (void)s->decode(one.source, o);
        }
        if (auto *cls = dynamic_cast<ClassifierModel *>(b.get()))
            (void)cls->predict(one.source);
        if (auto *lm = dynamic_cast<TransformerLM *>(b.get())) {
            (void)lm->logits(one.inputs);
            (void)lm->generate({1, 5}, 3);
        }
        a->backward();
        b->backward();
        QVERIFY(a->params().grads() == b->params().grads());
        QVERIFY(a->params().values() == b->params().values());
        QCOMPARE(b->forward(y).loss, a->forward(y).loss);
    }

    // decode(): deterministic, the output alone (no <bos>, <eos>), at most maxLength
    // tokens; beam 1 is greedy: each token the argmax of the trace's logits after the
    // tokens before it.
    void decodeIsDeterministicAndGreedy_data() { rows(); }
    void decodeIsDeterministicAndGreedy()
    {
        const Case &c = fetch();
        const auto m = build(c);
        const auto *s = dynamic_cast<const Seq2SeqModel *>(m.get());
        if (!s)
            QSKIP("not an encoder-decoder");
        const Batch b = batch(c, 8, 4);
        int nonEmpty = 0, bos = 0;
        for (int r = 0; r < b.batch; ++r) {
            const Batch src = rowAlone(b, r);
            for (int beam : {1, 3}) {
                DecodeOptions o;
                o.maxLength = 5;
                o.beam = beam;
                const auto out = s->decode(src.source, o);
                QCOMPARE(s->decode(src.source, o), out);
                QVERIFY(int(out.size()) <= o.maxLength);
                for (TokenId t : out) {
                    QVERIFY(t != SyntheticTask::Eos);
                    bos += t == SyntheticTask::Bos ? 1 : 0;
                }
                if (beam > 1)
                    continue;
                nonEmpty += out.empty() ? 0 : 1;
                Batch one = src;
                one.inputs = {SyntheticTask::Bos};
                one.inputs.insert(one.inputs.end(), out.begin(), out.end());
                one.length = int(one.inputs.size());
                one.targets.assign(one.inputs.size(), -1);
                const AttentionTrace tr = m->trace(one);
                for (size_t i = 0; i <= out.size(); ++i) {
                    // greedy = the argmax of the trace's logits over the ids a decoder
                    // writes (all but <pad> 0 and <bos> 1)
                    Index arg = 0;
                    const auto row = tr.logits.row(Index(i));
                    row.tail(row.size() - 2).maxCoeff(&arg);
                    arg += 2;
                    if (i < out.size())
                        QCOMPARE(TokenId(arg), out[i]);
                    else if (int(out.size()) < o.maxLength)
                        QCOMPARE(TokenId(arg), SyntheticTask::Eos);
                }
            }
        }
        QVERIFY(nonEmpty > 0); // not vacuous
        // Untrained weights put <bos> at the top of some steps; decode() must not write it
        // (it did for the GRU row before greedyNextToken).
        QCOMPARE(bos, 0);
    }

    // predict(): classes() probabilities that sum to 1, softmax of the trace's logits,
    // whose -log at the label is forward()'s loss.
    void predictGivesClassProbabilities_data() { rows(); }
    void predictGivesClassProbabilities()
    {
        const Case &c = fetch();
        const auto m = build(c);
        const auto *cls = dynamic_cast<const ClassifierModel *>(m.get());
        if (!cls)
            QSKIP("not a classifier");
        m->setTraining(false);
        const Batch b = batch(c);
        for (int r = 0; r < b.batch; ++r) {
            const Batch one = rowAlone(b, r);
            const auto p = cls->predict(one.source);
            QCOMPARE(int(p.size()), cls->classes());
            double sum = 0.0;
            for (float x : p) {
                QVERIFY(x >= 0.0f && x <= 1.0f);
                sum += x;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-5); // a float softmax's sum
            // 1e-5: predict, trace and forward each run their own buffers (float rounding).
            QVERIFY(std::abs(-std::log(double(p[size_t(one.labels[0])])) - m->forward(one).loss) <
                    1e-5);
            const AttentionTrace tr = m->trace(one);
            const Eigen::ArrayXd z = tr.logits.row(0).transpose().cast<double>().array();
            const Eigen::ArrayXd e = (z - z.maxCoeff()).exp();
            for (int k = 0; k < cls->classes(); ++k)
                QVERIFY(std::abs(e(k) / e.sum() - p[size_t(k)]) < 1e-5);
        }
    }

    // saveModelFile -> loadModelFile gives the same model: kind, config, every weight,
    // and bit for bit the same loss, trace and outputs.
    void saveLoadRoundTrip_data() { rows(); }
    void saveLoadRoundTrip()
    {
        const Case &c = fetch();
        const auto m = build(c);
        const Experiment &d = data(c.model.kind);
        const std::string path = m_dir.filePath("m.safetensors").toStdString();
        saveModelFile(path, *m, &d.tokenizer(), {});
        const LoadedModel loaded = loadModelFile(path);
        Model &back = *loaded.model;
        QCOMPARE(loaded.kind, c.model.kind);
        QCOMPARE(back.kind(), c.model.kind);
        QCOMPARE(modelConfig(back), modelConfig(*m));
        QVERIFY(loaded.tokenizer);
        QCOMPARE(back.params().count(), m->params().count());
        QVERIFY(back.params().values() == m->params().values());
        // The comparison can fail: another seed gives other weights.
        QVERIFY(build(c, 4)->params().values() != m->params().values());
        m->setTraining(false);
        back.setTraining(false);
        const Batch b = batch(c);
        QCOMPARE(back.forward(b).loss, m->forward(b).loss);
        const Batch one = d.probe();
        const AttentionTrace t1 = m->trace(one), t2 = back.trace(one);
        QVERIFY(t1.logits == t2.logits);
        QCOMPARE(t1.blocks.size(), t2.blocks.size());
        for (size_t i = 0; i < t1.blocks.size(); ++i)
            for (size_t h = 0; h < t1.blocks[i].heads.size(); ++h)
                QVERIFY(t1.blocks[i].heads[h].weights == t2.blocks[i].heads[h].weights);
        if (const auto *s = dynamic_cast<const Seq2SeqModel *>(m.get())) {
            const auto *s2 = dynamic_cast<const Seq2SeqModel *>(&back);
            QVERIFY(s2);
            for (int beam : {1, 3}) {
                DecodeOptions o;
                o.maxLength = 6;
                o.beam = beam;
                QCOMPARE(s2->decode(one.source, o), s->decode(one.source, o));
            }
        }
        if (const auto *cls = dynamic_cast<const ClassifierModel *>(m.get())) {
            const auto *c2 = dynamic_cast<const ClassifierModel *>(&back);
            QVERIFY(c2);
            QCOMPARE(c2->predict(one.source), cls->predict(one.source));
        }
    }

    // setTraining: dropout in training only; evaluation and tracing (even of a model in
    // training mode) equal the same weights without dropout.
    void dropoutOnlyInTraining_data() { rows(); }
    void dropoutOnlyInTraining()
    {
        const Case &c = fetch();
        const auto m = build(c);
        Case plain = c;
        plain.model.dropout = 0.0f;
        const auto ref = build(plain);
        QVERIFY(ref->params().values() == m->params().values());
        const Batch b = batch(c);
        ref->setTraining(false);
        const double clean = ref->forward(b).loss;
        m->setTraining(false);
        QCOMPARE(m->forward(b).loss, clean);
        const Batch one = data(c.model.kind).probe();
        m->setTraining(true);
        QVERIFY(m->trace(one).logits == ref->trace(one).logits);
        const double trained = m->forward(b).loss;
        if (c.model.dropout > 0.0f)
            QVERIFY(trained != clean);
        else
            QCOMPARE(trained, clean);
    }
};

QTEST_APPLESS_MAIN(TestModelContract)
#include "test_modelcontract.moc"
