#pragma once

// The numbers of the step-by-step walkthrough of softmax(QK^T/sqrt(d_k))V (and of
// additive attention, e = v^T tanh(W s + U h), and general attention, e = s^T W h) for
// one query row of one head.
//
// Everything a step shows is either read from an AttentionTrace, or derived here, in
// one place, from the trace's own values (in double): the term-by-term products of a dot
// product, the row maximum, exp(s - max), their sum, each a_ij * v_j, the softmax
// without the sqrt(d_k) scale. The derived sums are checked against the trace's scores,
// weights and outputs (the max*Error fields). Views only format these numbers.

#include "trace/attentiontrace.h"

#include <string>
#include <vector>

namespace attn {

// The steps, in order. A walkthrough uses the ones that apply (see Walkthrough::steps).
enum class WalkStep {
    Input,       // 1 tokens -> embeddings (+ positions) -> X (after LayerNorm)
    Projections, // 2 Q = X W_Q, K, V (additive: W s_{i-1}, U h_j)
    Scores,      // 3 s_ij = q_i . k_j term by term (additive: v^T tanh(..) term by term)
    Scale,       // 4 * 1/sqrt(d_k); the softmax without it
    Mask,        // 5 masked positions -> -inf
    Softmax,     // 6 subtract the max, exp, sum, divide
    WeightedSum, // 7 z_i = sum_j a_ij v_j
    MultiHead,   // 8 concat heads, W_O, residual
};

struct WalkthroughSelection {
    std::string block; // AttentionBlockTrace::name; empty: the first block
    int head = 0;
    int query = 0; // i (a decoding step for cross attention)
    int key = 0;   // j, the key whose score is expanded term by term
};

// A softmax over one row, column by column; masked columns have e = 0 and w = 0.
struct SoftmaxSteps {
    std::vector<double> input;   // (Tk) the scores going in (masked entries as given)
    std::vector<bool> masked;    // (Tk)
    double max = 0;              // over unmasked entries
    std::vector<double> shifted; // (Tk) input - max (unmasked)
    std::vector<double> exps;    // (Tk) exp(input - max), 0 where masked
    double sum = 0;
    std::vector<double> weights; // (Tk) exps / sum
};

struct Walkthrough {
    WalkthroughSelection sel; // validated, block name filled in
    ScoreKind kind = ScoreKind::ScaledDot;
    AttentionRole role = AttentionRole::CausalSelf;
    int Tq = 0, Tk = 0, dk = 0, dv = 0, C = 0, heads = 0;
    std::vector<WalkStep> steps;

    // 1 Input (read from the trace; empty when the trace lacks them)
    bool hasEmbeddings = false; // tokenEmbeddings/positionEmbeddings for this query row
    bool hasX = false;          // block x
    bool xIsNormed = false;     // x differs from residualIn (pre-LN models)
    std::vector<double> embSum; // (C) token + position embedding of row i (derived)
    double embSumError = 0;     // |embSum - residualIn_i| max, for the first layer

    // 2 Projections (dot attention, when the trace holds the weights)
    bool hasWeights = false;
    std::vector<double> xwq, xwk, xwv; // (d_k) x_i W_Q, x_j W_K, x_j W_V (derived)
    std::vector<double> bq, bk, bv;    // (d_k) q_i - x_i W_Q etc.: the projection's bias
    double biasSpread = 0;             // max over rows of |q_r - x_r W_Q - bq| (0: a bias)

    // 3 Scores
    std::vector<double> terms; // (d_k) q_i[d] * k_j[d]; additive: v[a] * tanh(Ws_i[a] + Uh_j[a])
    double termSum = 0;        // sum of terms (derived) ~ scores(i, j)
    std::vector<double> pre;   // additive: (A) Ws_i[a] + Uh_j[a]
    std::vector<double> tanhs; // additive: (A) tanh(pre)
    // General (Luong, e_ij = s_i . (W h_j)): terms are s_i[a] * (W h_j)[a] over a < Dq, with
    // W h_j read from the extras "Wh" (Tk, Dq); wh is W h_j worked out from "W" (Dq, Dk)
    // and h_j when the trace holds W (else empty), and whError its largest difference
    // from the extras' row.
    std::vector<double> wh; // general: (Dq)
    double whError = 0;
    double maxScoreError = 0; // over all unmasked j: |sum of terms - scores(i, j)|

    // 4 Scale
    double sqrtDk = 0;      // sqrt(d_k)
    double scale = 1;       // the trace's scale
    double temperature = 1; // (1/sqrt(d_k)) / scale for scaled dot; 1 otherwise
    SoftmaxSteps unscaled;  // softmax of the raw scores (no 1/sqrt(d_k))

    // 5 Mask
    std::vector<bool> masked; // (Tk) row i of the mask
    int maskedCount = 0;

    // 6 Softmax of the scaled, masked scores
    SoftmaxSteps softmax;
    double maxWeightError = 0; // |softmax.weights - weights(i, .)| max

    // 7 Weighted sum
    std::vector<std::vector<double>> contributions; // (Tk, d_v) a_ij * v_j
    std::vector<double> z;                          // (d_v) sum of the contributions
    double maxOutError = 0;                         // |z - out(i, .)| max

    // 8 Multi-head (when the trace holds concat/out and W_O)
    bool hasOutput = false;       // concat, out, residualIn/Out present
    std::vector<double> concatWo; // (C) concat_i W_O (derived; needs wo)
    std::vector<double> bo;       // (C) out_i - concat_i W_O: the output bias
    double maxResidualError = 0;  // |residualIn_i + out_i - residualOut_i| max (0 if post-LN
                                  // stores it before the norm, as documented)
};

// Builds the walkthrough of sel from trace. Throws attn::Error naming the block, head,
// query or key when it is out of range or the trace lacks what the kind needs.
Walkthrough buildWalkthrough(const AttentionTrace &trace, const WalkthroughSelection &sel);

// Softmax of one row with a mask (true = excluded), in double.
SoftmaxSteps softmaxSteps(const std::vector<double> &row, const std::vector<bool> &masked);

// The sandbox: one head computed from small Q, K, V the user typed.
struct SandboxInput {
    MatRM q;                                         // (Tq, d_k)
    MatRM k;                                         // (Tk, d_k)
    MatRM v;                                         // (Tk, d_v)
    bool causal = false;                             // mask keys j > i
    bool scaled = true;                              // divide by sqrt(d_k)
    double temperature = 1;                          // scores are divided by it as well (> 0)
    std::vector<std::string> queryTokens, keyTokens; // optional labels
};
inline constexpr int kSandboxMaxSize = 8;

// A one-block, one-head trace ("sandbox") computed in double from the input: scores,
// scaled (= scores * scale, scale = (scaled ? 1/sqrt(d_k) : 1) / temperature), mask,
// weights, out. Throws attn::Error when a size is 0 or above kSandboxMaxSize, shapes
// disagree, a value is not finite, or the temperature is not > 0.
AttentionTrace buildSandboxTrace(const SandboxInput &input);

enum class SandboxPreset {
    IdenticalKeys, // every key the same -> uniform weights
    OneHotKeys,    // one-hot keys, a query equal to one key -> (nearly) hard attention
    LargeScaled,   // large magnitudes, scaled by sqrt(d_k)
    LargeUnscaled, // the same without the scale -> saturated softmax
    Causal,        // a causal mask
};
SandboxInput sandboxPreset(SandboxPreset preset);

} // namespace attn
