#pragma once
// The casework facts projection: the reporting service's own record of the casework service's
// events, from which figures are computed (replaying the topics into an empty schema rebuilds
// them). Placeholder: no projection until built.
#include <vector>

#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

std::vector<runtime::ProjectionDefinition> CaseworkFactsProjections(ReportingContext& context);
runtime::MigrationTrack CaseworkFactsMigrations();

}  // namespace jindu::reporting
