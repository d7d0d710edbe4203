#pragma once

#include "loss/losspoint.h"

#include "models/model.h"
#include "tokenizers/tokenizer.h"
#include "trace/attentiontrace.h"
#include "train/experiment.h"
#include "train/modelspec.h"
#include "train/trainer.h"
#include "train/traininghistory.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>

#include <chrono>
#include <memory>

Q_DECLARE_METATYPE(attn::ModelSpec)

namespace attn::gui {

using TraceSnapshot = std::shared_ptr<const attn::AttentionTrace>;
// An opened model's tokenizer, shared read-only with the Data dock.
using TokenizerSnapshot = std::shared_ptr<const attn::Tokenizer>;

} // namespace attn::gui
Q_DECLARE_METATYPE(attn::gui::TraceSnapshot)
Q_DECLARE_METATYPE(attn::gui::TokenizerSnapshot)
namespace attn::gui {

struct TrainingSetup;
// A copy of the model's weights at one step, for inference off the training thread:
// whoever holds it reads it while training goes on. setup keeps the tokenizer and the
// experiment (labels, task) the model was trained with alive and unchanged.
struct InferenceSnapshot {
    std::shared_ptr<const attn::Model> model;
    std::shared_ptr<const TrainingSetup> setup;
    int step = 0;
    int generation = 0; // counts models installed by the worker: a new model, a new count
    bool isValid() const { return model != nullptr && setup != nullptr; }
};
} // namespace attn::gui
Q_DECLARE_METATYPE(attn::gui::InferenceSnapshot)
namespace attn::gui {

// Everything one training run is made of. The controller hands it to the
// worker; from then on only the worker's thread touches the engine.
struct TrainingSetup {
    attn::DataSpec data; // read and tokenized in the worker thread; its format follows
                         // the model's kind (attn::dataFormatFor)
    std::unique_ptr<attn::Experiment> experiment;
    attn::ModelSpec model; // any kind: LM, seq2seq (RNN or Transformer), classifier
    attn::TrainerConfig trainer;
    int batchSize = 32;
    std::uint64_t modelSeed = 1;
    // Where an opened model's training text is looked for when the Data dock does not
    // hold it: the model's own folder first, then these (e.g. the bundled samples).
    QStringList dataFolders;
    // A pretrained model (a Hugging Face folder) trained on no file of ours reads this
    // text for its probe and any further training.
    QString fallbackText;
};

// Lives in the training thread (Qt's Mandelbrot-example pattern). run() blocks
// that thread in Trainer::run(); the trainer's thread-safe controls (pause,
// resume, step, cancel, learning rate) are called from the GUI thread through
// the controller. Snapshots leave through queued signals: loss points in
// batches and an AttentionTrace of the probe at most every 100 ms, so the GUI
// never waits on the engine and is never flooded.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject *parent = nullptr);
    ~TrainingWorker() override;

    // Calls f(attn::Trainer &) under a lock when a trainer exists; returns whether
    // one did. This is how the GUI thread uses the trainer's thread-safe controls:
    // the worker may replace the trainer (a new model, or a run after Stop).
    template <class F> bool withTrainer(F &&f)
    {
        QMutexLocker lock(&m_trainerMutex);
        if (!m_trainer)
            return false;
        f(*m_trainer);
        return true;
    }

    // The views follow this text from now on (the model's reading of it: an LM's
    // input, a seq2seq source with its greedy output, a classifier's text); empty: the
    // data's validation example again. Any thread: applied by the next captureTrace()
    // or, while training, at the next step boundary.
    void requestProbe(const QString &text);
    // The layer to trace when the probe is too long to trace every layer at once (see
    // makeTrace). Any thread: applied like requestProbe().
    void requestTraceLayer(int layer)
    {
        m_traceLayer = layer;
        m_retraceRequested = true;
    }
    // A trace of every layer larger than this is taken one layer at a time.
    static constexpr double fullTraceBudgetBytes = 256.0 * 1024 * 1024;
    void setTraceBudget(double bytes) { m_traceBudget = bytes; } // any thread (tests)
    // Asks for an InferenceSnapshot at the next step boundary of a run (any thread).
    void requestInferenceSnapshot() { m_snapshotRequested = true; }
    // A copy of the current model (worker thread, or any thread while the trainer is
    // known not to step: no run, or paused and waiting under withTrainer()).
    InferenceSnapshot makeInferenceSnapshot() const;

    // Minimum time between two trace snapshots while training.
    static constexpr std::chrono::milliseconds snapshotInterval{100};

public slots:
    // Reads the data, builds the model and trainer (worker thread). Emits ready() or failed().
    void setUp(std::shared_ptr<TrainingSetup> setup);
    // Trains until finished, cancelled or diverged (blocks this thread). A run whose plan
    // is done goes on for extendBy more steps (Train pressed again at "Step 600 of 600").
    void run(long long extendBy = 0);
    // A trace of the probe with the current weights (not while run() is active).
    void captureTrace();
    // Emits inferenceSnapshot() with a copy of the current model (not while run() is active).
    void emitInferenceSnapshot();
    // Saves the model with its tokenizer and training summary (atomically).
    // Emits saved(); not while run() is active.
    void save(const QString &path);
    // Loads a model file or a Hugging Face GPT-2 folder; the text it was trained on is
    // attached (a built-in task, the Data dock's file, or a file of that name in
    // setup->dataFolders). Emits ready() and loaded(), or failed().
    void load(const QString &path, std::shared_ptr<TrainingSetup> setup);

signals:
    void ready(int parameters, QStringList probeLabels, int step, int totalSteps);
    void loaded(const QString &path, const attn::ModelSpec &spec, int step,
                const QStringList &warnings);
    // The data an opened model came with (a built-in task, or a file) and its tokenizer,
    // for the Data dock.
    void dataAttached(const QString &task, const QString &path, TokenizerSnapshot tokenizer);
    // A classifier's prediction for the probe (class names and probabilities, from
    // ClassifierModel::predict), sent with every trace of a classifier.
    void probePrediction(const QStringList &labels, const QVector<float> &probabilities, int step);
    // The probe could not be read as asked (setProbeText): the reason.
    void probeFailed(const QString &message);
    void saved(const QString &path, const QString &error, int step); // error empty on success
    void failed(const QString &message);
    void progress(const QVector<attn::LossPoint> &points, double tokensPerSecond);
    void traceReady(TraceSnapshot trace, int step);
    void inferenceSnapshot(InferenceSnapshot snapshot);
    // status: 0 finished, 1 steps done, 2 cancelled, 3 diverged (attn::TrainStatus).
    void stopped(int status, const QString &message, int step);

private:
    void onReport(const attn::TrainReport &report);
    // Makes model (for setup) the current one, with a fresh trainer; emits ready().
    void install(std::unique_ptr<attn::Model> model, std::shared_ptr<TrainingSetup> setup,
                 long long step);
    // The probe batch (B = 1) for text in the model's format; throws attn::Error.
    attn::Batch probeFor(const QString &text) const;
    void applyPendingProbe();
    void emitTrace(int step);
    void flush(int step);
    TraceSnapshot makeTrace() const;
    std::unique_ptr<attn::Trainer> makeTrainer();

    std::shared_ptr<TrainingSetup> m_setup;
    std::unique_ptr<attn::Model> m_model;
    std::unique_ptr<attn::Trainer> m_trainer; // replaced only under m_trainerMutex
    QMutex m_trainerMutex;
    attn::Batch m_probe;
    double m_lastLoss = 0.0, m_lastValLoss = 0.0;
    QVector<attn::LossPoint> m_pending;
    attn::TrainingHistory m_history; // the whole run's curve, saved with the model
    double m_tokensPerSecond = 0.0;
    std::chrono::steady_clock::time_point m_lastFlush;
    std::atomic<bool> m_snapshotRequested{false};
    QMutex m_probeMutex;
    QString m_pendingProbe; // under m_probeMutex
    std::atomic<bool> m_probeRequested{false};
    std::atomic<int> m_traceLayer{0};
    std::atomic<bool> m_retraceRequested{false};
    std::atomic<double> m_traceBudget{fullTraceBudgetBytes};
    int m_generation = 0;
};

} // namespace attn::gui
