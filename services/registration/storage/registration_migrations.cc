#include "registration/storage/registration_migrations.h"

namespace jindu::registration {

// Migrations are append-only: a migration that ran is never edited (its checksum is recorded);
// change the schema with a new one.
runtime::MigrationTrack RegistrationMigrations() {
  return {"registration",
          {
              {1, "create_regions", R"sql(
-- The region tree. Codes and names are public data. Parents are checked by the importer, not by a
-- foreign key: a file may name a parent on a later row, and a region is never deleted.
CREATE TABLE regions (
  region_code text PRIMARY KEY,
  display_name text NOT NULL,
  level smallint NOT NULL,
  parent_region_code text NOT NULL,          -- '' for the province
  valid_from date NOT NULL,
  valid_to date,                             -- first day no longer valid; NULL while current
  member_region_codes text NOT NULL,         -- special zones: codes joined by ';'
  successor_region_codes text NOT NULL,      -- codes joined by ';'
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX regions_by_parent ON regions (parent_region_code, region_code);

-- Every revision of every region, for ListRegionRevisions: renames, re-parenting, validity.
CREATE TABLE region_revisions (
  region_code text NOT NULL,
  revision bigint NOT NULL,
  snapshot bytea NOT NULL,                   -- jindu.registration.events.v1.RegionUpserted
  change_time timestamptz NOT NULL,
  change_subject text NOT NULL,
  PRIMARY KEY (region_code, revision)
);

-- Yearly denominators (population, students) of indicators and of the village budget rule.
CREATE TABLE region_denominators (
  region_code text NOT NULL REFERENCES regions (region_code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  population bigint NOT NULL CHECK (population >= 0),
  students_enrolled bigint CHECK (students_enrolled >= 0),
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL,
  PRIMARY KEY (region_code, year)
);
)sql"},
              {2, "create_organizations_and_volunteers", R"sql(
-- Organisations: associations and every unit under them. Officers' names are public role data but
-- still personal: the officer list is sealed like any personal field.
CREATE TABLE organizations (
  organization_id text PRIMARY KEY,
  display_name text NOT NULL,
  kind smallint NOT NULL,
  sector smallint NOT NULL,
  parent_id text REFERENCES organizations (organization_id),
  region_code text NOT NULL,
  region_path text NOT NULL,                -- ';'-wrapped codes of every region containing it
  founding_date date NOT NULL,
  state smallint NOT NULL,
  dissolution_date date,
  officers_sealed bytea,                    -- jindu.registration.v1.Organization officers, sealed
  officers_key_id text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE UNIQUE INDEX organizations_natural_key
  ON organizations (coalesce(parent_id, ''), kind, display_name);
CREATE INDEX organizations_by_region ON organizations (region_code, display_name, organization_id);
CREATE INDEX organizations_by_parent ON organizations (parent_id);

-- region_path makes "inside region X" one LIKE '%;X;%' for lists (special zones included); the tree
-- in memory computes it on every write.

-- Volunteers. Every personal field is sealed (AES-256-GCM or SM4, key id beside it); the national
-- ID number is found through a keyed hash, never stored or compared in clear. Masked renderings
-- are what lists show.
CREATE TABLE volunteers (
  volunteer_id text PRIMARY KEY,
  national_id_hash text NOT NULL UNIQUE,
  national_id_sealed bytea NOT NULL,
  national_id_key_id text NOT NULL,
  national_id_masked text NOT NULL,
  display_name_sealed bytea NOT NULL,
  display_name_key_id text NOT NULL,
  phone_sealed bytea NOT NULL,
  phone_key_id text NOT NULL,
  phone_masked text NOT NULL,
  residence_region_code text NOT NULL,
  region_path text NOT NULL,                -- ';'-wrapped codes of every region containing it
  roles text NOT NULL,                      -- VolunteerRole numbers joined by ','
  skills text NOT NULL,                     -- joined by a line feed (skills have none)
  state smallint NOT NULL,
  state_subject text NOT NULL,
  state_time timestamptz NOT NULL,
  state_reason text NOT NULL,
  approval_subject text,
  approval_time timestamptz,
  approval_reason text,
  lecture_team_id text REFERENCES organizations (organization_id),
  lecturer_certified_date date,
  lecturer_topics text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX volunteers_by_region ON volunteers (residence_region_code, create_time, volunteer_id);

CREATE TABLE volunteer_memberships (
  volunteer_id text NOT NULL REFERENCES volunteers (volunteer_id),
  organization_id text NOT NULL REFERENCES organizations (organization_id),
  PRIMARY KEY (volunteer_id, organization_id)
);
CREATE INDEX volunteer_memberships_by_organization ON volunteer_memberships (organization_id);

-- Who read or tried to reach personal data, when, why and with what outcome. Append-only.
CREATE TABLE access_audit (
  audit_id bigserial PRIMARY KEY,
  access_time timestamptz NOT NULL DEFAULT now(),
  subject text NOT NULL,
  roles text NOT NULL,
  method text NOT NULL,
  resource text NOT NULL,                   -- a resource name or a list's filter summary
  purpose text NOT NULL,
  outcome text NOT NULL,                    -- e.g. READ_FULL, READ_MASKED, DUPLICATE_ELSEWHERE
  request_id text NOT NULL
);
CREATE INDEX access_audit_by_subject ON access_audit (subject, access_time);
CREATE INDEX access_audit_by_resource ON access_audit (resource, access_time);
)sql"},
              {3, "create_grants", R"sql(
-- What each subject may do where. Never deleted: a revocation keeps the row, who revoked it, when
-- and why. The subject's display name is personal data and sealed.
CREATE TABLE grants (
  grant_id text PRIMARY KEY,
  subject text NOT NULL,
  subject_display_name_sealed bytea,
  subject_display_name_key_id text,
  role smallint NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  expire_time timestamptz,
  state smallint NOT NULL,                  -- GrantState: 1 active, 2 revoked
  revoke_subject text,
  revoke_time timestamptz,
  revoke_reason text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE UNIQUE INDEX grants_one_active ON grants (subject, role, region_code) WHERE state = 1;
CREATE INDEX grants_by_subject ON grants (subject, state);
CREATE INDEX grants_by_time ON grants (create_time DESC, grant_id);
)sql"},
              {4, "create_volunteer_transfers", R"sql(
-- Requests to move a volunteer's record into another county. The receiving side knows only the ID
-- number (kept as its keyed hash, never in clear); the holding side decides.
CREATE TABLE volunteer_transfers (
  transfer_id text PRIMARY KEY,
  national_id_hash text NOT NULL,
  volunteer_id text REFERENCES volunteers (volunteer_id),  -- NULL when no record matched
  to_region_code text NOT NULL,
  to_region_path text NOT NULL,
  from_region_code text NOT NULL,           -- '' when no record matched
  from_region_path text NOT NULL,
  reason text NOT NULL,
  state smallint NOT NULL,                  -- VolunteerTransferState
  decision_subject text,
  decision_time timestamptz,
  decision_reason text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX volunteer_transfers_by_time ON volunteer_transfers (create_time DESC, transfer_id);
)sql"},
          }};
}

}  // namespace jindu::registration
