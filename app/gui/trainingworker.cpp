#include "trainingworker.h"

#include "core/error.h"
#include "io/modelfile.h"

#include <QFile>

#include <cmath>

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<TraceSnapshot>();
    qRegisterMetaType<attn::TransformerConfig>();
    qRegisterMetaType<QVector<attn::LossPoint>>();
    qRegisterMetaType<InferenceSnapshot>();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::setUp(std::shared_ptr<TrainingSetup> setup)
{
    try {
        if (!setup->experiment)
            setup->experiment = attn::Experiment::create(setup->data);
        setup->model.vocab = setup->experiment->vocabSize();
        if (setup->model.n_ctx < setup->experiment->sequenceLength())
            setup->model.n_ctx = setup->experiment->sequenceLength();
        setup->model.validate();
        // Built before the call: argument evaluation order is unspecified, and
        // install() takes setup by value.
        auto model = std::make_unique<attn::TransformerLM>(setup->model, setup->modelSeed);
        install(std::move(model), std::move(setup), 0);
        captureTrace();
    } catch (const std::exception &e) {
        // attn::Error carries a message for people; anything else (out of
        // memory for an absurd size) is reported the same way.
        emit failed(QString::fromStdString(e.what()));
    }
}

void TrainingWorker::install(std::unique_ptr<attn::TransformerLM> model,
                             std::shared_ptr<TrainingSetup> setup, long long step)
{
    setup->trainer.validate();
    {
        QMutexLocker lock(&m_trainerMutex);
        m_trainer.reset();
        m_model = std::move(model);
        m_setup = std::move(setup);
        m_trainer = makeTrainer();
        if (step > 0) {
            attn::TrainState state = m_trainer->state();
            state.step = step;
            m_trainer->restoreState(state);
        }
    }
    ++m_generation;
    m_lastLoss = m_lastValLoss = std::nan("");
    m_probe = m_setup->experiment->probe();
    QStringList labels;
    for (const std::string &l : m_setup->experiment->labels(m_probe.inputs))
        labels << QString::fromStdString(l);
    emit ready(int(m_model->params().size()), labels, int(step), int(m_setup->trainer.steps));
}

void TrainingWorker::save(const QString &path)
{
    if (!m_model) {
        emit saved(path, tr("There is no model to save."), 0);
        return;
    }
    try {
        attn::TrainingSummary summary;
        summary.steps = m_trainer ? m_trainer->step() : 0;
        summary.trainLoss = m_lastLoss;
        summary.validationLoss = m_lastValLoss;
        summary.dataset = m_setup->experiment->name();
        summary.task = "lm";
        attn::saveModelFile(QFile::encodeName(path).toStdString(), *m_model,
                            &m_setup->experiment->tokenizer(), summary);
        emit saved(path, QString(), int(summary.steps));
    } catch (const std::exception &e) {
        emit saved(path, QString::fromStdString(e.what()), 0);
    }
}

void TrainingWorker::load(const QString &path, std::shared_ptr<TrainingSetup> setup)
{
    try {
        const std::string file = QFile::encodeName(path).toStdString();
        attn::LoadedModel opened = attn::loadModelFile(file);
        auto *lm = dynamic_cast<attn::TransformerLM *>(opened.model.get());
        if (!lm)
            throw attn::Error(file + ": a '" + opened.kind +
                              "' model; this version opens Transformer language models");
        if (attn::isTaskName(opened.training.dataset)) {
            setup->data = attn::DataSpec{};
            setup->data.task = opened.training.dataset;
        } else if (setup->data.path.empty()) {
            throw attn::Error(file + ": trained on '" + opened.training.dataset +
                              "'; open that text first (File ▸ Open Text…), then the model");
        }
        if (!opened.tokenizer)
            throw attn::Error(file + ": has no tokenizer, so its tokens cannot be shown");
        setup->experiment = attn::Experiment::create(setup->data, opened.tokenizer.get());
        if (setup->experiment->vocabSize() > lm->config().vocab)
            throw attn::Error(file + ": its vocabulary is smaller than its tokenizer's");
        setup->model = lm->config();
        // The panel's step count is how many more steps a run makes.
        setup->trainer.steps += opened.training.steps;
        std::unique_ptr<attn::TransformerLM> model(lm);
        opened.model.release();
        const attn::TransformerConfig config = model->config();
        install(std::move(model), std::move(setup), opened.training.steps);
        m_lastLoss = opened.training.trainLoss;
        m_lastValLoss = opened.training.validationLoss;
        QStringList warnings;
        for (const std::string &w : opened.warnings)
            warnings << QString::fromStdString(w);
        emit loaded(path, config, int(opened.training.steps), warnings);
        captureTrace();
    } catch (const std::exception &e) {
        emit failed(QString::fromStdString(e.what()));
    }
}

std::unique_ptr<attn::Trainer> TrainingWorker::makeTrainer()
{
    auto trainer = std::make_unique<attn::Trainer>(
        *m_model, m_setup->experiment->batchSource(m_setup->batchSize), m_setup->trainer);
    trainer->setCallback([this](const attn::TrainReport &r) { onReport(r); });
    return trainer;
}

void TrainingWorker::run()
{
    if (!m_trainer)
        return;
    m_lastFlush = std::chrono::steady_clock::now();
    attn::TrainResult result;
    try {
        result = m_trainer->run();
    } catch (const std::exception &e) {
        result.status = attn::TrainStatus::Diverged;
        result.message = e.what();
        result.step = m_trainer->step();
    }
    flush(int(result.step));
    if (result.status == attn::TrainStatus::Cancelled) {
        // Cancelling is final for a Trainer; the next Train continues from here
        // with a fresh one (same batches as an uninterrupted run).
        auto next = makeTrainer();
        next->restoreState(m_trainer->state());
        next->pause();
        QMutexLocker lock(&m_trainerMutex);
        m_trainer = std::move(next);
    }
    emit stopped(int(result.status), QString::fromStdString(result.message), int(result.step));
}

InferenceSnapshot TrainingWorker::makeInferenceSnapshot() const
{
    InferenceSnapshot s;
    if (!m_model || !m_setup)
        return s;
    // A model of the same kind and config with the current weights (any registered
    // kind: the factory builds it, the flat buffer is copied in one go).
    std::unique_ptr<attn::Model> copy =
        attn::createModel(m_model->kind(), attn::modelConfig(*m_model));
    copy->params().values() = m_model->params().values();
    copy->setTraining(false);
    s.model = std::move(copy);
    s.setup = m_setup;
    s.step = m_trainer ? int(m_trainer->step()) : 0;
    s.generation = m_generation;
    return s;
}

void TrainingWorker::emitInferenceSnapshot()
{
    m_snapshotRequested = false;
    try {
        emit inferenceSnapshot(makeInferenceSnapshot());
    } catch (const std::exception &) {
        emit inferenceSnapshot(InferenceSnapshot{}); // out of memory: no inference
    }
}

void TrainingWorker::captureTrace()
{
    if (m_model)
        emit traceReady(makeTrace(), m_trainer ? int(m_trainer->step()) : 0);
}

TraceSnapshot TrainingWorker::makeTrace() const
{
    // Taken between steps from the live weights, into buffers of its own:
    // training is not disturbed.
    // With the heads' weight slices: the walkthrough shows Q = X W_Q and the output
    // projection with the real weights.
    attn::TraceOptions options;
    options.weights = true;
    auto trace = std::make_shared<attn::AttentionTrace>(m_model->trace(m_probe, options));
    trace->queryTokens = m_setup->experiment->labels(trace->queryIds);
    trace->keyTokens = m_setup->experiment->labels(trace->keyIds);
    return trace;
}

void TrainingWorker::onReport(const attn::TrainReport &r)
{
    attn::LossPoint p;
    p.step = int(r.step);
    p.loss = r.loss;
    p.valLoss = r.valLoss;
    p.lr = r.lr;
    p.gradNorm = r.gradNorm;
    p.accuracy = std::isnan(r.valAccuracy) ? r.accuracy : r.valAccuracy;
    m_pending.push_back(p);
    m_lastLoss = r.loss;
    if (!std::isnan(r.valLoss))
        m_lastValLoss = r.valLoss;
    m_tokensPerSecond = r.tokensPerSecond;
    const auto now = std::chrono::steady_clock::now();
    // While paused and stepping one at a time, show every step at once.
    if (now - m_lastFlush >= snapshotInterval || m_trainer->isPaused())
        flush(p.step);
    // Between two steps: the weights are still, so inference gets its copy now.
    if (m_snapshotRequested)
        emitInferenceSnapshot();
}

void TrainingWorker::flush(int step)
{
    m_lastFlush = std::chrono::steady_clock::now();
    if (!m_pending.isEmpty()) {
        emit progress(m_pending, m_tokensPerSecond);
        m_pending.clear();
    }
    if (m_model)
        emit traceReady(makeTrace(), step);
}
