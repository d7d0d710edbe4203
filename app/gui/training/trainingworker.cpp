#include "gui/training/trainingworker.h"

#include "common/errortext.h"
#include "loss/losshistory.h"

#include "core/error.h"
#include "io/hfmodel.h"
#include "io/modelfile.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"
#include "train/evaluation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace attn::gui {

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<TraceSnapshot>();
    qRegisterMetaType<TokenizerSnapshot>();
    qRegisterMetaType<attn::ModelSpec>();
    qRegisterMetaType<QVector<float>>();
    qRegisterMetaType<QVector<attn::LossPoint>>();
    qRegisterMetaType<InferenceSnapshot>();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::setUp(std::shared_ptr<TrainingSetup> setup)
{
    try {
        setup->data.format = attn::dataFormatFor(setup->model.kind);
        if (!setup->experiment)
            setup->experiment = attn::Experiment::create(setup->data);
        // An LM's context covers the data's sequences: the panel's value is a minimum.
        if (setup->model.kind == "lm")
            setup->model.context =
                std::max(setup->model.context, setup->experiment->sequenceLength());
        // Built before the call: argument evaluation order is unspecified, and
        // install() takes setup by value.
        std::unique_ptr<attn::Model> model =
            attn::buildModel(setup->model, *setup->experiment, setup->modelSeed);
        install(std::move(model), std::move(setup), 0);
        captureTrace();
    } catch (const std::exception &e) {
        // attn::Error carries a message for people; anything else (out of
        // memory for an absurd size) is reported the same way.
        emit failed(attn::errorText(e));
    }
}

void TrainingWorker::install(std::unique_ptr<attn::Model> model,
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
    m_history.clear();
    m_probe = m_setup->experiment->probe();
    QStringList labels;
    for (const std::string &l : m_setup->experiment->labels(
             m_probe.source.empty() ? m_probe.inputs : attn::batchSource(m_probe, 0)))
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
        const attn::DataSpec &data = m_setup->experiment->spec();
        summary.task = !data.task.empty()          ? data.task
                       : data.format == "classify" ? "classification"
                                                   : data.format;
        summary.labels = m_setup->experiment->labelNames();
        if (!m_history.empty())
            summary.history = m_history.toJson();
        attn::saveModelFile(QFile::encodeName(path).toStdString(), *m_model,
                            &m_setup->experiment->tokenizer(), summary);
        emit saved(path, QString(), int(summary.steps));
    } catch (const std::exception &e) {
        emit saved(path, attn::errorText(e), 0);
    }
}

namespace {

// The file a model was trained on, by the name its training summary gives: the Data
// dock's file when it has that name, else a file of that name in the model's folder or
// in one of folders. Empty when none is found.
std::string findTrainingText(const std::string &dataset, const QString &modelPath,
                             const attn::DataSpec &current, const QStringList &folders)
{
    const QString name = QString::fromStdString(dataset);
    if (!current.path.empty() &&
        QFileInfo(QFile::decodeName(current.path.c_str())).fileName() == name)
        return current.path;
    QStringList candidates{QFileInfo(modelPath).absolutePath()};
    candidates += folders;
    for (const QString &dir : candidates) {
        const QString path = QDir(dir).filePath(name);
        if (QFileInfo(path).isFile())
            return QFile::encodeName(path).toStdString();
    }
    return {};
}

} // namespace

void TrainingWorker::load(const QString &path, std::shared_ptr<TrainingSetup> setup)
{
    try {
        const std::string file = QFile::encodeName(path).toStdString();
        const bool pretrained = attn::isHfModelFolder(file);
        attn::LoadedModel opened = pretrained ? attn::loadHfModel(file) : attn::loadModelFile(file);
        if (!opened.tokenizer)
            throw attn::Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: has no tokenizer, so its tokens cannot be shown"),
                file);
        const attn::DataSpec current = setup->data;
        setup->data = attn::DataSpec{};
        setup->data.format = attn::dataFormatFor(opened.model->kind());
        if (attn::isTaskName(opened.training.dataset)) {
            setup->data.task = opened.training.dataset;
        } else if (pretrained) {
            // GPT-2 read none of our files: its probe and any fine-tuning come from a text
            // tokenized with its own tokenizer (the Data dock's, else the fallback).
            setup->data.path = !current.path.empty() && current.task.empty()
                                   ? current.path
                                   : QFile::encodeName(setup->fallbackText).toStdString();
            const int ctx = dynamic_cast<const attn::TransformerLM &>(*opened.model).config().n_ctx;
            setup->data.context = std::min(64, ctx);
        } else {
            setup->data.path =
                findTrainingText(opened.training.dataset, path, current, setup->dataFolders);
            if (setup->data.path.empty())
                throw attn::Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: trained on '%2'; open that "
                                                                 "text first (File ▸ Open Text…), "
                                                                 "then the model"),
                                       file, opened.training.dataset);
            // A language model reads windows as long as its context; a table's longest
            // sequence stays the Data dock's.
            const auto *lm = dynamic_cast<const attn::TransformerLM *>(opened.model.get());
            setup->data.context = lm ? lm->config().n_ctx : current.context;
        }
        setup->data.seed = current.seed;
        setup->experiment = attn::Experiment::create(setup->data, opened.tokenizer.get());
        setup->model = attn::modelSpecOf(*opened.model);
        // The panel's step count is how many more steps a run makes.
        setup->trainer.steps += opened.training.steps;
        const attn::ModelSpec spec = setup->model;
        const QString task = QString::fromStdString(setup->data.task);
        const QString dataPath = QFile::decodeName(setup->data.path.c_str());
        // The experiment holds its own copy: the opened one can go to the Data dock.
        const TokenizerSnapshot tokenizer = std::move(opened.tokenizer);
        install(std::move(opened.model), std::move(setup), opened.training.steps);
        emit dataAttached(task, dataPath, tokenizer);
        // The curve the file was saved with, so the Loss tab shows how the model got here
        // (and a run that goes on extends it).
        m_history.restore(opened.training.history);
        QVector<attn::LossPoint> points;
        if (!m_history.empty() &&
            attn::LossHistory::fromJson(QByteArray::fromStdString(m_history.toJson().dump()),
                                        &points) &&
            !points.isEmpty())
            emit progress(points, 0.0);
        m_lastLoss = opened.training.trainLoss;
        m_lastValLoss = opened.training.validationLoss;
        QStringList warnings;
        for (const attn::Error &notice : opened.notices)
            warnings << attn::errorText(notice);
        emit loaded(path, spec, int(opened.training.steps), warnings);
        captureTrace();
    } catch (const std::exception &e) {
        emit failed(attn::errorText(e));
    }
}

std::unique_ptr<attn::Trainer> TrainingWorker::makeTrainer()
{
    auto trainer = std::make_unique<attn::Trainer>(
        *m_model, m_setup->experiment->batchSource(m_setup->batchSize), m_setup->trainer);
    trainer->setCallback([this](const attn::TrainReport &r) { onReport(r); });
    return trainer;
}

void TrainingWorker::run(long long extendBy)
{
    if (!m_trainer)
        return;
    if (extendBy > 0 && m_trainer->step() >= m_setup->trainer.steps) {
        // A Trainer's plan is fixed: a new one with the longer plan continues from here
        // (the schedule keeps its end rate past the old end).
        const bool paused = m_trainer->isPaused();
        m_setup->trainer.steps += extendBy;
        auto next = makeTrainer();
        next->restoreState(m_trainer->state());
        if (paused)
            next->pause();
        QMutexLocker lock(&m_trainerMutex);
        m_trainer = std::move(next);
    }
    m_lastFlush = std::chrono::steady_clock::now();
    attn::TrainResult result;
    try {
        result = m_trainer->run();
    } catch (const std::exception &e) {
        result.status = attn::TrainStatus::Diverged;
        result.message = attn::errorText(e).toStdString();
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
    emit stopped(int(result.status),
                 result.error ? attn::errorText(*result.error)
                              : QString::fromStdString(result.message),
                 int(result.step));
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
    m_retraceRequested = false;
    applyPendingProbe();
    emitTrace(m_trainer ? int(m_trainer->step()) : 0);
}

void TrainingWorker::emitTrace(int step)
{
    if (!m_model)
        return;
    try {
        emit traceReady(makeTrace(), step);
        if (const auto *cls = dynamic_cast<const attn::ClassifierModel *>(m_model.get())) {
            const std::vector<float> p = cls->predict(attn::batchSource(m_probe, 0));
            QStringList names;
            for (const std::string &n : m_setup->experiment->labelNames())
                names << QString::fromStdString(n);
            emit probePrediction(names, QVector<float>(p.begin(), p.end()), step);
        }
    } catch (const std::exception &e) {
        // A probe the model cannot read (e.g. longer than its positions): say so once and
        // go back to the data's own example.
        emit probeFailed(attn::errorText(e));
        m_probe = m_setup->experiment->probe();
    }
}

void TrainingWorker::requestProbe(const QString &text)
{
    {
        QMutexLocker lock(&m_probeMutex);
        m_pendingProbe = text;
    }
    m_probeRequested = true;
}

attn::Batch TrainingWorker::probeFor(const QString &text) const
{
    const attn::Experiment &experiment = *m_setup->experiment;
    std::vector<attn::TokenId> ids = experiment.tokenizer().encode(text.toStdString());
    if (ids.empty())
        throw attn::Error::fmt(
            QT_TRANSLATE_NOOP("attn", "the Follow text \"%1\" gives no tokens in this model's "
                                      "vocabulary"),
            text.toStdString());
    if (const auto *lm = dynamic_cast<const attn::TransformerLM *>(m_model.get())) {
        // Models of a built-in task read "<bos> source = target" from the start.
        if (experiment.task())
            ids.insert(ids.begin(), attn::Tokenizer::Bos);
        const int ctx = lm->config().n_ctx;
        if (int(ids.size()) > ctx)
            throw attn::Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "the Follow text is %1 tokens long, but this model reads at "
                                  "most %2 tokens at a time (its context): shorten the text, or "
                                  "set a longer Context in the Model dock and build a new model"),
                ids.size(), ctx);
    }
    return attn::singleBatch(*m_model, ids);
}

void TrainingWorker::applyPendingProbe()
{
    if (!m_probeRequested.exchange(false) || !m_model)
        return;
    QString text;
    {
        QMutexLocker lock(&m_probeMutex);
        text = m_pendingProbe;
    }
    try {
        m_probe = text.trimmed().isEmpty() ? m_setup->experiment->probe() : probeFor(text);
    } catch (const std::exception &e) {
        emit probeFailed(attn::errorText(e));
    }
}

TraceSnapshot TrainingWorker::makeTrace() const
{
    // Taken between steps from the live weights, into buffers of its own:
    // training is not disturbed.
    // With the heads' weight slices: the walkthrough shows Q = X W_Q and the output
    // projection with the real weights.
    attn::TraceOptions options;
    options.weights = true;
    // GPT-2 small at 1,024 tokens: 144 heads of three (T, T) matrices are 1.8 GB. Past
    // the budget only the layer a view asks for is traced; the others are listed with
    // their heads empty, so every selector still offers every layer (choosing one asks
    // for it: MainWindow::wantBlock).
    const auto *lm = dynamic_cast<const attn::TransformerLM *>(m_model.get());
    if (lm) {
        const attn::TransformerConfig &c = lm->config();
        const double t = double(m_probe.length);
        const double bytes = double(c.n_layers) * (3.0 * c.n_heads + 1.0) * t * t * 4.0;
        if (bytes > m_traceBudget.load())
            options.layers = {std::clamp(m_traceLayer.load(), 0, c.n_layers - 1)};
    }
    auto trace = std::make_shared<attn::AttentionTrace>(m_model->trace(m_probe, options));
    if (lm && !options.layers.empty() && trace->blocks.size() == 1) {
        const int n = lm->config().n_layers, traced = options.layers.front();
        const attn::AttentionBlockTrace &one = trace->blocks.front();
        std::vector<attn::AttentionBlockTrace> all(static_cast<std::size_t>(n));
        for (int l = 0; l < n; ++l) {
            attn::AttentionBlockTrace &b = all[static_cast<std::size_t>(l)];
            if (l == traced)
                continue; // moved in below
            b.name = "layers." + std::to_string(l) + ".attn";
            b.role = one.role;
            b.kind = one.kind;
            b.layer = l;
            b.scale = one.scale;
            b.heads.resize(one.heads.size()); // empty matrices: not traced
        }
        all[static_cast<std::size_t>(traced)] = std::move(trace->blocks.front());
        trace->blocks = std::move(all);
    }
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
    m_history.add(r);
    m_lastLoss = r.loss;
    if (!std::isnan(r.valLoss))
        m_lastValLoss = r.valLoss;
    m_tokensPerSecond = r.tokensPerSecond;
    const auto now = std::chrono::steady_clock::now();
    // While paused and stepping one at a time, show every step at once; a new probe at
    // once too.
    if (now - m_lastFlush >= snapshotInterval || m_trainer->isPaused() || m_probeRequested ||
        m_retraceRequested)
        flush(p.step);
    // Between two steps: the weights are still, so inference gets its copy now.
    if (m_snapshotRequested)
        emitInferenceSnapshot();
}

void TrainingWorker::flush(int step)
{
    m_lastFlush = std::chrono::steady_clock::now();
    m_retraceRequested = false;
    if (!m_pending.isEmpty()) {
        emit progress(m_pending, m_tokensPerSecond);
        m_pending.clear();
    }
    applyPendingProbe();
    emitTrace(step);
}

} // namespace attn::gui
