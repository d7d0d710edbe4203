#pragma once

#include "gui/training/trainingworker.h"

#include <QObject>
#include <QThread>

namespace attn::gui {

// The GUI thread's handle on training: owns the worker thread, starts and
// steers runs, and reports state changes. Its destructor cancels a run and
// waits for the thread, so closing the window never leaves a thread behind.
class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State {
        Empty,    // no model yet
        Ready,    // a model, not training
        Running,  // training
        Paused,   // training, paused between steps
        Stopping, // cancel requested, waiting for the step to end
    };
    Q_ENUM(State)
    // Added to the training thread's nice value on Linux (the GUI thread keeps its own).
    static constexpr int kTrainingNice = 5;

    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    State state() const { return m_state; }
    int step() const { return m_step; }
    int totalSteps() const { return m_totalSteps; }
    bool hasUnsavedProgress() const { return m_step > m_savedStep; }
    // Paused and no step in flight: the trainer sleeps between steps.
    bool isIdleWhilePaused() const;

    // Builds a new model and trainer (discarding the current one).
    void setUp(std::shared_ptr<TrainingSetup> setup);
    void start();    // from Ready: train; from Paused: resume
    void pause();    // from Running
    void stepOnce(); // from Ready or Paused: one update, then paused
    void stop();     // from Running or Paused: cancel at the next step boundary
    void setLearningRate(double lr);
    // Not while a run is active. Results arrive as saved() / modelLoaded() or setupFailed().
    void save(const QString &path);
    void load(const QString &path, std::shared_ptr<TrainingSetup> setup);
    // Asks for a copy of the current model for inference; it arrives as
    // inferenceSnapshot(): at once when no step is in flight, else at the next step
    // boundary. The trainer is never raced: the copy is taken while it does not step.
    void requestInferenceSnapshot();
    // The attention views follow this text (empty: the data's validation example);
    // a new trace arrives as traceReady(), or probeFailed() says why the text cannot be
    // read.
    void setProbeText(const QString &text);
    // The layer to trace when the probe is too long to trace every layer at once (a
    // GPT-2 at hundreds of tokens): traces of such a probe hold this layer's heads and
    // list the others with empty heads. A new trace follows as for setProbeText().
    void setTraceLayer(int layer);
    // Above this many bytes a trace holds one layer (default
    // TrainingWorker::fullTraceBudgetBytes; tests lower it).
    void setTraceBudget(double bytes);

signals:
    void stateChanged(TrainingController::State state);
    void modelReady(int parameters, const QStringList &probeLabels);
    void setupFailed(const QString &message);
    void modelLoaded(const QString &path, const attn::ModelSpec &spec, const QStringList &warnings);
    // A classifier's class probabilities for the probe, with each trace.
    void probePrediction(const QStringList &labels, const QVector<float> &probabilities, int step);
    void probeFailed(const QString &message);
    // An opened model's data: a built-in task's name, or a file's path.
    void dataAttached(const QString &task, const QString &path, TokenizerSnapshot tokenizer);
    void saved(const QString &path, const QString &error);
    void progress(const QVector<attn::LossPoint> &points, double tokensPerSecond);
    void traceReady(TraceSnapshot trace, int step);
    void inferenceSnapshot(InferenceSnapshot snapshot);
    // Train was pressed with the planned steps done: the run goes on to total steps.
    void planExtended(int more, int total);
    // A run ended; diverged carries the reason ("the loss became NaN ...").
    void finished(bool diverged, const QString &message);

private:
    // A new trace as soon as the weights are still (see setProbeText).
    void retrace();
    void setState(State s);
    void launch(bool paused);
    void onStopped(int status, const QString &message, int step);

    QThread m_thread;
    TrainingWorker *m_worker = nullptr;
    State m_state = State::Empty;
    int m_step = 0;
    int m_savedStep = 0;
    int m_totalSteps = 0;
    int m_runSteps = 0;     // the steps one run plans (the Model dock's Steps)
    bool m_running = false; // run() is executing in the worker thread
};

} // namespace attn::gui
