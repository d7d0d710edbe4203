#include "data/dates.h"

#include "core/error.h"

#include <array>
#include <cstdio>

namespace attn::dates {

long long daysFromCivil(const Date &d)
{
    // Hinnant, "chrono-Compatible Low-Level Date Algorithms": the year starts in March.
    const long long y = d.year - (d.month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;                         // [0, 399]
    const long long mp = (d.month + 9) % 12;                     // March = 0
    const long long doy = (153 * mp + 2) / 5 + d.day - 1;        // [0, 365]
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    return era * 146097 + doe - 719468;
}

Date civilFromDays(long long z)
{
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return {static_cast<int>(year), month, day};
}

bool isValid(const Date &d)
{
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
        return false;
    return civilFromDays(daysFromCivil(d)) == d;
}

int weekday(const Date &d)
{
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const long long w = (daysFromCivil(d) + 3) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

namespace {

std::string pad2(int x)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", x % 100);
    return buf;
}

std::string num(int x)
{
    return std::to_string(x);
}

const std::array<const char *, 12> kMonths = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
const std::array<const char *, 7> kWeekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};

std::string monthFull(int m)
{
    return kMonths[static_cast<size_t>(m - 1)];
}
std::string monthAbbr(int m)
{
    return monthFull(m).substr(0, 3);
}
// "Mar." but "May" (nothing is left out of May).
std::string monthAbbrDot(int m)
{
    return m == 5 ? "May" : monthAbbr(m) + ".";
}
std::string monthUpper(int m)
{
    std::string s = monthAbbr(m);
    for (char &c : s)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s;
}
std::string weekdayFull(int w)
{
    return kWeekdays[static_cast<size_t>(w)];
}
std::string weekdayAbbr(int w)
{
    return weekdayFull(w).substr(0, 3);
}
std::string ordinal(int d)
{
    const char *suffix = "th";
    if (d % 100 < 11 || d % 100 > 13) {
        if (d % 10 == 1)
            suffix = "st";
        else if (d % 10 == 2)
            suffix = "nd";
        else if (d % 10 == 3)
            suffix = "rd";
    }
    return num(d) + suffix;
}

// Chinese numerals.
const std::array<const char *, 10> kZhDigits = {"〇", "一", "二", "三", "四",
                                                "五", "六", "七", "八", "九"};
// A year read digit by digit: 2024 -> 二〇二四 (zero: 〇, or 零 when asked).
std::string zhYear(int y, bool lingZero)
{
    std::string s;
    for (char c : num(y)) {
        const int digit = c - '0';
        s += (digit == 0 && lingZero) ? "零" : kZhDigits[static_cast<size_t>(digit)];
    }
    return s;
}
// 1..31 the way months and days are spoken: 十, 十一, 二十, 二十一, 三十一.
std::string zhNumber(int n)
{
    std::string s;
    const int tens = n / 10, ones = n % 10;
    if (tens >= 2)
        s += kZhDigits[static_cast<size_t>(tens)];
    if (tens >= 1)
        s += "十";
    if (ones > 0)
        s += kZhDigits[static_cast<size_t>(ones)];
    return s;
}
// 一 .. 六, and Sunday as 日 or 天.
std::string zhWeekdayDigit(int w, bool tian)
{
    if (w == 6)
        return tian ? "天" : "日";
    return kZhDigits[static_cast<size_t>(w + 1)];
}
std::string xingqi(int w)
{
    return "星期" + zhWeekdayDigit(w, false);
}

struct Entry {
    Format format;
    std::string (*write)(const Date &d, int w);
};

const std::vector<Entry> &table()
{
    using O = Order;
    static const std::vector<Entry> t = {
        // English, month by name: no day/month ambiguity.
        {{"MMMM d, yyyy", "en", O::MDY, "US long"},
         [](const Date &d, int) {
             return monthFull(d.month) + " " + num(d.day) + ", " + num(d.year);
         }},
        {{"MMM d, yyyy", "en", O::MDY, "US medium"},
         [](const Date &d, int) {
             return monthAbbr(d.month) + " " + num(d.day) + ", " + num(d.year);
         }},
        {{"MMM. d, yyyy", "en", O::MDY, "US medium with a period (not after May)"},
         [](const Date &d, int) {
             return monthAbbrDot(d.month) + " " + num(d.day) + ", " + num(d.year);
         }},
        {{"d MMMM yyyy", "en", O::DMY, "British long"},
         [](const Date &d, int) {
             return num(d.day) + " " + monthFull(d.month) + " " + num(d.year);
         }},
        {{"d MMM yyyy", "en", O::DMY, "British medium"},
         [](const Date &d, int) {
             return num(d.day) + " " + monthAbbr(d.month) + " " + num(d.year);
         }},
        {{"d MMM yy", "en", O::DMY, "two-digit year: 50-99 -> 19xx, 00-49 -> 20xx"},
         [](const Date &d, int) {
             return num(d.day) + " " + monthAbbr(d.month) + " " + pad2(d.year);
         }},
        {{"dd-MMM-yyyy", "en", O::DMY, "upper-case month (Oracle, military)"},
         [](const Date &d, int) {
             return pad2(d.day) + "-" + monthUpper(d.month) + "-" + num(d.year);
         }},
        {{"EEEE, MMMM d, yyyy", "en", O::MDY, "US full with weekday"},
         [](const Date &d, int w) {
             return weekdayFull(w) + ", " + monthFull(d.month) + " " + num(d.day) + ", " +
                    num(d.year);
         }},
        {{"EEE, d MMM yyyy", "en", O::DMY, "e-mail (RFC 5322) style"},
         [](const Date &d, int w) {
             return weekdayAbbr(w) + ", " + num(d.day) + " " + monthAbbr(d.month) + " " +
                    num(d.year);
         }},
        {{"EEEE d MMMM yyyy", "en", O::DMY, "British full with weekday"},
         [](const Date &d, int w) {
             return weekdayFull(w) + " " + num(d.day) + " " + monthFull(d.month) + " " +
                    num(d.year);
         }},
        {{"EEE MMM dd yyyy", "en", O::MDY, "JavaScript toDateString()"},
         [](const Date &d, int w) {
             return weekdayAbbr(w) + " " + monthAbbr(d.month) + " " + pad2(d.day) + " " +
                    num(d.year);
         }},
        {{"MMMM do, yyyy", "en", O::MDY, "US with ordinal day"},
         [](const Date &d, int) {
             return monthFull(d.month) + " " + ordinal(d.day) + ", " + num(d.year);
         }},
        {{"do MMMM yyyy", "en", O::DMY, "British with ordinal day"},
         [](const Date &d, int) {
             return ordinal(d.day) + " " + monthFull(d.month) + " " + num(d.year);
         }},
        {{"the do of MMMM, yyyy", "en", O::DMY, "spoken"},
         [](const Date &d, int) {
             return "the " + ordinal(d.day) + " of " + monthFull(d.month) + ", " + num(d.year);
         }},
        {{"yyyy MMMM d", "en", O::YMD, "year first"},
         [](const Date &d, int) {
             return num(d.year) + " " + monthFull(d.month) + " " + num(d.day);
         }},
        {{"MMM dd yyyy", "en", O::MDY, "log files"},
         [](const Date &d, int) {
             return monthAbbr(d.month) + " " + pad2(d.day) + " " + num(d.year);
         }},
        {{"yyyy-MMM-dd", "en", O::YMD, "year first with month name"},
         [](const Date &d, int) {
             return num(d.year) + "-" + monthAbbr(d.month) + "-" + pad2(d.day);
         }},
        // Numeric with the year last: the separator says the convention.
        {{"MM/dd/yyyy", "intl", O::MDY, "US: a slash with the year last is month/day/year"},
         [](const Date &d, int) { return pad2(d.month) + "/" + pad2(d.day) + "/" + num(d.year); }},
        {{"M/d/yyyy", "intl", O::MDY, "US month/day/year"},
         [](const Date &d, int) { return num(d.month) + "/" + num(d.day) + "/" + num(d.year); }},
        {{"M/d/yy", "intl", O::MDY, "US month/day/year, two-digit year"},
         [](const Date &d, int) { return num(d.month) + "/" + num(d.day) + "/" + pad2(d.year); }},
        {{"dd.MM.yyyy", "intl", O::DMY, "European: a dot with the year last is day.month.year"},
         [](const Date &d, int) { return pad2(d.day) + "." + pad2(d.month) + "." + num(d.year); }},
        {{"d.M.yyyy", "intl", O::DMY, "European day.month.year"},
         [](const Date &d, int) { return num(d.day) + "." + num(d.month) + "." + num(d.year); }},
        {{"dd.MM.yy", "intl", O::DMY, "European day.month.year, two-digit year"},
         [](const Date &d, int) { return pad2(d.day) + "." + pad2(d.month) + "." + pad2(d.year); }},
        // Numeric with a four-digit year first: always year, month, day.
        {{"yyyy-MM-dd", "intl", O::YMD, "ISO 8601 (already normal)"},
         [](const Date &d, int) { return num(d.year) + "-" + pad2(d.month) + "-" + pad2(d.day); }},
        {{"yyyyMMdd", "intl", O::YMD, "ISO 8601 basic"},
         [](const Date &d, int) { return num(d.year) + pad2(d.month) + pad2(d.day); }},
        {{"yyyy-M-d", "intl", O::YMD, "ISO order without zeros"},
         [](const Date &d, int) { return num(d.year) + "-" + num(d.month) + "-" + num(d.day); }},
        {{"yyyy/MM/dd", "zh", O::YMD, "year/month/day (China, Japan)"},
         [](const Date &d, int) { return num(d.year) + "/" + pad2(d.month) + "/" + pad2(d.day); }},
        {{"yyyy/M/d", "zh", O::YMD, "year/month/day without zeros"},
         [](const Date &d, int) { return num(d.year) + "/" + num(d.month) + "/" + num(d.day); }},
        {{"yyyy.MM.dd", "zh", O::YMD, "year.month.day"},
         [](const Date &d, int) { return num(d.year) + "." + pad2(d.month) + "." + pad2(d.day); }},
        // Chinese.
        {{"yyyy年M月d日", "zh", O::YMD, "standard"},
         [](const Date &d, int) {
             return num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日";
         }},
        {{"yyyy年MM月dd日", "zh", O::YMD, "with zeros"},
         [](const Date &d, int) {
             return num(d.year) + "年" + pad2(d.month) + "月" + pad2(d.day) + "日";
         }},
        {{"yy年M月d日", "zh", O::YMD, "two-digit year: 50-99 -> 19xx, 00-49 -> 20xx"},
         [](const Date &d, int) {
             return pad2(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日";
         }},
        {{"yyyy年M月d号", "zh", O::YMD, "spoken 号 for the day"},
         [](const Date &d, int) {
             return num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "号";
         }},
        {{"公元yyyy年M月d日", "zh", O::YMD, "with the era 公元 (CE)"},
         [](const Date &d, int) {
             return "公元" + num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日";
         }},
        {{"民国N年M月d日", "zh", O::YMD, "Minguo (ROC) year: N = year - 1911"},
         [](const Date &d, int) {
             return "民国" + num(d.year - 1911) + "年" + num(d.month) + "月" + num(d.day) + "日";
         }},
        {{"〇年月日 (numerals)", "zh", O::YMD, "Chinese numerals, year digit by digit with 〇"},
         [](const Date &d, int) {
             return zhYear(d.year, false) + "年" + zhNumber(d.month) + "月" + zhNumber(d.day) +
                    "日";
         }},
        {{"零年月日 (numerals)", "zh", O::YMD, "Chinese numerals, year digit by digit with 零"},
         [](const Date &d, int) {
             return zhYear(d.year, true) + "年" + zhNumber(d.month) + "月" + zhNumber(d.day) + "日";
         }},
        {{"〇年月日星期 (numerals)", "zh", O::YMD, "Chinese numerals with weekday"},
         [](const Date &d, int w) {
             return zhYear(d.year, false) + "年" + zhNumber(d.month) + "月" + zhNumber(d.day) +
                    "日" + xingqi(w);
         }},
        {{"yyyy年M月d日 星期E", "zh", O::YMD, "with weekday (Sunday 星期日)"},
         [](const Date &d, int w) {
             return num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日 " + xingqi(w);
         }},
        {{"yyyy年M月d日（星期E）", "zh", O::YMD, "weekday in full-width parentheses"},
         [](const Date &d, int w) {
             return num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日（" + xingqi(w) +
                    "）";
         }},
        {{"星期E yyyy/M/d", "zh", O::YMD, "weekday first (Sunday 星期天)"},
         [](const Date &d, int w) {
             return "星期" + zhWeekdayDigit(w, true) + " " + num(d.year) + "/" + num(d.month) +
                    "/" + num(d.day);
         }},
        {{"yyyy年M月d日周E", "zh", O::YMD, "short weekday 周 (Sunday 周日)"},
         [](const Date &d, int w) {
             return num(d.year) + "年" + num(d.month) + "月" + num(d.day) + "日周" +
                    zhWeekdayDigit(w, false);
         }},
        {{"yyyy/M/d 周E", "zh", O::YMD, "numeric with 周"},
         [](const Date &d, int w) {
             return num(d.year) + "/" + num(d.month) + "/" + num(d.day) + " 周" +
                    zhWeekdayDigit(w, false);
         }},
        {{"礼拜E yyyy年M月d日", "zh", O::YMD, "colloquial 礼拜 (Sunday 礼拜天)"},
         [](const Date &d, int w) {
             return "礼拜" + zhWeekdayDigit(w, true) + " " + num(d.year) + "年" + num(d.month) +
                    "月" + num(d.day) + "日";
         }},
    };
    return t;
}

} // namespace

std::string iso(const Date &d)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
    return buf;
}

const std::vector<Format> &formats()
{
    static const std::vector<Format> f = [] {
        std::vector<Format> out;
        for (const Entry &e : table())
            out.push_back(e.format);
        return out;
    }();
    return f;
}

std::string format(const Date &d, int f)
{
    const auto &t = table();
    if (f < 0 || f >= static_cast<int>(t.size()))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "date format %1 does not exist: expected 0..%2"),
                         std::to_string(f), std::to_string(t.size() - 1));
    if (!isValid(d) || d.year < kMinYear || d.year > kMaxYear)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "date %1-%2-%3 cannot be written: expected a real date in %4..%5"),
            std::to_string(d.year), std::to_string(d.month), std::to_string(d.day),
            std::to_string(kMinYear), std::to_string(kMaxYear));
    return t[static_cast<size_t>(f)].write(d, weekday(d));
}

} // namespace attn::dates
