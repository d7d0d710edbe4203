#pragma once

// An RNN encoder-decoder with attention (Bahdanau et al. 2015; Luong et al. 2015):
//
//   encoder:  e_j = Emb_src[x_j];  h_j = [h→_j | h←_j] = BiGRU/BiLSTM(e)     (S, 2H)
//   bridge:   s_0 = tanh(W_b [h→_last | h←_first] + b_b)                       (D = 2H)
//   step i:   c_i = Σ_j a_ij h_j,  a_i = softmax_j(score(s_{i-1}, h_j)), padding masked
//             s_i = Cell([Emb_tgt[y_{i-1}] | c_i], s_{i-1})                    (D)
//             logits_i = W_o [s_i | c_i] + b_o                                 (V)
//
// The decoder state has D = 2·hidden units so that every attention kind
// (dot products need equal sizes) scores s against the 2·hidden encoder states.
// Training uses teacher forcing (ratio r: each step's input is the reference
// token with probability r, else the model's own previous argmax). Batches are
// SyntheticTask::seq2seqBatch's: source (B, S) + sourceLengths, inputs
// <bos> target, targets target <eos> (-1 ignored). Source and target share one
// vocabulary (vocab_size); ids 0..3 are <pad> <bos> <eos> <unk>.
//
// Training splits a batch into one chunk of rows per thread (OpenMP), each with
// its own gradient buffer, summed after backward.
//
// trace(one) holds one block "cross" (AttentionRole::Cross, one head):
//   q (Tq, D)  the decoder states s_{i-1} the scores use (Tq = one.length)
//   k = v (Tk, 2H) the encoder states (Tk = one.sourceLength; 0 on padding)
//   scores (Tq, Tk) raw e_ij; scaled = scale·scores; weights (Tq, Tk), exactly 0
//   on padding; out (Tq, 2H) the contexts c_i; mask (Tq, Tk) 1 on padding;
//   block x = q. extras, by attention kind:
//     additive: "Ws" (Tq, A) = W s_{i-1}, "Uh" (Tk, A) = U h_j, "v" (1, A),
//               "W" (A, D), "U" (A, 2H)
//     general:  "Wh" (Tk, D) = W h_j (so e_ij = s_{i-1}·Wh_j), "W" (D, 2H)
//     every kind: "states" (Tq, D) the decoder states s_i after each step,
//               "encoder" (Tk, 2H) the encoder states (same as k).
// trace.tokenEmbeddings (Tk, E) are the source embeddings; logits (Tq, V).

#include "core/rng.h"
#include "layers/dropout.h"
#include "layers/recurrent.h"
#include "layers/rnnattention.h"
#include "models/model.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace attn {

// JSON keys in quotes.
// The name errors give the model.
inline constexpr const char *kSeq2SeqRnnName = "seq2seq-rnn";

struct Seq2SeqRNNConfig {
    int vocab = 32;                                          // "vocab_size"
    int embedding = 32;                                      // "embedding_size": E
    int hidden = 64;                                         // "hidden_size": H per direction
    RnnCell rnn = RnnCell::GRU;                              // "rnn": "gru" | "lstm"
    RnnAttentionKind attention = RnnAttentionKind::Additive; // "attention": "additive" |
                                                             // "dot" | "general" | "scaled-dot"
    int attentionSize = 0;       // "attention_size": A of additive attention; 0 => hidden
    float teacherForcing = 1.0f; // "teacher_forcing_ratio" in [0, 1]
    float dropout = 0.0f;        // "dropout" on embeddings and on [s_i | c_i]
    int maxSourceLength = 256;   // "max_source_length": longest source accepted
    int maxTargetLength = 256;   // "max_target_length": longest decoder input / output

    int decoderHidden() const { return 2 * hidden; }
    int attentionDim() const { return attentionSize > 0 ? attentionSize : hidden; }
    Index parameterCount() const;
    // Throws attn::Error naming the first setting out of range.
    void validate() const;
    nlohmann::json toJson() const;
    // Missing keys keep the defaults; wrong types or values -> attn::Error naming the key.
    static Seq2SeqRNNConfig fromJson(const nlohmann::json &json);
};

class Seq2SeqRNN : public WithParams<Seq2SeqModel> {
public:
    explicit Seq2SeqRNN(const Seq2SeqRNNConfig &config, std::uint64_t seed = 1);
    ~Seq2SeqRNN() override;

    std::string kind() const override { return "seq2seq-rnn"; }
    LossStats forward(const Batch &batch) override;
    void backward() override;
    AttentionTrace trace(const Batch &one, const TraceOptions &options = {}) const override;
    std::vector<TokenId> decode(const std::vector<TokenId> &source,
                                const DecodeOptions &options = {}) const override;

    const Seq2SeqRNNConfig &config() const { return m_config; }
    void initWeights(std::uint64_t seed);
    void seedDropout(std::uint64_t seed) { m_rng.reseed(seed); }

    struct Encoded; // encoder outputs for b rows
    struct DecStep; // one decoder step for b rows
    struct Chunk;   // one thread's rows of a batch: activations and gradients

private:
    void encode(const ParamStore &P, const TokenId *src, Index b, Index S, const int *lengths,
                bool training, Rng *rng, Encoded &e) const;
    // One decoder step for b rows; row r attends over encoder row rowOf[r].
    // logits (b, V) are written into st.probs (softmax applied when softmax is true).
    void step(const ParamStore &P, const Encoded &e, const std::vector<Index> &rowOf,
              const TokenId *tokens, const MatRM &sPrev, const MatRM &cPrev, bool training,
              Rng *rng, DecStep &st, bool softmax) const;
    void checkBatch(const Batch &b) const;
    void forwardChunk(const ParamStore &P, Chunk &c, const Batch &b, bool training) const;
    void backwardChunk(const ParamStore &P, Chunk &c, double lossScale) const;

    Seq2SeqRNNConfig m_config;
    ParamStore::Id m_srcEmb = -1, m_tgtEmb = -1;   // (V, E) each
    BiRecurrent m_encoder;                         // E -> 2H
    ParamStore::Id m_bridgeW = -1, m_bridgeB = -1; // (D, 2H), (D)
    RecurrentCell m_decoder;                       // E + 2H -> D
    RnnAttention m_attention;                      // D over 2H
    ParamStore::Id m_outW = -1, m_outB = -1;       // (V, D + 2H), (V)
    Rng m_rng;
    std::vector<std::unique_ptr<Chunk>> m_chunks;
    int m_chunksUsed = 0;
    Index m_countedTotal = 0;
    bool m_haveForward = false;
};

} // namespace attn
