// The training contracts of models/model.h (and DESIGN.md's determinism), one test each,
// for every model kind (the rows of modelcontract.h): the kind, backward()'s gradient,
// threads, determinism, padding, the loss's mean and dropout.
//
// moc needs none of the engine's headers (and its C++17 predefines cannot parse <concepts>).
#ifndef Q_MOC_RUN
#include "model/models/modelcontract.h"
#endif

#include <QtTest>

using namespace attn;
using namespace attn::contract;

class TestModelContractTraining : public QObject, private Fixture {
    Q_OBJECT

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

QTEST_APPLESS_MAIN(TestModelContractTraining)
#include "test_modelcontract_training.moc"
