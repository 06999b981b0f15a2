#include "casework/followup/followup_fields.h"

#include <chrono>

#include "runtime/api/text_fields.h"

namespace jindu::casework {
namespace {

// Timestamp's own limits: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int64_t kAllowedClockSkewMicros = 60 * 1000000LL;

bool HasControlCharacter(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

void CheckCnyAmount(runtime::FieldViolations& violations, const std::string& field,
                    const common::v1::Money& amount) {
  if (amount.currency_code() != "CNY") {
    violations.Add(field + ".currency_code", common::v1::VALUE_NOT_ALLOWED,
                   "amounts are in renminbi: \"CNY\"");
  }
  if (amount.minor_units() < 0) {
    violations.Add(field + ".minor_units", common::v1::FIELD_OUT_OF_RANGE, "must not be negative");
  }
}

common::v1::Money Cny(int64_t minor_units) {
  common::v1::Money money;
  money.set_currency_code("CNY");
  money.set_minor_units(minor_units);
  return money;
}

void CheckTextList(runtime::FieldViolations& violations, const std::string& field,
                   const std::vector<std::string>& entries, size_t max_entries,
                   size_t max_characters) {
  if (entries.size() > max_entries) {
    violations.Add(field, common::v1::FIELD_OUT_OF_RANGE,
                   "at most " + std::to_string(max_entries) + " entries");
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string entry_field = field + "[" + std::to_string(i) + "]";
    if (!runtime::CheckTextLength(entry_field, entries[i], 1, max_characters, &violations)) {
      continue;
    }
    if (HasControlCharacter(entries[i])) {
      violations.Add(entry_field, common::v1::FIELD_MALFORMED, "no control characters");
    } else if (!seen.insert(entries[i]).second) {
      violations.Add(entry_field, common::v1::DUPLICATE_IN_REQUEST, "listed twice");
    }
  }
}

std::optional<int64_t> CheckPastTime(runtime::FieldViolations& violations, const std::string& field,
                                     bool present, const google::protobuf::Timestamp& time) {
  if (!present) {
    violations.Add(field, common::v1::FIELD_REQUIRED, "required: an instant");
    return std::nullopt;
  }
  if (time.seconds() < kMinTimestampSeconds || time.seconds() > kMaxTimestampSeconds ||
      time.nanos() < 0 || time.nanos() > 999999999) {
    violations.Add(field, common::v1::FIELD_MALFORMED, "not a valid timestamp");
    return std::nullopt;
  }
  const int64_t micros = time.seconds() * 1000000 + time.nanos() / 1000;
  const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  if (micros > now + kAllowedClockSkewMicros) {
    violations.Add(field, common::v1::DATE_IN_FUTURE, "must not be in the future");
    return std::nullopt;
  }
  return micros;
}

void CheckUpdateMask(runtime::FieldViolations& violations, const google::protobuf::FieldMask& mask,
                     const std::set<std::string>& mutable_paths,
                     const std::set<std::string>& immutable,
                     const std::set<std::string>& output_only, std::set<std::string>* paths) {
  if (mask.paths_size() == 0) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED, "name the paths to change");
  }
  for (const std::string& path : mask.paths()) {
    if (immutable.contains(path)) {
      violations.Add("update_mask", common::v1::FIELD_IMMUTABLE, path + " cannot change");
    } else if (output_only.contains(path)) {
      violations.Add("update_mask", common::v1::FIELD_OUTPUT_ONLY, path + " is output only");
    } else if (!mutable_paths.contains(path)) {
      violations.Add("update_mask", common::v1::UNKNOWN_FIELD_PATH, path + " is not updatable");
    } else {
      paths->insert(path);
    }
  }
}

runtime::CivilDate ShanghaiDateOfMicros(int64_t micros) {
  using namespace std::chrono;
  // Whole days in microseconds never overflow where nanosecond time points would (before 1677).
  const sys_days day = floor<days>(sys_time<microseconds>(microseconds(micros) + hours(8)));
  const year_month_day date{day};
  return {static_cast<int>(date.year()), static_cast<int>(unsigned(date.month())),
          static_cast<int>(unsigned(date.day()))};
}

}  // namespace jindu::casework
