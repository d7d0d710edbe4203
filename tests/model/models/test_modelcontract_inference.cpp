// The inference contracts of models/model.h (and DESIGN.md's model files), one test each,
// for every model kind (the rows of modelcontract.h): trace(), decode(), predict(), that
// they leave training alone, and a model file's round trip.
//
// moc needs none of the engine's headers (and its C++17 predefines cannot parse <concepts>).
#ifndef Q_MOC_RUN
#include "model/models/modelcontract.h"

#include "io/modelfile.h"
#endif

#include <QtTest>

using namespace attn;
using namespace attn::contract;

class TestModelContractInference : public QObject, private Fixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        setThreads(1);
    }
    void cleanup() { setThreads(1); }

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
};

QTEST_APPLESS_MAIN(TestModelContractInference)
#include "test_modelcontract_inference.moc"
