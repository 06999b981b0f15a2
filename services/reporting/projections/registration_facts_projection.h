#pragma once
// The registration facts projection: the reporting service's own record of the registration
// service's events, from which figures are computed (replaying the topics into an empty schema
// rebuilds them). Placeholder: no projection until built.
#include <vector>

#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

std::vector<runtime::ProjectionDefinition> RegistrationFactsProjections(ReportingContext& context);
runtime::MigrationTrack RegistrationFactsMigrations();

}  // namespace jindu::reporting
