#include "casework/storage/tip_migrations.h"

namespace jindu::casework {

// Migrations are append-only: a migration that ran is never edited (its checksum is recorded);
// change the schema with a new one.
runtime::MigrationTrack TipMigrations() {
  return {"casework_tips",
          {
              {1, "create_tips", R"sql(
-- A tip to police. The description (may name people), the submitter's subject, the source
-- volunteer and the police reference are sealed (runtime/crypto/field_cipher.h) with the id of their
-- key beside them; associated data "tip/{tip_id}/{column}" binds each value to its row and column.
-- The submitter is protected: its subject is stored only sealed, and submitter_hash, a keyed hash
-- of it (lookup key, domain "casework.tip_submitter"), finds "my tips" without storing it in clear.
-- For the same reason there is no create_subject column, and update_subject stays '' until police
-- liaison change the tip.
CREATE TABLE tips (
  tip_id text PRIMARY KEY,
  kind smallint NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,              -- ";430000;430100;430102;..." for scope filters
  observed_date date NOT NULL,
  filed_date date NOT NULL,
  description_sealed bytea NOT NULL,
  description_key_id text NOT NULL,
  submitter_sealed bytea NOT NULL,
  submitter_key_id text NOT NULL,
  submitter_hash text NOT NULL,
  lookup_key_id text NOT NULL,            -- key of submitter_hash, for a re-index
  source_volunteer_sealed bytea,
  source_volunteer_key_id text,
  plant_count integer NOT NULL,           -- cultivation tips: plants seen; 0 otherwise
  state smallint NOT NULL,
  state_change_time timestamptz NOT NULL,
  police_reference_sealed bytea,
  police_reference_key_id text,
  -- The outcome of a confirmed tip (all zero and outcome_time NULL until recorded). seizures is
  -- [{"substance": "海洛因", "milligrams": 20235000}, ...]; seized_milligrams their sum.
  outcome_time timestamptz,
  suspects_identified integer NOT NULL DEFAULT 0,
  users_identified integer NOT NULL DEFAULT 0,
  cases_solved integer NOT NULL DEFAULT 0,
  prosecutions integer NOT NULL DEFAULT 0,
  plants_eradicated integer NOT NULL DEFAULT 0,
  seizures jsonb NOT NULL DEFAULT '[]',
  seized_milligrams bigint NOT NULL DEFAULT 0,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  update_subject text NOT NULL
);
-- Lists are newest first; "my tips" by the submitter's hash.
CREATE INDEX tips_by_time ON tips (create_time DESC, tip_id DESC);
CREATE INDEX tips_by_submitter ON tips (submitter_hash, create_time DESC, tip_id DESC);

-- Every state change. Reasons of police decisions are sensitive: sealed, associated data
-- "tip_state_change/{tip_id}/{revision}"; NULL when none was given.
CREATE TABLE tip_state_changes (
  tip_id text NOT NULL REFERENCES tips (tip_id),
  revision bigint NOT NULL,
  previous_state smallint NOT NULL,
  state smallint NOT NULL,
  effective_date date NOT NULL,
  reason_sealed bytea,
  reason_key_id text,
  change_subject text NOT NULL,
  change_time timestamptz NOT NULL,
  PRIMARY KEY (tip_id, revision)
);
)sql"},
          }};
}

}  // namespace jindu::casework
