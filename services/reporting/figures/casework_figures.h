#pragma once
// The casework part of a region's figures: cases by measure and status, new users, lost contact,
// relapses, pairings, contacts, relief, help, urine tests, tips. Placeholder: answers zeros until
// built.
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

}  // namespace jindu::reporting
