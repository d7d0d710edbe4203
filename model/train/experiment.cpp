#include "train/experiment.h"

#include "core/error.h"
#include "data/dataset.h"
#include "data/synthetic.h"
#include "text/csv.h"
#include "text/textfile.h"
#include "text/utf8.h"
#include "tokenizers/chartokenizer.h"
#include "tokenizers/tokenizer.h"
#include "train/evaluation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <unordered_set>

namespace attn {

void DataSpec::validate() const
{
    if (task.empty() && path.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "no training data: choose a built-in task or a text file"));
    if (!task.empty() && !path.empty())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "choose either a built-in task or a text file, not both"));
    if (tokenizer != "char" && tokenizer != "word" && tokenizer != "bpe")
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "unknown tokenizer '%1' (expected char, word or bpe)"),
            tokenizer);
    if (context < 2 || context > 4096)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "context length %1 is out of range (2 to 4096)"),
                         std::to_string(context));
    if (tokenizerVocab < 0 || tokenizerVocab > 1 << 20)
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "tokenizer vocabulary size %1 is out of range (0 to 1048576)"),
                         std::to_string(tokenizerVocab));
    if (!(validationFraction >= 0.0 && validationFraction < 0.9))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "validation fraction must be in [0, 0.9)"));
    if (taskLength < 0 || taskLength > 256)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "task length %1 is out of range (0 to 256)"),
                         std::to_string(taskLength));
    const auto formats = dataFormats();
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "unknown data format '%1' (expected lm, pairs or classify)"),
            format);
    if (!task.empty() && format == "classify")
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "the built-in task '%1' has no labels to classify; a "
                                      "classifier needs a table with a text and a label column"),
            task);
}

std::vector<std::string> dataFormats()
{
    return {"lm", "pairs", "classify"};
}

Experiment::Experiment(DataSpec spec) : m_spec(std::move(spec))
{
    if (m_spec.format == "pairs")
        m_kind = TaskKind::Pairs;
    else if (m_spec.format == "classify")
        m_kind = TaskKind::Classification;
}

const std::vector<std::string> &Experiment::labelNames() const
{
    static const std::vector<std::string> none;
    return none;
}

Experiment::~Experiment() = default;

std::string Experiment::tokenLabel(TokenId id) const
{
    return utf8::displayText(m_tokenizer->tokenText(id));
}

BatchSource Experiment::batchSource(int batchSize) const
{
    BatchSource source;
    source.train = [this, batchSize](Rng &rng) { return trainBatch(rng, batchSize); };
    source.validation = [this, batchSize](Rng &rng) { return validationBatch(rng, batchSize); };
    return source;
}

std::vector<std::string> Experiment::labels(const std::vector<TokenId> &ids) const
{
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (TokenId id : ids)
        out.push_back(tokenLabel(id));
    return out;
}

namespace {

// The held-out examples of a built-in task: fixed, whatever DataSpec::seed is.
constexpr std::uint64_t kValidationSeed = 0x5EEDBA7Cull;
// How many of them training never sees (validationSet() takes at most these).
constexpr int kHeldOutExamples = 1000;

std::vector<Batch> inBatches(const Dataset &data, const std::vector<std::size_t> &indices,
                             int batchSize)
{
    std::vector<Batch> out;
    for (std::size_t i = 0; i < indices.size(); i += static_cast<std::size_t>(batchSize)) {
        const std::size_t end = std::min(indices.size(), i + static_cast<std::size_t>(batchSize));
        out.push_back(makeBatch(
            data, std::vector<std::size_t>(indices.begin() + static_cast<std::ptrdiff_t>(i),
                                           indices.begin() + static_cast<std::ptrdiff_t>(end))));
    }
    return out;
}

// The parts of a file-backed experiment: a tokenized dataset, its seeded split, and
// batches drawn from either part.
class DatasetExperiment : public Experiment {
public:
    std::string name() const override { return m_name; }
    int vocabSize() const override { return m_tokenizer->vocabSize(); }
    Batch trainBatch(Rng &rng, int batchSize) const override
    {
        if (m_split.train.empty())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: read for evaluation only; there is nothing to train on"),
                m_spec.path);
        return pick(m_split.train, rng, batchSize);
    }
    Batch validationBatch(Rng &rng, int batchSize) const override
    {
        return pick(m_split.validation, rng, batchSize);
    }
    Batch probe() const override
    {
        return withoutPadding(makeBatch(m_data, {m_split.validation.front()}));
    }
    std::vector<Batch> validationSet(int batchSize, int) const override
    {
        return inBatches(m_data, m_split.validation, batchSize);
    }
    std::size_t trainExamples() const override { return m_split.train.size(); }
    std::size_t validationExamples() const override { return m_split.validation.size(); }

protected:
    explicit DatasetExperiment(DataSpec spec)
        : Experiment(std::move(spec)),
          m_name(std::filesystem::path(m_spec.path).filename().string())
    {
    }

    // The spec's tokenizer built on `text`, or a copy of a loaded model's.
    void makeTokenizer(const Tokenizer *given, std::string_view text)
    {
        const int vocab =
            m_spec.tokenizer == "bpe" && m_spec.tokenizerVocab == 0 ? 512 : m_spec.tokenizerVocab;
        m_tokenizer = given ? Tokenizer::fromJson(given->toJson())
                            : buildTokenizer(m_spec.tokenizer, text, vocab);
    }

    std::string m_name;
    Dataset m_data;
    Split m_split;

private:
    Batch pick(const std::vector<std::size_t> &from, Rng &rng, int batchSize) const
    {
        std::vector<std::size_t> indices(static_cast<std::size_t>(batchSize));
        for (auto &i : indices)
            i = from[rng.below(from.size())];
        return makeBatch(m_data, indices);
    }
};

// Language modelling on a text file: windows of `context` tokens.
class TextExperiment final : public DatasetExperiment {
public:
    TextExperiment(DataSpec spec, const Tokenizer *tokenizer) : DatasetExperiment(std::move(spec))
    {
        const TextFile file = readTextFile(m_spec.path);
        makeTokenizer(tokenizer, file.text);
        m_data = makeLanguageModelDataset(file.text, *m_tokenizer, m_spec.context, m_name);
        if (m_data.examples.size() < 2)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                                 "attn", "%1: too short for a context of %2 tokens (needs at least "
                                         "%3 tokens; choose a shorter context or a longer text)"),
                             m_spec.path, std::to_string(m_spec.context),
                             std::to_string(2 * m_spec.context + 2));
        m_split = splitDataset(m_data, std::max(0.05, m_spec.validationFraction), m_spec.seed);
    }

    int sequenceLength() const override { return m_spec.context; }
};

// A CSV/TSV table: (source, target) pairs for an encoder-decoder, or (text, label) rows for
// a classifier. One tokenizer covers the columns used, so source and target share ids.
class TableExperiment final : public DatasetExperiment {
public:
    TableExperiment(DataSpec spec, const Tokenizer *tokenizer) : DatasetExperiment(std::move(spec))
    {
        const CsvTable table = readCsvFile(m_spec.path);
        std::string first, second;
        if (m_kind == TaskKind::Pairs) {
            if (table.columns.size() < 2)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn",
                                      "%1: sentence pairs need two columns (source and target)"),
                    m_spec.path);
            first = m_spec.sourceColumn.empty() ? "1" : m_spec.sourceColumn;
            second = m_spec.targetColumn.empty() ? "2" : m_spec.targetColumn;
        } else {
            if (table.columns.size() < 2)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn", "%1: classification needs two columns (the text and its label)"),
                    m_spec.path);
            const auto has = [&](const char *n) {
                return std::find(table.columns.begin(), table.columns.end(), n) !=
                       table.columns.end();
            };
            first = !m_spec.textColumn.empty() ? m_spec.textColumn : has("text") ? "text" : "1";
            second = !m_spec.labelColumn.empty() ? m_spec.labelColumn
                     : has("label")              ? "label"
                                                 : std::to_string(table.columns.size());
        }
        // Both throw naming the file and the columns when a name is wrong.
        const std::size_t a = table.column(first), b = table.column(second);
        std::vector<std::string> textColumns = {table.columns[a]};
        if (m_kind == TaskKind::Pairs)
            textColumns.push_back(table.columns[b]);
        makeTokenizer(tokenizer, columnText(table, textColumns));
        if (m_kind == TaskKind::Pairs)
            m_data = makePairsDataset(table, table.columns[a], table.columns[b], *m_tokenizer,
                                      m_spec.context, m_spec.context + 1);
        else
            m_data = makeClassificationDataset(table, table.columns[a], table.columns[b],
                                               *m_tokenizer, m_spec.context);
        m_data.name = m_name;
        if (m_spec.evaluationOnly) {
            m_split.validation.resize(m_data.examples.size());
            std::iota(m_split.validation.begin(), m_split.validation.end(), std::size_t{0});
        } else {
            if (m_data.examples.size() < 2)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP(
                        "attn", "%1: needs at least 2 rows (one to train on, one to validate)"),
                    m_spec.path);
            m_split = splitDataset(m_data, std::max(0.05, m_spec.validationFraction), m_spec.seed);
        }
        for (const Example &e : m_data.examples) {
            m_sourceLength = std::max(m_sourceLength, static_cast<int>(e.source.size()));
            m_targetLength = std::max(m_targetLength, static_cast<int>(e.target.size()) + 1);
        }
    }

    int sequenceLength() const override
    {
        return m_kind == TaskKind::Pairs ? m_targetLength : m_sourceLength;
    }
    int sourceLength() const override { return m_sourceLength; }
    const std::vector<std::string> &labelNames() const override { return m_data.labelNames; }

private:
    int m_sourceLength = 0, m_targetLength = 0;
};

// A built-in synthetic task as language modelling: <bos> source = target <eos>,
// with the loss on the answer only; or, as pairs, source -> <bos> target <eos> for an
// encoder-decoder. Endless: every batch is freshly drawn.
class TaskExperiment final : public Experiment {
public:
    TaskExperiment(DataSpec spec, const Tokenizer *tokenizer) : Experiment(std::move(spec))
    {
        TaskOptions options;
        options.length = m_spec.taskLength;
        m_task = makeTask(m_spec.task, options);
        // Ids 4.. of a task are "=" and its characters, one code point each:
        // exactly a character tokenizer's layout.
        std::vector<char32_t> chars;
        for (size_t id = Tokenizer::SpecialCount; id < m_task->vocab().size(); ++id) {
            const std::vector<char32_t> cps = utf8::decode(m_task->vocab()[id]);
            if (cps.size() != 1)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "task '%1' has a token that is not one character"),
                    m_task->name());
            chars.push_back(cps[0]);
        }
        m_tokenizer = std::make_unique<CharTokenizer>(std::move(chars));
        if (tokenizer && tokenizer->toJson() != m_tokenizer->toJson())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "the model's tokenizer is not the vocabulary of the '%1' task"),
                m_task->name());
        Rng heldOutRng(kValidationSeed);
        for (int i = 0; i < kHeldOutExamples; ++i) {
            m_heldOut.push_back(m_task->sample(heldOutRng));
            m_heldOutSources.insert(m_heldOut.back().source);
        }
        // The probe is a held-out example: attention on an input the model never saw.
        m_probe = withoutPadding(layout({heldOut(1).front()}));
    }

    std::string name() const override { return m_task->name(); }
    int vocabSize() const override { return m_task->vocabSize(); }
    int sequenceLength() const override
    {
        return m_kind == TaskKind::Pairs ? m_task->maxTargetLength() + 1 : m_task->lmLength();
    }
    int sourceLength() const override
    {
        return m_kind == TaskKind::Pairs ? m_task->maxSourceLength() : 0;
    }
    Batch trainBatch(Rng &rng, int batchSize) const override { return batch(rng, batchSize); }
    // Drawn from the held-out examples.
    Batch validationBatch(Rng &rng, int batchSize) const override
    {
        std::vector<TaskExample> examples;
        for (int i = 0; i < batchSize; ++i)
            examples.push_back(m_heldOut[rng.below(m_heldOut.size())]);
        return layout(examples);
    }
    Batch probe() const override { return m_probe; }
    std::vector<Batch> validationSet(int batchSize, int taskExamples) const override
    {
        const std::vector<TaskExample> all = heldOut(taskExamples);
        std::vector<Batch> out;
        for (std::size_t i = 0; i < all.size(); i += static_cast<std::size_t>(batchSize)) {
            const std::vector<TaskExample> part(
                all.begin() + static_cast<std::ptrdiff_t>(i),
                all.begin() + static_cast<std::ptrdiff_t>(
                                  std::min(all.size(), i + static_cast<std::size_t>(batchSize))));
            out.push_back(layout(part));
        }
        return out;
    }
    std::size_t trainExamples() const override { return 0; }
    std::size_t validationExamples() const override { return 0; }
    const SyntheticTask *task() const override { return m_task.get(); }

private:
    // The first n examples of the fixed held-out stream.
    std::vector<TaskExample> heldOut(int n) const
    {
        n = std::clamp(n, 0, static_cast<int>(m_heldOut.size()));
        return {m_heldOut.begin(), m_heldOut.begin() + n};
    }
    Batch layout(const std::vector<TaskExample> &examples) const
    {
        return m_kind == TaskKind::Pairs ? m_task->seq2seqBatch(examples)
                                         : m_task->lmBatch(examples);
    }
    // Fresh examples, none of them one of the held-out ones (so exact match on
    // validationSet() measures generalisation, not recall). A task so small that the
    // held-out examples are most of it gives up rejecting rather than loop.
    Batch batch(Rng &rng, int batchSize) const
    {
        std::vector<TaskExample> examples;
        examples.reserve(static_cast<std::size_t>(batchSize));
        for (int tries = 0; static_cast<int>(examples.size()) < batchSize; ++tries) {
            TaskExample e = m_task->sample(rng);
            if (tries >= 20 * batchSize || !m_heldOutSources.count(e.source))
                examples.push_back(std::move(e));
        }
        return layout(examples);
    }

    std::unique_ptr<SyntheticTask> m_task;
    std::vector<TaskExample> m_heldOut; // fixed, whatever DataSpec::seed is
    std::unordered_set<std::string> m_heldOutSources;
    Batch m_probe;
};

} // namespace

std::vector<std::string> taskNames()
{
    std::vector<std::string> names;
    for (const TaskSpec &t : taskSpecs())
        names.push_back(t.name);
    return names;
}

bool isTaskName(const std::string &name)
{
    for (const TaskSpec &t : taskSpecs())
        if (t.name == name)
            return true;
    return false;
}

std::unique_ptr<Experiment> Experiment::create(const DataSpec &spec, const Tokenizer *tokenizer)
{
    spec.validate();
    if (!spec.path.empty() && spec.format != "lm")
        return std::make_unique<TableExperiment>(spec, tokenizer);
    if (!spec.path.empty())
        return std::make_unique<TextExperiment>(spec, tokenizer);
    return std::make_unique<TaskExperiment>(spec, tokenizer);
}

} // namespace attn
