#pragma once

#include <string>
#include <vector>

namespace attn::dates {

// A proleptic Gregorian calendar date.
struct Date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    bool operator==(const Date &) const = default;
};

// The years the date task draws from. Two-digit years are read with a fixed
// pivot that makes them unambiguous in this range: 50..99 -> 1950..1999,
// 00..49 -> 2000..2049.
constexpr int kMinYear = 1950;
constexpr int kMaxYear = 2049;

// Days since 1970-01-01 (negative before) and back (H. Hinnant's civil algorithms).
long long daysFromCivil(const Date &d);
Date civilFromDays(long long days);
bool isValid(const Date &d);
// 0 = Monday ... 6 = Sunday (ISO 8601 order).
int weekday(const Date &d);
// "2024-03-05"
std::string iso(const Date &d);

// Which numeric field comes first when the month is a number. The task keeps
// every convention unambiguous by its separator: a slash with the year last is
// US month/day/year, a dot with the year last is European day.month.year, and
// a four-digit year first is always year-month-day.
enum class Order { YMD, MDY, DMY };

struct Format {
    std::string id;       // "MMMM d, yyyy" style pattern, unique
    std::string language; // "en", "zh" or "intl" (language-neutral numeric)
    Order order = Order::YMD;
    std::string note; // how to read it, e.g. "US month/day/year"
};

// The formats the task draws from (English, Chinese and numeric; more than 40).
const std::vector<Format> &formats();
// The date written in formats()[format]; the weekday, where the format has one,
// is the date's real weekday. Throws attn::Error for a bad index or date.
std::string format(const Date &d, int format);

} // namespace attn::dates
