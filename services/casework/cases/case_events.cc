#include "casework/cases/case_events.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

void AppendCaseEvent(const CaseworkContext& context, pqxx::work& tx, const CaseRecord& record,
                     const google::protobuf::Message& event) {
  // Versions count events, one by one (the envelope's contract), not changes: a change may publish
  // two events (a new measure that also reactivates) or none (a corrected phone number).
  const int64_t version =
      tx.exec_params1("UPDATE " + context.schema() +
                          ".cases SET event_version = event_version + 1 WHERE case_id = $1 "
                          "RETURNING event_version",
                      record.id)[0]
          .as<int64_t>();
  context.outbox.Append(tx, {.aggregate_type = "case",
                             .aggregate_id = record.id,
                             .aggregate_version = version,
                             .region_code = record.residence_region_code,
                             .payload = &event});
}

events::v1::CaseOpened CaseOpenedEvent(const CaseRecord& record, bool first_registration,
                                       events::v1::OpenedBy opened_by) {
  events::v1::CaseOpened event;
  event.set_case_name(CaseName(record.id));
  event.set_person_pseudonym(record.person_pseudonym);
  event.set_residence_region_code(record.residence_region_code);
  *event.mutable_open_date() = runtime::ToProtoDate(record.open_date);
  event.set_measure_type(record.measure.type());
  if (record.measure.has_start_date()) {
    *event.mutable_measure_start_date() = record.measure.start_date();
  }
  if (record.measure.has_end_date()) *event.mutable_measure_end_date() = record.measure.end_date();
  event.set_assistance_category(record.assistance_category);
  event.set_first_registration(first_registration);
  event.set_opened_by(opened_by);
  if (!record.transferred_from_case_id.empty()) {
    event.set_transferred_from_case(CaseName(record.transferred_from_case_id));
  }
  return event;
}

events::v1::MeasureChanged MeasureChangedEvent(const CaseRecord& record,
                                               v1::MeasureType previous_type) {
  events::v1::MeasureChanged event;
  event.set_case_name(CaseName(record.id));
  event.set_previous_measure_type(previous_type);
  event.set_measure_type(record.measure.type());
  if (record.measure.has_start_date()) {
    *event.mutable_measure_start_date() = record.measure.start_date();
  }
  if (record.measure.has_end_date()) *event.mutable_measure_end_date() = record.measure.end_date();
  return event;
}

events::v1::CaseStatusChanged StatusChangedEvent(const CaseRecord& record, v1::CaseStatus previous,
                                                 runtime::CivilDate effective_date) {
  events::v1::CaseStatusChanged event;
  event.set_case_name(CaseName(record.id));
  event.set_previous_status(previous);
  event.set_status(record.status);
  *event.mutable_effective_date() = runtime::ToProtoDate(effective_date);
  event.set_close_reason(record.close_reason);
  return event;
}

}  // namespace jindu::casework
