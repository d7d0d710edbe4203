#include "data/synthetic.h"

#include "core/error.h"
#include "data/dates.h"
#include "text/utf8.h"

#include <algorithm>
#include <cstdint>

namespace attn {

namespace {

// One string per code point of text.
std::vector<std::string> characters(std::string_view text)
{
    std::vector<std::string> out;
    for (char32_t c : utf8::decode(text))
        out.push_back(utf8::encode(c));
    return out;
}

const char *const kDigits = "0123456789";
const char *const kLetters = "abcdefghijklmnopqrstuvwxyz";

int uniformInt(Rng &rng, int lo, int hi) // [lo, hi]
{
    return lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
}

struct Lengths {
    int min = 0, max = 0;
};

Lengths resolve(const TaskSpec &spec, const TaskOptions &o, int minDefault, int maxAllowed)
{
    const int len = o.length > 0 ? o.length : spec.defaultLength;
    if (o.length < 0 || len > maxAllowed)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "task '%1': length %2 is out of range: expected 1..%3"),
            spec.name, std::to_string(o.length), std::to_string(maxAllowed));
    const int minLen = o.minLength > 0 ? o.minLength : (minDefault > 0 ? minDefault : len);
    if (o.minLength < 0 || minLen > len)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "task '%1': minimum length %2 is out of range: expected 1..%3"),
            spec.name, std::to_string(o.minLength), std::to_string(len));
    return {minLen, len};
}

const TaskSpec &specOf(std::string_view name)
{
    for (const TaskSpec &s : taskSpecs())
        if (s.name == name)
            return s;
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "internal: no task spec %1"), std::string(name));
}

// copy and reverse: random letters, answered as they are or backwards.
class SequenceTask final : public SyntheticTask {
public:
    SequenceTask(const TaskSpec &spec, Lengths lengths, int symbols, bool reversed)
        : SyntheticTask(spec, characters(std::string(kLetters, static_cast<size_t>(symbols))),
                        lengths.max, lengths.max),
          m_len(lengths), m_symbols(symbols), m_reversed(reversed)
    {
    }
    TaskExample sample(Rng &rng) const override
    {
        const int n = uniformInt(rng, m_len.min, m_len.max);
        TaskExample e;
        for (int i = 0; i < n; ++i)
            e.source += kLetters[rng.below(static_cast<std::uint64_t>(m_symbols))];
        e.target = e.source;
        if (m_reversed)
            std::reverse(e.target.begin(), e.target.end());
        return e;
    }

private:
    Lengths m_len;
    int m_symbols;
    bool m_reversed;
};

class SortTask final : public SyntheticTask {
public:
    SortTask(const TaskSpec &spec, Lengths lengths)
        : SyntheticTask(spec, characters(kDigits), lengths.max, lengths.max), m_len(lengths)
    {
    }
    TaskExample sample(Rng &rng) const override
    {
        const int n = uniformInt(rng, m_len.min, m_len.max);
        TaskExample e;
        for (int i = 0; i < n; ++i)
            e.source += kDigits[rng.below(10)];
        e.target = e.source;
        std::sort(e.target.begin(), e.target.end());
        return e;
    }

private:
    Lengths m_len;
};

class AdditionTask final : public SyntheticTask {
public:
    AdditionTask(const TaskSpec &spec, Lengths lengths)
        : SyntheticTask(spec, characters(std::string(kDigits) + "+"), 2 * lengths.max + 1,
                        lengths.max + 1),
          m_len(lengths)
    {
    }
    TaskExample sample(Rng &rng) const override
    {
        const std::uint64_t a = operand(rng), b = operand(rng);
        return {std::to_string(a) + "+" + std::to_string(b), std::to_string(a + b)};
    }

private:
    // A number of min..max digits, without leading zeros (0 itself has one digit).
    std::uint64_t operand(Rng &rng) const
    {
        const int digits = uniformInt(rng, m_len.min, m_len.max);
        std::uint64_t lo = 1;
        for (int i = 1; i < digits; ++i)
            lo *= 10;
        const std::uint64_t hi = lo * 10; // exclusive
        if (digits == 1)
            return rng.below(10);
        return lo + rng.below(hi - lo);
    }
    Lengths m_len;
};

// Every character any date format writes.
const char *const kDateChars = "0123456789 ,./-"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "abcdefghijklmnopqrstuvwxyz"
                               "年月日号星期周礼拜天公元民国"
                               "〇零一二三四五六七八九十（）";

class DateTask final : public SyntheticTask {
public:
    explicit DateTask(const TaskSpec &spec)
        : SyntheticTask(spec, characters(kDateChars), longestSource(), 10)
    {
    }
    TaskExample sample(Rng &rng) const override
    {
        const long long first = dates::daysFromCivil({dates::kMinYear, 1, 1});
        const long long last = dates::daysFromCivil({dates::kMaxYear, 12, 31});
        const dates::Date d = dates::civilFromDays(
            first +
            static_cast<long long>(rng.below(static_cast<std::uint64_t>(last - first + 1))));
        const int f = static_cast<int>(rng.below(dates::formats().size()));
        return {dates::format(d, f), dates::iso(d)};
    }

private:
    // The longest source over every format, month, day length and weekday. The
    // length of a date in a format depends on the month, the day, the weekday
    // and (Minguo years) the year: 2024 covers every month/day, and each of the
    // first seven days of each month falls on every weekday across 2020..2026.
    static int longestSource()
    {
        static const int longest = [] {
            size_t best = 0;
            const int nf = static_cast<int>(dates::formats().size());
            for (int y = 2020; y <= 2026; ++y)
                for (int m = 1; m <= 12; ++m)
                    for (int d = 1; d <= 31; ++d) {
                        if (!dates::isValid({y, m, d}))
                            continue;
                        for (int f = 0; f < nf; ++f)
                            best = std::max(best, utf8::decode(dates::format({y, m, d}, f)).size());
                    }
            return static_cast<int>(best);
        }();
        return longest;
    }
};

} // namespace

const std::vector<TaskSpec> &taskSpecs()
{
    static const std::vector<TaskSpec> specs = {
        {"copy", "repeat a string of letters",
         "diagonal: each answer symbol looks at the same position", 8},
        {"reverse", "write a string of letters backwards",
         "anti-diagonal: the i-th answer symbol looks at the i-th from the end", 8},
        {"sort", "sort a string of digits",
         "each answer digit looks at where that digit occurs in the input", 8},
        {"addition", "add two decimal numbers",
         "answer digits look at the aligned digits (and the carry) of both numbers", 3},
        {"dates",
         "write a date given in one of over 40 English, Chinese and numeric formats as YYYY-MM-DD",
         "answer year/month/day look at the words and numbers that carry them, wherever they are",
         0},
    };
    return specs;
}

std::unique_ptr<SyntheticTask> makeTask(std::string_view name, const TaskOptions &options)
{
    if (name == "copy" || name == "reverse") {
        const TaskSpec &spec = specOf(name);
        if (options.symbols < 2 || options.symbols > 26)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "task '%1': %2 symbols is out of range: expected 2..26"),
                spec.name, std::to_string(options.symbols));
        return std::make_unique<SequenceTask>(spec, resolve(spec, options, 0, 256), options.symbols,
                                              name == "reverse");
    }
    if (name == "sort") {
        const TaskSpec &spec = specOf(name);
        return std::make_unique<SortTask>(spec, resolve(spec, options, 0, 256));
    }
    if (name == "addition") {
        const TaskSpec &spec = specOf(name);
        // 18 digits: the sum of two 18-digit numbers fits in 64 bits.
        return std::make_unique<AdditionTask>(spec, resolve(spec, options, 1, 18));
    }
    if (name == "dates")
        return std::make_unique<DateTask>(specOf(name));
    std::string valid;
    for (const TaskSpec &s : taskSpecs())
        valid += (valid.empty() ? "" : ", ") + s.name;
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "unknown synthetic task '%1': expected one of %2"),
                     std::string(name), valid);
}

SyntheticTask::SyntheticTask(TaskSpec spec, const std::vector<std::string> &chars, int maxSource,
                             int maxTarget)
    : m_spec(std::move(spec)), m_maxSource(maxSource), m_maxTarget(maxTarget)
{
    m_vocab = {"<pad>", "<bos>", "<eos>", "<unk>", "="};
    for (const std::string &c : chars) {
        if (std::find(m_vocab.begin() + 4, m_vocab.end(), c) != m_vocab.end())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "internal: task '%1' lists the character '%2' twice"),
                m_spec.name, c);
        m_vocab.push_back(c);
    }
    for (size_t i = 4; i < m_vocab.size(); ++i)
        m_ids.emplace(m_vocab[i], static_cast<TokenId>(i));
}

std::string SyntheticTask::label(TokenId id) const
{
    if (id < 0 || id >= vocabSize())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "token id %1 is outside the vocabulary of task '%2' (0..%3)"),
            std::to_string(id), m_spec.name, std::to_string(vocabSize() - 1));
    const std::string &t = m_vocab[static_cast<size_t>(id)];
    return id < 4 ? t : utf8::displayText(t);
}

std::vector<TokenId> SyntheticTask::encode(std::string_view text) const
{
    std::vector<TokenId> ids;
    for (char32_t c : utf8::decode(text)) {
        const auto it = m_ids.find(utf8::encode(c));
        ids.push_back(it == m_ids.end() ? Unk : it->second);
    }
    return ids;
}

std::string SyntheticTask::decode(const std::vector<TokenId> &ids) const
{
    std::string out;
    for (TokenId id : ids) {
        if (id < 0 || id >= vocabSize())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "token id %1 is outside the vocabulary of task '%2' (0..%3)"),
                std::to_string(id), m_spec.name, std::to_string(vocabSize() - 1));
        if (id == Pad || id == Bos || id == Eos)
            continue;
        out += id == Unk ? std::string("\xEF\xBF\xBD") : m_vocab[static_cast<size_t>(id)];
    }
    return out;
}

std::vector<TokenId> SyntheticTask::encodeChecked(const std::string &text, const char *what) const
{
    std::vector<TokenId> ids = encode(text);
    const int limit = what[0] == 's' ? m_maxSource : m_maxTarget;
    if (static_cast<int>(ids.size()) > limit)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "task '%1': %2 '%3' is longer than %4 characters"),
            m_spec.name, what, text, std::to_string(limit));
    return ids;
}

std::vector<TaskExample> SyntheticTask::samples(Rng &rng, int batchSize) const
{
    if (batchSize <= 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "batch size %1 is out of range: expected at least 1"),
            std::to_string(batchSize));
    std::vector<TaskExample> out;
    out.reserve(static_cast<size_t>(batchSize));
    for (int i = 0; i < batchSize; ++i)
        out.push_back(sample(rng));
    return out;
}

std::vector<TokenId> SyntheticTask::lmPrompt(std::string_view source) const
{
    std::vector<TokenId> p{Bos};
    for (TokenId id : encode(source))
        p.push_back(id);
    p.push_back(Sep);
    return p;
}

Batch SyntheticTask::lmBatch(Rng &rng, int batchSize) const
{
    return lmBatch(samples(rng, batchSize));
}

Batch SyntheticTask::lmBatch(const std::vector<TaskExample> &examples) const
{
    const int T = lmLength();
    Batch b;
    b.batch = static_cast<int>(examples.size());
    b.length = T;
    b.inputs.assign(static_cast<size_t>(b.batch) * static_cast<size_t>(T), Pad); // (B, T)
    b.targets.assign(b.inputs.size(), -1);                                       // (B, T)
    for (int r = 0; r < b.batch; ++r) {
        const TaskExample &e = examples[static_cast<size_t>(r)];
        std::vector<TokenId> row{Bos}; // <bos> source = target <eos>
        const auto src = encodeChecked(e.source, "source");
        const auto tgt = encodeChecked(e.target, "target");
        row.insert(row.end(), src.begin(), src.end());
        const size_t sep = row.size();
        row.push_back(Sep);
        row.insert(row.end(), tgt.begin(), tgt.end());
        row.push_back(Eos);
        TokenId *in = b.inputs.data() + static_cast<size_t>(r) * static_cast<size_t>(T);
        TokenId *out = b.targets.data() + static_cast<size_t>(r) * static_cast<size_t>(T);
        for (size_t i = 0; i + 1 < row.size(); ++i) {
            in[i] = row[i];
            if (i >= sep)
                out[i] = row[i + 1]; // the answer and its <eos>
        }
    }
    return b;
}

Batch SyntheticTask::seq2seqBatch(Rng &rng, int batchSize) const
{
    return seq2seqBatch(samples(rng, batchSize));
}

Batch SyntheticTask::seq2seqBatch(const std::vector<TaskExample> &examples) const
{
    const int S = m_maxSource;
    const int T = m_maxTarget + 1;
    Batch b;
    b.batch = static_cast<int>(examples.size());
    b.length = T;
    b.sourceLength = S;
    b.source.assign(static_cast<size_t>(b.batch) * static_cast<size_t>(S), Pad); // (B, S)
    b.sourceLengths.assign(static_cast<size_t>(b.batch), 0);                     // (B)
    b.inputs.assign(static_cast<size_t>(b.batch) * static_cast<size_t>(T), Pad); // (B, T)
    b.targets.assign(b.inputs.size(), -1);                                       // (B, T)
    for (int r = 0; r < b.batch; ++r) {
        const TaskExample &e = examples[static_cast<size_t>(r)];
        const auto src = encodeChecked(e.source, "source");
        const auto tgt = encodeChecked(e.target, "target");
        std::copy(src.begin(), src.end(), b.source.begin() + static_cast<std::ptrdiff_t>(r) * S);
        b.sourceLengths[static_cast<size_t>(r)] = static_cast<int>(src.size());
        TokenId *in = b.inputs.data() + static_cast<size_t>(r) * static_cast<size_t>(T);
        TokenId *out = b.targets.data() + static_cast<size_t>(r) * static_cast<size_t>(T);
        in[0] = Bos;
        for (size_t i = 0; i < tgt.size(); ++i) {
            in[i + 1] = tgt[i];
            out[i] = tgt[i];
        }
        out[tgt.size()] = Eos;
    }
    return b;
}

} // namespace attn
