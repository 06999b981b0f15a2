#pragma once
// The casework part of a region's figures: cases by measure and status, new users, lost contact,
// relapses, pairings, contacts, relief, help, urine tests, tips; computed from the casework facts
// (projections/casework_facts_projection.h). The pieces the assistance table shares with it are
// declared here too, so both answer the same numbers for the same facts.
#include <pqxx/pqxx>
#include <string>

#include "jindu/reporting/v1/figures.pb.h"
#include "runtime/api/request_checks.h"

namespace jindu::reporting {

// Every fact inside `region_code` (rolled up through the tree and special zones, each fact once)
// dated inside `dates`.
v1::CaseworkFigures ComputeCaseworkFigures(pqxx::transaction_base& tx, const std::string& schema,
                                           const std::string& region_code,
                                           const runtime::CivilDateRange& dates);

// A WITH clause defining `at_end (case_id, person_pseudonym, status, measure_type)`: every case of
// the region opened before `dates.end` with its status and measure on the period's last day. The
// query binds $1 = dates.start and $2 = dates.end (ISO text) and $3 = the region's
// RegionPathPattern (runtime/access/caller_access.h).
std::string CasesAtPeriodEnd(const std::string& schema);

// The status a case is under management in (not CLOSED, not TRANSFERRED_OUT), as SQL on `column`.
std::string OpenStatusCondition(const std::string& column);

struct PairedCases {
  int64_t cases = 0;        // with an active pairing on the period's last day
  int64_t many_to_one = 0;  // of them, with several volunteers
};
PairedCases CountPairedCases(pqxx::transaction_base& tx, const std::string& schema,
                             const std::string& region_code, const runtime::CivilDateRange& dates);

// Money in CNY.
common::v1::Money CaseworkCny(int64_t minor_units);

}  // namespace jindu::reporting
