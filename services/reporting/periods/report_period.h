#pragma once
// Reporting periods as date ranges: a jindu.common.v1.Period (day, month, quarter, year or range of
// Asia/Shanghai calendar dates) becomes the half-open range [start, end) every fact query filters
// on, so "July to October" and "Q3" mean exactly the days the seeds mean.
#include <optional>
#include <string>

#include "jindu/common/v1/period.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/api/request_checks.h"

namespace jindu::reporting {

// The period's dates, or nullopt with a violation naming `field` (FIELD_REQUIRED when no kind is
// set, FIELD_OUT_OF_RANGE for a year outside 2000..9999 or a month/quarter out of range,
// FIELD_MALFORMED / END_BEFORE_START for a bad range or day).
std::optional<runtime::CivilDateRange> ResolvePeriod(const common::v1::Period& period,
                                                     const std::string& field,
                                                     runtime::FieldViolations* violations);

// The calendar month, quarter and year containing `day`, as periods.
common::v1::Period MonthOf(runtime::CivilDate day);
common::v1::Period QuarterOf(runtime::CivilDate day);
common::v1::Period YearOf(runtime::CivilDate day);

// "2024-07-01..2024-11-01" (end exclusive): for cache keys and file names.
std::string RangeLabel(const runtime::CivilDateRange& range);

}  // namespace jindu::reporting
