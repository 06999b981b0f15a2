#pragma once
// What a filing is about: a county and a calendar month or quarter, named
// "regions/{region_code}/filings/{period_id}" with period_id "2024-07" (month, two-digit month) or
// "2024-Q3" (quarter), and the state it is in at a given instant.
//
// Times: a period ends at Asia/Shanghai midnight starting the day after its last day; the deadline
// is Asia/Shanghai midnight `deadline_days` days after that (setting filing-deadline-days, e.g. 10:
// July's deadline is 11 August 00:00 +08:00). A filing made before the deadline is FILED, after it
// FILED_LATE.
#include <chrono>
#include <optional>
#include <string>

#include "jindu/common/v1/period.pb.h"
#include "jindu/reporting/v1/filing.pb.h"
#include "runtime/api/request_checks.h"
#include "runtime/regions/region_entry.h"

namespace jindu::reporting {

inline constexpr char kFilingDeadlineDaysSetting[] = "filing-deadline-days";

struct FilingPeriod {
  std::string id;  // "2024-07" or "2024-Q3"
  common::v1::Period period;
  runtime::CivilDateRange dates;  // [first day, day after the last)
};

struct FilingKey {
  std::string region_code;
  FilingPeriod period;
};

// "2024-07" or "2024-Q3" (years 2000..9999); nullopt for anything else.
std::optional<FilingPeriod> ParseFilingPeriodId(const std::string& period_id);
// The filing period of a calendar month or quarter; nullopt for any other kind of period.
std::optional<FilingPeriod> FilingPeriodOf(const common::v1::Period& period);
// "regions/{code}/filings/{period_id}" split; nullopt when it is not of that shape (the region is
// not looked up here).
std::optional<FilingKey> ParseFilingName(const std::string& name);
std::string FilingName(const std::string& region_code, const std::string& period_id);

// Asia/Shanghai midnight starting `day`.
std::chrono::system_clock::time_point ShanghaiMidnight(runtime::CivilDate day);
// When the period ends and when filing it is due.
std::chrono::system_clock::time_point PeriodEnd(const FilingPeriod& period);
std::chrono::system_clock::time_point FilingDeadline(const FilingPeriod& period, int deadline_days);

// The latest month (or quarter) whose filing deadline has passed at `now`: the period a missing
// filing is overdue for.
FilingPeriod LatestOverduePeriod(bool quarter, int deadline_days,
                                 std::chrono::system_clock::time_point now);

// Filings exist for county-level regions only, and for the periods they existed in (at some
// point).
bool FilesPeriods(const runtime::RegionEntry& entry);
bool ExistedDuring(const runtime::RegionEntry& entry, const FilingPeriod& period);

// The state at `now`: OPEN / DUE / LATE while `filed_at` is empty, FILED / FILED_LATE after.
v1::FilingState FilingStateAt(const FilingPeriod& period, int deadline_days,
                              std::chrono::system_clock::time_point now,
                              std::optional<std::chrono::system_clock::time_point> filed_at);

}  // namespace jindu::reporting
