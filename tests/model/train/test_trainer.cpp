// The Trainer loop, driven with a tiny hand-written model: linear softmax
// regression over one-hot token features, with its backward pass written out.
#include "core/error.h"
#include "core/rng.h"
#include "models/model.h"
#include "train/trainer.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

using namespace attn;

namespace {

constexpr int kClasses = 4;
constexpr int kFeatures = 8;
constexpr TokenId kPoison = kFeatures; // a token whose feature row is NaN

// logits = W x + b with x = onehot(token); loss = mean cross-entropy over counted targets.
class SoftmaxRegression final : public Model {
public:
    explicit SoftmaxRegression(std::uint64_t seed)
    {
        m_w = m_params.add("w", {kClasses, kFeatures}, true);
        m_b = m_params.add("b", {kClasses}, false);
        m_params.allocate();
        Rng rng(seed);
        auto w = m_params.value(m_w);
        for (Index i = 0; i < w.rows(); ++i)
            for (Index j = 0; j < w.cols(); ++j)
                w(i, j) = 0.1f * rng.normal();
    }

    std::string kind() const override { return "test"; }
    ParamStore &params() override { return m_params; }
    const ParamStore &params() const override { return m_params; }
    void setTraining(bool on) override { m_training = on; }

    LossStats forward(const Batch &batch) override
    {
        trainingFlags.push_back(m_training);
        m_rows.clear();
        LossStats st;
        double sum = 0.0;
        const auto w = m_params.value(m_w); // (K, D)
        const auto b = m_params.value(m_b); // (1, K)
        for (size_t i = 0; i < batch.inputs.size(); ++i) {
            if (batch.targets[i] < 0)
                continue;
            Row r;
            r.x = Eigen::VectorXf::Zero(kFeatures); // (D) one-hot feature
            if (batch.inputs[i] == kPoison)
                r.x.setConstant(std::numeric_limits<float>::quiet_NaN());
            else
                r.x(batch.inputs[i] % kFeatures) = 1.0f;
            r.y = batch.targets[i];
            Eigen::VectorXf z = w * r.x + b.transpose(); // (K) logits
            const float mx = z.maxCoeff();
            r.p = (z.array() - mx).exp();
            r.p /= r.p.sum(); // (K) softmax
            sum -= std::log(static_cast<double>(r.p(r.y)));
            Index arg = 0;
            z.maxCoeff(&arg);
            st.correct += (arg == r.y) ? 1 : 0;
            m_rows.push_back(std::move(r));
        }
        st.counted = static_cast<Index>(m_rows.size());
        st.loss = sum / static_cast<double>(st.counted);
        return st;
    }

    void backward() override
    {
        ++m_backwardCalls;
        auto gw = m_params.grad(m_w);
        auto gb = m_params.grad(m_b);
        const float inv = 1.0f / static_cast<float>(m_rows.size());
        for (const Row &r : m_rows) {
            // loss = -log p_y, p = softmax(z): dz = p - onehot(y)
            Eigen::VectorXf dz = r.p * inv;
            dz(r.y) -= inv;
            gw += dz * r.x.transpose(); // z = W x  ->  dW += dz x^T
            gb += dz.transpose();       // z = ... + b  ->  db += dz
        }
        if (m_backwardCalls == infGradientAtBackward)
            m_params.grads()(3) = std::numeric_limits<float>::infinity();
    }

    AttentionTrace trace(const Batch &, const TraceOptions &) const override { return {}; }

    int infGradientAtBackward = -1; // makes one gradient infinite on that backward() call (1-based)
    std::vector<bool> trainingFlags; // setTraining state at each forward()

private:
    struct Row {
        Eigen::VectorXf x, p;
        int y = 0;
    };
    ParamStore m_params;
    ParamStore::Id m_w = 0, m_b = 0;
    bool m_training = true;
    std::vector<Row> m_rows;
    int m_backwardCalls = 0;
};

// Random tokens 0..7 labelled token % 4; the poisonAtCall-th call (1-based) puts a NaN row in.
BatchSource makeData(int *calls = nullptr, int poisonAtCall = -1)
{
    BatchSource src;
    src.train = [calls, poisonAtCall](Rng &rng) {
        Batch b;
        b.batch = 8;
        b.length = 1;
        for (int i = 0; i < 8; ++i) {
            const auto t = static_cast<TokenId>(rng.below(kFeatures));
            b.inputs.push_back(t);
            b.targets.push_back(t % kClasses);
        }
        if (calls) {
            ++*calls;
            if (*calls == poisonAtCall)
                b.inputs[5] = kPoison;
        }
        return b;
    };
    src.validation = [](Rng &rng) {
        Batch b;
        b.batch = 16;
        b.length = 1;
        for (int i = 0; i < 16; ++i) {
            const auto t = static_cast<TokenId>(rng.below(kFeatures));
            b.inputs.push_back(t);
            b.targets.push_back(t % kClasses);
        }
        return b;
    };
    return src;
}

TrainerConfig smallConfig(long long steps)
{
    TrainerConfig c;
    c.steps = steps;
    c.learningRate = 0.05f;
    c.evalEvery = 0;
    c.seed = 7;
    return c;
}

std::vector<float> values(const Model &m)
{
    const auto v = m.params().values();
    return {v.data(), v.data() + v.size()};
}

template <class Pred> bool waitFor(Pred pred, int ms = 10000)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void expectConfigError(const TrainerConfig &c, const char *needle)
{
    try {
        c.validate();
        QFAIL(qPrintable(QString("accepted a config with a bad %1").arg(needle)));
    } catch (const Error &e) {
        QVERIFY2(QString(e.what()).contains(needle), e.what());
    }
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void configIsValidated()
    {
        smallConfig(10).validate();
        TrainerConfig c = smallConfig(0);
        expectConfigError(c, "steps");
        c = smallConfig(10);
        c.learningRate = -0.1f;
        expectConfigError(c, "learning rate");
        c.learningRate = std::numeric_limits<float>::quiet_NaN();
        expectConfigError(c, "learning rate");
        c.learningRate = std::numeric_limits<float>::infinity();
        expectConfigError(c, "learning rate");
        c.learningRate = 0.0f;
        expectConfigError(c, "learning rate");
        c = smallConfig(10);
        c.clipNorm = 0.0f;
        expectConfigError(c, "clipping");
        c.clipGradients = false; // a bad norm does not matter when clipping is off
        c.validate();
        c = smallConfig(10);
        c.evalEvery = -1;
        expectConfigError(c, "evaluation");
        c = smallConfig(10);
        c.evalEvery = 5;
        c.evalBatches = 0;
        expectConfigError(c, "evaluation batches");
        c = smallConfig(10);
        c.optimizer.beta1 = 1.5f;
        expectConfigError(c, "beta1");
        c = smallConfig(10);
        c.optimizer.weightDecay = -1.0f;
        expectConfigError(c, "weight decay");
        c = smallConfig(10);
        c.schedule = LrSchedule::warmupCosine(50, 20, 0.1f);
        expectConfigError(c, "warmup");

        SoftmaxRegression m(1);
        QVERIFY_THROWS_EXCEPTION(Error, Trainer(m, makeData(), smallConfig(0)));
        QVERIFY_THROWS_EXCEPTION(Error, Trainer(m, BatchSource{}, smallConfig(5)));
        Trainer t(m, makeData(), smallConfig(5));
        QVERIFY_THROWS_EXCEPTION(Error, t.setLearningRate(-1.0f));
        QVERIFY_THROWS_EXCEPTION(Error, t.setLearningRate(std::numeric_limits<float>::quiet_NaN()));
        QCOMPARE(t.learningRate(), 0.05f);
    }

    void trainsAndReportsEveryStep()
    {
        SoftmaxRegression m(1);
        TrainerConfig c = smallConfig(200);
        c.evalEvery = 50;
        c.evalBatches = 2;
        Trainer t(m, makeData(), c);
        std::vector<TrainReport> reports;
        t.setCallback([&](const TrainReport &r) { reports.push_back(r); });
        const TrainResult res = t.run();
        QCOMPARE(res.status, TrainStatus::Finished);
        QCOMPARE(res.step, 200LL);
        QCOMPARE(t.step(), 200LL);
        QCOMPARE(reports.size(), size_t(200));
        for (size_t i = 0; i < reports.size(); ++i) {
            const TrainReport &r = reports[i];
            QCOMPARE(r.step, static_cast<long long>(i + 1));
            QCOMPARE(r.lr, 0.05f);
            QVERIFY(std::isfinite(r.loss));
            QVERIFY(r.gradNorm > 0.0);
            QVERIFY(r.tokensPerSecond > 0.0);
            QVERIFY(r.accuracy >= 0.0 && r.accuracy <= 1.0);
            const bool evalStep = r.step % 50 == 0;
            QCOMPARE(std::isfinite(r.valLoss), evalStep);
        }
        // The task is learnable: the loss falls from about ln 4 = 1.386.
        QVERIFY(reports.front().loss > 1.0);
        QVERIFY2(reports.back().valLoss < 0.3, qPrintable(QString::number(reports.back().valLoss)));
        QVERIFY(reports.back().valAccuracy > 0.99);
        // Evaluation ran with training off, training steps with it on: 200 training
        // forwards, 4 evaluations of 2 batches.
        const auto &flags = m.trainingFlags;
        QCOMPARE(flags.size(), size_t(200 + 4 * 2));
        QCOMPARE(std::count(flags.begin(), flags.end(), false), 8L);
    }

    void evaluationIsAtTheLastStepToo()
    {
        SoftmaxRegression m(1);
        TrainerConfig c = smallConfig(12);
        c.evalEvery = 5;
        Trainer t(m, makeData(), c);
        std::vector<long long> evaluated;
        t.setCallback([&](const TrainReport &r) {
            if (!std::isnan(r.valLoss))
                evaluated.push_back(r.step);
        });
        t.run();
        QCOMPARE(evaluated, (std::vector<long long>{5, 10, 12}));
    }

    void nanLossStopsAndKeepsTheLastGoodWeights()
    {
        const int k = 7;
        int calls = 0;
        SoftmaxRegression m(3);
        Trainer t(m, makeData(&calls, k), smallConfig(50));
        int reported = 0;
        t.setCallback([&](const TrainReport &) { ++reported; });
        const TrainResult res = t.run();
        QCOMPARE(res.status, TrainStatus::Diverged);
        QCOMPARE(res.step, static_cast<long long>(k - 1));
        QCOMPARE(t.step(), static_cast<long long>(k - 1));
        QCOMPARE(reported, k - 1);
        QVERIFY2(
            QString::fromStdString(res.message)
                .startsWith("training stopped at step 7: the loss became NaN (learning rate 0.05 "
                            "is probably too high); the weights of step 6 were kept"),
            res.message.c_str());

        // The same run stopped after k-1 steps by itself gives the same weights, bit for bit.
        SoftmaxRegression ref(3);
        Trainer rt(ref, makeData(), smallConfig(k - 1));
        QCOMPARE(rt.run().status, TrainStatus::Finished);
        QCOMPARE(values(m), values(ref));
        for (float x : values(m))
            QVERIFY(std::isfinite(x));
    }

    void infiniteGradientStopsBeforeTheUpdate()
    {
        SoftmaxRegression m(3);
        m.infGradientAtBackward = 4;
        Trainer t(m, makeData(), smallConfig(50));
        const TrainResult res = t.run();
        QCOMPARE(res.status, TrainStatus::Diverged);
        QCOMPARE(res.step, 3LL);
        QVERIFY2(QString::fromStdString(res.message)
                     .startsWith("training stopped at step 4: the gradients became infinite"),
                 res.message.c_str());
        QVERIFY(QString::fromStdString(res.message).contains("the weights of step 3 were kept"));
        SoftmaxRegression ref(3);
        Trainer rt(ref, makeData(), smallConfig(3));
        rt.run();
        QCOMPARE(values(m), values(ref));
        // The moments were not touched either: AdamW's t is still 3.
        QCOMPARE(t.state().optimizerSteps, 3LL);
    }

    void nanAtTheFirstStepNamesTheInitialWeights()
    {
        int calls = 0;
        SoftmaxRegression m(3);
        const auto before = values(m);
        Trainer t(m, makeData(&calls, 1), smallConfig(5));
        const TrainResult res = t.run();
        QCOMPARE(res.status, TrainStatus::Diverged);
        QCOMPARE(res.step, 0LL);
        QVERIFY2(res.message.find("step 1: the loss became NaN") != std::string::npos,
                 res.message.c_str());
        QVERIFY(res.message.find("initial weights were kept") != std::string::npos);
        QCOMPARE(values(m), before);
    }

    void hugeLearningRateStopsWithFiniteWeights()
    {
        SoftmaxRegression m(3);
        TrainerConfig c = smallConfig(100);
        c.optimizer.kind = OptimizerKind::Sgd;
        c.optimizer.momentum = 0.0f;
        c.clipGradients = false;
        c.learningRate = 1e37f;
        Trainer t(m, makeData(), c);
        const TrainResult res = t.run();
        // Whether the loss overflows within 100 steps depends on the arithmetic (it does
        // with AVX2/FMA; on an SSE2 build the softmax saturates first and the gradients
        // vanish): the weights must stay finite either way, and a stop must name the rate.
        qInfo("status %d after %lld steps: %s", int(res.status), res.step, res.message.c_str());
        QVERIFY(res.status == TrainStatus::Diverged || res.status == TrainStatus::Finished);
        if (res.status == TrainStatus::Diverged)
            QVERIFY2(res.message.find("learning rate 1e+37 is probably too high") !=
                         std::string::npos,
                     res.message.c_str());
        for (float x : values(m))
            QVERIFY(std::isfinite(x));
    }

    void sameSeedSameLosses()
    {
        auto losses = [](std::uint64_t seed) {
            SoftmaxRegression m(5);
            TrainerConfig c = smallConfig(30);
            c.seed = seed;
            Trainer t(m, makeData(), c);
            std::vector<double> out;
            t.setCallback([&](const TrainReport &r) { out.push_back(r.loss); });
            t.run();
            return out;
        };
        const auto a = losses(11), b = losses(11), other = losses(12);
        QCOMPARE(a.size(), size_t(30));
        QCOMPARE(a, b);
        QVERIFY(a != other);
    }

    void resumingFromSavedStateMatchesAnUninterruptedRun()
    {
        SoftmaxRegression straight(9);
        Trainer ts(straight, makeData(), smallConfig(20));
        ts.run();

        SoftmaxRegression first(9);
        Trainer t1(first, makeData(), smallConfig(20));
        QCOMPARE(t1.runSteps(10).status, TrainStatus::StepsDone);
        const TrainState saved = t1.state();
        QCOMPARE(saved.step, 10LL);
        QCOMPARE(saved.optimizerSteps, 10LL);

        // "Save" and "load": values and both moments, plus the state.
        SoftmaxRegression second(1234); // different initial weights, overwritten below
        second.params().values() = first.params().values();
        second.params().moment1() = first.params().moment1();
        second.params().moment2() = first.params().moment2();
        Trainer t2(second, makeData(), smallConfig(20));
        t2.restoreState(saved);
        QCOMPARE(t2.run().status, TrainStatus::Finished);
        QCOMPARE(values(second), values(straight));
    }

    void runStepsMakesThatManySteps()
    {
        SoftmaxRegression m(1);
        Trainer t(m, makeData(), smallConfig(5));
        QCOMPARE(t.runSteps(1).status, TrainStatus::StepsDone);
        QCOMPARE(t.step(), 1LL);
        QCOMPARE(t.runSteps(3).status, TrainStatus::StepsDone);
        QCOMPARE(t.step(), 4LL);
        const TrainResult r = t.runSteps(3); // only one left
        QCOMPARE(r.status, TrainStatus::Finished);
        QCOMPARE(r.step, 5LL);
    }

    void pauseResumeAndCancelFromAnotherThread()
    {
        SoftmaxRegression m(1);
        Trainer t(m, makeData(), smallConfig(1'000'000'000LL));
        std::atomic<bool> done{false};
        TrainResult result;
        std::thread worker([&] {
            result = t.run();
            done = true;
        });
        QVERIFY(waitFor([&] { return t.step() >= 5; }));
        t.pause();
        QVERIFY(t.isPaused());
        QVERIFY(waitFor([&] { return t.isWaiting(); }));
        const long long at = t.step();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QCOMPARE(t.step(), at); // no steps while paused

        t.stepWhilePaused(3); // "Step once", three times
        QVERIFY(waitFor([&] { return t.step() == at + 3 && t.isWaiting(); }));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(t.step(), at + 3);

        t.resume();
        QVERIFY(waitFor([&] { return t.step() > at + 50; }));
        QVERIFY(!done.load());
        t.cancel();
        QVERIFY(waitFor([&] { return done.load(); }));
        worker.join();
        QCOMPARE(result.status, TrainStatus::Cancelled);
        QCOMPARE(result.step, t.step());
    }

    void aPausedTrainerRunsTasksOnItsThread()
    {
        SoftmaxRegression m(1);
        Trainer t(m, makeData(), smallConfig(1'000'000'000LL));
        QVERIFY(!t.runWhilePaused([] {})); // not paused: nothing queued
        t.pause();
        std::atomic<bool> done{false};
        std::thread::id trainingThread;
        TrainResult result;
        std::thread worker([&] {
            trainingThread = std::this_thread::get_id();
            result = t.run();
            done = true;
        });
        QVERIFY(waitFor([&] { return t.isWaiting(); }));
        std::atomic<int> ran{0};
        std::thread::id ranOn;
        long long stepSeen = -1;
        QVERIFY(t.runWhilePaused([&] {
            ranOn = std::this_thread::get_id();
            stepSeen = t.step();
            ++ran;
        }));
        QVERIFY(waitFor([&] { return ran.load() == 1 && t.isWaiting(); }));
        QVERIFY(ranOn == trainingThread); // on the training thread, not this one
        QCOMPARE(stepSeen, 0LL);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(t.step(), 0LL); // still paused: the task let no step through
        QCOMPARE(ran.load(), 1); // and ran once
        t.cancel();
        QVERIFY(waitFor([&] { return done.load(); }));
        worker.join();
        QCOMPARE(result.status, TrainStatus::Cancelled);
        QVERIFY(!t.runWhilePaused([] {})); // cancelled: nothing queued
    }

    void cancelWakesAPausedTrainer()
    {
        SoftmaxRegression m(1);
        Trainer t(m, makeData(), smallConfig(1'000'000'000LL));
        t.pause(); // paused before it starts: makes no step at all
        std::atomic<bool> done{false};
        TrainResult result;
        std::thread worker([&] {
            result = t.run();
            done = true;
        });
        QVERIFY(waitFor([&] { return t.isWaiting(); }));
        QCOMPARE(t.step(), 0LL);
        t.cancel();
        QVERIFY(waitFor([&] { return done.load(); }));
        worker.join();
        QCOMPARE(result.status, TrainStatus::Cancelled);
        QCOMPARE(result.step, 0LL);
    }

    void learningRateChangesFromAnotherThreadAtTheNextStep()
    {
        SoftmaxRegression m(1);
        TrainerConfig c = smallConfig(1'000'000'000LL);
        c.learningRate = 0.01f;
        Trainer t(m, makeData(), c);
        std::mutex mu;
        std::vector<TrainReport> reports;
        t.setCallback([&](const TrainReport &r) {
            std::lock_guard lock(mu);
            reports.push_back(r);
        });
        std::atomic<bool> done{false};
        std::thread worker([&] {
            t.run();
            done = true;
        });
        QVERIFY(waitFor([&] { return t.step() >= 10; }));
        t.pause();
        QVERIFY(waitFor([&] { return t.isWaiting(); }));
        const long long changedAfter = t.step();
        t.setLearningRate(0.2f);
        QCOMPARE(t.learningRate(), 0.2f);
        t.resume();
        QVERIFY(waitFor([&] { return t.step() >= changedAfter + 10; }));
        t.cancel();
        QVERIFY(waitFor([&] { return done.load(); }));
        worker.join();
        std::lock_guard lock(mu);
        for (const TrainReport &r : reports)
            QCOMPARE(r.lr, r.step <= changedAfter ? 0.01f : 0.2f);
        QCOMPARE(t.state().learningRate, 0.2f);
    }

    void scheduleScalesTheBaseRate()
    {
        SoftmaxRegression m(1);
        TrainerConfig c = smallConfig(30);
        c.learningRate = 0.1f;
        c.schedule = LrSchedule::warmupCosine(10, 30, 0.0f);
        Trainer t(m, makeData(), c);
        std::vector<float> lrs;
        t.setCallback([&](const TrainReport &r) { lrs.push_back(r.lr); });
        t.run();
        QCOMPARE(lrs.size(), size_t(30));
        // Step s (1-based report) uses factor(s - 1): warmup (s)/10, then
        // 0.5 (1 + cos(pi (s-1-10)/20)): report 21 -> progress 0.5 -> 0.05.
        QVERIFY(std::abs(lrs[0] - 0.01f) < 1e-7f);
        QVERIFY(std::abs(lrs[4] - 0.05f) < 1e-7f);
        QVERIFY(std::abs(lrs[10] - 0.1f) < 1e-7f);
        QVERIFY(std::abs(lrs[20] - 0.05f) < 1e-6f);
    }

    void sgdTrainingMovesWeightsByTheRule()
    {
        // One SGD step without momentum or clipping: w_new = w - lr * grad, with the
        // gradient recomputed here from the same batch by the model itself.
        SoftmaxRegression m(2), probe(2);
        TrainerConfig c = smallConfig(1);
        c.optimizer.kind = OptimizerKind::Sgd;
        c.optimizer.momentum = 0.0f;
        c.clipGradients = false;
        c.learningRate = 0.5f;
        Batch seen;
        BatchSource data = makeData();
        auto inner = data.train;
        data.train = [&](Rng &rng) {
            seen = inner(rng);
            return seen;
        };
        Trainer t(m, data, c);
        t.run();
        probe.params().zeroGrads();
        probe.forward(seen);
        probe.backward();
        const VecF expected = probe.params().values() - 0.5f * probe.params().grads();
        QVERIFY((m.params().values() - expected).cwiseAbs().maxCoeff() < 1e-7f);
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
