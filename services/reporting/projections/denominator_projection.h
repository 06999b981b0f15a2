#pragma once
// Registration's yearly denominators of a region (population, students enrolled), which coverage
// indicators divide by; fed by RegionDenominatorsUpserted on the region topic.
#include <pqxx/pqxx>
#include <string>

#include "reporting/indicators/indicator_values.h"
#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

runtime::ProjectionDefinition DenominatorProjection(ReportingContext& context);
runtime::MigrationTrack DenominatorMigrations();

// The denominators of `region_code` for `year`: its own row when registration gave one, else the
// sum of the topmost rows inside it (a township's figures are not added to its county's).
RegionDenominators DenominatorsOf(pqxx::transaction_base& tx, const std::string& schema,
                                  const std::string& region_code, int year);

}  // namespace jindu::reporting
