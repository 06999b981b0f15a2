#include "publicity/storage/registry_migrations.h"

namespace jindu::publicity {

// Append-only, like every migration track.
runtime::MigrationTrack RegistryMigrations() {
  return {"publicity_registry",
          {
              {1, "create_organization_and_volunteer_replicas", R"sql(
-- Organisations as registration's events describe them (names are public).
CREATE TABLE organization_replica (
  organization_id text PRIMARY KEY,
  display_name text NOT NULL,
  kind smallint NOT NULL,                  -- jindu.registration.v1.OrganizationKind
  parent_id text NOT NULL,                 -- '' for a top organisation
  region_code text NOT NULL,
  region_path text NOT NULL,
  state smallint NOT NULL,                 -- jindu.registration.v1.OrganizationState
  aggregate_version bigint NOT NULL
);

-- Volunteers: state and region, and whether they are certified lecturers (and of which team).
CREATE TABLE volunteer_replica (
  volunteer_id text PRIMARY KEY,
  state smallint NOT NULL,                 -- jindu.registration.v1.VolunteerState
  residence_region_code text NOT NULL,
  lecture_team_id text NOT NULL DEFAULT '', -- '' unless a certified lecturer
  aggregate_version bigint NOT NULL
);
)sql"},
          }};
}

}  // namespace jindu::publicity
