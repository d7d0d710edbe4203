#pragma once

#include "core/types.h"

#include <map>
#include <string>
#include <vector>

namespace attn {

// What one attention block attends with.
enum class AttentionRole {
    CausalSelf,        // decoder / LM self-attention, causal mask
    BidirectionalSelf, // encoder self-attention (padding mask only)
    Cross,             // decoder queries over encoder keys (target x source)
    Pool,              // classifier pooling: one query over all tokens
};

// How scores are computed.
enum class ScoreKind {
    ScaledDot, // q.k / sqrt(d_k)
    Dot,       // q.k (unscaled; shows why sqrt(d_k) matters)
    General,   // s^T W h (Luong)
    Additive,  // v^T tanh(W s + U h) (Bahdanau)
};

// One head of one attention block, for one input. Shapes use Tq query rows and
// Tk key rows; for self-attention Tq == Tk == T.
struct HeadTrace {
    MatRM q;       // (Tq, d_k) queries
    MatRM k;       // (Tk, d_k) keys
    MatRM v;       // (Tk, d_v) values
    MatRM scores;  // (Tq, Tk) raw scores: q_i . k_j (or the additive/general score)
    MatRM scaled;  // (Tq, Tk) scores * scale, before masking
    MatRM weights; // (Tq, Tk) softmax over masked, scaled scores; masked entries exactly 0
    MatRM out;     // (Tq, d_v) weights . v
    // Model-specific intermediates a walkthrough shows, by name, e.g. for additive
    // attention "Ws" (Tq, A), "Uh" (Tk, A), "v" (1, A).
    std::map<std::string, MatRM> extras;
};

// One attention block (one layer's self-attention, a cross-attention, or a pool).
struct AttentionBlockTrace {
    std::string name; // as in trace files: "layers.0.attn", "decoder.layers.1.cross", "pool"
    AttentionRole role = AttentionRole::CausalSelf;
    ScoreKind kind = ScoreKind::ScaledDot;
    int layer = 0;
    float scale = 1.0f; // 1/sqrt(d_k) for scaled dot, else 1
    MatRM mask;         // (Tq, Tk) 1 where the score is set to -inf (causal or padding), else 0
    MatRM residualIn;   // (Tq, C) the residual stream entering the block
    MatRM x;            // (Tq, C) the attention's input (after ln_1 where the model is pre-LN)
    std::vector<HeadTrace> heads;
    MatRM concat;      // (Tq, H*d_v) the heads' outputs side by side
    MatRM out;         // (Tq, C) after the output projection (c_proj)
    MatRM residualOut; // (Tq, C) residualIn + out (post-LN models: before ln_1 is applied)
    // The head slices of the projection weights, for the walkthrough; filled when
    // asked for (TraceOptions::weights), since at GPT-2 scale they are large.
    std::vector<MatRM> wq, wk, wv; // per head: (C, d_k)
    MatRM wo;                      // (H*d_v, C)
};

// Every intermediate of attention for one forward pass of one input. A plain
// value: views, the walkthrough and the CLI's trace read it; nothing recomputes
// attention on its own.
struct AttentionTrace {
    std::vector<TokenId> queryIds; // target / LM input ids (Tq)
    std::vector<TokenId> keyIds;   // source ids for seq2seq and classifiers; else == queryIds
    std::vector<std::string> queryTokens; // display text of each query token
    std::vector<std::string> keyTokens;   // display text of each key token
    MatRM tokenEmbeddings;                // (T, C) token embeddings of the (first) input
    MatRM positionEmbeddings;             // (T, C) learned or sinusoidal positions added to them
    std::vector<AttentionBlockTrace> blocks;
    MatRM logits; // (T, V) or (1, classes)

    // The index of the first block with this role, or -1 when there is none.
    int firstBlock(AttentionRole role) const
    {
        for (std::size_t i = 0; i < blocks.size(); ++i)
            if (blocks[i].role == role)
                return static_cast<int>(i);
        return -1;
    }

    const AttentionBlockTrace *find(const std::string &name) const
    {
        for (const auto &b : blocks)
            if (b.name == name)
                return &b;
        return nullptr;
    }
};

struct TraceOptions {
    bool weights = false; // fill AttentionBlockTrace::wq/wk/wv/wo
    // The decoder layers to trace, by index (TransformerLM); empty: every layer. At GPT-2
    // scale all 144 heads at 1024 tokens are gigabytes; a view asks for the layer it shows.
    std::vector<int> layers;
};

} // namespace attn
