#pragma once

#include "core/rng.h"
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
    std::string task;               // "copy", "reverse", "sort", "addition", "dates"; empty: path
    std::string path;               // a UTF-8 text file for language modelling
    std::string tokenizer = "char"; // text files: "char", "word" or "bpe"
    int tokenizerVocab = 0;         // BPE target size (0: 512); char/word: a maximum (0: none)
    int context = 64;               // text files: window length T
    int taskLength = 0;             // synthetic tasks: items per example (0: the task's default)
    double validationFraction = 0.1;
    std::uint64_t seed = 1; // the task's examples and the train/validation split

    // Throws attn::Error naming the setting that is wrong.
    void validate() const;
};

// The data side of one training run, for the GUI's worker and the CLI alike:
// the vocabulary, seeded train and validation batches for a decoder-only model,
// a probe example whose attention the views follow, and token labels.
class Tokenizer;

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
    // The longest sequence a batch holds: the model's n_ctx must be at least this.
    virtual int sequenceLength() const = 0;
    // Batches of batchSize sequences; the same rng state gives the same batch.
    virtual Batch trainBatch(Rng &rng, int batchSize) const = 0;
    virtual Batch validationBatch(Rng &rng, int batchSize) const = 0;
    // One validation sequence (B = 1) for the attention views.
    virtual Batch probe() const = 0;
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
    std::unique_ptr<Tokenizer> m_tokenizer;
};

// The names of the built-in tasks, for menus and error messages.
std::vector<std::string> taskNames();
bool isTaskName(const std::string &name);

} // namespace attn
