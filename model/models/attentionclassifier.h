#pragma once

#include "core/rng.h"
#include "layers/attentionpool.h"
#include "layers/crossentropy.h"
#include "layers/dropout.h"
#include "layers/embedding.h"
#include "layers/linear.h"
#include "layers/recurrent.h"
#include "models/model.h"
#include "models/shards.h"
#include "models/transformerstack.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn {

enum class ClassifierEncoder {
    Transformer, // "transformer": pre-LN Transformer encoder layers (TransformerStack::bart)
    BiGRU,       // "bigru": one bidirectional GRU layer (hidden per direction)
    BiLSTM,      // "bilstm": one bidirectional LSTM layer
};

// "transformer" | "bigru" | "bilstm"; throws attn::Error naming the value otherwise.
ClassifierEncoder parseClassifierEncoder(const std::string &name);
const char *classifierEncoderName(ClassifierEncoder encoder);

struct AttentionClassifierConfig {
    int vocab = 64;       // vocab_size
    int classes = 2;      // num_labels
    int max_length = 128; // max_position_embeddings: longest input
    int d_model = 64;     // embedding width C
    ClassifierEncoder encoder = ClassifierEncoder::Transformer; // "encoder"
    int n_heads = 4;                                            // transformer
    int n_layers = 1;                                           // transformer layers
    int d_ff = 0;                                               // transformer; 0 => 4·d_model
    int hidden = 64;        // bigru/bilstm: state per direction (encoder output 2·hidden)
    int attention_dim = 32; // A: width of the pooling's tanh layer
    float dropout = 0.0f;   // on the embeddings, residual branches and the pooled vector
    float layer_norm_epsilon = 1e-5f;
    PositionKind positions = PositionKind::Learned; // transformer: "attentionlab_positions"
    // "attentionlab_sinusoid_scale": the amplitude of the fixed sinusoids (see
    // kSinusoidScale; 1 for files written before it existed).
    float sinusoid_scale = kSinusoidScale;
    Activation activation = Activation::GeluTanh; // transformer feed-forward
    bool scaled = true;                           // transformer: q·k/√d_k

    int ffDim() const { return d_ff > 0 ? d_ff : 4 * d_model; }
    // Width of the encoder's output, what the pooling sees: d_model or 2·hidden.
    int stateDim() const
    {
        return encoder == ClassifierEncoder::Transformer ? d_model : 2 * hidden;
    }
    Index parameterCount() const;
    void validate() const;
    nlohmann::json toJson() const;
    static AttentionClassifierConfig fromJson(const nlohmann::json &json);
};

// kind "classifier": embedding -> encoder -> additive attention pooling ->
// softmax over classes. Batches: source (B, S) padded, sourceLengths, labels (B).
//
// Parameters: embed_tokens.weight (V, C); embed_positions.weight (transformer,
// learned); encoder.* (TransformerStack::bart's names) or encoder.rnn.weight_ih_l0 ...
// (PyTorch GRU/LSTM names, "_reverse" for the backward direction); pool.proj.weight
// (Ch, A), pool.proj.bias (A), pool.v (A); classifier.weight (Ch, K), classifier.bias (K).
//
// trace(one): queryIds = keyIds = one.source (its first sourceLengths[0] tokens are
// real); with the transformer encoder, blocks "encoder.layers.<l>.attn"
// (BidirectionalSelf, T x T); then the block "pool" (AttentionRole::Pool,
// ScoreKind::Additive, scale 1, one head):
//   x       (T, Ch) the encoder's states h_t being pooled (residualIn/Out are empty)
//   mask    (1, T)  1 on padding
//   q       (1, A)  the learned query v;  k (T, A) tanh(h·W + b);  v (T, Ch) the states h
//   scores  (1, T)  e_t = v·tanh(h_t·W + b) (= q·kᵀ);  scaled = scores
//   weights (1, T)  softmax over the real tokens, padding exactly 0
//   out     (1, Ch) Σ_t a_t·h_t (also concat and the block's out)
//   extras  "Uh" (T, A) h·W + b before tanh, "tanh" (T, A) = k, "v" (1, A)
//   wk      (with TraceOptions::weights) one (Ch, A) matrix: W
// logits (1, K).
class AttentionClassifier : public WithParams<ClassifierModel> {
public:
    explicit AttentionClassifier(const AttentionClassifierConfig &config, std::uint64_t seed = 1);

    std::string kind() const override { return "classifier"; }
    LossStats forward(const Batch &batch) override;
    void backward() override;
    AttentionTrace trace(const Batch &one, const TraceOptions &options = {}) const override;
    int classes() const override { return m_config.classes; }
    std::vector<float> predict(const std::vector<TokenId> &source) const override;

    const AttentionClassifierConfig &config() const { return m_config; }
    void initWeights(std::uint64_t seed);
    void seedDropout(std::uint64_t seed) { m_dropoutRng.reseed(seed); }

    struct Workspace {
        Index batch = 0, length = 0;
        std::vector<TokenId> ids;      // (B·T)
        std::vector<int> lengths;      // (B)
        std::vector<std::uint8_t> pad; // (B·T) 1 = padding
        std::vector<TokenId> labels;   // (B)
        FloatBuffer embed;             // (B·T, C)
        DropoutCache dropEmbed;
        TransformerStack::State enc; // transformer
        BiRecurrent::Cache rnn;      // bigru / bilstm
        FloatBuffer rnnOut;          // (B·T, 2·hidden)
        AttentionPool::Cache pool;
        FloatBuffer pooled; // (B, Ch)
        DropoutCache dropPooled;
        FloatBuffer logits; // (B, K)
        CrossEntropyCache ce;
        AttentionPool::Scratch poolScratch;
        FloatBuffer dlogits, dpooled, dstates, dembed;
    };

private:
    void run(const ParamStore &P, Workspace &ws, const Batch &batch, Index b0, Index nb,
             bool training, Rng *rng, bool record) const;
    void backwardPass(ParamStore &P, Workspace &ws, float lossScale) const;
    void checkBatch(const Batch &batch, bool needLabels) const;
    const float *states(const Workspace &ws) const; // (B·T, Ch) the encoder's output

    AttentionClassifierConfig m_config;
    Embedding m_embed;
    PositionEncoding m_pos;
    TransformerStack m_encoder; // encoder.layers.<l>, encoder.layer_norm (transformer)
    BiRecurrent m_rnn;
    AttentionPool m_pool;
    Linear m_head;
    Rng m_dropoutRng;
    Workspace m_ws;
    DataShards<Workspace> m_shards; // shard 0 is m_ws
};

} // namespace attn
