#pragma once

#include "core/rng.h"
#include "data/dataset.h"
#include "models/model.h"
#include "train/trainer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// What a training run learns from: a built-in synthetic task or a text file.
struct DataSpec {
    std::string task; // "copy", "reverse", "sort", "addition", "dates"; empty: path
    std::string path; // a UTF-8 text file (lm) or a CSV/TSV table (pairs, classify)
    // What the examples are: "lm" (next-token windows of a text; a task as
    // "<bos> source = target"), "pairs" (source -> target for an encoder-decoder: a
    // task's examples, or two columns of a table), "classify" (text -> label columns).
    std::string format = "lm";
    // Table columns by header name or 1-based number; empty: pairs take the first two
    // columns, classify takes "text" and "label" when the header has them, else the
    // first and the last column.
    std::string sourceColumn, targetColumn; // pairs
    std::string textColumn, labelColumn;    // classify
    std::string tokenizer = "char";         // text files: "char", "word" or "bpe"
    int tokenizerVocab = 0; // BPE target size (0: 512); char/word: a maximum (0: none)
    int context = 64;       // text files: window length T (lm), longest source (pairs,
                            // classify) and longest target (pairs), in tokens
    int taskLength = 0;     // synthetic tasks: items per example (0: the task's default)
    double validationFraction = 0.1;
    // Tables: every row is held out (validationSet() covers the whole file) and there is
    // nothing to train on; for evaluating a trained model on a test file.
    bool evaluationOnly = false;
    std::uint64_t seed = 1; // the task's examples and the train/validation split

    // Throws attn::Error naming the setting that is wrong.
    void validate() const;
};

// The data side of one training run, for the GUI's worker and the CLI alike:
// the vocabulary, seeded train and validation batches in the layout of the
// format (Batch: inputs/targets for lm; source + inputs/targets for pairs;
// source + labels for classify), a probe example whose attention the views
// follow, and token labels.
class Tokenizer;
class SyntheticTask;

class Experiment {
public:
    // Builds the task or reads, checks and tokenizes the file. Throws attn::Error
    // naming the file or setting and the problem. With a tokenizer (a loaded
    // model's), text is tokenized with it instead of a new one; a task checks
    // that it has the task's vocabulary.
    static std::unique_ptr<Experiment> create(const DataSpec &spec,
                                              const Tokenizer *tokenizer = nullptr);
    virtual ~Experiment();

    const DataSpec &spec() const { return m_spec; }
    // "reverse" or the file's name.
    virtual std::string name() const = 0;
    virtual int vocabSize() const = 0;
    // What the examples are (from DataSpec::format).
    TaskKind kind() const { return m_kind; }
    // The longest sequence a batch holds: lm: the window (the model's n_ctx must be at
    // least this); pairs: the decoder length (<bos> target); classify: the source.
    virtual int sequenceLength() const = 0;
    // The longest source (pairs, classify); 0 for lm.
    virtual int sourceLength() const { return 0; }
    // classify: label id -> text (sorted); else empty.
    virtual const std::vector<std::string> &labelNames() const;
    // The built-in task behind the data, or null for a file.
    virtual const SyntheticTask *task() const { return nullptr; }
    // Batches of batchSize sequences; the same rng state gives the same batch.
    virtual Batch trainBatch(Rng &rng, int batchSize) const = 0;
    virtual Batch validationBatch(Rng &rng, int batchSize) const = 0;
    // One validation sequence (B = 1) for the attention views.
    virtual Batch probe() const = 0;
    // The whole held-out set in order, in batches of at most batchSize: a file's
    // validation part, or for a built-in task `taskExamples` examples drawn with a fixed
    // seed (the same whatever DataSpec::seed is, so runs compare). For exact match and
    // classification metrics.
    virtual std::vector<Batch> validationSet(int batchSize, int taskExamples = 200) const = 0;
    // Text <-> ids. For a built-in task, a character tokenizer with the task's
    // ids, so a model trained on it is saved and used like any other.
    const Tokenizer &tokenizer() const { return *m_tokenizer; }
    // A token as a label for axes and chips (whitespace made visible).
    std::string tokenLabel(TokenId id) const;
    // Examples in the training and validation parts (0 for endless synthetic tasks).
    virtual std::size_t trainExamples() const = 0;
    virtual std::size_t validationExamples() const = 0;

    // The trainer's view of the above.
    BatchSource batchSource(int batchSize) const;
    std::vector<std::string> labels(const std::vector<TokenId> &ids) const;

protected:
    explicit Experiment(DataSpec spec);
    DataSpec m_spec;
    TaskKind m_kind = TaskKind::LanguageModel;
    std::unique_ptr<Tokenizer> m_tokenizer;
};

// The data formats DataSpec::format accepts: "lm", "pairs", "classify".
std::vector<std::string> dataFormats();

// The names of the built-in tasks, for menus and error messages.
std::vector<std::string> taskNames();
bool isTaskName(const std::string &name);

} // namespace attn
