#pragma once
// Counts of registrations inside a region (ComputeRegistrationCounts): active organisations per
// kind, volunteers per state, active lecturers, active volunteers trained in the 12 months before
// the day. Counts are of the registrations as they stand now; figures as of past dates are the
// reporting service's, built from events.
#include <pqxx/pqxx>
#include <string>

#include "jindu/registration/v1/registration_service.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

v1::RegistrationCounts CountRegistrations(pqxx::transaction_base& tx, const std::string& schema,
                                          const std::string& region_code,
                                          const std::string& region_display_name,
                                          runtime::CivilDate as_of);

}  // namespace jindu::registration
