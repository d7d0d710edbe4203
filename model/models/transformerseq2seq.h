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
#include <string>
#include <vector>

namespace attn {

// Vaswani et al. 2017's encoder-decoder (pre-LN TransformerStacks), with one
// token embedding shared by the source, the target and the output layer.
// JSON keys follow Hugging Face's BART/Marian config.json where they exist.
// The name errors give the model.
inline constexpr const char *kTransformerSeq2SeqName = "transformer seq2seq";

struct TransformerSeq2SeqConfig {
    int vocab = 32;         // vocab_size (source and target share it)
    int max_source = 64;    // max_source_positions: longest source
    int max_target = 64;    // max_target_positions: longest decoder input (<bos> + target)
    int d_model = 64;       // d_model: C
    int n_heads = 4;        // encoder_attention_heads = decoder_attention_heads
    int encoder_layers = 2; // encoder_layers
    int decoder_layers = 2; // decoder_layers
    int d_ff = 0;           // encoder_ffn_dim = decoder_ffn_dim; 0 => 4·d_model
    float dropout = 0.0f;   // dropout (residual branches and embeddings)
    float layer_norm_epsilon = 1e-5f;
    PositionKind positions = PositionKind::Sinusoidal; // "attentionlab_positions"
    // "attentionlab_sinusoid_scale": the amplitude of the fixed sinusoids (see
    // kSinusoidScale; 1 for files written before it existed).
    float sinusoid_scale = kSinusoidScale;
    Activation activation = Activation::Relu; // activation_function: "relu" | "gelu_new"
    bool scaled = true;                       // scale_attn_weights

    int ffDim() const { return d_ff > 0 ? d_ff : 4 * d_model; }
    Index parameterCount() const;
    // Throws attn::Error naming the first setting that is out of range.
    void validate() const;
    nlohmann::json toJson() const;
    // Missing keys keep the defaults; wrong types or values throw attn::Error naming the key.
    static TransformerSeq2SeqConfig fromJson(const nlohmann::json &json);
};

// kind "seq2seq-transformer". Batches as SyntheticTask::seq2seqBatch makes them:
// source (B, S) with sourceLengths (padding masked as keys of the encoder and of
// the cross-attention), decoder inputs (B, T) = <bos> target, targets (B, T) =
// target <eos> with -1 on padding.
//
// Parameter names: shared.weight (V, C); encoder.embed_positions.weight and
// decoder.embed_positions.weight (learned positions only); encoder.layers.<l>.self_attn
// (c_attn, c_proj), .self_attn_layer_norm, .mlp (c_fc, c_proj), .final_layer_norm;
// encoder.layer_norm; decoder.layers.<l>.self_attn (c_attn, c_proj),
// .self_attn_layer_norm, .encoder_attn (q_proj, k_proj, v_proj, out_proj),
// .encoder_attn_layer_norm, .mlp (c_fc, c_proj), .final_layer_norm; decoder.layer_norm.
//
// trace(one): blocks "encoder.layers.<l>.attn" (BidirectionalSelf, S x S),
// "decoder.layers.<l>.self" (CausalSelf, T x T) and "decoder.layers.<l>.cross"
// (Cross, T x S), in that order; queryIds = one.inputs, keyIds = one.source;
// tokenEmbeddings / positionEmbeddings are those of the decoder inputs; logits (T, V).
class TransformerSeq2Seq : public WithParams<Seq2SeqModel> {
public:
    explicit TransformerSeq2Seq(const TransformerSeq2SeqConfig &config, std::uint64_t seed = 1);

    std::string kind() const override { return "seq2seq-transformer"; }
    LossStats forward(const Batch &batch) override;
    void backward() override;
    AttentionTrace trace(const Batch &one, const TraceOptions &options = {}) const override;
    std::vector<TokenId> decode(const std::vector<TokenId> &source,
                                const DecodeOptions &options = {}) const override;

    const TransformerSeq2SeqConfig &config() const { return m_config; }
    void initWeights(std::uint64_t seed);
    void seedDropout(std::uint64_t seed) { m_dropoutRng.reseed(seed); }
    // log p(target <eos> | source) under the model (evaluation mode); target without
    // <bos>/<eos>. For tests and for ranking outputs.
    double logProbability(const std::vector<TokenId> &source,
                          const std::vector<TokenId> &target) const;

    struct Workspace {
        Index batch = 0, source = 0, target = 0;
        std::vector<TokenId> src, tgt, targets; // (B·S), (B·T), (B·T)
        std::vector<std::uint8_t> srcPad;       // (B·S) 1 = padding
        FloatBuffer srcEmbed, tgtEmbed;         // (B·S, C), (B·T, C)
        DropoutCache dropSrc, dropTgt;
        TransformerStack::State enc, dec;
        FloatBuffer logits; // (B·T, V)
        CrossEntropyCache ce;
        // backward scratch
        FloatBuffer dlogits, dhead, dtgt, dmem, dsrc;
        // The encoder's output as the decoder's cross-attention reads it.
        TransformerBlock::Memory memory() const;
    };

private:
    void run(const ParamStore &P, Workspace &ws, const Batch &batch, Index b0, Index nb,
             bool training, Rng *rng, bool record) const;
    void encode(const ParamStore &P, Workspace &ws, bool training, Rng &rng, bool record) const;
    void decodeStack(const ParamStore &P, Workspace &ws, bool training, Rng &rng,
                     bool record) const;
    void backwardPass(ParamStore &P, Workspace &ws, float lossScale) const;
    void checkBatch(const Batch &batch) const;
    // Logits (V) of the last position of prefix given a workspace whose encoder has run.
    void lastLogits(Workspace &ws, const std::vector<TokenId> &prefix, float *out) const;
    Workspace encodeOne(const std::vector<TokenId> &source) const;

    TransformerSeq2SeqConfig m_config;
    Embedding m_embed;
    PositionEncoding m_srcPos, m_tgtPos;
    TransformerStack m_encoder; // encoder.layers.<l>, encoder.layer_norm
    TransformerStack m_decoder; // decoder.layers.<l> (with cross-attention), decoder.layer_norm
    Rng m_dropoutRng;
    Workspace m_ws;
    DataShards<Workspace> m_shards; // shard 0 is m_ws
};

} // namespace attn
