#pragma once
// Field rules shared by contacts, urine tests and help records: amounts of money, lists of short
// texts, update masks, enum filters and days counted on the calendar.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "jindu/common/v1/money.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

// An amount of relief, loan or allowance: renminbi ("CNY", else VALUE_NOT_ALLOWED on
// <field>.currency_code) and not negative (FIELD_OUT_OF_RANGE on <field>.minor_units).
void CheckCnyAmount(runtime::FieldViolations& violations, const std::string& field,
                    const common::v1::Money& amount);
common::v1::Money Cny(int64_t minor_units);

// Each entry 1..max_characters without control characters, no entry twice, at most max_entries.
// Violations name the entry ("contact.participant_subjects[2]").
void CheckTextList(runtime::FieldViolations& violations, const std::string& field,
                   const std::vector<std::string>& entries, size_t max_entries,
                   size_t max_characters);

// A required instant not after now (a minute of clock skew between client and server allowed).
// FIELD_REQUIRED when unset, FIELD_MALFORMED when not a valid timestamp, DATE_IN_FUTURE after now.
// Microseconds since the epoch when it passes.
std::optional<int64_t> CheckPastTime(runtime::FieldViolations& violations, const std::string& field,
                                     bool present, const google::protobuf::Timestamp& time);

// Sorts the paths of an update mask into *paths: FIELD_REQUIRED on update_mask when empty,
// FIELD_IMMUTABLE for `immutable`, FIELD_OUTPUT_ONLY for `output_only`, UNKNOWN_FIELD_PATH for
// anything not in `mutable_paths`.
void CheckUpdateMask(runtime::FieldViolations& violations, const google::protobuf::FieldMask& mask,
                     const std::set<std::string>& mutable_paths,
                     const std::set<std::string>& immutable,
                     const std::set<std::string>& output_only, std::set<std::string>* paths);

// A list filter on enum values (ListHelpRecords' kinds, ListUrineTests' states): each entry must
// be a value `is_valid` knows other than the unspecified 0, else VALUE_NOT_ALLOWED naming the entry
// ("kinds[1]") with `description`. Returns the entries as given (the list is refused when any was
// not allowed).
template <typename Enum>
std::vector<Enum> CheckEnumFilter(runtime::FieldViolations& violations, const std::string& field,
                                  const google::protobuf::RepeatedField<int>& values,
                                  bool (*is_valid)(int), const std::string& description) {
  std::vector<Enum> entries;
  for (int i = 0; i < values.size(); ++i) {
    if (values[i] == 0 || !is_valid(values[i])) {
      violations.Add(field + "[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     description);
    }
    entries.push_back(static_cast<Enum>(values[i]));
  }
  return entries;
}

// The Asia/Shanghai calendar day of an instant (microseconds since the epoch; China keeps UTC+8
// all year).
runtime::CivilDate ShanghaiDateOfMicros(int64_t micros);

}  // namespace jindu::casework
