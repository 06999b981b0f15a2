#include "runtime/identity/civil_date.h"

#include <chrono>
#include <cstdio>

namespace jindu::runtime {
namespace {

// The value of exactly `text.size()` ASCII digits, or nothing when any character is not a digit.
std::optional<int> ParseFixedDigits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  switch (month) {
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
      return 31;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    case 2:
      return IsLeapYear(year) ? 29 : 28;
    default:
      return 0;
  }
}

bool IsValidCivilDate(int year, int month, int day) {
  if (year < 1 || year > 9999) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

bool IsValidCivilDate(CivilDate date) { return IsValidCivilDate(date.year, date.month, date.day); }

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::optional<int> year = ParseFixedDigits(text.substr(0, 4));
  std::optional<int> month = ParseFixedDigits(text.substr(5, 2));
  std::optional<int> day = ParseFixedDigits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  if (!IsValidCivilDate(*year, *month, *day)) return std::nullopt;
  return CivilDate{.year = *year, .month = *month, .day = *day};
}

std::string FormatIsoDate(CivilDate date) {
  char buffer[48];  // room for three full-width ints, so the text is never cut
  int length =
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  if (length < 0 || static_cast<std::size_t>(length) >= sizeof buffer) return {};
  return std::string(buffer, static_cast<std::size_t>(length));
}

CivilDate CivilDateInShanghai(std::chrono::system_clock::time_point instant) {
  const auto china_local = instant + std::chrono::hours(8);
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(china_local)};
  return CivilDate{.year = static_cast<int>(ymd.year()),
                   .month = static_cast<int>(static_cast<unsigned>(ymd.month())),
                   .day = static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

CivilDate TodayInShanghai() { return CivilDateInShanghai(std::chrono::system_clock::now()); }

namespace {

std::chrono::sys_days ToSysDays(CivilDate date) {
  return std::chrono::year_month_day{std::chrono::year{date.year},
                                     std::chrono::month{static_cast<unsigned>(date.month)},
                                     std::chrono::day{static_cast<unsigned>(date.day)}};
}

}  // namespace

CivilDate AddDays(CivilDate date, int days) {
  const std::chrono::year_month_day shifted{ToSysDays(date) + std::chrono::days{days}};
  return {static_cast<int>(shifted.year()), static_cast<int>(unsigned(shifted.month())),
          static_cast<int>(unsigned(shifted.day()))};
}

int DaysBetween(CivilDate from, CivilDate to) {
  return static_cast<int>((ToSysDays(to) - ToSysDays(from)).count());
}

}  // namespace jindu::runtime
