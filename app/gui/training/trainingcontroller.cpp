#include "gui/training/trainingcontroller.h"

#include "core/error.h"

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#endif

namespace attn::gui {

TrainingController::TrainingController(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker = new TrainingWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::ready, this,
            [this](int parameters, const QStringList &labels, int step, int total) {
                m_step = step;
                m_savedStep = step;
                m_totalSteps = total;
                setState(State::Ready);
                emit modelReady(parameters, labels);
            });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString &message) {
        setState(m_worker->withTrainer([](attn::Trainer &) {}) ? State::Ready : State::Empty);
        emit setupFailed(message);
    });
    connect(m_worker, &TrainingWorker::progress, this,
            [this](const QVector<attn::LossPoint> &points, double tps) {
                if (!points.isEmpty())
                    m_step = points.back().step;
                emit progress(points, tps);
            });
    connect(m_worker, &TrainingWorker::loaded, this,
            [this](const QString &path, const attn::ModelSpec &spec, int,
                   const QStringList &warnings) { emit modelLoaded(path, spec, warnings); });
    connect(m_worker, &TrainingWorker::saved, this,
            [this](const QString &path, const QString &error, int step) {
                if (error.isEmpty())
                    m_savedStep = step;
                emit saved(path, error);
            });
    connect(m_worker, &TrainingWorker::traceReady, this, &TrainingController::traceReady);
    connect(m_worker, &TrainingWorker::probePrediction, this, &TrainingController::probePrediction);
    connect(m_worker, &TrainingWorker::probeFailed, this, &TrainingController::probeFailed);
    connect(m_worker, &TrainingWorker::dataAttached, this, &TrainingController::dataAttached);
    connect(m_worker, &TrainingWorker::inferenceSnapshot, this,
            &TrainingController::inferenceSnapshot);
    connect(m_worker, &TrainingWorker::stopped, this, &TrainingController::onStopped);
    // Training yields to the window: when both want a core, the GUI thread gets it at
    // once (a paint waited up to 80 ms behind the trainer's threads on 2 cores). Linux
    // keeps a nice value per thread, and the OpenMP threads the training thread starts
    // inherit it; QThread::LowPriority does this elsewhere (on Linux it cannot lower a
    // normal thread).
    connect(
        &m_thread, &QThread::started, m_worker,
        [] {
#ifdef Q_OS_LINUX
            // Relative to the thread's own value (inherited from the GUI thread): under
            // `nice -n 10 attentionlab` an absolute 5 would put training above the window.
            const auto tid = static_cast<id_t>(gettid());
            errno = 0;
            const int base = getpriority(PRIO_PROCESS, tid);
            if (errno == 0)
                setpriority(PRIO_PROCESS, tid, std::min(19, base + kTrainingNice));
#endif
        },
        Qt::DirectConnection);
    m_thread.start(QThread::LowPriority);
}

TrainingController::~TrainingController()
{
    m_worker->withTrainer([](attn::Trainer &t) { t.cancel(); });
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::isIdleWhilePaused() const
{
    bool waiting = false;
    m_worker->withTrainer([&waiting](attn::Trainer &t) { waiting = t.isWaiting(); });
    return m_state == State::Paused && waiting;
}

void TrainingController::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void TrainingController::setUp(std::shared_ptr<TrainingSetup> setup)
{
    if (m_running)
        return; // the GUI only offers a new setup when no run is active
    m_runSteps = int(setup->trainer.steps);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, setup] { w->setUp(setup); });
}

void TrainingController::launch(bool paused)
{
    if (m_running)
        return;
    if (!m_worker->withTrainer([paused](attn::Trainer &t) {
            if (paused)
                t.pause();
            else
                t.resume();
        }))
        return;
    m_running = true;
    // At the end of the plan, Train (or Step) goes on for another run's worth of steps.
    const int more = m_totalSteps > 0 && m_step >= m_totalSteps ? m_runSteps : 0;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, more] { w->run(more); });
    if (more > 0) {
        m_totalSteps += more;
        emit planExtended(more, m_totalSteps);
    }
}

void TrainingController::start()
{
    if (m_state == State::Ready) {
        launch(false);
        setState(State::Running);
    } else if (m_state == State::Paused) {
        m_worker->withTrainer([](attn::Trainer &t) { t.resume(); });
        setState(State::Running);
    }
}

void TrainingController::pause()
{
    if (m_state != State::Running)
        return;
    m_worker->withTrainer([](attn::Trainer &t) { t.pause(); });
    setState(State::Paused);
}

void TrainingController::stepOnce()
{
    if (m_state == State::Ready) {
        launch(true);
        setState(State::Paused);
    }
    if (m_state == State::Paused)
        m_worker->withTrainer([](attn::Trainer &t) { t.stepWhilePaused(1); });
}

void TrainingController::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_worker->withTrainer([](attn::Trainer &t) { t.cancel(); });
    setState(State::Stopping);
}

void TrainingController::setLearningRate(double lr)
{
    m_worker->withTrainer([lr](attn::Trainer &t) {
        try {
            t.setLearningRate(float(lr));
        } catch (const attn::Error &) {
            // The spin box's range keeps the rate positive and finite.
        }
    });
}

void TrainingController::save(const QString &path)
{
    if (m_running)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, path] { w->save(path); });
}

void TrainingController::load(const QString &path, std::shared_ptr<TrainingSetup> setup)
{
    if (m_running)
        return;
    m_runSteps = int(setup->trainer.steps);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, path, setup] { w->load(path, setup); });
}

void TrainingController::requestInferenceSnapshot()
{
    if (!m_running) {
        // The worker thread is idle (or busy with a queued setup/load, after which
        // this runs): it copies the model itself.
        QMetaObject::invokeMethod(m_worker, &TrainingWorker::emitInferenceSnapshot);
        return;
    }
    InferenceSnapshot now;
    bool copied = false;
    m_worker->withTrainer([this, &now, &copied](attn::Trainer &t) {
        if (t.isWaiting()) {
            // Paused and asleep: it wakes only through withTrainer() from this
            // thread, so the weights are still while the lock is held.
            try {
                now = m_worker->makeInferenceSnapshot();
            } catch (const std::exception &) {
            }
            copied = true;
        } else {
            m_worker->requestInferenceSnapshot();
        }
    });
    if (copied)
        emit inferenceSnapshot(now);
}

void TrainingController::setProbeText(const QString &text)
{
    m_worker->requestProbe(text);
    retrace();
}

void TrainingController::setTraceLayer(int layer)
{
    m_worker->requestTraceLayer(layer);
    retrace();
}

void TrainingController::setTraceBudget(double bytes)
{
    m_worker->setTraceBudget(bytes);
}

void TrainingController::retrace()
{
    if (!m_running) {
        QMetaObject::invokeMethod(m_worker, &TrainingWorker::captureTrace);
        return;
    }
    // Paused: the training thread takes the trace between two steps, at once if it
    // sleeps (a GPT-2 trace takes seconds: never on this thread). Running: the next
    // step boundary takes it (the worker's request flags).
    TrainingWorker *worker = m_worker;
    m_worker->withTrainer(
        [worker](attn::Trainer &t) { t.runWhilePaused([worker] { worker->captureTrace(); }); });
}

void TrainingController::onStopped(int status, const QString &message, int step)
{
    m_running = false;
    m_step = step;
    setState(State::Ready);
    emit finished(status == int(attn::TrainStatus::Diverged), message);
}

} // namespace attn::gui
