#pragma once
// The registration facts projection: the reporting service's own record of the registration
// service's events, from which figures and seed 004's tables are computed (replaying the topics
// into an empty schema rebuilds them):
//   - organisations (kind, parent, region, founding and dissolution dates), the newest version;
//   - volunteers: residence region, registration date, and the history of their states and
//     lecturer certifications by day, so "at period end" is answered for any period;
//   - public profiles: the published names of lecturers (seed 004 prints them), nothing else;
//   - training sessions and attendances, confirmed service hours (the newest facts per record).
#include <vector>

#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

inline constexpr const char* kOrganizationTopic = "jindu.registration.organization.v1";
inline constexpr const char* kVolunteerTopic = "jindu.registration.volunteer.v1";
inline constexpr const char* kPublicProfileTopic = "jindu.registration.public_profile.v1";
inline constexpr const char* kTrainingSessionTopic = "jindu.registration.training_session.v1";
inline constexpr const char* kServiceHourTopic = "jindu.registration.service_hour_record.v1";

std::vector<runtime::ProjectionDefinition> RegistrationFactsProjections(ReportingContext& context);
runtime::MigrationTrack RegistrationFactsMigrations();

}  // namespace jindu::reporting
