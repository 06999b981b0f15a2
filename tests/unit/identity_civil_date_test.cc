// Calendar dates: validity (leap years), strict ISO parsing, formatting, ordering and "today" in
// China.

#include <gtest/gtest.h>

#include <chrono>

#include "runtime/identity/civil_date.h"

namespace jindu::runtime {
namespace {

TEST(CivilDate, LeapYearsFollowTheGregorianRule) {
  EXPECT_TRUE(IsLeapYear(2000));   // divisible by 400
  EXPECT_FALSE(IsLeapYear(1900));  // a century not divisible by 400
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_TRUE(IsLeapYear(2004));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
}

TEST(CivilDate, DaysInMonth) {
  EXPECT_EQ(DaysInMonth(2023, 1), 31);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
  EXPECT_EQ(DaysInMonth(2023, 6), 30);
  EXPECT_EQ(DaysInMonth(2023, 9), 30);
  EXPECT_EQ(DaysInMonth(2023, 11), 30);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
  EXPECT_EQ(DaysInMonth(2023, 0), 0);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
}

TEST(CivilDate, ValidDates) {
  EXPECT_TRUE(IsValidCivilDate(2024, 2, 29));
  EXPECT_TRUE(IsValidCivilDate(2000, 2, 29));
  EXPECT_TRUE(IsValidCivilDate(1, 1, 1));
  EXPECT_TRUE(IsValidCivilDate(9999, 12, 31));
  EXPECT_TRUE(IsValidCivilDate(CivilDate{.year = 1990, .month = 3, .day = 7}));
}

TEST(CivilDate, InvalidDates) {
  EXPECT_FALSE(IsValidCivilDate(2023, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(1900, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2024, 2, 30));
  EXPECT_FALSE(IsValidCivilDate(2023, 4, 31));
  EXPECT_FALSE(IsValidCivilDate(2023, 1, 32));
  EXPECT_FALSE(IsValidCivilDate(2023, 1, 0));
  EXPECT_FALSE(IsValidCivilDate(2023, 0, 1));
  EXPECT_FALSE(IsValidCivilDate(2023, 13, 1));
  EXPECT_FALSE(IsValidCivilDate(0, 1, 1));
  EXPECT_FALSE(IsValidCivilDate(10000, 1, 1));
  EXPECT_FALSE(IsValidCivilDate(-5, 1, 1));
  EXPECT_FALSE(IsValidCivilDate(CivilDate{}));
}

TEST(CivilDate, ComparesChronologically) {
  const CivilDate a{.year = 2023, .month = 12, .day = 31};
  const CivilDate b{.year = 2024, .month = 1, .day = 1};
  const CivilDate c{.year = 2024, .month = 1, .day = 2};
  const CivilDate d{.year = 2024, .month = 2, .day = 1};
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);
  EXPECT_GT(d, a);
  EXPECT_LE(b, b);
  EXPECT_EQ(b, (CivilDate{.year = 2024, .month = 1, .day = 1}));
  EXPECT_NE(b, c);
}

TEST(CivilDate, ParsesStrictIsoDates) {
  EXPECT_EQ(ParseIsoDate("2024-02-29"), (CivilDate{.year = 2024, .month = 2, .day = 29}));
  EXPECT_EQ(ParseIsoDate("1990-03-07"), (CivilDate{.year = 1990, .month = 3, .day = 7}));
  EXPECT_EQ(ParseIsoDate("0001-01-01"), (CivilDate{.year = 1, .month = 1, .day = 1}));
  EXPECT_EQ(ParseIsoDate("9999-12-31"), (CivilDate{.year = 9999, .month = 12, .day = 31}));
}

TEST(CivilDate, RejectsAnythingElse) {
  for (
      const char* bad :
      {"",           "2023-02-29",    "1900-02-29",  "2024-04-31",       "2024-13-01", "2024-00-10",
       "2024-01-00", "0000-01-01",    "2024-1-05",   "2024-01-5",        "24-01-05",   "2024/01/05",
       "20240105",   "2024-01-05 ",   " 2024-01-05", "2024-01-05T00:00", "2024-0a-05", "2024-+1-05",
       "+024-01-05", "2024--1-05",    "2024-01-05Z", "2024-01/05",       "2024/01-05", "2024-01005",
       "2024001-05", "２０２４-01-05"}) {
    EXPECT_EQ(ParseIsoDate(bad), std::nullopt) << bad;
  }
}

TEST(CivilDate, FormatsZeroPadded) {
  EXPECT_EQ(FormatIsoDate(CivilDate{.year = 2024, .month = 2, .day = 9}), "2024-02-09");
  EXPECT_EQ(FormatIsoDate(CivilDate{.year = 1, .month = 1, .day = 1}), "0001-01-01");
  EXPECT_EQ(FormatIsoDate(CivilDate{.year = 1990, .month = 12, .day = 31}), "1990-12-31");
}

TEST(CivilDate, FormatAndParseRoundTrip) {
  for (int year : {1900, 1999, 2000, 2023, 2024}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= DaysInMonth(year, month); ++day) {
        const CivilDate date{.year = year, .month = month, .day = day};
        EXPECT_EQ(ParseIsoDate(FormatIsoDate(date)), date) << FormatIsoDate(date);
      }
    }
  }
}

// 2024-03-01T00:00:00Z as seconds since the Unix epoch.
constexpr std::chrono::seconds kMarch1st2024Utc{1709251200};

std::chrono::system_clock::time_point Utc(std::chrono::seconds since_epoch) {
  return std::chrono::system_clock::time_point(since_epoch);
}

TEST(CivilDate, ShanghaiIsEightHoursAheadOfUtc) {
  using std::chrono::hours;
  using std::chrono::seconds;
  // 2024-02-29T15:59:59Z is 23:59:59 on Feb 29 in China; one second later it is March 1st there.
  EXPECT_EQ(CivilDateInShanghai(Utc(kMarch1st2024Utc - hours(8) - seconds(1))),
            (CivilDate{.year = 2024, .month = 2, .day = 29}));
  EXPECT_EQ(CivilDateInShanghai(Utc(kMarch1st2024Utc - hours(8))),
            (CivilDate{.year = 2024, .month = 3, .day = 1}));
  // Midday UTC is the same date in China; 16:00 UTC is already the next day.
  EXPECT_EQ(CivilDateInShanghai(Utc(kMarch1st2024Utc + hours(12))),
            (CivilDate{.year = 2024, .month = 3, .day = 1}));
  EXPECT_EQ(CivilDateInShanghai(Utc(kMarch1st2024Utc + hours(16))),
            (CivilDate{.year = 2024, .month = 3, .day = 2}));
  // New year in China while it is still the old year in UTC; the epoch itself.
  EXPECT_EQ(CivilDateInShanghai(Utc(seconds(1704042000))),  // 2023-12-31T17:00:00Z
            (CivilDate{.year = 2024, .month = 1, .day = 1}));
  EXPECT_EQ(CivilDateInShanghai(Utc(seconds(0))), (CivilDate{.year = 1970, .month = 1, .day = 1}));
  EXPECT_EQ(CivilDateInShanghai(Utc(-hours(9))), (CivilDate{.year = 1969, .month = 12, .day = 31}));
  // In summer too (no daylight saving): 2024-07-01T15:30:00Z is 23:30 on July 1st in China.
  EXPECT_EQ(CivilDateInShanghai(Utc(seconds(1719847800))),
            (CivilDate{.year = 2024, .month = 7, .day = 1}));
}

TEST(CivilDate, TodayInShanghaiIsTheSystemClockInChina) {
  const CivilDate before = CivilDateInShanghai(std::chrono::system_clock::now());
  const CivilDate today = TodayInShanghai();
  const CivilDate after = CivilDateInShanghai(std::chrono::system_clock::now());
  EXPECT_TRUE(IsValidCivilDate(today));
  EXPECT_LE(before, today);
  EXPECT_LE(today, after);
  EXPECT_GE(today.year, 2024);
}

}  // namespace
}  // namespace jindu::runtime
