#pragma once

#include "models/model.h"

#include <vector>

namespace attn {

// Exact match of an encoder-decoder: every source of the batches decoded (greedy, or
// beam with options.beam > 1) and compared with its target, token for token.
struct ExactMatchResult {
    int correct = 0;
    int total = 0;
    double fraction() const { return total > 0 ? double(correct) / double(total) : 0.0; }
};
ExactMatchResult seq2seqExactMatch(const Seq2SeqModel &model, const std::vector<Batch> &batches,
                                   const DecodeOptions &options = {});

// A row of a seq2seq/classifier batch: the source ids without padding, and the target
// (decoder targets up to, not including, <eos>).
std::vector<TokenId> batchSource(const Batch &b, int row);
std::vector<TokenId> batchTarget(const Batch &b, int row);

// A classifier's predicted class (argmax of predict()) and the true label of every row.
struct ClassPredictions {
    std::vector<int> predicted;
    std::vector<int> truth;
};
ClassPredictions classifierPredictions(const ClassifierModel &model,
                                       const std::vector<Batch> &batches);

// A batch of one for tracing a model on one input. An LM reads ids as its input; a
// seq2seq model reads them as its source and, as the decoder's input, <bos> followed by
// target (when given) or by its own greedy output; a classifier reads them as its text
// (label 0, unused by a trace). Throws attn::Error when ids is empty.
Batch singleBatch(const Model &model, const std::vector<TokenId> &ids,
                  const std::vector<TokenId> *target = nullptr);

// A batch of one without its padding: the source cut to its length, the decoder's (or an
// LM's) positions cut after the last target that counts. The views then show the example's
// own tokens, not a row of <pad>. A batch of more rows is returned as it is.
Batch withoutPadding(Batch batch);

} // namespace attn
