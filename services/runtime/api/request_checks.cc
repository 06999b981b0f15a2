#include "runtime/api/request_checks.h"

#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::runtime {

using common::v1::DATE_IN_FUTURE;
using common::v1::END_BEFORE_START;
using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::FIELD_TOO_LONG;

void CheckMinutes(FieldViolations& violations, const std::string& field, int minutes,
                  int max_minutes) {
  if (minutes < 1 || minutes > max_minutes) {
    violations.Add(field, FIELD_OUT_OF_RANGE,
                   "must be 1.." + std::to_string(max_minutes) + " minutes");
  }
}

std::optional<CivilDate> CheckPastDate(FieldViolations& violations, const std::string& field,
                                       bool present, const google::type::Date& date,
                                       CivilDate today) {
  if (!present) {
    violations.Add(field, FIELD_REQUIRED, "required: a full date");
    return std::nullopt;
  }
  const CivilDate civil = FromProtoDate(date);
  if (!IsValidCivilDate(civil)) {
    violations.Add(field, FIELD_MALFORMED, "must be a full calendar date");
    return std::nullopt;
  }
  if (civil > today) {
    violations.Add(field, DATE_IN_FUTURE, "must not be after today (Asia/Shanghai)");
    return std::nullopt;
  }
  return civil;
}

std::optional<CivilDateRange> CheckDateRangeFilter(FieldViolations& violations,
                                                   const std::string& field, bool present,
                                                   const common::v1::DateRange& range) {
  if (!present) return std::nullopt;
  const CivilDate start = FromProtoDate(range.start_date());
  const CivilDate end = FromProtoDate(range.end_date());
  bool valid = true;
  if (!IsValidCivilDate(start)) {
    violations.Add(field + ".start_date", FIELD_MALFORMED, "must be a full calendar date");
    valid = false;
  }
  if (!IsValidCivilDate(end)) {
    violations.Add(field + ".end_date", FIELD_MALFORMED, "must be a full calendar date");
    valid = false;
  }
  if (valid && end <= start) {
    violations.Add(field + ".end_date", END_BEFORE_START,
                   "must be after start_date (the range is half-open)");
    valid = false;
  }
  if (!valid) return std::nullopt;
  return CivilDateRange{start, end};
}

std::string CheckResourceName(FieldViolations& violations, const std::string& field,
                              const std::string& name, std::string_view collection_prefix,
                              bool required) {
  if (name.empty()) {
    if (required) {
      violations.Add(field, FIELD_REQUIRED, "required: " + std::string(collection_prefix) + "{id}");
    }
    return {};
  }
  std::string id = ResourceIdFromName(name, collection_prefix);
  if (id.empty()) {
    violations.Add(field, FIELD_MALFORMED, "must be " + std::string(collection_prefix) + "{id}");
  }
  return id;
}

}  // namespace jindu::runtime
