#include "reporting/projections/casework_facts_projection.h"

namespace jindu::reporting {

std::vector<runtime::ProjectionDefinition> CaseworkFactsProjections(ReportingContext&) {
  return {};
}

runtime::MigrationTrack CaseworkFactsMigrations() { return {"reporting_casework_facts", {}}; }

}  // namespace jindu::reporting
