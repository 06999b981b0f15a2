#include "casework/cases/case_validation.h"

#include <cctype>

#include "runtime/access/national_id_field.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/identity/phone_number.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

using common::v1::END_BEFORE_START;
using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_REQUIRED;
using common::v1::VALUE_NOT_ALLOWED;

// A landline with its area code: "0731-84567890", "073184567890" (3- or 4-digit area code
// starting with 0, then 7 or 8 digits). Returns the digits, or nullopt.
std::optional<std::string> NormalizeLandline(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() < 10 || digits.size() > 12 || digits[0] != '0') return std::nullopt;
  return digits;
}

std::optional<runtime::CivilDate> RequiredDate(const std::string& field, bool present,
                                               const google::type::Date& date,
                                               runtime::FieldViolations* violations) {
  if (!present) {
    violations->Add(field, FIELD_REQUIRED, "a full calendar date is required");
    return std::nullopt;
  }
  if (!runtime::IsValidCivilDate(date.year(), date.month(), date.day())) {
    violations->Add(field, FIELD_MALFORMED, "not a real calendar date");
    return std::nullopt;
  }
  return runtime::FromProtoDate(date);
}

void CheckDecisionFields(const std::string& decision_number, const std::string& authority,
                         bool has_decision_date, const google::type::Date& decision_date,
                         bool has_start, const google::type::Date& start, bool has_end,
                         const google::type::Date& end, const std::string& prefix,
                         runtime::CivilDate today, runtime::FieldViolations* violations) {
  runtime::CheckTextLength(prefix + "decision_number", decision_number, 1, 64, violations);
  runtime::CheckTextLength(prefix + "issuing_authority", authority, 1, 128, violations);
  runtime::CheckPastDate(*violations, prefix + "decision_date", has_decision_date, decision_date,
                         today);
  auto start_day = RequiredDate(prefix + "start_date", has_start, start, violations);
  auto end_day = RequiredDate(prefix + "end_date", has_end, end, violations);
  if (start_day && end_day && !(*end_day > *start_day)) {
    violations->Add(prefix + "end_date", END_BEFORE_START, "must be after start_date");
  }
}

}  // namespace

std::optional<std::string> NormalizePhone(const std::string& text) {
  if (auto mobile = runtime::NormalizeMobilePhone(text)) return mobile;
  return NormalizeLandline(text);
}

void CheckPersonalField(const std::string& path, const v1::PersonalDetails& input,
                        const std::string& prefix, runtime::FieldViolations* violations,
                        v1::PersonalDetails* out) {
  if (path == "full_name") {
    if (runtime::CheckTextLength(prefix + "full_name", input.full_name(), 1, 64, violations)) {
      out->set_full_name(input.full_name());
    }
  } else if (path == "phone") {
    if (input.phone().empty()) {
      out->clear_phone();
    } else if (auto phone = NormalizePhone(input.phone())) {
      out->set_phone(*phone);
    } else {
      violations->Add(prefix + "phone", FIELD_MALFORMED,
                      "must be an 11-digit mobile number (optionally +86) or a landline with its "
                      "area code");
    }
  } else if (path == "address") {
    if (runtime::CheckTextLength(prefix + "address", input.address(), 0, 200, violations)) {
      out->set_address(input.address());
    }
  } else if (path == "notes") {
    if (runtime::CheckTextLength(prefix + "notes", input.notes(), 0, 4000, violations)) {
      out->set_notes(input.notes());
    }
  }
}

std::optional<CheckedPerson> CheckPerson(const v1::PersonalDetails& person,
                                         const std::string& prefix,
                                         const runtime::RegionDirectory& regions,
                                         runtime::CivilDate today,
                                         runtime::FieldViolations* violations) {
  CheckedPerson checked;
  const size_t before = violations->size();
  for (const char* path : {"full_name", "phone", "address", "notes"}) {
    CheckPersonalField(path, person, prefix, violations, &checked.details);
  }
  auto id_number = runtime::CheckNationalIdField(
      prefix + "national_id_number", person.national_id_number(), regions, today, violations);
  if (violations->size() != before || !id_number.has_value()) return std::nullopt;
  checked.details.set_national_id_number(id_number->normalized);
  return checked;
}

std::string CountyOf(const runtime::RegionDirectory& regions, const std::string& code) {
  for (const std::string& ancestor : regions.Ancestors(code)) {
    auto entry = regions.Find(ancestor);
    if (entry.has_value() && entry->level == common::v1::REGION_LEVEL_COUNTY) return ancestor;
  }
  return {};
}

void CheckResidenceRegion(const std::string& field, const std::string& code,
                          const runtime::RegionDirectory& regions,
                          runtime::FieldViolations* violations) {
  if (code.empty()) {
    violations->Add(field, FIELD_REQUIRED, "the county-level or lower region of residence");
    return;
  }
  auto entry = regions.Find(code);
  if (!entry.has_value()) {
    violations->Add(field, common::v1::REFERENCE_NOT_FOUND, "not a known region code");
    return;
  }
  if (!entry->ValidOn(runtime::TodayInShanghai())) {
    violations->Add(field, VALUE_NOT_ALLOWED, "the region is no longer valid; use its successor");
    return;
  }
  if (entry->level != common::v1::REGION_LEVEL_COUNTY &&
      entry->level != common::v1::REGION_LEVEL_TOWNSHIP &&
      entry->level != common::v1::REGION_LEVEL_VILLAGE) {
    violations->Add(field, VALUE_NOT_ALLOWED,
                    "must be a county, township or village (people are managed there)");
  }
}

void CheckMeasure(const v1::Measure& measure, const std::string& prefix, runtime::CivilDate today,
                  runtime::FieldViolations* violations) {
  if (measure.type() == v1::MEASURE_TYPE_UNSPECIFIED || !v1::MeasureType_IsValid(measure.type())) {
    violations->Add(prefix + "type", FIELD_REQUIRED, "the measure the person is under");
    return;
  }
  if (measure.type() == v1::MEASURE_TYPE_NONE) return;
  CheckDecisionFields(measure.decision_number(), measure.issuing_authority(),
                      measure.has_decision_date(), measure.decision_date(),
                      measure.has_start_date(), measure.start_date(), measure.has_end_date(),
                      measure.end_date(), prefix, today, violations);
}

std::optional<CheckedPerson> CheckMeasureDecision(const v1::MeasureDecision& decision,
                                                  const runtime::RegionDirectory& regions,
                                                  runtime::CivilDate today,
                                                  runtime::FieldViolations* violations) {
  if (decision.measure_type() == v1::MEASURE_TYPE_UNSPECIFIED ||
      decision.measure_type() == v1::MEASURE_TYPE_NONE ||
      !v1::MeasureType_IsValid(decision.measure_type())) {
    violations->Add("measure_type", VALUE_NOT_ALLOWED,
                    "must be community rehabilitation, community recovery or compulsory isolation");
  }
  CheckDecisionFields(decision.decision_number(), decision.issuing_authority(),
                      decision.has_decision_date(), decision.decision_date(),
                      decision.has_start_date(), decision.start_date(), decision.has_end_date(),
                      decision.end_date(), "", today, violations);
  CheckResidenceRegion("residence_region_code", decision.residence_region_code(), regions,
                       violations);
  return CheckPerson(decision.person(), "person.", regions, today, violations);
}

v1::Measure MeasureOfDecision(const v1::MeasureDecision& decision) {
  v1::Measure measure;
  measure.set_type(decision.measure_type());
  measure.set_decision_number(decision.decision_number());
  measure.set_issuing_authority(decision.issuing_authority());
  *measure.mutable_decision_date() = decision.decision_date();
  *measure.mutable_start_date() = decision.start_date();
  *measure.mutable_end_date() = decision.end_date();
  return measure;
}

std::string MaskFullName(const std::string& full_name) {
  if (full_name.empty()) return {};
  // The first character (its UTF-8 bytes), then one '*' whatever the length.
  size_t first = 1;
  const auto lead = static_cast<unsigned char>(full_name[0]);
  if (lead >= 0xF0) {
    first = 4;
  } else if (lead >= 0xE0) {
    first = 3;
  } else if (lead >= 0xC0) {
    first = 2;
  }
  return full_name.substr(0, std::min(first, full_name.size())) + "*";
}

std::string MaskPhone(const std::string& phone) {
  if (phone.empty()) return {};
  if (phone.size() == 11 && phone[0] == '1') return runtime::MaskMobilePhone(phone);
  return phone.substr(0, 4) + "****";
}

std::string MaskAddress(const runtime::RegionDirectory& regions, const std::string& region_code) {
  // Names from the province down to the county, then "***".
  std::string text;
  const std::vector<std::string> chain = regions.Ancestors(region_code);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto entry = regions.Find(*it);
    if (!entry.has_value()) continue;
    text += entry->display_name;
    if (entry->level == common::v1::REGION_LEVEL_COUNTY) break;
  }
  return text + "***";
}

}  // namespace jindu::casework
