#include "casework/storage/assistance_migrations.h"

namespace jindu::casework {

// Append-only, like every migration track.
runtime::MigrationTrack AssistanceMigrations() {
  return {"casework_assistance",
          {
              {1, "create_pairings_teams_and_volunteer_replica", R"sql(
-- Volunteers as the registration service's events describe them: only the state and region, which
-- is all pairing needs (no name or number of a volunteer ever reaches this service).
CREATE TABLE volunteer_replica (
  volunteer_id text PRIMARY KEY,
  state smallint NOT NULL,                 -- jindu.registration.v1.VolunteerState
  residence_region_code text NOT NULL,
  aggregate_version bigint NOT NULL        -- the last event applied; older ones are ignored
);

-- Pairings of volunteers with cases. Never deleted: an ended pairing is history.
CREATE TABLE pairings (
  pairing_id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (case_id),
  volunteer_id text NOT NULL,
  region_code text NOT NULL,               -- the case's residence region
  region_path text NOT NULL,               -- and its path, for "cases/-" lists
  start_date date NOT NULL,
  end_date date,
  state smallint NOT NULL,
  end_reason smallint NOT NULL,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE UNIQUE INDEX one_active_pairing_per_volunteer_and_case ON pairings (case_id, volunteer_id)
  WHERE state = 1;
CREATE INDEX active_pairings_by_volunteer ON pairings (volunteer_id) WHERE state = 1;
CREATE INDEX pairings_by_time ON pairings (create_time DESC, pairing_id);

-- A case's help team, replaced as a whole. Members' names and phones are personal: the member list
-- is sealed whole; a masked copy serves the basic view.
CREATE TABLE case_teams (
  case_id text PRIMARY KEY REFERENCES cases (case_id),
  members_sealed bytea NOT NULL,           -- jindu.casework.v1.CaseTeam (members only), sealed
  members_key_id text NOT NULL,
  members_masked bytea NOT NULL,           -- the same with names and phones masked
  distinct_role_count integer NOT NULL,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
)sql"},
          }};
}

}  // namespace jindu::casework
