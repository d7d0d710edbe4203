#pragma once

#include "core/batch.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn {

class Tokenizer;
struct CsvTable;

enum class TaskKind { LanguageModel, Classification, Pairs };
const char *taskName(TaskKind k); // "lm", "classification", "pairs"

// One training example, already tokenized.
struct Example {
    std::vector<TokenId> source; // classification: the text; pairs: the source (truncated)
    std::vector<TokenId> target; // LM: a window of up to T+1 tokens; pairs: the target
                                 // (truncated, without <bos>/<eos>)
    int label = -1;              // classification: index into Dataset::labelNames
    std::size_t line = 0;        // the 1-based line in the input it came from (0 for LM)
};

struct Dataset {
    std::string name;
    TaskKind kind = TaskKind::LanguageModel;
    int contextLength = 0;   // LM: T, the model's context
    int maxSourceLength = 0; // classification / pairs: sources are cut to this
    int maxTargetLength = 0; // pairs: decoder length T, <bos>/<eos> included
    std::vector<Example> examples;
    std::vector<std::string> labelNames; // classification: label id -> text, sorted
};

// Plain text -> language-model windows: consecutive windows of contextLength + 1 tokens
// starting every `stride` tokens (0: stride = contextLength, so each token is a target
// once). Throws attn::Error when the text has fewer than 2 tokens or contextLength < 1.
Dataset makeLanguageModelDataset(std::string_view text, const Tokenizer &tokenizer,
                                 int contextLength, const std::string &name, int stride = 0);

// Table -> (text, label). Labels are the distinct values of the label column, sorted.
// Refused: a label column with one class only, an empty label or text (line named).
Dataset makeClassificationDataset(const CsvTable &table, const std::string &textColumn,
                                  const std::string &labelColumn, const Tokenizer &tokenizer,
                                  int maxSourceLength);

// Table -> (source, target) pairs for seq2seq. Empty sources are refused (line named).
Dataset makePairsDataset(const CsvTable &table, const std::string &sourceColumn,
                         const std::string &targetColumn, const Tokenizer &tokenizer,
                         int maxSourceLength, int maxTargetLength);

// The text of some columns, one field per line: what a tokenizer for the table is built on.
std::string columnText(const CsvTable &table, const std::vector<std::string> &columns);

// A seeded, shuffled partition of the examples. validationFraction in [0, 1); with at least
// 2 examples and a fraction > 0, both parts are non-empty.
struct Split {
    std::vector<std::size_t> train, validation;
};
Split splitDataset(const Dataset &data, double validationFraction, std::uint64_t seed);

// A padded batch of the given examples:
//  LM:             inputs/targets (B, T), T = longest window - 1; padding: input <pad>, target -1.
//  classification: source (B, S) padded with <pad>, sourceLengths, labels.
//  pairs:          source (B, S), sourceLengths; inputs = <bos> target..., targets =
//                  target... <eos>, (B, T) with padding inputs <pad> and targets -1.
Batch makeBatch(const Dataset &data, const std::vector<std::size_t> &indices);

// Batches over some examples, epoch after epoch, reshuffled (seeded) at each epoch start.
class BatchSampler {
public:
    BatchSampler(const Dataset &data, std::vector<std::size_t> indices, int batchSize,
                 std::uint64_t seed, bool shuffle = true);
    Batch next();
    int epoch() const { return m_epoch; } // completed epochs
    std::size_t batchesPerEpoch() const;

private:
    void reshuffle();

    const Dataset &m_data;
    std::vector<std::size_t> m_indices;
    int m_batchSize;
    std::uint64_t m_seed;
    bool m_shuffle;
    std::size_t m_pos = 0;
    int m_epoch = 0;
};

struct DatasetStats {
    TaskKind kind = TaskKind::LanguageModel;
    std::size_t examples = 0;
    std::size_t trainExamples = 0, validationExamples = 0; // when a split is given
    std::size_t tokens = 0;        // source + target tokens over all examples
    std::size_t unknownTokens = 0; // <unk> among them
    int vocabSize = 0;
    int minLength = 0, maxLength = 0; // per example: source length (LM: window length)
    double meanLength = 0.0;
    int histogramBinWidth = 1;                // bin i counts lengths in [i*w, (i+1)*w)
    std::vector<std::size_t> lengthHistogram; // at most 20 bins
    std::vector<std::pair<std::string, std::size_t>> labelCounts; // classification
};
DatasetStats computeStats(const Dataset &data, const Tokenizer &tokenizer,
                          const Split *split = nullptr);

} // namespace attn
