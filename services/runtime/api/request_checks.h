#pragma once
// Request field checks every service shares. Each adds a FieldViolation naming
// the request path, so a caller learns every wrong field in one answer; none echoes the value.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "google/type/date.pb.h"
#include "jindu/common/v1/period.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"

namespace jindu::runtime {

// Limits of the contracts.
inline constexpr int kMinutesPerDay = 1440;
inline constexpr size_t kMaxReasonCharacters = 500;

// Minutes in 1..max: zero, negative and too large are FIELD_OUT_OF_RANGE.
void CheckMinutes(FieldViolations& violations, const std::string& field, int minutes,
                  int max_minutes = kMinutesPerDay);

// A required full calendar date not after today (Asia/Shanghai): FIELD_REQUIRED when unset,
// FIELD_MALFORMED when not a real date, DATE_IN_FUTURE after today. The date when it passes.
std::optional<CivilDate> CheckPastDate(FieldViolations& violations, const std::string& field,
                                       bool present, const google::type::Date& date,
                                       CivilDate today = TodayInShanghai());

// An optional filter [start_date, end_date): both full dates, end after start.
struct CivilDateRange {
  CivilDate start;
  CivilDate end;  // exclusive
};
std::optional<CivilDateRange> CheckDateRangeFilter(FieldViolations& violations,
                                                   const std::string& field, bool present,
                                                   const common::v1::DateRange& range);

// The id of a resource name "<collection>/{id}" (e.g. "volunteers/"); empty, with a violation
// (FIELD_REQUIRED or FIELD_MALFORMED), when it is not one. An empty optional name is no violation.
std::string CheckResourceName(FieldViolations& violations, const std::string& field,
                              const std::string& name, std::string_view collection_prefix,
                              bool required);

}  // namespace jindu::runtime
