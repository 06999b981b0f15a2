#include "casework/cases/case_presentation.h"

#include "casework/cases/case_validation.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

std::vector<std::string> ClearFieldPaths(const CaseRecord& record) {
  std::vector<std::string> paths = {"personal_details.full_name",
                                    "personal_details.national_id_number"};
  if (!record.person.phone().empty()) paths.push_back("personal_details.phone");
  if (!record.person.address().empty()) paths.push_back("personal_details.address");
  if (!record.person.notes().empty()) paths.push_back("personal_details.notes");
  if (!record.measure.decision_number().empty()) paths.push_back("measure.decision_number");
  return paths;
}

v1::Case PresentCase(const CaseRecord& record, const CaseworkContext& context,
                     const runtime::CallerAccess& caller, runtime::CivilDate today, CaseView view) {
  v1::Case result;
  result.set_name(CaseName(record.id));
  result.set_person_pseudonym(record.person_pseudonym);
  v1::PersonalDetails* person = result.mutable_personal_details();
  if (view.personal_in_clear) {
    *person = record.person;
  } else {
    person->set_full_name(record.full_name_masked);
    person->set_national_id_number(record.national_id_masked);
    person->set_phone(record.phone_masked);
    if (record.has_address) {
      person->set_address(MaskAddress(context.regions, record.residence_region_code));
    }
  }
  result.set_residence_region_code(record.residence_region_code);
  result.set_assistance_category(record.assistance_category);
  *result.mutable_measure() = record.measure;
  if (!view.personal_in_clear) result.mutable_measure()->clear_decision_number();
  result.set_status(record.status);
  result.set_close_reason(record.close_reason);
  *result.mutable_open_date() = runtime::ToProtoDate(record.open_date);

  v1::CaseFlags* flags = result.mutable_flags();
  const runtime::CivilDate last_contact =
      record.last_reached_contact_date.value_or(record.open_date);
  flags->set_contact_overdue(record.status == v1::CASE_STATUS_ACTIVE &&
                             runtime::DaysBetween(last_contact, today) >
                                 context.rules.contact_overdue_days);
  flags->set_urine_test_overdue(
      (record.status == v1::CASE_STATUS_ACTIVE || record.status == v1::CASE_STATUS_LOST_CONTACT) &&
      record.next_urine_test_due_date.has_value() && *record.next_urine_test_due_date < today);
  if (view.sensitive_flags) flags->set_suspected_relapse(record.suspected_relapse);
  if (IsOpenStatus(record.status) && record.measure.has_end_date()) {
    const int days_left =
        runtime::DaysBetween(today, runtime::FromProtoDate(record.measure.end_date()));
    flags->set_measure_ending_soon(days_left >= 0 &&
                                   days_left < context.rules.measure_ending_soon_days);
  }

  result.set_assigned_worker_subject(record.assigned_worker_subject);
  if (record.last_reached_contact_date.has_value()) {
    *result.mutable_last_reached_contact_date() =
        runtime::ToProtoDate(*record.last_reached_contact_date);
  }
  if (record.next_urine_test_due_date.has_value()) {
    *result.mutable_next_urine_test_due_date() =
        runtime::ToProtoDate(*record.next_urine_test_due_date);
  }
  result.set_active_pairing_count(record.active_pairing_count);
  if (!record.pending_transfer_id.empty()) {
    result.set_pending_transfer(CaseTransferName(record.pending_transfer_id));
  }
  if (!record.transferred_from_case_id.empty() &&
      caller.Covers(record.transferred_from_region_code)) {
    result.set_transferred_from_case(CaseName(record.transferred_from_case_id));
  }
  common::v1::AuditMetadata* audit = result.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return result;
}

}  // namespace jindu::casework
