#pragma once

#include "core/batch.h"
#include "core/rng.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attn {

// One input/output pair of a synthetic task, as UTF-8 text.
struct TaskExample {
    std::string source;
    std::string target;
};

// What a task is and the attention pattern it is meant to show.
struct TaskSpec {
    std::string name;        // "copy", "reverse", "sort", "addition", "dates"
    std::string description; // one line for menus
    std::string pattern;     // the attention pattern a trained model shows
    int defaultLength = 0;   // TaskOptions::length when not given (0: not used)
};

struct TaskOptions {
    int length = 0;    // copy/reverse/sort: symbols per sequence; addition: digits per operand.
                       // 0: the task's default. Ignored by dates.
    int minLength = 0; // shortest sequence / operand; 0: equal to length (copy, reverse,
                       // sort) or 1 (addition)
    int symbols = 10;  // copy/reverse: how many letters a.. to draw from (2..26)
};

// Seeded generators of small tasks, each with a tiny fixed character
// vocabulary: ids 0..3 are <pad> <bos> <eos> <unk> (as every Tokenizer), id 4
// is the separator "=" between source and answer in LM sequences, then the
// task's characters in the order listed. The tasks need no tokenizer.
class SyntheticTask {
public:
    static constexpr TokenId Pad = 0;
    static constexpr TokenId Bos = 1;
    static constexpr TokenId Eos = 2;
    static constexpr TokenId Unk = 3;
    static constexpr TokenId Sep = 4;

    virtual ~SyntheticTask() = default;

    const TaskSpec &spec() const { return m_spec; }
    const std::string &name() const { return m_spec.name; }

    // A random example; the same generator state gives the same example.
    virtual TaskExample sample(Rng &rng) const = 0;

    // id -> token text: "<pad>" "<bos>" "<eos>" "<unk>" "=" then one character each.
    const std::vector<std::string> &vocab() const { return m_vocab; }
    int vocabSize() const { return static_cast<int>(m_vocab.size()); }
    // Like vocab() but whitespace made visible ("␣") for axis labels.
    std::string label(TokenId id) const;

    // Characters to ids; a character outside the vocabulary becomes <unk>.
    std::vector<TokenId> encode(std::string_view text) const;
    // Ids to text: <pad> <bos> <eos> give nothing, <unk> gives U+FFFD, "=" gives "=".
    // Throws attn::Error for an id outside the vocabulary.
    std::string decode(const std::vector<TokenId> &ids) const;

    // Longest source and target, in characters (tokens).
    int maxSourceLength() const { return m_maxSource; }
    int maxTargetLength() const { return m_maxTarget; }

    // LM-style batch for a decoder-only model. Each row is
    //   <bos> source = target <eos>  (then <pad>)
    // shifted by one: inputs are row[0..T-1], targets row[1..T]. Targets are -1
    // on the source part and on padding, so the loss counts only the answer
    // (and its <eos>): the first counted position is the one whose input is "=".
    // T = lmLength() for every batch.
    Batch lmBatch(Rng &rng, int batchSize) const;
    int lmLength() const { return m_maxSource + m_maxTarget + 2; }
    // The same layout for given examples (all rows padded to lmLength()).
    Batch lmBatch(const std::vector<TaskExample> &examples) const;
    // The prompt an LM continues to answer: <bos> source =
    std::vector<TokenId> lmPrompt(std::string_view source) const;

    // Seq2seq batch for encoder-decoder models: source (B, S) padded with <pad>,
    // S = maxSourceLength(), sourceLengths its real lengths; decoder inputs
    // (B, T) = <bos> target, targets (B, T) = target <eos>, -1 on padding,
    // T = maxTargetLength() + 1.
    Batch seq2seqBatch(Rng &rng, int batchSize) const;
    Batch seq2seqBatch(const std::vector<TaskExample> &examples) const;

protected:
    // chars: the task's characters (UTF-8, one code point each, no duplicates).
    SyntheticTask(TaskSpec spec, const std::vector<std::string> &chars, int maxSource,
                  int maxTarget);

private:
    std::vector<TaskExample> samples(Rng &rng, int batchSize) const;
    std::vector<TokenId> encodeChecked(const std::string &text, const char *what) const;

    TaskSpec m_spec;
    std::vector<std::string> m_vocab;
    std::unordered_map<std::string, TokenId> m_ids;
    int m_maxSource = 0, m_maxTarget = 0;
};

// The tasks makeTask() knows, in menu order.
const std::vector<TaskSpec> &taskSpecs();
// Throws attn::Error for an unknown name (listing the valid ones) or options out of range.
std::unique_ptr<SyntheticTask> makeTask(std::string_view name, const TaskOptions &options = {});

} // namespace attn
