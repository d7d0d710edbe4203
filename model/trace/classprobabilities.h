#pragma once

// The probabilities a classifier gives its classes, from logits: the one softmax that
// AttentionClassifier::predict() and the GUI's training replay (a stored trace's logits)
// share, so that a step replayed shows the numbers the model computed at that step.

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

} // namespace attn
