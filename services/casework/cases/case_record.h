#pragma once
// A case as the store holds it. Personal fields are in `person` only when the case was loaded with
// them (CaseStore::Find with personal = true); otherwise `person` is empty and only the masked
// forms are set.
#include <cstdint>
#include <optional>
#include <string>

#include "jindu/casework/v1/case.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct CaseRecord {
  std::string id;
  std::string person_pseudonym;
  std::string national_id_hash;
  std::string lookup_key_id;   // the key of national_id_hash, for a re-index after a key change
  v1::PersonalDetails person;  // clear values, when loaded with personal fields
  std::string full_name_masked;
  std::string national_id_masked;
  std::string phone_masked;
  bool has_address = false;
  std::string residence_region_code;
  v1::AssistanceCategory assistance_category = v1::ASSISTANCE_CATEGORY_UNSPECIFIED;
  v1::Measure measure;  // decision_number set only when loaded with personal fields
  v1::CaseStatus status = v1::CASE_STATUS_ACTIVE;
  v1::CloseReason close_reason = v1::CLOSE_REASON_UNSPECIFIED;
  runtime::CivilDate open_date;
  runtime::CivilDate status_since;
  std::optional<runtime::CivilDate> last_relapse_date;
  bool suspected_relapse = false;
  std::string assigned_worker_subject;
  std::optional<runtime::CivilDate> last_reached_contact_date;
  std::optional<runtime::CivilDate> next_urine_test_due_date;
  int active_pairing_count = 0;
  std::string pending_transfer_id;
  std::string transferred_from_case_id;
  std::string transferred_from_region_code;
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline std::string CaseName(const std::string& id) { return "cases/" + id; }
inline std::string CaseTransferName(const std::string& id) { return "caseTransfers/" + id; }

// Statuses in which the case is under the county's management (not CLOSED, not TRANSFERRED_OUT).
inline bool IsOpenStatus(v1::CaseStatus status) {
  return status != v1::CASE_STATUS_CLOSED && status != v1::CASE_STATUS_TRANSFERRED_OUT;
}

}  // namespace jindu::casework
