#pragma once

#include "core/types.h"

#include "core/aligned.h"

#include <vector>

namespace attn {

// Softmax cross-entropy over rows of logits, averaged over the rows whose target
// is not -1 (padding).
struct CrossEntropyCache {
    FloatBuffer probs;    // (n, V) softmax of the logits
    DoubleBuffer rowLoss; // (n) -log p[target], 0 for ignored rows
    Index counted = 0;    // rows with a target
    Index correct = 0;    // of which argmax == target
    double loss = 0.0;    // mean over counted rows (0 when none)
};

// logits (n, V); targets (n) in [-1, V). Returns the mean loss.
double crossEntropyForward(const float *logits, Index n, Index vocab, const TokenId *targets,
                           CrossEntropyCache &cache);
// Reverses loss = mean_counted(-log softmax(logits)[target]):
// dlogits += scale·(p - onehot(target)) / counted on counted rows.
void crossEntropyBackward(const CrossEntropyCache &cache, Index n, Index vocab,
                          const TokenId *targets, float *dlogits, float scale = 1.0f);

} // namespace attn
