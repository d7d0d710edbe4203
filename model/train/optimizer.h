#pragma once

#include "core/params.h"

#include <memory>
#include <string>

namespace attn {

enum class OptimizerKind {
    AdamW, // Adam with decoupled weight decay (Loshchilov & Hutter), as GPT-2 is trained
    Sgd,   // stochastic gradient descent with (heavy-ball) momentum
};

std::string optimizerName(OptimizerKind kind); // "adamw", "sgd"
// Parses "adamw" / "sgd" (case-insensitive); throws attn::Error naming the valid ones.
OptimizerKind parseOptimizer(const std::string &name);

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::AdamW;
    float beta1 = 0.9f;       // AdamW: decay of the first moment
    float beta2 = 0.999f;     // AdamW: decay of the second moment
    float eps = 1e-8f;        // AdamW: added to sqrt(v_hat)
    float weightDecay = 0.0f; // AdamW: decoupled; SGD: L2 added to the gradient.
                              // Only entries with Entry::decay == true are decayed.
    float momentum = 0.9f;    // SGD: 0 is plain SGD
};

// Updates the values of a ParamStore from its gradients. The optimizer's state
// lives in the store itself (moment1, moment2), plus the count of updates made
// (AdamW's bias correction needs it), so saving the store and steps() is enough
// to resume.
class Optimizer {
public:
    virtual ~Optimizer() = default;

    // One update with learning rate lr from params.grads(). The update is
    // computed and checked before anything is written: if any new value or
    // moment would be NaN or infinite, nothing changes and false is returned.
    virtual bool step(ParamStore &params, float lr) = 0;

    // Updates made so far (AdamW's t).
    long long steps() const { return m_steps; }
    // For resuming from a saved store.
    void setSteps(long long steps) { m_steps = steps; }
    const OptimizerConfig &config() const { return m_config; }

protected:
    explicit Optimizer(const OptimizerConfig &config) : m_config(config) {}

    OptimizerConfig m_config;
    long long m_steps = 0;
};

// AdamW, step t = steps() + 1, for every parameter w with gradient g:
//   m = beta1 m + (1 - beta1) g
//   v = beta2 v + (1 - beta2) g^2
//   m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)
//   w = w - lr (m_hat / (sqrt(v_hat) + eps) + weightDecay w)   (decay only where Entry::decay)
// moment1 holds m, moment2 holds v.
class AdamW final : public Optimizer {
public:
    explicit AdamW(const OptimizerConfig &config);
    bool step(ParamStore &params, float lr) override;
};

// SGD with momentum (PyTorch's convention, no dampening):
//   g' = g + weightDecay w   (only where Entry::decay)
//   u = momentum u + g'
//   w = w - lr u
// moment1 holds the velocity u; moment2 is unused.
class Sgd final : public Optimizer {
public:
    explicit Sgd(const OptimizerConfig &config);
    bool step(ParamStore &params, float lr) override;
};

// Throws attn::Error when a setting is out of range (betas outside [0, 1), eps <= 0, ...).
void validate(const OptimizerConfig &config);
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerConfig &config);

} // namespace attn
