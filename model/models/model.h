#pragma once

#include "core/batch.h"
#include "core/params.h"
#include "core/types.h"
#include "trace/attentiontrace.h"

#include <string>
#include <vector>

namespace attn {

// What a forward pass measured, summed over the batch.
struct LossStats {
    double loss = 0.0; // mean loss over counted targets
    Index counted = 0; // targets that count (not padding)
    Index correct = 0; // argmax == target among them
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

// How an encoder-decoder writes its output.
struct DecodeOptions {
    int maxLength = 64; // output tokens at most, <eos> not counted
    int beam = 1;       // 1: greedy; > 1: beam search keeping this many hypotheses
    // Beam search ranks finished hypotheses by log-probability / length^lengthPenalty.
    double lengthPenalty = 1.0;
};

// Encoder-decoder models ("seq2seq-rnn", "seq2seq-transformer"). Batches use
// Batch::source/sourceLengths for the encoder and inputs (<bos> target) /
// targets (target <eos>) for the decoder, as SyntheticTask::seq2seqBatch makes
// them; ids 0..3 are <pad> <bos> <eos> <unk> (core/batch.h's special ids).
class Seq2SeqModel : public Model {
public:
    // The output for one source (ids without padding), without <bos> and <eos>; <pad> and
    // <bos> are never written (greedy: the argmax over the other ids). Deterministic; does not
    // disturb training (buffers of its own).
    virtual std::vector<TokenId> decode(const std::vector<TokenId> &source,
                                        const DecodeOptions &options = {}) const = 0;
    // trace(one) of a seq2seq model holds "cross" blocks whose queries are the
    // decoder inputs one.inputs and whose keys are one.source.
};

// Text classifiers ("classifier"). Batches use Batch::source/sourceLengths and labels.
class ClassifierModel : public Model {
public:
    virtual int classes() const = 0;
    // Class probabilities (classes()) for one source (ids without padding).
    virtual std::vector<float> predict(const std::vector<TokenId> &source) const = 0;
};

// The parameter store and the training switch that every model family here owns:
// class TransformerLM : public WithParams<Model>, class Seq2SeqRNN : public
// WithParams<Seq2SeqModel>, ...
template <class Interface> class WithParams : public Interface {
public:
    ParamStore &params() override { return m_params; }
    const ParamStore &params() const override { return m_params; }
    void setTraining(bool on) override { m_training = on; }
    bool training() const { return m_training; }

protected:
    ParamStore m_params;
    bool m_training = true;
};

} // namespace attn
