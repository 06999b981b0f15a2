#pragma once
// The casework facts projection: the reporting service's own record of the casework service's
// events (topics jindu.casework.case.v1 and jindu.casework.tip.v1), from which the casework figures
// and the assistance table are computed. Replaying the topics into an empty schema rebuilds the
// same rows: every effect is an insert keyed by the fact's id (and the case's version for
// histories) or an update guarded by the aggregate version. The events carry no personal field, and
// the tables hold only pseudonymous ids, regions, dates, categories, counts and amounts.
#include <vector>

#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

inline constexpr const char* kCaseworkCaseTopic = "jindu.casework.case.v1";
inline constexpr const char* kCaseworkTipTopic = "jindu.casework.tip.v1";

// Consumer groups "reporting.casework_cases" and "reporting.casework_tips".
std::vector<runtime::ProjectionDefinition> CaseworkFactsProjections(ReportingContext& context);

// The tables (casework_facts_migrations.cc).
runtime::MigrationTrack CaseworkFactsMigrations();

}  // namespace jindu::reporting
