#pragma once

#include "core/error.h"
#include "core/rng.h"
#include "models/model.h"
#include "train/optimizer.h"
#include "train/schedule.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace attn {

// What one training step measured; handed to the trainer's callback.
struct TrainReport {
    long long step = 0; // updates done, counting this one (1 for the first)
    double loss = std::numeric_limits<double>::quiet_NaN();     // mean loss of this step's batch
    double accuracy = std::numeric_limits<double>::quiet_NaN(); // argmax == target on this batch
    double valLoss = std::numeric_limits<double>::quiet_NaN();  // NaN unless evaluated this step
    double valAccuracy = std::numeric_limits<double>::quiet_NaN();
    float lr = 0.0f;              // the learning rate this update used (after the schedule)
    double gradNorm = 0.0;        // global gradient norm before clipping
    double tokensPerSecond = 0.0; // (B*T + B*S) tokens of the batch over the step's wall time
};

// Where batches come from. Each is called with a generator the trainer seeds,
// so the same seed gives the same batches. validation may be empty (no evaluation).
struct BatchSource {
    std::function<Batch(Rng &)> train;
    std::function<Batch(Rng &)> validation;
};

struct TrainerConfig {
    long long steps = 1000;     // updates in a full run
    float learningRate = 1e-3f; // the base rate; the schedule scales it
    LrSchedule schedule;        // constant by default
    OptimizerConfig optimizer;  // AdamW by default; holds the weight decay
    bool clipGradients = true;  // clip the global gradient norm ...
    float clipNorm = 1.0f;      // ... to this
    int evalEvery = 100;    // evaluate on validation data every N steps and at the last; 0: never
    int evalBatches = 4;    // validation batches per evaluation
    std::uint64_t seed = 1; // batches (the model's own seed sets its initial weights)

    // Throws attn::Error naming the setting that is out of range and what was expected.
    void validate() const;
};

// Why run() / runSteps() returned.
enum class TrainStatus {
    Finished,  // config.steps updates are done
    StepsDone, // runSteps(n) made its n updates
    Cancelled, // cancel() was called
    Diverged,  // the loss or the gradients became NaN or infinite; message says where
};

struct TrainResult {
    TrainStatus status = TrainStatus::Finished;
    long long step = 0;  // updates done when it returned
    std::string message; // for Diverged: "training stopped at step 123: ..."
    // The same message as an attn::Error, to show it in the user's language
    // (app/common/errortext.h); set exactly when message is.
    std::optional<Error> error;
};

// What, besides the ParamStore (values and both moments), resuming needs.
struct TrainState {
    long long step = 0;           // updates done (the batch stream continues from here)
    long long optimizerSteps = 0; // AdamW's t
    float learningRate = 0.0f;    // the base rate in force
};

// Owns the training loop: zero the gradients, forward, backward, check, clip,
// update. A NaN or infinity in the loss, the gradients or the would-be weights
// stops training before anything is written, so the weights stay those of the
// last good step.
//
// run() and runSteps() execute on the calling thread (the GUI's worker thread).
// pause(), resume(), stepWhilePaused(), cancel() and setLearningRate() may be
// called from any other thread; they take effect between steps. A paused
// trainer sleeps on a condition variable.
//
// Each step's batch comes from a generator seeded by (seed, step), so a run
// that is resumed from a saved state sees the same batches as one that was not
// interrupted.
class Trainer {
public:
    using Callback = std::function<void(const TrainReport &)>;

    // Validates the config (throws attn::Error). Keeps a reference to model.
    Trainer(Model &model, BatchSource data, const TrainerConfig &config);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    // Called on the training thread after every step.
    void setCallback(Callback callback) { m_callback = std::move(callback); }

    // Trains until config().steps updates are done, or until cancelled or diverged.
    TrainResult run();
    // At most n more updates (never past config().steps).
    TrainResult runSteps(long long n);

    struct Evaluation {
        double loss = std::numeric_limits<double>::quiet_NaN(); // mean over counted targets
        double accuracy = std::numeric_limits<double>::quiet_NaN();
        Index counted = 0;
    };
    // Loss on config().evalBatches validation batches, with dropout off. The
    // same batches every time (a generator seeded from the seed alone), so
    // successive evaluations are comparable. NaN loss without validation data.
    Evaluation evaluate();

    // --- thread-safe controls ---
    void pause();
    void resume();
    // While paused, let n more steps through, then stay paused ("Step once").
    void stepWhilePaused(int n = 1);
    // While paused, runs task on the training thread between two steps (at once when
    // run() sleeps; the weights are still), then stays paused: a paused GUI takes its
    // traces there instead of on its own thread. False, with nothing queued, when not
    // paused (the caller's next step boundary comes anyway). A task must not throw.
    bool runWhilePaused(std::function<void()> task);
    // Stops at the next step boundary (or wakes a paused trainer); sticky.
    void cancel();
    bool isPaused() const { return m_paused.load(); }
    bool isCancelled() const { return m_cancel.load(); }
    // True while run() sleeps because of pause().
    bool isWaiting() const { return m_waiting.load(); }
    // The base learning rate for the next step; throws attn::Error when not a positive finite
    // number.
    void setLearningRate(float lr);
    float learningRate() const { return m_lr.load(); }
    // Updates done so far.
    long long step() const { return m_step.load(); }

    // Not thread-safe (the optimizer's count is plain): call these on the
    // training thread or while run() is not running.
    TrainState state() const;
    // Continues from a saved state; the store's values and moments must be restored by the caller.
    void restoreState(const TrainState &state);

    const TrainerConfig &config() const { return m_config; }
    Model &model() { return m_model; }

private:
    // Waits while paused; false when cancelled.
    bool waitUntilRunnable();
    // One update; false (and message) when it diverged.
    bool trainStep(TrainReport &report, std::optional<Error> &message);

    Model &m_model;
    BatchSource m_data;
    TrainerConfig m_config;
    std::unique_ptr<Optimizer> m_optimizer;
    Callback m_callback;

    std::atomic<long long> m_step{0};
    std::atomic<float> m_lr{0.0f};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_waiting{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    int m_granted = 0;                          // steps allowed while paused; guarded by m_mutex
    std::vector<std::function<void()>> m_tasks; // runWhilePaused(); guarded by m_mutex
};

std::string
trainStatusName(TrainStatus status); // "finished", "steps done", "cancelled", "diverged"

} // namespace attn
