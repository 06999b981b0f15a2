#pragma once
// The events of a drug-free community application (assessment_events.proto), aggregate
// "drug_free_application" keyed by application id, version = the application's version.
#include <pqxx/pqxx>
#include <vector>

#include "reporting/drug_free/drug_free_store.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

inline constexpr char kDrugFreeAggregate[] = "drug_free_application";

void AppendDrugFreeSubmitted(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                             const DrugFreeRecord& record);
// Without the free-text notes.
void AppendInspectionsRecorded(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                               const DrugFreeRecord& record,
                               const std::vector<v1::InspectionResult>& results);
void AppendDrugFreeDecided(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                           const DrugFreeRecord& record);
void AppendFlagChanged(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                       const DrugFreeRecord& record);

}  // namespace jindu::reporting
