#include "reporting/drug_free/drug_free_events.h"

#include "jindu/reporting/events/v1/assessment_events.pb.h"
#include "runtime/identity/civil_date.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

void Append(const runtime::OutboxWriter& outbox, pqxx::work& tx, const DrugFreeRecord& record,
            const google::protobuf::Message& payload) {
  outbox.Append(tx, {.aggregate_type = kDrugFreeAggregate,
                     .aggregate_id = record.id,
                     .aggregate_version = record.version,
                     .region_code = record.application.region_code(),
                     .payload = &payload});
}

}  // namespace

void AppendDrugFreeSubmitted(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                             const DrugFreeRecord& record) {
  events::v1::DrugFreeApplicationSubmitted event;
  event.set_application(record.application.name());
  event.set_region_code(record.application.region_code());
  event.set_year(record.application.year());
  event.set_settlement_type(record.application.settlement_type());
  Append(outbox, tx, record, event);
}

void AppendInspectionsRecorded(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                               const DrugFreeRecord& record,
                               const std::vector<v1::InspectionResult>& results) {
  events::v1::InspectionResultsRecorded event;
  event.set_application(record.application.name());
  for (const v1::InspectionResult& result : results) {
    events::v1::InspectionOutcome* outcome = event.add_results();
    outcome->set_criterion(result.criterion());
    outcome->set_met(result.met());
    *outcome->mutable_inspection_date() = result.inspection_date();
  }
  Append(outbox, tx, record, event);
}

void AppendDrugFreeDecided(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                           const DrugFreeRecord& record) {
  events::v1::DrugFreeApplicationDecided event;
  event.set_application(record.application.name());
  event.set_state(record.application.state());
  *event.mutable_decision_date() = runtime::ToProtoDate(runtime::TodayInShanghai());
  Append(outbox, tx, record, event);
}

void AppendFlagChanged(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                       const DrugFreeRecord& record) {
  events::v1::DrugFreeCommunityFlagChanged event;
  event.set_application(record.application.name());
  event.set_flagged(record.application.flagged());
  for (const v1::CriterionResult& result : record.application.criteria()) {
    if (!result.met()) event.add_broken_criteria(result.criterion());
  }
  Append(outbox, tx, record, event);
}

}  // namespace jindu::reporting
