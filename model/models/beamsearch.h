#pragma once

// Beam search for every encoder-decoder (Seq2SeqModel::decode with DecodeOptions::beam > 1):
// the search is the same whatever computes the next token's log-probabilities, so the
// models supply only that step.

#include "core/types.h"
#include "models/model.h"

#include <functional>
#include <vector>

namespace attn {

// Throws attn::Error naming `model` unless maxLength >= 0, 1 <= beam <= 256 and the length
// penalty is finite.
void checkDecodeOptions(const DecodeOptions &options, const char *model);

// The token a decoder writes next by greedy choice: the argmax of scores (vocab >= 3
// log-probabilities, probabilities or logits) over every id but <pad> and <bos>, which a
// decoder never writes (ties: the lower id).
TokenId greedyNextToken(const float *scores, Index vocab);

// One step of the search. `written[r]` holds the tokens live hypothesis r has written so far
// (no <bos>, no <eos>); `from[r]` the hypothesis of the previous step it continues, so that
// a model carrying a state per hypothesis (an RNN's) can reorder it; on the first step there
// is one hypothesis, written = {{}} and from = {0}. Fills `logProbs` (rows = hypotheses,
// columns = vocabulary) with log p(next token | source, written[r]).
using BeamStep = std::function<void(const std::vector<std::vector<TokenId>> &written,
                                    const std::vector<int> &from, Eigen::MatrixXd &logProbs)>;

// Keeps the options.beam best hypotheses by log-probability each step (ties: the earlier
// hypothesis, then the lower id), never extending one by <pad> or <bos>; a hypothesis that
// writes `eos` is finished, and after
// `limit` tokens only `eos` may follow. Returns the finished hypothesis with the best
// log-probability / length^lengthPenalty (its <eos> counted), or, if none finished, the best
// live one.
std::vector<TokenId> beamSearch(const DecodeOptions &options, int limit, TokenId eos,
                                const BeamStep &step);

} // namespace attn
