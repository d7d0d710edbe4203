// Synthetic tasks: every answer is checked by an independent method written
// here (string reversal, sorting, integer addition, a date parser with its own
// month tables and Zeller's congruence for the weekday).
#include "core/error.h"
#include "core/rng.h"
#include "data/dates.h"
#include "data/synthetic.h"

#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <string>

using namespace attn;

namespace {

// --- an independent calendar --------------------------------------------------

bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Zeller's congruence; returns 0 = Monday .. 6 = Sunday.
int zellerWeekday(int y, int m, int d)
{
    if (m < 3) {
        m += 12;
        y -= 1;
    }
    const int k = y % 100, j = y / 100;
    const int h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7; // 0 = Saturday
    return (h + 5) % 7;
}

std::string isoOf(int y, int m, int d)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// --- an independent date reader ----------------------------------------------

const char *const kMonthNames[] = {"january",   "february", "march",    "april",
                                   "may",       "june",     "july",     "august",
                                   "september", "october",  "november", "december"};
const char *const kDayNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};

std::string lower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

struct Parsed {
    int y = 0, m = 0, d = 0;
    int weekday = -1; // -1: none written
};

// Splits UTF-8 into code points as strings.
std::vector<std::string> chars(const std::string &s)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

int zhDigit(const std::string &c)
{
    static const std::vector<std::string> d = {"〇", "一", "二", "三", "四",
                                               "五", "六", "七", "八", "九"};
    if (c == "零")
        return 0;
    for (size_t i = 0; i < d.size(); ++i)
        if (d[i] == c)
            return static_cast<int>(i);
    return -1;
}

// "2024", "二〇二四" (digit by digit), "十二", "二十六", "五".
std::optional<int> readNumber(const std::vector<std::string> &cs)
{
    if (cs.empty())
        return std::nullopt;
    bool ascii = std::all_of(cs.begin(), cs.end(), [](const std::string &c) {
        return c.size() == 1 && c[0] >= '0' && c[0] <= '9';
    });
    if (ascii) {
        int v = 0;
        for (const auto &c : cs)
            v = v * 10 + (c[0] - '0');
        return v;
    }
    const auto shi = std::find(cs.begin(), cs.end(), "十");
    if (shi == cs.end()) {
        int v = 0;
        for (const auto &c : cs) {
            const int x = zhDigit(c);
            if (x < 0)
                return std::nullopt;
            v = v * 10 + x;
        }
        return v;
    }
    int tens = 1, ones = 0;
    if (shi != cs.begin()) {
        if (shi - cs.begin() != 1 || zhDigit(cs[0]) < 2)
            return std::nullopt;
        tens = zhDigit(cs[0]);
    }
    if (shi + 1 != cs.end()) {
        if (cs.end() - shi != 2 || zhDigit(*(shi + 1)) < 1)
            return std::nullopt;
        ones = zhDigit(*(shi + 1));
    }
    return tens * 10 + ones;
}

int expandYear(int y, size_t digits)
{
    if (digits == 2)
        return y >= 50 ? 1900 + y : 2000 + y;
    return y;
}

int zhWeekdayChar(const std::string &c)
{
    if (c == "日" || c == "天")
        return 6;
    const int x = zhDigit(c);
    return (x >= 1 && x <= 6) ? x - 1 : -100;
}

std::optional<Parsed> parseChinese(const std::string &s)
{
    Parsed p;
    auto cs = chars(s);
    // Weekday: 星期X, 礼拜X, 周X anywhere; remove it (and brackets, spaces).
    std::vector<std::string> rest;
    for (size_t i = 0; i < cs.size(); ++i) {
        const std::string &c = cs[i];
        if ((c == "星" || c == "礼") && i + 2 < cs.size()) {
            const std::string second = cs[i + 1];
            if ((c == "星" && second != "期") || (c == "礼" && second != "拜"))
                return std::nullopt;
            p.weekday = zhWeekdayChar(cs[i + 2]);
            i += 2;
        } else if (c == "周" && i + 1 < cs.size()) {
            p.weekday = zhWeekdayChar(cs[i + 1]);
            i += 1;
        } else if (c != " " && c != "（" && c != "）") {
            rest.push_back(c);
        }
    }
    if (p.weekday < -1)
        return std::nullopt;
    int yearOffset = 0;
    size_t i = 0;
    if (rest.size() > 2 && rest[0] == "公" && rest[1] == "元")
        i = 2;
    else if (rest.size() > 2 && rest[0] == "民" && rest[1] == "国") {
        i = 2;
        yearOffset = 1911;
    }
    // Either 年/月/日 (or 号) markers, or y/m/d with slashes.
    std::vector<std::vector<std::string>> fields(1);
    std::vector<std::string> markers;
    for (; i < rest.size(); ++i) {
        const std::string &c = rest[i];
        if (c == "年" || c == "月" || c == "日" || c == "号" || c == "/") {
            markers.push_back(c);
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    if (!fields.back().empty())
        ; // y/m/d: the last field has no marker after it
    else
        fields.pop_back();
    if (fields.size() != 3)
        return std::nullopt;
    const auto y = readNumber(fields[0]), m = readNumber(fields[1]), d = readNumber(fields[2]);
    if (!y || !m || !d)
        return std::nullopt;
    const bool slashes = markers.size() == 2 && markers[0] == "/" && markers[1] == "/";
    const bool ymd = markers.size() == 3 && markers[0] == "年" && markers[1] == "月" &&
                     (markers[2] == "日" || markers[2] == "号");
    if (!slashes && !ymd)
        return std::nullopt;
    p.y = yearOffset ? *y + yearOffset : expandYear(*y, fields[0].size());
    p.m = *m;
    p.d = *d;
    return p;
}

std::optional<Parsed> parseWestern(const std::string &s)
{
    Parsed p;
    struct Num {
        int value;
        size_t digits;
    };
    std::vector<Num> nums;
    std::vector<char> seps; // separator right after each number
    std::string word;
    auto flushWord = [&]() -> bool {
        if (word.empty())
            return true;
        const std::string w = lower(word);
        word.clear();
        if (w == "the" || w == "of")
            return true;
        if (w == "st" || w == "nd" || w == "rd" || w == "th") {
            if (nums.empty())
                return false;
            const int d = nums.back().value;
            const std::string expected = (d % 10 == 1 && d != 11)   ? "st"
                                         : (d % 10 == 2 && d != 12) ? "nd"
                                         : (d % 10 == 3 && d != 13) ? "rd"
                                                                    : "th";
            return w == expected;
        }
        for (int i = 0; i < 12; ++i) {
            const std::string full = kMonthNames[i];
            if (w == full || w == full.substr(0, 3)) {
                p.m = i + 1;
                return true;
            }
        }
        for (int i = 0; i < 7; ++i) {
            const std::string full = kDayNames[i];
            if (w == full || w == full.substr(0, 3)) {
                p.weekday = i;
                return true;
            }
        }
        return false;
    };
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            if (!flushWord())
                return std::nullopt;
            size_t j = i;
            int v = 0;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9')
                v = v * 10 + (s[j++] - '0');
            nums.push_back({v, j - i});
            seps.push_back(j < s.size() ? s[j] : '\0');
            i = j;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            word += c;
            ++i;
        } else if (c == ' ' || c == ',' || c == '.' || c == '/' || c == '-') {
            if (!flushWord())
                return std::nullopt;
            ++i;
        } else {
            return std::nullopt;
        }
    }
    if (!flushWord())
        return std::nullopt;

    if (nums.size() == 1 && nums[0].digits == 8) { // yyyyMMdd
        p.y = nums[0].value / 10000;
        p.m = nums[0].value / 100 % 100;
        p.d = nums[0].value % 100;
        return p;
    }
    if (p.m > 0) { // month by name: the other two are the day and the year
        if (nums.size() != 2)
            return std::nullopt;
        const bool yearFirst = nums[0].digits == 4;
        const Num y = yearFirst ? nums[0] : nums[1];
        const Num d = yearFirst ? nums[1] : nums[0];
        p.y = expandYear(y.value, y.digits);
        p.d = d.value;
        return p;
    }
    if (nums.size() != 3)
        return std::nullopt;
    if (nums[0].digits == 4) { // year first: y m d
        p.y = nums[0].value;
        p.m = nums[1].value;
        p.d = nums[2].value;
    } else if (seps[0] == '/') { // US
        p.m = nums[0].value;
        p.d = nums[1].value;
        p.y = expandYear(nums[2].value, nums[2].digits);
    } else if (seps[0] == '.') { // European
        p.d = nums[0].value;
        p.m = nums[1].value;
        p.y = expandYear(nums[2].value, nums[2].digits);
    } else {
        return std::nullopt;
    }
    return p;
}

std::optional<Parsed> parseDate(const std::string &s)
{
    const bool cjk = std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
    return cjk ? parseChinese(s) : parseWestern(s);
}

// Checks one written date against the date it should mean.
void checkDate(const std::string &written, const std::string &expectedIso)
{
    const auto p = parseDate(written);
    QVERIFY2(p.has_value(),
             qPrintable(QString("could not read '%1'").arg(QString::fromStdString(written))));
    QVERIFY2(p->m >= 1 && p->m <= 12 && p->d >= 1 && p->d <= daysInMonth(p->y, p->m),
             written.c_str());
    QVERIFY2(isoOf(p->y, p->m, p->d) == expectedIso,
             qPrintable(QString("'%1' read as %2, expected %3")
                            .arg(QString::fromStdString(written),
                                 QString::fromStdString(isoOf(p->y, p->m, p->d)),
                                 QString::fromStdString(expectedIso))));
    if (p->weekday >= 0)
        QVERIFY2(p->weekday == zellerWeekday(p->y, p->m, p->d),
                 qPrintable(
                     QString("'%1' names the wrong weekday").arg(QString::fromStdString(written))));
}

std::vector<TaskExample> draw(const SyntheticTask &t, std::uint64_t seed, int n)
{
    Rng rng(seed);
    std::vector<TaskExample> out;
    for (int i = 0; i < n; ++i)
        out.push_back(t.sample(rng));
    return out;
}

bool sameExamples(const std::vector<TaskExample> &a, const std::vector<TaskExample> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].source != b[i].source || a[i].target != b[i].target)
            return false;
    return true;
}

} // namespace

class TestSynthetic : public QObject {
    Q_OBJECT
private slots:
    void copyRepeatsTheSource()
    {
        auto t = makeTask("copy", {6, 3, 5});
        for (const TaskExample &e : draw(*t, 1, 500)) {
            QCOMPARE(e.target, e.source);
            QVERIFY(e.source.size() >= 3 && e.source.size() <= 6);
            for (char c : e.source)
                QVERIFY(c >= 'a' && c <= 'e');
        }
    }

    void reverseReverses()
    {
        auto t = makeTask("reverse");
        for (const TaskExample &e : draw(*t, 2, 500)) {
            QCOMPARE(e.source.size(), size_t(8)); // default length, fixed
            std::string back;
            for (auto it = e.target.rbegin(); it != e.target.rend(); ++it)
                back += *it;
            QCOMPARE(back, e.source);
            QCOMPARE(std::string(back.rbegin(), back.rend()), e.target);
        }
    }

    void sortIsANonDecreasingPermutation()
    {
        auto t = makeTask("sort", {10, 1, 10});
        for (const TaskExample &e : draw(*t, 3, 500)) {
            QVERIFY(std::is_permutation(e.source.begin(), e.source.end(), e.target.begin(),
                                        e.target.end()));
            for (size_t i = 1; i < e.target.size(); ++i)
                QVERIFY(e.target[i - 1] <= e.target[i]);
        }
    }

    void additionIsRight()
    {
        auto t = makeTask("addition", {4, 1, 10});
        for (const TaskExample &e : draw(*t, 4, 1000)) {
            const auto plus = e.source.find('+');
            QVERIFY(plus != std::string::npos);
            const std::string a = e.source.substr(0, plus), b = e.source.substr(plus + 1);
            QVERIFY(!a.empty() && !b.empty() && a.size() <= 4 && b.size() <= 4);
            QVERIFY(a.size() == 1 || a[0] != '0'); // no leading zeros
            QVERIFY(b.size() == 1 || b[0] != '0');
            QCOMPARE(std::stoll(e.target), std::stoll(a) + std::stoll(b));
            QCOMPARE(std::to_string(std::stoll(e.target)), e.target);
        }
        // The widest operands still add exactly: 18 digits each.
        auto wide = makeTask("addition", {18, 18, 10});
        for (const TaskExample &e : draw(*wide, 5, 200)) {
            const auto plus = e.source.find('+');
            const unsigned long long a = std::stoull(e.source.substr(0, plus));
            const unsigned long long b = std::stoull(e.source.substr(plus + 1));
            QCOMPARE(e.source.size(), size_t(37));
            QCOMPARE(std::stoull(e.target), a + b);
        }
    }

    void everyDateFormatReadsBack()
    {
        const auto &fs = dates::formats();
        QVERIFY(fs.size() >= 30);
        Rng rng(99);
        for (int f = 0; f < static_cast<int>(fs.size()); ++f) {
            for (int i = 0; i < 300; ++i) {
                // A random real date drawn here, by rejection.
                const int y = 1950 + static_cast<int>(rng.below(100));
                const int m = 1 + static_cast<int>(rng.below(12));
                const int d = 1 + static_cast<int>(rng.below(31));
                if (d > daysInMonth(y, m))
                    continue;
                checkDate(dates::format({y, m, d}, f), isoOf(y, m, d));
                if (QTest::currentTestFailed()) {
                    qWarning("format %d (%s)", f, fs[static_cast<size_t>(f)].id.c_str());
                    return;
                }
            }
        }
    }

    void dateFormatsByHand()
    {
        // 2024-03-05 was a Tuesday; 1999-12-26 a Sunday; 1950-01-01 a Sunday.
        auto has = [](const dates::Date &d, const std::string &text) {
            for (int f = 0; f < static_cast<int>(dates::formats().size()); ++f)
                if (dates::format(d, f) == text)
                    return true;
            return false;
        };
        QVERIFY(has({2024, 3, 5}, "March 5, 2024"));
        QVERIFY(has({2024, 3, 5}, "5 Mar 24"));
        QVERIFY(has({2024, 3, 5}, "2024年3月5日"));
        QVERIFY(has({2024, 3, 5}, "星期二 2024/3/5"));
        QVERIFY(has({2024, 3, 5}, "Tuesday, March 5, 2024"));
        QVERIFY(has({2024, 3, 5}, "03/05/2024")); // US month/day/year
        QVERIFY(has({2024, 3, 5}, "05.03.2024")); // European day.month.year
        QVERIFY(has({2024, 3, 5}, "二〇二四年三月五日"));
        QVERIFY(has({2024, 3, 5}, "民国113年3月5日"));
        QVERIFY(has({1999, 12, 26}, "一九九九年十二月二十六日星期日"));
        QVERIFY(has({1999, 12, 26}, "星期天 1999/12/26"));
        QVERIFY(has({1999, 12, 26}, "the 26th of December, 1999"));
        QVERIFY(has({1950, 1, 1}, "Sun, 1 Jan 1950"));
        QVERIFY(has({2001, 11, 22}, "November 22nd, 2001"));
        QVERIFY(has({2013, 2, 13}, "13th February 2013"));
        QVERIFY_THROWS_EXCEPTION(Error, dates::format({2023, 2, 29}, 0));
        QVERIFY_THROWS_EXCEPTION(Error, dates::format({1900, 1, 1}, 0));
        QVERIFY_THROWS_EXCEPTION(Error, dates::format({2020, 1, 1}, -1));
    }

    void dateFormatsAreDistinctAndBilingual()
    {
        // Written for one date, the formats give at least 30 different strings,
        // at least 12 of them English words and at least 12 Chinese.
        const dates::Date d{2024, 9, 18};
        std::set<std::string> distinct;
        int english = 0, chinese = 0;
        for (int f = 0; f < static_cast<int>(dates::formats().size()); ++f) {
            const std::string s = dates::format(d, f);
            distinct.insert(s);
            if (std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; }))
                ++chinese;
            else if (std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
                ++english;
        }
        QVERIFY(distinct.size() >= 30);
        QCOMPARE(distinct.size(), dates::formats().size());
        QVERIFY2(english >= 12, qPrintable(QString::number(english)));
        QVERIFY2(chinese >= 12, qPrintable(QString::number(chinese)));
    }

    void weekdaysMatchZeller()
    {
        for (int y = 1950; y <= 2049; ++y)
            for (int m = 1; m <= 12; ++m)
                for (int d = 1; d <= daysInMonth(y, m); ++d)
                    if (dates::weekday({y, m, d}) != zellerWeekday(y, m, d))
                        QFAIL(qPrintable(QString::fromStdString(isoOf(y, m, d))));
    }

    void dateTaskSamplesAreCorrect()
    {
        auto t = makeTask("dates");
        std::set<std::string> sources;
        for (const TaskExample &e : draw(*t, 7, 3000)) {
            checkDate(e.source, e.target);
            if (QTest::currentTestFailed())
                return;
            const auto ids = t->encode(e.source);
            QVERIFY2(std::find(ids.begin(), ids.end(), SyntheticTask::Unk) == ids.end(),
                     e.source.c_str());
            QVERIFY(static_cast<int>(ids.size()) <= t->maxSourceLength());
            QCOMPARE(static_cast<int>(t->encode(e.target).size()), 10);
            sources.insert(e.source);
        }
        QVERIFY(sources.size() > 2900);
    }

    void dateLengthsFitEverywhere()
    {
        // maxSourceLength() covers every format on every day of the first and last years.
        auto t = makeTask("dates");
        for (int y : {1950, 2049})
            for (int m = 1; m <= 12; ++m)
                for (int d = 1; d <= daysInMonth(y, m); ++d)
                    for (int f = 0; f < static_cast<int>(dates::formats().size()); ++f) {
                        const auto ids = t->encode(dates::format({y, m, d}, f));
                        if (static_cast<int>(ids.size()) > t->maxSourceLength() ||
                            std::find(ids.begin(), ids.end(), SyntheticTask::Unk) != ids.end())
                            QFAIL(dates::format({y, m, d}, f).c_str());
                    }
    }

    void sameSeedSameExamples()
    {
        for (const TaskSpec &s : taskSpecs()) {
            auto t = makeTask(s.name);
            QVERIFY2(sameExamples(draw(*t, 42, 50), draw(*t, 42, 50)), s.name.c_str());
            QVERIFY2(!sameExamples(draw(*t, 42, 50), draw(*t, 43, 50)), s.name.c_str());
            Rng a(5), b(5);
            const Batch x = t->lmBatch(a, 4), y = t->lmBatch(b, 4);
            QCOMPARE(x.inputs, y.inputs);
            QCOMPARE(x.targets, y.targets);
        }
    }

    void vocabularyAndEncoding()
    {
        auto t = makeTask("copy", {4, 4, 3});
        const std::vector<std::string> expected = {"<pad>", "<bos>", "<eos>", "<unk>",
                                                   "=",     "a",     "b",     "c"};
        QCOMPARE(t->vocab(), expected);
        QCOMPARE(t->vocabSize(), 8);
        QCOMPARE(t->encode("cab"), (std::vector<TokenId>{7, 5, 6}));
        QCOMPARE(t->encode("az"), (std::vector<TokenId>{5, SyntheticTask::Unk}));
        QCOMPARE(t->decode({1, 7, 5, 4, 6, 2, 0}), std::string("ca=b"));
        QCOMPARE(t->decode({3}), std::string("\xEF\xBF\xBD"));
        QVERIFY_THROWS_EXCEPTION(Error, t->decode({8}));
        QVERIFY_THROWS_EXCEPTION(Error, t->decode({-1}));

        auto d = makeTask("dates");
        QCOMPARE(d->label(d->encode(" ")[0]), std::string("␣"));
        QCOMPARE(d->decode(d->encode("星期二 2024/3/5")), std::string("星期二 2024/3/5"));
        QCOMPARE(d->label(SyntheticTask::Eos), std::string("<eos>"));
    }

    void lmBatchLayoutByHand()
    {
        auto t = makeTask("copy", {3, 2, 3}); // a=5 b=6 c=7, lengths 2..3
        const Batch b = t->lmBatch(std::vector<TaskExample>{{"abc", "abc"}, {"ca", "ca"}});
        QCOMPARE(b.batch, 2);
        QCOMPARE(b.length, 8); // 3 + 3 + 2
        QCOMPARE(t->lmLength(), 8);
        // Row 0: <bos> a b c = a b c <eos>
        const std::vector<TokenId> in0 = {1, 5, 6, 7, 4, 5, 6, 7};
        const std::vector<TokenId> tg0 = {-1, -1, -1, -1, 5, 6, 7, 2};
        // Row 1: <bos> c a = c a <eos> <pad>...
        const std::vector<TokenId> in1 = {1, 7, 5, 4, 7, 5, 0, 0};
        const std::vector<TokenId> tg1 = {-1, -1, -1, 7, 5, 2, -1, -1};
        QCOMPARE(std::vector<TokenId>(b.inputs.begin(), b.inputs.begin() + 8), in0);
        QCOMPARE(std::vector<TokenId>(b.targets.begin(), b.targets.begin() + 8), tg0);
        QCOMPARE(std::vector<TokenId>(b.inputs.begin() + 8, b.inputs.end()), in1);
        QCOMPARE(std::vector<TokenId>(b.targets.begin() + 8, b.targets.end()), tg1);
        QCOMPARE(t->lmPrompt("ca"), (std::vector<TokenId>{1, 7, 5, 4}));

        auto r = makeTask("reverse", {3, 3, 3});
        const Batch rb = r->lmBatch(std::vector<TaskExample>{{"abc", "cba"}});
        QCOMPARE(rb.targets, (std::vector<TokenId>{-1, -1, -1, -1, 7, 6, 5, 2}));
    }

    void lmBatchesFromTheGenerator()
    {
        for (const TaskSpec &s : taskSpecs()) {
            auto t = makeTask(s.name);
            Rng rng(11);
            const Batch b = t->lmBatch(rng, 16);
            QCOMPARE(b.batch, 16);
            QCOMPARE(b.length, t->lmLength());
            QCOMPARE(b.inputs.size(), size_t(16 * b.length));
            QCOMPARE(b.targets.size(), b.inputs.size());
            // Rebuild each row from the decoded input: what is counted is the answer plus <eos>.
            Rng again(11);
            for (int r = 0; r < 16; ++r) {
                const TaskExample e = t->sample(again);
                std::vector<TokenId> counted;
                for (int i = 0; i < b.length; ++i) {
                    const TokenId y = b.targets[static_cast<size_t>(r * b.length + i)];
                    if (y >= 0)
                        counted.push_back(y);
                }
                QVERIFY(!counted.empty());
                QCOMPARE(counted.back(), SyntheticTask::Eos);
                counted.pop_back();
                QCOMPARE(t->decode(counted), e.target);
            }
        }
    }

    void seq2seqBatchLayoutByHand()
    {
        auto t = makeTask("reverse", {3, 2, 3});
        const Batch b = t->seq2seqBatch(std::vector<TaskExample>{{"abc", "cba"}, {"ab", "ba"}});
        QCOMPARE(b.batch, 2);
        QCOMPARE(b.sourceLength, 3);
        QCOMPARE(b.length, 4);
        QCOMPARE(b.source, (std::vector<TokenId>{5, 6, 7, 5, 6, 0}));
        QCOMPARE(b.sourceLengths, (std::vector<int>{3, 2}));
        QCOMPARE(b.inputs, (std::vector<TokenId>{1, 7, 6, 5, 1, 6, 5, 0}));
        QCOMPARE(b.targets, (std::vector<TokenId>{7, 6, 5, 2, 6, 5, 2, -1}));

        auto d = makeTask("dates");
        Rng rng(3);
        const Batch db = d->seq2seqBatch(rng, 8);
        QCOMPARE(db.sourceLength, d->maxSourceLength());
        QCOMPARE(db.length, 11);
        for (int r = 0; r < 8; ++r) {
            QCOMPARE(db.inputs[static_cast<size_t>(r * 11)], SyntheticTask::Bos);
            QCOMPARE(db.targets[static_cast<size_t>(r * 11 + 10)], SyntheticTask::Eos);
        }
    }

    void badNamesAndOptionsAreRefused()
    {
        try {
            makeTask("translate");
            QFAIL("no error");
        } catch (const Error &e) {
            const QString m = e.what();
            QVERIFY(m.contains("translate"));
            for (const char *n : {"copy", "reverse", "sort", "addition", "dates"})
                QVERIFY2(m.contains(n), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("copy", {-1, 0, 10}));
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("copy", {1000, 0, 10}));
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("copy", {4, 5, 10}));
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("reverse", {4, 0, 1}));
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("reverse", {4, 0, 27}));
        QVERIFY_THROWS_EXCEPTION(Error, makeTask("addition", {19, 0, 10}));
        auto t = makeTask("copy");
        Rng rng(1);
        QVERIFY_THROWS_EXCEPTION(Error, t->lmBatch(rng, 0));
        // An example longer than the task's maximum is refused, not truncated.
        QVERIFY_THROWS_EXCEPTION(Error, t->lmBatch(std::vector<TaskExample>{{"abcdefghij", "a"}}));
    }
};

QTEST_APPLESS_MAIN(TestSynthetic)
#include "test_synthetic.moc"
