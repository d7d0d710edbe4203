#pragma once

// The probabilities a classifier gives its classes, from logits: the one softmax that
// AttentionClassifier::predict() and the GUI's training replay (a stored trace's logits)
// share, so that a step replayed shows the numbers the model computed at that step. And a
// language model's next-token distribution at a temperature, most likely first, as the
// GUI's Inference panel shows it.

#include "core/types.h"
#include "trace/attentiontrace.h"

#include <vector>

namespace attn {

// softmax(z) = exp(z - max z) / Σ exp(z - max z) over n logits, in float (the shift by
// the maximum keeps every exponent ≤ 0, so exp never overflows). Empty for n ≤ 0.
std::vector<float> softmaxOf(const float *logits, Index n);

// The class probabilities of a classifier's trace: softmax of its one row of logits
// (1, classes). Empty when the trace's logits are not one row (an LM's (T, V), or none).
std::vector<float> classProbabilities(const AttentionTrace &trace);

// One entry of a distribution: a token's (or a class's) id and its probability.
struct RankedProbability {
    Index id = 0;
    double probability = 0.0;
};

// The k most likely of n probabilities, most likely first; equal ones in id order. k is
// clamped to [0, n].
std::vector<RankedProbability> mostLikely(const float *probabilities, Index n, Index k);

// The next-token distribution of one position's n logits z at temperature t,
// softmax(z / t) = exp((z - max z) / t) / Σ exp((z - max z) / t) in double, and its k most
// likely tokens, most likely first (equal ones in id order; k clamped to [0, n]). t below
// 1e-3 (and t ≤ 0, where sampling is greedy) counts as 1e-3: nearly all of the probability
// on the largest logit. Empty for n ≤ 0.
std::vector<RankedProbability> nextTokenProbabilities(const float *logits, Index n,
                                                      double temperature, Index k);

} // namespace attn
