#include "text/csv.h"

#include "core/error.h"
#include "text/textfile.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace attn {

namespace {

struct Record {
    std::vector<std::string> fields;
    std::size_t line = 1;
};

// Reads records one at a time. Strict: a quote opens a quoted field only at the field's
// start; after the closing quote only the delimiter or a line end may follow.
class Reader {
public:
    Reader(std::string_view text, char delim, const std::string &name, bool strict)
        : m_s(text), m_delim(delim), m_name(name), m_strict(strict)
    {
    }

    bool atEnd() const { return m_pos >= m_s.size(); }

    // False when the text is exhausted. Blank lines are skipped.
    bool next(Record &rec)
    {
        while (m_pos < m_s.size() && (m_s[m_pos] == '\n' || m_s[m_pos] == '\r')) {
            if (m_s[m_pos] == '\n')
                ++m_line;
            ++m_pos;
        }
        if (m_pos >= m_s.size())
            return false;
        rec.fields.clear();
        rec.line = m_line;
        std::string field;
        while (true) {
            field.clear();
            if (m_pos < m_s.size() && m_s[m_pos] == '"') {
                const std::size_t openLine = m_line;
                ++m_pos;
                while (true) {
                    if (m_pos >= m_s.size()) {
                        if (!m_strict)
                            break;
                        throw Error::fmt(
                            QT_TRANSLATE_NOOP("attn", "%1: line %2: quoted field never closes"),
                            m_name, std::to_string(openLine));
                    }
                    const char c = m_s[m_pos++];
                    if (c == '"') {
                        if (m_pos < m_s.size() && m_s[m_pos] == '"') {
                            field.push_back('"');
                            ++m_pos;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n')
                            ++m_line;
                        field.push_back(c);
                    }
                }
                if (m_pos < m_s.size() && m_s[m_pos] == '\r' && m_pos + 1 < m_s.size() &&
                    m_s[m_pos + 1] == '\n')
                    ++m_pos;
                if (m_pos < m_s.size() && m_s[m_pos] != m_delim && m_s[m_pos] != '\n') {
                    if (m_strict)
                        throw Error::fmt(
                            QT_TRANSLATE_NOOP(
                                "attn", "%1: line %2: unexpected character after a closing quote "
                                        "(a quote inside a quoted field is written \"\")"),
                            m_name, std::to_string(m_line));
                    while (m_pos < m_s.size() && m_s[m_pos] != m_delim && m_s[m_pos] != '\n')
                        field.push_back(m_s[m_pos++]);
                }
            } else {
                while (m_pos < m_s.size() && m_s[m_pos] != m_delim && m_s[m_pos] != '\n')
                    field.push_back(m_s[m_pos++]);
                if (!field.empty() && field.back() == '\r')
                    field.pop_back();
            }
            rec.fields.push_back(field);
            if (m_pos >= m_s.size())
                return true;
            if (m_s[m_pos] == '\n') {
                ++m_pos;
                ++m_line;
                return true;
            }
            ++m_pos; // the delimiter
        }
    }

private:
    std::string_view m_s;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    char m_delim;
    const std::string &m_name;
    bool m_strict;
};

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isNumber(const std::string &s)
{
    if (s.empty())
        return false;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digit = false;
    for (; i < s.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(s[i])))
            digit = true;
        else if (s[i] != '.' && s[i] != 'e' && s[i] != 'E' && s[i] != '-' && s[i] != '+')
            return false;
    }
    return digit;
}

// Whether the first record looks like a header, given the records after it.
bool looksLikeHeader(const std::vector<Record> &recs)
{
    if (recs.empty())
        return false;
    const auto &first = recs[0].fields;
    std::set<std::string> seen;
    for (const auto &f : first)
        if (f.empty() || f.size() > 64 || !seen.insert(f).second)
            return false;
    static const std::set<std::string> known = {
        "text",    "label",  "labels", "class",    "category", "sentiment", "source",
        "target",  "input",  "output", "sentence", "src",      "tgt",       "question",
        "answer",  "id",     "title",  "body",     "review",   "prompt",    "response",
        "english", "french", "german", "chinese",  "spanish",  "en",        "fr",
        "de",      "zh",     "es",     "from",     "to",       "document",  "content"};
    for (const auto &f : first)
        if (known.count(lower(f)))
            return true;
    if (recs.size() == 1)
        return false;
    bool evidence = false;
    for (std::size_t c = 0; c < first.size(); ++c) {
        std::set<std::string> values;
        bool allNumeric = true;
        for (std::size_t r = 1; r < recs.size(); ++r) {
            if (c >= recs[r].fields.size())
                continue;
            values.insert(recs[r].fields[c]);
            allNumeric = allNumeric && isNumber(recs[r].fields[c]);
        }
        if (values.count(first[c]))
            return false; // the first row's value occurs in its column: data
        if (allNumeric && !isNumber(first[c]))
            evidence = true;
        // A categorical column (few distinct values) whose first value is not a category.
        if (recs.size() >= 5 && values.size() * 2 <= recs.size() - 1)
            evidence = true;
    }
    return evidence;
}

} // namespace

char detectDelimiter(std::string_view text, char hint)
{
    const std::string_view sample = text.substr(0, 64 * 1024);
    static const std::string name = "sample";
    // The share of the first 50 records with as many fields as the first one (which must
    // have at least two); 0 when the delimiter does not split the first record.
    auto score = [&](char d) -> double {
        if (sample.find(d) == std::string_view::npos)
            return 0.0;
        Reader reader(sample, d, name, false);
        Record rec;
        std::size_t fields = 0, records = 0, same = 0;
        while (records < 50 && reader.next(rec)) {
            // The sample may cut the last record short: ignore it.
            if (reader.atEnd() && records > 0 && text.size() > sample.size())
                break;
            if (records == 0)
                fields = rec.fields.size();
            same += rec.fields.size() == fields ? 1 : 0;
            ++records;
        }
        if (fields < 2 || records == 0)
            return 0.0;
        return static_cast<double>(same) / static_cast<double>(records);
    };
    char best = 0;
    double bestScore = 0.0;
    for (const char d : {hint, '\t', ',', ';', '|'}) {
        if (d == 0)
            continue;
        const double s = score(d);
        if (s > bestScore) {
            best = d;
            bestScore = s;
        }
    }
    if (best == 0)
        return hint ? hint : ',';
    return best;
}

std::size_t CsvTable::column(const std::string &key) const
{
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == key)
            return i;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (lower(columns[i]) == lower(key))
            return i;
    if (!key.empty() &&
        std::all_of(key.begin(), key.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
        key.size() < 9) {
        const std::size_t n = std::stoul(key);
        if (n >= 1 && n <= columns.size())
            return n - 1;
    }
    std::string list;
    for (std::size_t i = 0; i < columns.size(); ++i)
        list += (i ? ", " : "") + std::to_string(i + 1) + " \"" + columns[i] + "\"";
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no column \"%2\" (columns: %3)"), name, key,
                     list);
}

CsvTable parseCsv(std::string_view text, const std::string &name, const CsvOptions &options)
{
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    CsvTable t;
    t.name = name;
    t.delimiter =
        options.delimiter ? options.delimiter : detectDelimiter(text, options.delimiterHint);
    if (t.delimiter == '"' || t.delimiter == '\n' || t.delimiter == '\r')
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the delimiter cannot be a quote or a line end"), name);

    Reader reader(text, t.delimiter, name, true);
    std::vector<Record> recs;
    Record rec;
    while (reader.next(rec)) {
        if (recs.size() > options.maxRows)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: more than %2 rows"), name,
                             std::to_string(options.maxRows));
        recs.push_back(rec);
    }
    if (recs.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no rows"), name);

    const std::size_t width = recs[0].fields.size();
    switch (options.header) {
    case CsvOptions::Header::Yes:
        t.hasHeader = true;
        break;
    case CsvOptions::Header::No:
        t.hasHeader = false;
        break;
    case CsvOptions::Header::Auto: {
        std::vector<Record> head(
            recs.begin(),
            recs.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(recs.size(), 51)));
        t.hasHeader = looksLikeHeader(head);
        break;
    }
    }
    if (t.hasHeader)
        t.columns = recs[0].fields;
    else
        for (std::size_t i = 0; i < width; ++i)
            t.columns.push_back(std::to_string(i + 1));

    auto columnList = [&] {
        std::string s;
        if (!t.hasHeader)
            return s;
        s = " (";
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            s += (i ? ", " : "") + t.columns[i];
        return s + ")";
    };
    for (std::size_t r = t.hasHeader ? 1 : 0; r < recs.size(); ++r) {
        auto &fields = recs[r].fields;
        if (fields.size() == 1 && width > 1)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: line %2 has 1 field; expected %3%4 (a missing column)"),
                name, recs[r].line, width, columnList());
        if (fields.size() < width)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: line %2 has %3 fields; expected %4%5 (a missing column)"),
                name, recs[r].line, fields.size(), width, columnList());
        if (fields.size() > width)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: line %2 has %3 fields; expected %4%5 (an extra column)"),
                name, recs[r].line, fields.size(), width, columnList());
        t.rows.push_back(std::move(fields));
        t.rowLines.push_back(recs[r].line);
    }
    if (t.rows.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: has a header but no data rows"), name);
    return t;
}

CsvTable readCsvFile(const std::string &path, const CsvOptions &options)
{
    const TextFile f = readTextFile(path);
    CsvOptions o = options;
    if (!o.delimiterHint) {
        const auto dot = path.rfind('.');
        const std::string ext = dot == std::string::npos ? std::string() : lower(path.substr(dot));
        if (ext == ".tsv" || ext == ".tab")
            o.delimiterHint = '\t';
        else if (ext == ".csv")
            o.delimiterHint = ',';
    }
    return parseCsv(f.text, path, o);
}

} // namespace attn
