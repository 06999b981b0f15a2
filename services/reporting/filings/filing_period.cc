#include "reporting/filings/filing_period.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "reporting/periods/report_period.h"

namespace jindu::reporting {
namespace {

constexpr std::string_view kRegionsPrefix = "regions/";
constexpr std::string_view kFilingsInfix = "/filings/";

// Digits only, as a number.
std::optional<int> Digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<FilingPeriod> ParseFilingPeriodId(const std::string& period_id) {
  if (period_id.size() != 7 || period_id[4] != '-') return std::nullopt;
  const auto year = Digits(std::string_view(period_id).substr(0, 4));
  if (!year || *year < 2000) return std::nullopt;
  common::v1::Period period;
  if (period_id[5] == 'Q') {
    const auto quarter = Digits(std::string_view(period_id).substr(6, 1));
    if (!quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
    period.mutable_quarter()->set_year(*year);
    period.mutable_quarter()->set_quarter(*quarter);
  } else {
    const auto month = Digits(std::string_view(period_id).substr(5, 2));
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    period.mutable_month()->set_year(*year);
    period.mutable_month()->set_month(*month);
  }
  return FilingPeriodOf(period);
}

std::optional<FilingPeriod> FilingPeriodOf(const common::v1::Period& period) {
  char id[16];
  if (period.has_month()) {
    std::snprintf(id, sizeof id, "%04d-%02d", period.month().year(), period.month().month());
  } else if (period.has_quarter()) {
    std::snprintf(id, sizeof id, "%04d-Q%d", period.quarter().year(), period.quarter().quarter());
  } else {
    return std::nullopt;
  }
  runtime::FieldViolations violations;
  const auto dates = ResolvePeriod(period, "period", &violations);
  if (!dates.has_value()) return std::nullopt;
  return FilingPeriod{.id = id, .period = period, .dates = *dates};
}

std::optional<FilingKey> ParseFilingName(const std::string& name) {
  if (!name.starts_with(kRegionsPrefix)) return std::nullopt;
  const size_t infix = name.find(kFilingsInfix, kRegionsPrefix.size());
  if (infix == std::string::npos) return std::nullopt;
  std::string region = name.substr(kRegionsPrefix.size(), infix - kRegionsPrefix.size());
  if (region.empty() || region.find('/') != std::string::npos) return std::nullopt;
  auto period = ParseFilingPeriodId(name.substr(infix + kFilingsInfix.size()));
  if (!period.has_value()) return std::nullopt;
  return FilingKey{.region_code = std::move(region), .period = std::move(*period)};
}

std::string FilingName(const std::string& region_code, const std::string& period_id) {
  return std::string(kRegionsPrefix) + region_code + std::string(kFilingsInfix) + period_id;
}

std::chrono::system_clock::time_point ShanghaiMidnight(runtime::CivilDate day) {
  const std::chrono::sys_days utc_day{std::chrono::year(day.year) /
                                      std::chrono::month(static_cast<unsigned>(day.month)) /
                                      std::chrono::day(static_cast<unsigned>(day.day))};
  // China is UTC+8 all year.
  return std::chrono::system_clock::time_point(utc_day) - std::chrono::hours(8);
}

std::chrono::system_clock::time_point PeriodEnd(const FilingPeriod& period) {
  return ShanghaiMidnight(period.dates.end);
}

std::chrono::system_clock::time_point FilingDeadline(const FilingPeriod& period,
                                                     int deadline_days) {
  return ShanghaiMidnight(runtime::AddDays(period.dates.end, deadline_days));
}

FilingPeriod LatestOverduePeriod(bool quarter, int deadline_days,
                                 std::chrono::system_clock::time_point now) {
  // The month (quarter) containing `now` in China, then back one at a time: with deadlines of at
  // most a year (the setting's range) that ends within 14 steps.
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8))};
  int year = static_cast<int>(today.year());
  int index = static_cast<int>(static_cast<unsigned>(today.month()));  // month 1..12
  if (quarter) index = (index - 1) / 3 + 1;                            // quarter 1..4
  const int per_year = quarter ? 4 : 12;
  for (int step = 0; step < 60; ++step) {
    common::v1::Period period;
    if (quarter) {
      period.mutable_quarter()->set_year(year);
      period.mutable_quarter()->set_quarter(index);
    } else {
      period.mutable_month()->set_year(year);
      period.mutable_month()->set_month(index);
    }
    std::optional<FilingPeriod> filing = FilingPeriodOf(period);
    if (filing.has_value() && FilingDeadline(*filing, deadline_days) <= now) return *filing;
    if (--index == 0) {
      index = per_year;
      --year;
    }
  }
  throw std::logic_error("no filing period is overdue within five years");
}

bool FilesPeriods(const runtime::RegionEntry& entry) {
  return entry.level == common::v1::REGION_LEVEL_COUNTY;
}

bool ExistedDuring(const runtime::RegionEntry& entry, const FilingPeriod& period) {
  return entry.valid_from < period.dates.end &&
         (!entry.valid_to.has_value() || period.dates.start < *entry.valid_to);
}

v1::FilingState FilingStateAt(const FilingPeriod& period, int deadline_days,
                              std::chrono::system_clock::time_point now,
                              std::optional<std::chrono::system_clock::time_point> filed_at) {
  const auto deadline = FilingDeadline(period, deadline_days);
  if (filed_at.has_value()) {
    return *filed_at < deadline ? v1::FILING_STATE_FILED : v1::FILING_STATE_FILED_LATE;
  }
  if (now < PeriodEnd(period)) return v1::FILING_STATE_OPEN;
  return now < deadline ? v1::FILING_STATE_DUE : v1::FILING_STATE_LATE;
}

}  // namespace jindu::reporting
