#include "casework/storage/sealed_column_catalog.h"

namespace jindu::casework {

std::vector<runtime::SealedColumn> CaseworkSealedColumns() {
  std::vector<runtime::SealedColumn> columns;
  // "<prefix>/<id>/<column>", one id column, the associated column named like the stored one.
  const auto per_row = [&](const char* table, const char* id, const char* prefix,
                           std::initializer_list<const char*> names) {
    for (const char* name : names) columns.push_back({table, {id}, name, prefix, name});
  };
  per_row("cases", "case_id", "case",  // case_store.cc
          {"full_name", "national_id", "phone", "address", "notes", "decision_number"});
  per_row("contacts", "contact_id", "contacts",  // sealed_columns.h
          {"notes", "relief_items_description"});
  per_row("urine_tests", "urine_test_id", "urine_tests", {"result"});
  per_row("help_records", "help_record_id", "help_records", {"notes"});
  per_row("case_transfers", "case_transfer_id", "case_transfer",  // transfer_store.cc
          {"pending_decision"});
  per_row("case_teams", "case_id", "case_team", {"members"});  // team_store.cc
  per_row("tips", "tip_id", "tip",                             // tips/tip_store.cc
          {"description", "submitter", "source_volunteer", "police_reference"});
  // Reasons of status changes: "<prefix>/<id>/<revision>", no column.
  columns.push_back(
      {"case_status_changes", {"case_id", "revision"}, "reason", "case_status_change", ""});
  columns.push_back(
      {"tip_state_changes", {"tip_id", "revision"}, "reason", "tip_state_change", ""});
  return columns;
}

}  // namespace jindu::casework
