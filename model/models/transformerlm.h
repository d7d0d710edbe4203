#pragma once

#include "core/rng.h"
#include "layers/activation.h"
#include "layers/crossentropy.h"
#include "layers/dropout.h"
#include "layers/embedding.h"
#include "models/model.h"
#include "models/shards.h"
#include "models/transformerstack.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace attn {

// A GPT-2-style decoder-only Transformer. The defaults are GPT-2's architecture
// (at a small size); the options switch single parts for teaching.
// JSON uses Hugging Face GPT-2 config.json keys where they exist.
// The name errors give the model.
inline constexpr const char *kTransformerLmName = "transformer";

struct TransformerConfig {
    int vocab = 96;       // vocab_size
    int n_ctx = 64;       // n_positions: longest input
    int d_model = 64;     // n_embd: C
    int n_heads = 4;      // n_head: H (d_model must be divisible by it)
    int n_layers = 2;     // n_layer
    int d_ff = 0;         // n_inner: feed-forward width; 0 => 4·d_model
    float dropout = 0.0f; // resid_pdrop = embd_pdrop (attention weights are not dropped)
    float layer_norm_epsilon = 1e-5f;
    NormPlacement norm = NormPlacement::Pre; // "attentionlab_norm": "pre" | "post"
    PositionKind positions =
        PositionKind::Learned; // "attentionlab_positions": "learned" | "sinusoidal"
    // "attentionlab_sinusoid_scale": the amplitude of the fixed sinusoids (see
    // kSinusoidScale; 1 for files written before it existed).
    float sinusoid_scale = kSinusoidScale;
    Activation activation = Activation::GeluTanh; // activation_function: "gelu_new" | "relu"
    bool scaled = true;    // scale_attn_weights: q·k/√d_k (false: raw q·k)
    int pad_token_id = -1; // pad_token_id: inputs equal to it are masked as keys; -1: none

    int ffDim() const { return d_ff > 0 ? d_ff : 4 * d_model; }
    int headDim() const { return d_model / n_heads; }
    // Parameters the model registers.
    Index parameterCount() const;
    // Throws attn::Error naming the first setting that is out of range.
    void validate() const;
    nlohmann::json toJson() const;
    // Reads a Hugging Face GPT-2 config.json or our own; missing keys keep the
    // defaults above. Throws attn::Error on wrong types or values.
    static TransformerConfig fromJson(const nlohmann::json &json);
};

struct GenerateOptions {
    bool greedy = false; // argmax every step (also when temperature <= 0)
    float temperature = 1.0f;
    int topK = 0;           // keep the k most likely tokens; 0: all
    float topP = 1.0f;      // keep the smallest set with probability >= topP; 1: all
    std::uint64_t seed = 1; // sampling seed
    TokenId stopToken = -1; // stop after emitting this token; -1: never
};

class TransformerLM : public WithParams<Model> {
public:
    // Registers GPT-2's parameters and initialises them (normal 0.02, residual
    // projections scaled by 1/√(2·n_layer)) from seed. Throws on a bad config.
    explicit TransformerLM(const TransformerConfig &config, std::uint64_t seed = 1);
    // initialise false: every parameter is left 0 (no random draw, which takes seconds at
    // GPT-2 scale), for loaders that then set every parameter (loadHfModel).
    TransformerLM(const TransformerConfig &config, std::uint64_t seed, bool initialise);

    std::string kind() const override { return "lm"; }
    LossStats forward(const Batch &batch) override;
    void backward() override;
    AttentionTrace trace(const Batch &one, const TraceOptions &options = {}) const override;

    const TransformerConfig &config() const { return m_config; }
    // Re-draws every weight from seed (GPT-2 initialisation).
    void initWeights(std::uint64_t seed);
    // Reseeds the dropout mask generator.
    void seedDropout(std::uint64_t seed) { m_dropoutRng.reseed(seed); }

    // Logits (T, V) for one sequence, evaluation mode, buffers of its own.
    MatRM logits(const std::vector<TokenId> &ids) const;
    // The logits (B·T, V) computed by the last forward().
    MatRM lastLogits() const;
    // Continues prompt by n tokens (returned without the prompt), with a
    // key/value cache: each new token costs O(T). Evaluation mode.
    std::vector<TokenId> generate(const std::vector<TokenId> &prompt, int n,
                                  const GenerateOptions &options = {}) const;
    // The same continuation recomputing the whole prefix every step (O(T²) per
    // token); for tests and for comparison.
    std::vector<TokenId> generateUncached(const std::vector<TokenId> &prompt, int n,
                                          const GenerateOptions &options = {}) const;

    // Picks the next token from one row of logits (V) under the options.
    static TokenId sample(const float *logits, Index vocab, const GenerateOptions &options,
                          Rng &rng);

    // Activations of one forward pass, kept for backward (and read by trace).
    struct Workspace {
        Index batch = 0, length = 0;
        std::vector<TokenId> ids;         // (N)
        std::vector<TokenId> targets;     // (N)
        std::vector<std::uint8_t> keyPad; // (N) 1 = padded key; empty without a pad token
        FloatBuffer embed;                // (N, C) token + position embedding
        DropoutCache dropEmbed;
        TransformerStack::State stack; // the blocks' states (see TransformerStack)
        FloatBuffer logits;            // (N, V)
        // When set, run() writes the logits (N, V) there instead (a trace's own matrix:
        // at 1024 tokens and GPT-2's vocabulary one copy is 196 MiB).
        float *logitsOut = nullptr;
        CrossEntropyCache ce;
        // backward scratch
        FloatBuffer dlogits, dhead, dembed;
    };

private:
    // The forward pass shared by forward(), logits(), trace() and prefill. keepAll keeps
    // every layer's activations for backward() (see TransformerStack::forward); record
    // (empty or n_layer flags) marks the layers kept for a trace; onLayer may be empty.
    void run(const ParamStore &P, Workspace &ws, const TokenId *ids, Index batch, Index length,
             bool training, Rng *dropoutRng, bool keepAll,
             const TransformerStack::RecordLayers &record = {},
             const TransformerStack::LayerHook &onLayer = {}) const;
    // Adds the gradients of ws's forward pass into P's; lossScale multiplies the loss.
    void backwardPass(ParamStore &P, Workspace &ws, float lossScale) const;
    void checkIds(const TokenId *ids, Index n, const char *what) const;

    TransformerConfig m_config;
    Embedding m_wte;
    PositionEncoding m_wpe;
    TransformerStack m_stack; // h.<l> (TransformerBlockNames::gpt2), ln_f when pre-LN
    Rng m_dropoutRng;
    Workspace m_ws; // shard 0 (and the whole batch when it is not split)
    DataShards<Workspace> m_shards;
};

} // namespace attn
