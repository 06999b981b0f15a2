#pragma once

// Calendar dates without a time of day or a time zone: birth dates, registration dates, "today" as
// people in China read it off a calendar. Proleptic Gregorian, years 1..9999 (the range the ISO
// 8601 four-digit year can write).

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace jindu::runtime {

// A date as year, month (1-12) and day (1-31). Nothing stops building an invalid one; check with
// IsValidCivilDate where the parts come from outside. Compares chronologically (year, then month,
// then day).
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Gregorian rule: every fourth year, except centuries not divisible by 400 (1900 no, 2000 yes).
bool IsLeapYear(int year);

// 28-31 for a month 1-12 of the given year; 0 for a month outside 1-12.
int DaysInMonth(int year, int month);

// True when the parts name a day that exists: year 1..9999, month 1-12, day within the month.
bool IsValidCivilDate(int year, int month, int day);
bool IsValidCivilDate(CivilDate date);

// Day arithmetic on the proleptic Gregorian calendar, for valid dates.
CivilDate AddDays(CivilDate date, int days);
// Days from `from` to `to`: positive when `to` is later.
int DaysBetween(CivilDate from, CivilDate to);

// Strict "YYYY-MM-DD": exactly 10 characters, zero padded, ASCII digits, a real date. No time, no
// offset, no surrounding spaces; anything else is nothing.
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD", zero padded. Meant for valid dates; other parts are written as they are.
std::string FormatIsoDate(CivilDate date);

// The calendar date in China (UTC+8 all year: China has observed no daylight saving time since
// 1991) at the given instant.
CivilDate CivilDateInShanghai(std::chrono::system_clock::time_point instant);

// Today's date in China, from the system clock.
CivilDate TodayInShanghai();

}  // namespace jindu::runtime
