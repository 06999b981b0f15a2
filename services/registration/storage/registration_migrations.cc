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
          }};
}

}  // namespace jindu::registration
