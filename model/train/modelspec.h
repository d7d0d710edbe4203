#pragma once

#include "models/model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn {

class Experiment;

// A model as a person chooses it (the CLI's options, the GUI's Model dock), before the
// data fills in the vocabulary, the lengths and the classes. One spec, every kind.
struct ModelSpec {
    std::string kind = "lm"; // "lm" | "seq2seq-rnn" | "seq2seq-transformer" | "classifier"
    int layers = 2;          // Transformer layers (seq2seq: in the encoder and in the decoder)
    int heads = 4;           // attention heads (Transformers)
    int dModel = 64;         // Transformers: C; RNNs: hidden units per direction
    int context = 0;         // lm: n_ctx; 0: the data's sequence length
    float dropout = 0.0f;
    // seq2seq-rnn: the decoder's attention, "additive" (Bahdanau, the default), "dot",
    // "general" (Luong) or "scaled-dot".
    std::string attention;
    // seq2seq-rnn: "gru" (default) or "lstm". classifier: the encoder, "gru" / "lstm" for
    // a BiGRU / BiLSTM; empty: a Transformer encoder.
    std::string rnn;
    float teacherForcing = 1.0f; // seq2seq-rnn: the share of steps fed the true token
    // Transformers (lm, seq2seq-transformer, the classifier's Transformer encoder): fixed
    // sinusoidal positions instead of learned ones.
    bool sinusoidal = false;
    // lm only (the variants a lecture compares with GPT-2's defaults):
    bool postNorm = false; // LayerNorm after each residual sum (original Transformer)
    bool unscaled = false; // raw q·k scores, without the 1/sqrt(d_k)

    // Throws attn::Error naming the setting (in the CLI's words: --layers, --heads, ...).
    void validate() const;
    bool operator==(const ModelSpec &) const = default;
};

// The kinds a spec can name, in menu order, and the data format each trains on:
// "lm" -> "lm", "seq2seq-*" -> "pairs", "classifier" -> "classify".
std::vector<std::string> modelSpecKinds();
std::string dataFormatFor(const std::string &kind);

// The spec a model was built from, as far as its config tells (for showing an opened
// model's settings). A pretrained or unknown kind gives the nearest spec.
ModelSpec modelSpecOf(const Model &model);

// The model for the data, with weights initialised from seed (and dropout seeded from it).
// Throws attn::Error when the spec and the data do not fit together (an LM context
// shorter than the task's sequences, a format the kind does not train on).
std::unique_ptr<Model> buildModel(const ModelSpec &spec, const Experiment &data,
                                  std::uint64_t seed);

} // namespace attn
