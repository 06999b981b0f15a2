#include "reporting/projections/registration_facts_projection.h"

namespace jindu::reporting {

std::vector<runtime::ProjectionDefinition> RegistrationFactsProjections(ReportingContext&) {
  return {};
}

runtime::MigrationTrack RegistrationFactsMigrations() {
  return {"reporting_registration_facts", {}};
}

}  // namespace jindu::reporting
