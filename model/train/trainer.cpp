#include "train/trainer.h"

#include "core/error.h"
#include "train/clip.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace attn {

namespace {

std::string number(double x)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

// The generator seed of one step's batch: a mix of the run's seed and the step.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t salt)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (salt + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t kEvalSalt = 0xe7a1e7a1e7a1ULL;

} // namespace

void TrainerConfig::validate() const
{
    if (steps <= 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "training steps %1 is out of range: expected at least 1"),
            std::to_string(steps));
    if (!(std::isfinite(learningRate) && learningRate > 0.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "learning rate %1 is out of range: expected a positive finite number"),
            number(learningRate));
    schedule.validate();
    attn::validate(optimizer);
    if (clipGradients && !(std::isfinite(clipNorm) && clipNorm > 0.0f))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                           "gradient clipping norm %1 is out of range: expected a "
                                           "positive number (or clipping turned off)"),
                         number(clipNorm));
    if (evalEvery < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "evaluation interval %1 is out of range: expected 0 (never) "
                                      "or a positive number of steps"),
            std::to_string(evalEvery));
    if (evalEvery > 0 && evalBatches <= 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "evaluation batches %1 is out of range: expected at least 1 "
                                      "when evaluating every %2 steps"),
            std::to_string(evalBatches), std::to_string(evalEvery));
}

std::string trainStatusName(TrainStatus status)
{
    switch (status) {
    case TrainStatus::Finished:
        return "finished";
    case TrainStatus::StepsDone:
        return "steps done";
    case TrainStatus::Cancelled:
        return "cancelled";
    case TrainStatus::Diverged:
        return "diverged";
    }
    return "unknown";
}

Trainer::Trainer(Model &model, BatchSource data, const TrainerConfig &config)
    : m_model(model), m_data(std::move(data)), m_config(config)
{
    m_config.validate();
    if (!m_data.train)
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "the trainer was given no training data (an empty batch source)"));
    if (!m_model.params().allocated())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "the trainer was given a model whose parameters are not allocated"));
    m_optimizer = makeOptimizer(m_config.optimizer);
    m_lr.store(m_config.learningRate);
}

Trainer::~Trainer() = default;

void Trainer::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused.store(true);
    m_granted = 0;
}

void Trainer::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused.store(false);
        m_granted = 0;
        // Told to wake: no longer "waiting" for anyone who asks from now on, even before
        // the training thread has woken (isWaiting() promises still weights).
        m_waiting.store(false);
    }
    m_wake.notify_all();
}

void Trainer::stepWhilePaused(int n)
{
    if (n <= 0)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_granted += n;
        m_waiting.store(false); // see resume()
    }
    m_wake.notify_all();
}

void Trainer::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancel.store(true);
        m_waiting.store(false); // see resume()
    }
    m_wake.notify_all();
}

void Trainer::setLearningRate(float lr)
{
    if (!(std::isfinite(lr) && lr > 0.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "learning rate %1 is out of range: expected a positive finite number"),
            number(lr));
    m_lr.store(lr);
}

TrainState Trainer::state() const
{
    return {m_step.load(), m_optimizer->steps(), m_lr.load()};
}

void Trainer::restoreState(const TrainState &state)
{
    if (state.step < 0 || state.optimizerSteps < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "saved training state has a negative step count"));
    if (state.learningRate != 0.0f)
        setLearningRate(state.learningRate);
    m_step.store(state.step);
    m_optimizer->setSteps(state.optimizerSteps);
}

bool Trainer::runWhilePaused(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_paused.load() || m_cancel.load())
            return false;
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_all();
    return true;
}

bool Trainer::waitUntilRunnable()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        // Queued tasks run here, between steps, without the lock (a task may call
        // the thread-safe controls).
        while (!m_tasks.empty()) {
            std::vector<std::function<void()>> tasks;
            tasks.swap(m_tasks);
            lock.unlock();
            for (auto &task : tasks)
                task();
            lock.lock();
        }
        if (!(m_paused.load() && m_granted == 0 && !m_cancel.load()))
            break;
        m_waiting.store(true);
        m_wake.wait(lock, [&] {
            return !m_paused.load() || m_granted > 0 || m_cancel.load() || !m_tasks.empty();
        });
        m_waiting.store(false);
    }
    if (m_cancel.load())
        return false;
    if (m_paused.load() && m_granted > 0)
        --m_granted;
    return true;
}

Trainer::Evaluation Trainer::evaluate()
{
    Evaluation ev;
    if (!m_data.validation || m_config.evalBatches <= 0)
        return ev;
    Rng rng(mixSeed(m_config.seed, kEvalSalt));
    m_model.setTraining(false);
    double lossSum = 0.0;
    Index correct = 0;
    try {
        for (int i = 0; i < m_config.evalBatches; ++i) {
            const Batch batch = m_data.validation(rng);
            const LossStats s = m_model.forward(batch);
            lossSum += s.loss * static_cast<double>(s.counted);
            ev.counted += s.counted;
            correct += s.correct;
        }
    } catch (...) {
        m_model.setTraining(true);
        throw;
    }
    m_model.setTraining(true);
    if (ev.counted > 0) {
        ev.loss = lossSum / static_cast<double>(ev.counted);
        ev.accuracy = static_cast<double>(correct) / static_cast<double>(ev.counted);
    }
    return ev;
}

bool Trainer::trainStep(TrainReport &report, std::optional<Error> &message)
{
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const long long done = m_step.load();
    const long long number1 = done + 1; // the step being made, counted from 1
    const float lr = static_cast<float>(m_lr.load() * m_config.schedule.factor(done));

    auto stop = [&](const Error &what) {
        if (done == 0)
            message = Error::fmt(
                QT_TRANSLATE_NOOP("attn", "training stopped at step %1: %2 (before any update: "
                                          "check the data and the initial weights); the "
                                          "initial weights were kept"),
                number1, what);
        else
            message = Error::fmt(
                QT_TRANSLATE_NOOP("attn", "training stopped at step %1: %2 (learning rate %3 is "
                                          "probably too high); the weights of step %4 were kept"),
                number1, what, number(lr), done);
        return false;
    };

    Rng rng(mixSeed(m_config.seed, static_cast<std::uint64_t>(done)));
    const Batch batch = m_data.train(rng);
    ParamStore &params = m_model.params();
    m_model.setTraining(true);
    params.zeroGrads();
    const LossStats stats = m_model.forward(batch);
    if (!std::isfinite(stats.loss))
        return stop(std::isnan(stats.loss)
                        ? Error::fmt(QT_TRANSLATE_NOOP("attn", "the loss became NaN"))
                        : Error::fmt(QT_TRANSLATE_NOOP("attn", "the loss became infinite")));
    m_model.backward();

    const double norm =
        m_config.clipGradients ? clipGradNorm(params, m_config.clipNorm) : gradNorm(params);
    if (!std::isfinite(norm)) {
        // Name what is actually there: a NaN anywhere makes the norm NaN.
        return stop(std::isnan(norm)
                        ? Error::fmt(QT_TRANSLATE_NOOP("attn", "the gradients became NaN"))
                        : Error::fmt(QT_TRANSLATE_NOOP("attn", "the gradients became infinite")));
    }
    if (!m_optimizer->step(params, lr))
        return stop(Error::fmt(
            QT_TRANSLATE_NOOP("attn", "the update would have made a weight infinite or NaN")));
    m_step.store(number1);

    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double tokens =
        static_cast<double>(batch.batch) * static_cast<double>(batch.length + batch.sourceLength);
    report = TrainReport{};
    report.step = number1;
    report.loss = stats.loss;
    if (stats.counted > 0)
        report.accuracy = static_cast<double>(stats.correct) / static_cast<double>(stats.counted);
    report.lr = lr;
    report.gradNorm = norm;
    report.tokensPerSecond = seconds > 0.0 ? tokens / seconds : 0.0;
    return true;
}

TrainResult Trainer::run()
{
    return runSteps(m_config.steps);
}

TrainResult Trainer::runSteps(long long n)
{
    TrainResult result;
    long long made = 0;
    while (true) {
        if (m_step.load() >= m_config.steps) {
            result.status = TrainStatus::Finished;
            break;
        }
        if (made >= n) {
            result.status = TrainStatus::StepsDone;
            break;
        }
        if (!waitUntilRunnable()) {
            result.status = TrainStatus::Cancelled;
            break;
        }
        TrainReport report;
        std::optional<Error> message;
        if (!trainStep(report, message)) {
            result.status = TrainStatus::Diverged;
            result.message = message ? message->what() : std::string();
            result.error = std::move(message);
            break;
        }
        ++made;
        const long long s = report.step;
        if (m_data.validation && m_config.evalEvery > 0 &&
            (s % m_config.evalEvery == 0 || s == m_config.steps)) {
            const Evaluation ev = evaluate();
            report.valLoss = ev.loss;
            report.valAccuracy = ev.accuracy;
        }
        if (m_callback)
            m_callback(report);
    }
    result.step = m_step.load();
    return result;
}

} // namespace attn
