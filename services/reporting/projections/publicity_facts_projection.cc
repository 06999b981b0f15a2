#include "reporting/projections/publicity_facts_projection.h"

namespace jindu::reporting {

std::vector<runtime::ProjectionDefinition> PublicityFactsProjections(ReportingContext&) {
  return {};
}

runtime::MigrationTrack PublicityFactsMigrations() { return {"reporting_publicity_facts", {}}; }

}  // namespace jindu::reporting
