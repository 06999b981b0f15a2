#pragma once
// Field rules of cases and measure decisions (case.proto, intake.proto). Each check adds a
// FieldViolation naming the request path, so a caller learns every wrong field in one answer; no
// message echoes a submitted value.
#include <optional>
#include <string>

#include "jindu/casework/v1/case.pb.h"
#include "jindu/casework/v1/intake.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::casework {

inline constexpr size_t kMaxPurposeCharacters = 200;
inline constexpr size_t kMaxReasonCharacters = 500;
inline constexpr size_t kMaxDecisionReasonCharacters = 2000;

// The person of a new case or decision, normalised (ID number upper-case 'X', phone digits only).
struct CheckedPerson {
  v1::PersonalDetails details;
};

// Checks full_name (required), national_id_number (required, GB 11643, known address code),
// phone, address and notes under `prefix` ("case.personal_details.", "person.").
std::optional<CheckedPerson> CheckPerson(const v1::PersonalDetails& person,
                                         const std::string& prefix,
                                         const runtime::RegionDirectory& regions,
                                         runtime::CivilDate today,
                                         runtime::FieldViolations* violations);

// Checks one of the mutable personal fields ("full_name", "phone", "address", "notes") and
// normalises it into *out.
void CheckPersonalField(const std::string& path, const v1::PersonalDetails& input,
                        const std::string& prefix, runtime::FieldViolations* violations,
                        v1::PersonalDetails* out);

// A residence region: a known county, township or village (the level where people are managed).
void CheckResidenceRegion(const std::string& field, const std::string& code,
                          const runtime::RegionDirectory& regions,
                          runtime::FieldViolations* violations);

// The county-level region containing `code` (itself when a county); empty when unknown.
std::string CountyOf(const runtime::RegionDirectory& regions, const std::string& code);

// A measure under `prefix` ("measure."): type required; for any type but NONE the decision fields
// are required: decision_number 1..64, issuing_authority 1..128, decision_date not in the future,
// start_date, end_date after start_date.
void CheckMeasure(const v1::Measure& measure, const std::string& prefix, runtime::CivilDate today,
                  runtime::FieldViolations* violations);

// A measure decision of intake (field paths relative to the decision, e.g. "person.full_name").
std::optional<CheckedPerson> CheckMeasureDecision(const v1::MeasureDecision& decision,
                                                  const runtime::RegionDirectory& regions,
                                                  runtime::CivilDate today,
                                                  runtime::FieldViolations* violations);

// The measure a decision imposes.
v1::Measure MeasureOfDecision(const v1::MeasureDecision& decision);

// A mobile number (11 digits, optionally +86) or a landline with its area code, as digits.
std::optional<std::string> NormalizePhone(const std::string& text);

// "张*", "138****5678", "0731****" (landline), "湖南省长沙市芙蓉区***".
std::string MaskFullName(const std::string& full_name);
std::string MaskPhone(const std::string& phone);
std::string MaskAddress(const runtime::RegionDirectory& regions, const std::string& region_code);

}  // namespace jindu::casework
