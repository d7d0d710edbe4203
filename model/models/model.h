#pragma once

#include "core/params.h"
#include "core/types.h"
#include "trace/attentiontrace.h"

#include <string>
#include <vector>

namespace attn {

// One batch for any model kind. Token matrices are row-major (B, T).
struct Batch {
    int batch = 0;                 // B
    int length = 0;                // T: decoder / LM length
    std::vector<TokenId> inputs;   // (B, T) input ids (LM, decoder input with <bos>)
    std::vector<TokenId> targets;  // (B, T) next-token targets; -1 = ignored (padding)
    int sourceLength = 0;          // S: encoder length (seq2seq, classifier)
    std::vector<TokenId> source;   // (B, S) encoder ids, padded
    std::vector<int> sourceLengths; // (B) real length of each source row
    std::vector<int> labels;        // (B) class labels (classifier)
};

// What a forward pass measured, summed over the batch.
struct LossStats {
    double loss = 0.0;   // mean loss over counted targets
    Index counted = 0;   // targets that count (not padding)
    Index correct = 0;   // argmax == target among them
};

// The interface the trainer, the apps and the model files see.
class Model {
public:
    virtual ~Model() = default;

    // "lm", "seq2seq-rnn", "seq2seq-transformer", "classifier"
    virtual std::string kind() const = 0;
    virtual ParamStore &params() = 0;
    virtual const ParamStore &params() const = 0;

    // Dropout on (training) or off (evaluation, tracing, generation).
    virtual void setTraining(bool on) = 0;
    // Forward pass with loss; keeps what backward() needs.
    virtual LossStats forward(const Batch &batch) = 0;
    // Adds d(loss)/d(params) of the last forward() into params().grads().
    virtual void backward() = 0;
    // Every attention intermediate for one input (batch of 1), computed with the
    // current weights in buffers of its own: it does not disturb training.
    virtual AttentionTrace trace(const Batch &one, const TraceOptions &options = {}) const = 0;
};

} // namespace attn
