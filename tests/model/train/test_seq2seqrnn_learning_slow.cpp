// The dates figure: a Bahdanau (additive attention, BiGRU) seq2seq learns to
// write human dates (English and Chinese formats) as ISO YYYY-MM-DD, reaching
// >= 95% exact match on held-out dates after 800 steps on 2 threads, and its
// cross-attention, while writing a digit of the year / month / day, puts the
// most weight on the source characters of that field.
#include "seq2seqrnn_learning.h"

#include "data/dates.h"
#include "text/utf8.h"

#include <QtTest>

#include <cctype>
#include <cstdlib>

using namespace attn;
using namespace s2slearning;

namespace {

struct Span {
    int begin = -1, end = -1; // [begin, end) in source characters
    bool contains(Index j) const { return j >= begin && j < end; }
    bool valid() const { return begin >= 0; }
};

// The characters of the year, month and day in a date written in a numeric or
// English format, found by value (digit runs) or by name (English month names).
// False when it cannot tell unambiguously (Chinese numerals, Minguo years,
// equal day and month numbers).
bool fieldSpans(const std::string &source, const dates::Date &d, Span &year, Span &month, Span &day)
{
    const auto cps = utf8::decode(source);
    const int n = static_cast<int>(cps.size());
    year = month = day = Span{};
    if (d.day == d.month || d.day == d.year % 100 || d.month == d.year % 100)
        return false;
    auto isDigit = [&](int i) {
        return cps[static_cast<size_t>(i)] < 128 && std::isdigit(int(cps[static_cast<size_t>(i)]));
    };
    auto isAlpha = [&](int i) {
        return cps[static_cast<size_t>(i)] < 128 && std::isalpha(int(cps[static_cast<size_t>(i)]));
    };
    for (int i = 0; i < n;) {
        if (isDigit(i)) {
            int j = i, v = 0;
            while (j < n && isDigit(j))
                v = v * 10 + int(cps[static_cast<size_t>(j++)] - U'0');
            const int len = j - i;
            if (len == 8 && v == d.year * 10000 + d.month * 100 + d.day) { // yyyyMMdd
                year = {i, i + 4};
                month = {i + 4, i + 6};
                day = {i + 6, i + 8};
            } else if ((len == 4 && v == d.year) ||
                       (len == 2 && v == d.year % 100 && !year.valid())) {
                if (year.valid() && len == 2)
                    return false;
                year = {i, j};
            } else if (len <= 2 && v == d.day) {
                if (day.valid())
                    return false;
                day = {i, j};
            } else if (len <= 2 && v == d.month) {
                if (month.valid())
                    return false;
                month = {i, j};
            } else {
                return false; // a number that is none of the fields (Minguo year, ...)
            }
            i = j;
        } else if (isAlpha(i)) {
            int j = i;
            std::string word;
            while (j < n && isAlpha(j))
                word += static_cast<char>(std::tolower(int(cps[static_cast<size_t>(j++)])));
            static const char *names[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
            const std::string full = names[d.month - 1];
            if (word == full || (word.size() == 3 && full.compare(0, 3, word) == 0) ||
                (word == "sept" && d.month == 9))
                month = {i, j};
            i = j;
        } else {
            ++i;
        }
    }
    return year.valid() && month.valid() && day.valid();
}

std::set<std::string> heldOutDates(int n, std::uint64_t seed, std::vector<dates::Date> &out)
{
    Rng rng(seed);
    std::set<std::string> s;
    const long long first = dates::daysFromCivil({dates::kMinYear, 1, 1});
    const long long last = dates::daysFromCivil({dates::kMaxYear, 12, 31});
    while (static_cast<int>(s.size()) < n) {
        const dates::Date d = dates::civilFromDays(
            first +
            static_cast<long long>(rng.below(static_cast<std::uint64_t>(last - first + 1))));
        if (s.insert(dates::iso(d)).second)
            out.push_back(d);
    }
    return s;
}

} // namespace

class TestSeq2SeqRNNLearningSlow : public QObject {
    Q_OBJECT

private slots:
    void datesBahdanau()
    {
        setThreads(2);
        auto task = makeTask("dates");
        std::vector<dates::Date> held;
        const std::set<std::string> heldOut = heldOutDates(300, 4242, held);
        // Held-out examples: the held-out dates, each in a random format.
        Rng frng(99);
        std::vector<TaskExample> test;
        const int nf = static_cast<int>(dates::formats().size());
        for (const auto &d : held)
            test.push_back(
                {dates::format(d, static_cast<int>(frng.below(std::uint64_t(nf)))), dates::iso(d)});

        Seq2SeqRNNConfig c;
        c.vocab = task->vocabSize();
        c.embedding = 32;
        c.hidden = 64;
        c.attentionSize = 64;
        c.rnn = RnnCell::GRU;
        c.attention = RnnAttentionKind::Additive;
        Seq2SeqRNN model(c, 1);
        const Run r = train(model, *task, 800, 64, 3e-3f, heldOut, 1);
        const int ok = exactMatches(model, *task, test);
        const double acc = double(ok) / double(test.size());
        qInfo("dates: %lld steps in %.1f s (2 threads), last loss %.4f, exact match %d/%zu = "
              "%.1f%% on held-out dates",
              r.steps, r.seconds, r.lastLoss, ok, test.size(), 100.0 * acc);
        QVERIFY2(acc >= 0.95, qPrintable(QString("exact match %1% < 95%").arg(100.0 * acc)));

        // Alignment: for every output digit of the year, month and day, the argmax
        // source position lies within that field's characters. The tens digit of a
        // month or day is often a leading zero the source does not write ("3月",
        // "May 7"): the model then looks at what tells it the field has one digit,
        // the separator next to it, so for those digits a neighbouring character is
        // counted separately.
        int checked = 0, aligned = 0, examples = 0, shown = 0;
        int yearN = 0, yearOk = 0, unitsN = 0, unitsOk = 0, tensN = 0, tensOk = 0, tensNear = 0;
        for (size_t k = 0; k < test.size(); ++k) {
            Span y, m, dd;
            if (!fieldSpans(test[k].source, held[k], y, m, dd))
                continue;
            ++examples;
            const MatRM w = crossWeights(model, *task, test[k]);
            const std::pair<int, const Span *> outputs[] = {{0, &y}, {1, &y}, {2, &y},  {3, &y},
                                                            {5, &m}, {6, &m}, {8, &dd}, {9, &dd}};
            for (const auto &[pos, span] : outputs) {
                Index arg = 0;
                w.row(pos).maxCoeff(&arg);
                const bool in = span->contains(arg);
                ++checked;
                aligned += in;
                if (pos < 4) {
                    ++yearN;
                    yearOk += in;
                } else if (pos == 6 || pos == 9) {
                    ++unitsN;
                    unitsOk += in;
                } else {
                    ++tensN;
                    tensOk += in;
                    tensNear += in || arg == span->begin - 1 || arg == span->end;
                }
                if (!in && shown < 6) {
                    ++shown;
                    const auto cps = utf8::decode(test[k].source);
                    qInfo("  e.g. \"%s\": output %d ('%c') attends most to source %d ('%s', "
                          "weight %.2f); the field is %d..%d",
                          test[k].source.c_str(), pos, test[k].target[size_t(pos)], int(arg),
                          utf8::encode(cps[size_t(arg)]).c_str(), double(w(pos, arg)), span->begin,
                          span->end - 1);
                }
            }
        }
        qInfo("alignment over %d examples: %d/%d digits on their field; year digits %d/%d, "
              "month/day units %d/%d, month/day tens %d/%d (%d/%d on the field or next to it)",
              examples, aligned, checked, yearOk, yearN, unitsOk, unitsN, tensOk, tensN, tensNear,
              tensN);
        QVERIFY(examples >= 100);
        QVERIFY2(aligned >= 0.85 * checked, "cross-attention does not follow the fields");
        QVERIFY2(yearOk >= 0.95 * yearN, "year digits do not attend to the year");
        QVERIFY2(unitsOk >= 0.9 * unitsN, "month/day digits do not attend to their field");
        QVERIFY2(tensNear >= 0.9 * tensN, "month/day tens digits do not attend near their field");
        setThreads(1);
    }
};

QTEST_APPLESS_MAIN(TestSeq2SeqRNNLearningSlow)
#include "test_seq2seqrnn_learning_slow.moc"
