#include "data/dataset.h"

#include "core/error.h"
#include "core/rng.h"
#include "text/csv.h"
#include "tokenizers/tokenizer.h"

#include <algorithm>
#include <map>

namespace attn {

const char *taskName(TaskKind k)
{
    switch (k) {
    case TaskKind::LanguageModel:
        return "lm";
    case TaskKind::Classification:
        return "classification";
    case TaskKind::Pairs:
        return "pairs";
    }
    return "?";
}

Dataset makeLanguageModelDataset(std::string_view text, const Tokenizer &tokenizer,
                                 int contextLength, const std::string &name, int stride)
{
    if (contextLength < 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the context length must be at least 1 (got %2)"), name,
            std::to_string(contextLength));
    if (stride < 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the window stride must not be negative"),
                         name);
    if (stride == 0)
        stride = contextLength;
    const std::vector<TokenId> ids = tokenizer.encode(text);
    if (ids.size() < 2)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: too short for a language model (%2 token; at least 2 are needed)"),
            name, std::to_string(ids.size()));
    Dataset d;
    d.name = name;
    d.kind = TaskKind::LanguageModel;
    d.contextLength = contextLength;
    const auto window = static_cast<std::size_t>(contextLength) + 1;
    for (std::size_t start = 0; start + 1 < ids.size(); start += static_cast<std::size_t>(stride)) {
        const std::size_t end = std::min(ids.size(), start + window);
        Example e;
        e.target.assign(ids.begin() + static_cast<std::ptrdiff_t>(start),
                        ids.begin() + static_cast<std::ptrdiff_t>(end));
        d.examples.push_back(std::move(e));
        if (end == ids.size())
            break;
    }
    return d;
}

namespace {

std::vector<TokenId> truncated(std::vector<TokenId> v, int max)
{
    if (max > 0 && v.size() > static_cast<std::size_t>(max))
        v.resize(static_cast<std::size_t>(max));
    return v;
}

bool blank(const std::string &s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace

Dataset makeClassificationDataset(const CsvTable &table, const std::string &textColumn,
                                  const std::string &labelColumn, const Tokenizer &tokenizer,
                                  int maxSourceLength)
{
    const std::size_t tc = table.column(textColumn);
    const std::size_t lc = table.column(labelColumn);
    if (tc == lc)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the text and label columns are the same column (%2)"),
            table.name, table.columns[tc]);
    std::map<std::string, int> labels;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string &label = table.rows[r][lc];
        if (blank(label))
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: line %2: empty label in column \"%3\""),
                             table.name, std::to_string(table.rowLines[r]), table.columns[lc]);
        labels.emplace(label, 0);
    }
    if (labels.size() < 2)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the label column \"%2\" has only one class "
                                                   "(\"%3\"); classification needs at least two"),
                         table.name, table.columns[lc], labels.begin()->first);
    Dataset d;
    d.name = table.name;
    d.kind = TaskKind::Classification;
    d.maxSourceLength = maxSourceLength;
    for (auto &[name, id] : labels) {
        id = static_cast<int>(d.labelNames.size());
        d.labelNames.push_back(name);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        Example e;
        e.source = truncated(tokenizer.encode(table.rows[r][tc]), maxSourceLength);
        if (e.source.empty())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: line %2: empty text in column \"%3\""),
                             table.name, std::to_string(table.rowLines[r]), table.columns[tc]);
        e.label = labels.at(table.rows[r][lc]);
        e.line = table.rowLines[r];
        d.examples.push_back(std::move(e));
    }
    return d;
}

Dataset makePairsDataset(const CsvTable &table, const std::string &sourceColumn,
                         const std::string &targetColumn, const Tokenizer &tokenizer,
                         int maxSourceLength, int maxTargetLength)
{
    const std::size_t sc = table.column(sourceColumn);
    const std::size_t tc = table.column(targetColumn);
    if (maxTargetLength < 2)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn",
                "%1: the target length must be at least 2 (<bos>/<eos> and one token); got %2"),
            table.name, std::to_string(maxTargetLength));
    Dataset d;
    d.name = table.name;
    d.kind = TaskKind::Pairs;
    d.maxSourceLength = maxSourceLength;
    d.maxTargetLength = maxTargetLength;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        Example e;
        e.source = truncated(tokenizer.encode(table.rows[r][sc]), maxSourceLength);
        if (e.source.empty())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: line %2: empty source in column \"%3\""), table.name,
                std::to_string(table.rowLines[r]), table.columns[sc]);
        // The decoder sees <bos> + target and predicts target + <eos>: T = len + 1.
        e.target = truncated(tokenizer.encode(table.rows[r][tc]), maxTargetLength - 1);
        e.line = table.rowLines[r];
        d.examples.push_back(std::move(e));
    }
    return d;
}

std::string columnText(const CsvTable &table, const std::vector<std::string> &columns)
{
    std::vector<std::size_t> cols;
    for (const auto &c : columns)
        cols.push_back(table.column(c));
    std::string s;
    for (const auto &row : table.rows)
        for (std::size_t c : cols) {
            s += row[c];
            s += '\n';
        }
    return s;
}

namespace {

void shuffle(std::vector<std::size_t> &v, Rng &rng)
{
    for (std::size_t i = v.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.below(i));
        std::swap(v[i - 1], v[j]);
    }
}

} // namespace

Split splitDataset(const Dataset &data, double validationFraction, std::uint64_t seed)
{
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the validation fraction must be in [0, 1) (got %2)"),
            data.name, std::to_string(validationFraction));
    const std::size_t n = data.examples.size();
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i)
        all[i] = i;
    Rng rng(seed);
    shuffle(all, rng);
    auto nval = static_cast<std::size_t>(validationFraction * static_cast<double>(n) + 0.5);
    if (validationFraction > 0.0 && n >= 2)
        nval = std::clamp<std::size_t>(nval, 1, n - 1);
    Split s;
    s.validation.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(nval));
    s.train.assign(all.begin() + static_cast<std::ptrdiff_t>(nval), all.end());
    std::sort(s.validation.begin(), s.validation.end());
    std::sort(s.train.begin(), s.train.end());
    return s;
}

Batch makeBatch(const Dataset &data, const std::vector<std::size_t> &indices)
{
    if (indices.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: an empty batch"), data.name);
    for (std::size_t i : indices)
        if (i >= data.examples.size())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: example %2 does not exist (%3 examples)"), data.name,
                std::to_string(i), std::to_string(data.examples.size()));
    Batch b;
    b.batch = static_cast<int>(indices.size());
    const auto B = indices.size();

    if (data.kind == TaskKind::Classification || data.kind == TaskKind::Pairs) {
        std::size_t S = 1;
        for (std::size_t i : indices)
            S = std::max(S, data.examples[i].source.size());
        b.sourceLength = static_cast<int>(S);
        b.source.assign(B * S, Tokenizer::Pad); // (B, S) source ids, <pad> after each row's length
        b.sourceLengths.resize(B);              // (B)
        for (std::size_t r = 0; r < B; ++r) {
            const auto &src = data.examples[indices[r]].source;
            std::copy(src.begin(), src.end(),
                      b.source.begin() + static_cast<std::ptrdiff_t>(r * S));
            b.sourceLengths[r] = static_cast<int>(src.size());
        }
    }
    if (data.kind == TaskKind::Classification) {
        b.labels.resize(B); // (B)
        for (std::size_t r = 0; r < B; ++r)
            b.labels[r] = data.examples[indices[r]].label;
        return b;
    }
    if (data.kind == TaskKind::LanguageModel) {
        std::size_t T = 1;
        for (std::size_t i : indices)
            T = std::max(T, data.examples[i].target.size() - 1);
        b.length = static_cast<int>(T);
        b.inputs.assign(B * T, Tokenizer::Pad); // (B, T) window[0 .. n-2]
        b.targets.assign(B * T, -1);            // (B, T) window[1 .. n-1]; -1 = padding
        for (std::size_t r = 0; r < B; ++r) {
            const auto &w = data.examples[indices[r]].target;
            for (std::size_t t = 0; t + 1 < w.size(); ++t) {
                b.inputs[r * T + t] = w[t];
                b.targets[r * T + t] = w[t + 1];
            }
        }
        return b;
    }
    // Pairs: the decoder reads <bos> y0 .. y(n-1) and predicts y0 .. y(n-1) <eos>.
    std::size_t T = 1;
    for (std::size_t i : indices)
        T = std::max(T, data.examples[i].target.size() + 1);
    b.length = static_cast<int>(T);
    b.inputs.assign(B * T, Tokenizer::Pad); // (B, T) <bos> + target
    b.targets.assign(B * T, -1);            // (B, T) target + <eos>; -1 = padding
    for (std::size_t r = 0; r < B; ++r) {
        const auto &y = data.examples[indices[r]].target;
        b.inputs[r * T] = Tokenizer::Bos;
        for (std::size_t t = 0; t < y.size(); ++t) {
            b.inputs[r * T + t + 1] = y[t];
            b.targets[r * T + t] = y[t];
        }
        b.targets[r * T + y.size()] = Tokenizer::Eos;
    }
    return b;
}

BatchSampler::BatchSampler(const Dataset &data, std::vector<std::size_t> indices, int batchSize,
                           std::uint64_t seed, bool shuffleEach)
    : m_data(data), m_indices(std::move(indices)), m_batchSize(batchSize), m_seed(seed),
      m_shuffle(shuffleEach)
{
    if (m_indices.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no examples to draw batches from"),
                         data.name);
    if (batchSize < 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the batch size must be at least 1 (got %2)"), data.name,
            std::to_string(batchSize));
    reshuffle();
}

std::size_t BatchSampler::batchesPerEpoch() const
{
    const auto bs = static_cast<std::size_t>(m_batchSize);
    return (m_indices.size() + bs - 1) / bs;
}

void BatchSampler::reshuffle()
{
    if (!m_shuffle)
        return;
    Rng rng(m_seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(m_epoch + 1));
    std::sort(m_indices.begin(), m_indices.end());
    shuffle(m_indices, rng);
}

Batch BatchSampler::next()
{
    const std::size_t end =
        std::min(m_indices.size(), m_pos + static_cast<std::size_t>(m_batchSize));
    std::vector<std::size_t> take(m_indices.begin() + static_cast<std::ptrdiff_t>(m_pos),
                                  m_indices.begin() + static_cast<std::ptrdiff_t>(end));
    m_pos = end;
    if (m_pos >= m_indices.size()) {
        m_pos = 0;
        ++m_epoch;
        reshuffle();
    }
    return makeBatch(m_data, take);
}

DatasetStats computeStats(const Dataset &data, const Tokenizer &tokenizer, const Split *split)
{
    DatasetStats s;
    s.kind = data.kind;
    s.examples = data.examples.size();
    s.vocabSize = tokenizer.vocabSize();
    if (split) {
        s.trainExamples = split->train.size();
        s.validationExamples = split->validation.size();
    }
    if (data.examples.empty())
        return s;
    std::vector<int> lengths;
    lengths.reserve(data.examples.size());
    std::vector<std::size_t> perLabel(data.labelNames.size(), 0);
    for (const auto &e : data.examples) {
        s.tokens += e.source.size() + e.target.size();
        for (TokenId t : e.source)
            s.unknownTokens += t == Tokenizer::Unk;
        for (TokenId t : e.target)
            s.unknownTokens += t == Tokenizer::Unk;
        lengths.push_back(static_cast<int>(data.kind == TaskKind::LanguageModel ? e.target.size()
                                                                                : e.source.size()));
        if (e.label >= 0 && static_cast<std::size_t>(e.label) < perLabel.size())
            ++perLabel[static_cast<std::size_t>(e.label)];
    }
    s.minLength = *std::min_element(lengths.begin(), lengths.end());
    s.maxLength = *std::max_element(lengths.begin(), lengths.end());
    double sum = 0;
    for (int l : lengths)
        sum += l;
    s.meanLength = sum / static_cast<double>(lengths.size());
    constexpr int MaxBins = 20;
    s.histogramBinWidth = std::max(1, (s.maxLength + MaxBins) / MaxBins);
    s.lengthHistogram.assign(static_cast<std::size_t>(s.maxLength / s.histogramBinWidth + 1), 0);
    for (int l : lengths)
        ++s.lengthHistogram[static_cast<std::size_t>(l / s.histogramBinWidth)];
    for (std::size_t i = 0; i < perLabel.size(); ++i)
        s.labelCounts.emplace_back(data.labelNames[i], perLabel[i]);
    return s;
}

} // namespace attn
