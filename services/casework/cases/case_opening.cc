#include "casework/cases/case_opening.h"

#include "casework/cases/case_events.h"
#include "casework/cases/case_status_machine.h"
#include "casework/storage/person_keys.h"
#include "runtime/identity/national_id_number.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

CaseOpening::CaseOpening(const CaseworkContext& context)
    : context_(context),
      cases_(context.schema(), context.personal_data.cipher),
      transfers_(context.schema(), context.personal_data.cipher),
      gate_(context),
      urine_tests_(context.schema(), context.personal_data.cipher),
      schedule_(context, gate_, urine_tests_) {}

void CaseOpening::LockPerson(pqxx::work& tx, const std::string& national_id_hash) const {
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                 "casework.person/" + national_id_hash);
}

std::string CaseOpening::LookupHash(const std::string& national_id_number) const {
  return NationalIdLookupHash(context_.personal_data.lookup, national_id_number);
}

CaseRecord CaseOpening::Open(pqxx::work& tx, const ArrivingPerson& arriving,
                             const std::string& subject, runtime::CivilDate today,
                             events::v1::OpenedBy opened_by) const {
  CaseRecord record;
  record.id = runtime::NewResourceId();
  const std::string& id_number = arriving.person.national_id_number();
  record.national_id_hash = LookupHash(id_number);
  record.lookup_key_id = context_.personal_data.lookup.key_id();
  record.person_pseudonym = PersonPseudonym(context_.personal_data.lookup, id_number);
  record.person = arriving.person;
  record.full_name_masked = MaskFullName(arriving.person.full_name());
  record.national_id_masked = runtime::MaskNationalIdNumber(id_number);
  record.phone_masked = MaskPhone(arriving.person.phone());
  record.has_address = !arriving.person.address().empty();
  record.residence_region_code = arriving.residence_region_code;
  record.assistance_category = arriving.assistance_category;
  record.measure = arriving.measure;
  record.measure.clear_reported_date();
  record.status = v1::CASE_STATUS_ACTIVE;
  // A case opens on its measure's first day, or today for a person under no measure.
  record.open_date = arriving.open_date.value_or(
      arriving.measure.has_start_date() ? runtime::FromProtoDate(arriving.measure.start_date())
                                        : today);
  if (record.open_date > today) record.open_date = today;
  record.status_since = record.open_date;
  record.assigned_worker_subject = arriving.assigned_worker_subject;
  record.transferred_from_case_id = arriving.transferred_from_case_id;
  record.transferred_from_region_code = arriving.transferred_from_region_code;
  record.revision = 1;
  record.create_subject = subject;
  record.update_subject = subject;
  const bool first_registration = !cases_.PersonKnown(tx, record.national_id_hash);
  cases_.Insert(tx, record, context_.regions.EnclosingPath(record.residence_region_code));
  AppendCaseEvent(context_, tx, record, CaseOpenedEvent(record, first_registration, opened_by));
  schedule_.ReconcileWithinChange(tx, record, subject);
  cases_.Update(tx, record, {});
  return record;
}

void CaseOpening::ApplyMeasure(pqxx::work& tx, CaseRecord& record, const v1::Measure& measure,
                               const std::string& subject, runtime::CivilDate today) const {
  const v1::MeasureType previous_type = record.measure.type();
  const v1::CaseStatus previous_status = record.status;
  record.measure = measure;
  record.measure.clear_reported_date();
  record.status =
      NextStatus(record.status, CaseTransition::kNewMeasureDecision).value_or(record.status);
  if (record.status != previous_status) record.status_since = today;
  ++record.revision;
  record.update_subject = subject;
  schedule_.ReconcileWithinChange(tx, record, subject);
  cases_.Update(tx, record, {});
  cases_.SetDecisionNumber(tx, record.id, measure.decision_number());
  AppendCaseEvent(context_, tx, record, MeasureChangedEvent(record, previous_type));
  if (record.status != previous_status) {
    cases_.AppendStatusChange(tx, record.id, record.revision, previous_status, record.status, today,
                              "new measure decision", subject);
    AppendCaseEvent(context_, tx, record, StatusChangedEvent(record, previous_status, today));
  }
}

std::optional<std::string> CaseOpening::RequestTransfer(
    pqxx::work& tx, CaseRecord& source, const std::string& to_region_code,
    const std::string& subject, const std::optional<v1::MeasureDecision>& decision) const {
  if (!source.pending_transfer_id.empty()) return std::nullopt;
  TransferRecord transfer;
  transfer.id = runtime::NewResourceId();
  transfer.source_case_id = source.id;
  transfer.from_region_code = source.residence_region_code;
  transfer.to_region_code = to_region_code;
  transfer.origin = v1::CASE_TRANSFER_ORIGIN_RECEIVING_SIDE;
  transfer.reason = decision.has_value() ? "measure decision for a person residing here" : "";
  transfer.pending_decision = decision;
  transfer.create_subject = subject;
  transfers_.Insert(tx, transfer, context_.regions.EnclosingPath(source.residence_region_code),
                    context_.regions.EnclosingPath(to_region_code));
  source.pending_transfer_id = transfer.id;
  ++source.revision;
  source.update_subject = subject;
  cases_.Update(tx, source, {});
  return transfer.id;
}

bool CaseOpening::SameCounty(const std::string& region_a, const std::string& region_b) const {
  const std::string county = CountyOf(context_.regions, region_a);
  return !county.empty() && county == CountyOf(context_.regions, region_b);
}

}  // namespace jindu::casework
