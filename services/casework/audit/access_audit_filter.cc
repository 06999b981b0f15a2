#include "casework/audit/access_audit_filter.h"

#include <chrono>

#include "runtime/api/text_fields.h"
#include "runtime/auth/region_code.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::REFERENCE_NOT_FOUND;

constexpr int kMinYear = 2000;  // the contract's range for months, quarters and years
constexpr int kMaxYear = 9999;
constexpr size_t kMaxSubjectCharacters = 128;
constexpr size_t kPseudonymHexDigits = 24;  // casework/storage/person_keys.h

std::chrono::sys_days ToSysDays(runtime::CivilDate date) {
  return std::chrono::year_month_day{std::chrono::year{date.year},
                                     std::chrono::month{static_cast<unsigned>(date.month)},
                                     std::chrono::day{static_cast<unsigned>(date.day)}};
}

// The first day of the month `months` after year-month (months may exceed 12).
runtime::CivilDate MonthStart(int year, int month, int months) {
  const int index = year * 12 + (month - 1) + months;
  return {index / 12, index % 12 + 1, 1};
}

bool YearInRange(int year) { return year >= kMinYear && year <= kMaxYear; }

void CheckYear(const std::string& field, int year, runtime::FieldViolations* violations) {
  if (!YearInRange(year)) violations->Add(field, FIELD_OUT_OF_RANGE, "must be 2000..9999");
}

// "p" and 24 lower-case hex digits, as PersonPseudonym makes them.
bool IsPseudonym(const std::string& text) {
  if (text.size() != 1 + kPseudonymHexDigits || text[0] != 'p') return false;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "<collection>/<id>": a camelCase collection ("cases", "caseTransfers") and a resource id.
bool IsResourceName(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash > 40) return false;
  for (size_t i = 0; i < slash; ++i) {
    const char c = text[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return !runtime::ResourceIdFromName(text, text.substr(0, slash + 1)).empty();
}

}  // namespace

int64_t ShanghaiMidnightMicros(runtime::CivilDate date) {
  using namespace std::chrono;
  const sys_days day = ToSysDays(date);
  return duration_cast<microseconds>(day.time_since_epoch() - hours(8)).count();
}

std::optional<runtime::CivilDateRange> CheckPeriod(const std::string& field,
                                                   const common::v1::Period& period,
                                                   runtime::FieldViolations* violations) {
  const size_t before = violations->size();
  runtime::CivilDateRange range;
  switch (period.kind_case()) {
    case common::v1::Period::kDay: {
      range.start = runtime::FromProtoDate(period.day());
      if (!runtime::IsValidCivilDate(range.start)) {
        violations->Add(field + ".day", FIELD_MALFORMED, "must be a full calendar date");
        break;
      }
      range.end = runtime::AddDays(range.start, 1);
      break;
    }
    case common::v1::Period::kMonth: {
      const auto& month = period.month();
      CheckYear(field + ".month.year", month.year(), violations);
      if (month.month() < 1 || month.month() > 12) {
        violations->Add(field + ".month.month", FIELD_OUT_OF_RANGE, "must be 1..12");
      }
      range.start = MonthStart(month.year(), month.month(), 0);
      range.end = MonthStart(month.year(), month.month(), 1);
      break;
    }
    case common::v1::Period::kQuarter: {
      const auto& quarter = period.quarter();
      CheckYear(field + ".quarter.year", quarter.year(), violations);
      if (quarter.quarter() < 1 || quarter.quarter() > 4) {
        violations->Add(field + ".quarter.quarter", FIELD_OUT_OF_RANGE, "must be 1..4");
      }
      const int first_month = (quarter.quarter() - 1) * 3 + 1;
      range.start = MonthStart(quarter.year(), first_month, 0);
      range.end = MonthStart(quarter.year(), first_month, 3);
      break;
    }
    case common::v1::Period::kYear:
      CheckYear(field + ".year", period.year(), violations);
      range.start = {period.year(), 1, 1};
      range.end = {period.year() + 1, 1, 1};
      break;
    case common::v1::Period::kRange:
      if (auto checked =
              runtime::CheckDateRangeFilter(*violations, field + ".range", true, period.range())) {
        range = *checked;
      }
      break;
    case common::v1::Period::KIND_NOT_SET:
      violations->Add(field, FIELD_REQUIRED, "set exactly one of day, month, quarter, year, range");
      break;
  }
  if (violations->size() != before) return std::nullopt;
  return range;
}

CheckedAccessAuditFilter CheckAccessAuditFilter(const v1::AccessAuditFilter& filter,
                                                const runtime::RegionDirectory& regions,
                                                runtime::FieldViolations* violations) {
  CheckedAccessAuditFilter checked;
  AccessAuditQuery& query = checked.query;
  if (!filter.person_pseudonym().empty() && !IsPseudonym(filter.person_pseudonym())) {
    violations->Add("filter.person_pseudonym", FIELD_MALFORMED,
                    "must be a person pseudonym: p and 24 lower-case hex digits");
  }
  query.person_pseudonym = filter.person_pseudonym();
  if (!filter.resource().empty() && !IsResourceName(filter.resource())) {
    violations->Add("filter.resource", FIELD_MALFORMED, "must be a resource name, e.g. cases/{id}");
  }
  query.resource = filter.resource();
  runtime::CheckTextLength("filter.subject", filter.subject(), 0, kMaxSubjectCharacters,
                           violations);
  query.subject = filter.subject();
  if (filter.has_period()) {
    if (auto days = CheckPeriod("filter.period", filter.period(), violations)) {
      query.from_micros = ShanghaiMidnightMicros(days->start);
      query.until_micros = ShanghaiMidnightMicros(days->end);
      checked.period_text =
          runtime::FormatIsoDate(days->start) + "/" + runtime::FormatIsoDate(days->end);
    }
  }
  const std::string& within = filter.within_region_code();
  if (!within.empty()) {
    if (!runtime::IsWellFormedRegionCode(within)) {
      violations->Add("filter.within_region_code", FIELD_MALFORMED, "must be a region code");
    } else if (!regions.Knows(within)) {
      violations->Add("filter.within_region_code", REFERENCE_NOT_FOUND, "no such region");
    }
  }
  checked.within_region_code = within;
  query.denied_only = filter.denied_only();
  return checked;
}

}  // namespace jindu::casework
