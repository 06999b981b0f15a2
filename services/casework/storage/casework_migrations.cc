#include "casework/storage/casework_migrations.h"

namespace jindu::casework {

// Migrations are append-only: a migration that ran is never edited (its checksum is recorded);
// change the schema with a new one.
runtime::MigrationTrack CaseMigrations() {
  return {"casework",
          {
              {1, "create_cases", R"sql(
-- A case. Every personal field is sealed (runtime/crypto/field_cipher.h) with the id of its key
-- beside it; associated data "case/{case_id}/{column}" binds each value to its row and column.
-- national_id_hash is the keyed hash that finds a person's cases; person_pseudonym is derived
-- from the number under another domain, so neither can be joined against the other or reversed.
CREATE TABLE cases (
  case_id text PRIMARY KEY,
  person_pseudonym text NOT NULL,
  national_id_hash text NOT NULL,
  lookup_key_id text NOT NULL,
  full_name_sealed bytea NOT NULL,
  full_name_key_id text NOT NULL,
  national_id_sealed bytea NOT NULL,
  national_id_key_id text NOT NULL,
  phone_sealed bytea,
  phone_key_id text,
  address_sealed bytea,
  address_key_id text,
  notes_sealed bytea,
  notes_key_id text,
  -- Masked forms ("张*", "430***********1234", "138****5678") for lists and basic views.
  full_name_masked text NOT NULL,
  national_id_masked text NOT NULL,
  phone_masked text NOT NULL,
  residence_region_code text NOT NULL,
  region_path text NOT NULL,              -- ";430000;430100;430102;..." for scope filters
  assistance_category smallint NOT NULL,
  measure_type smallint NOT NULL,
  decision_number_sealed bytea,           -- decision numbers identify a person: sealed too
  decision_number_key_id text,
  issuing_authority text NOT NULL,
  decision_date date,
  measure_start_date date,
  measure_end_date date,                  -- exclusive
  reported_date date,
  status smallint NOT NULL,
  close_reason smallint NOT NULL,
  open_date date NOT NULL,
  status_since date NOT NULL,             -- day the current status took effect
  last_relapse_date date,                 -- the three-year abstinence clock starts here
  suspected_relapse boolean NOT NULL DEFAULT false,
  assigned_worker_subject text NOT NULL,
  last_reached_contact_date date,
  next_urine_test_due_date date,
  active_pairing_count integer NOT NULL DEFAULT 0,
  pending_transfer_id text,
  transferred_from_case_id text,
  transferred_from_region_code text NOT NULL DEFAULT '',
  revision bigint NOT NULL,                -- the etag: bumps on every change
  event_version bigint NOT NULL DEFAULT 0, -- aggregate_version of the case's last event
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX cases_by_person ON cases (national_id_hash, open_date DESC);
CREATE INDEX cases_by_region ON cases (residence_region_code, open_date, case_id);
CREATE INDEX cases_by_worker ON cases (assigned_worker_subject) WHERE assigned_worker_subject <> '';
-- One open case per person in the province (a move is a transfer, never a second open case).
CREATE UNIQUE INDEX one_open_case_per_person ON cases (national_id_hash)
  WHERE status NOT IN (4, 6);

-- Every status change with its reason (reasons of relapse decisions are personal: sealed).
CREATE TABLE case_status_changes (
  case_id text NOT NULL REFERENCES cases (case_id),
  revision bigint NOT NULL,
  previous_status smallint NOT NULL,
  status smallint NOT NULL,
  effective_date date NOT NULL,
  reason_sealed bytea NOT NULL,
  reason_key_id text NOT NULL,
  change_subject text NOT NULL,
  change_time timestamptz NOT NULL,
  PRIMARY KEY (case_id, revision)
);

-- Measure decisions received, by keyed hash of the decision number: intake is idempotent by it.
-- content_digest tells a repeat (UNCHANGED) from a corrected decision (UPDATED).
CREATE TABLE measure_decisions (
  decision_number_hash text PRIMARY KEY,
  content_digest text NOT NULL,
  case_id text,                            -- the case it opened or updated
  case_transfer_id text,                   -- or the transfer it requested
  receive_time timestamptz NOT NULL,
  receive_subject text NOT NULL
);

-- Transfers between counties. A decision that requested a transfer waits here sealed, and opens
-- the receiving case with its measure once the transfer is accepted.
CREATE TABLE case_transfers (
  case_transfer_id text PRIMARY KEY,
  source_case_id text NOT NULL REFERENCES cases (case_id),
  from_region_code text NOT NULL,
  from_region_path text NOT NULL,
  to_region_code text NOT NULL,
  to_region_path text NOT NULL,
  origin smallint NOT NULL,
  reason text NOT NULL,
  state smallint NOT NULL,
  target_case_id text,
  pending_decision_sealed bytea,          -- jindu.casework.v1.MeasureDecision, sealed
  pending_decision_key_id text,
  decision_subject text NOT NULL DEFAULT '',
  decision_time timestamptz,
  decision_reason text NOT NULL DEFAULT '',
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE UNIQUE INDEX one_pending_transfer_per_case ON case_transfers (source_case_id)
  WHERE state = 1;
CREATE INDEX case_transfers_by_time ON case_transfers (create_time DESC, case_transfer_id);
)sql"},
          }};
}

runtime::MigrationTrack AccessAuditMigrations() {
  return {"casework_audit",
          {
              {1, "create_access_audit_entries", R"sql(
-- Every read of personal data, and every refused attempt, in one append-only chain: entry_hash =
-- SHA-256(previous_hash || canonical content), so editing or deleting a row breaks every later link
-- (audit/access_audit_chain.h). time_micros is an integer so the hashed content round-trips exactly.
CREATE TABLE access_audit_entries (
  sequence bigint PRIMARY KEY,
  time_micros bigint NOT NULL,
  subject text NOT NULL,
  roles text NOT NULL,                     -- comma-separated role claims
  method text NOT NULL,
  resource text NOT NULL,
  person_pseudonym text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  fields text NOT NULL,                    -- comma-separated field paths returned in clear
  purpose text NOT NULL,
  denied boolean NOT NULL,
  request_id text NOT NULL,
  previous_hash text NOT NULL,
  entry_hash text NOT NULL
);
CREATE INDEX access_audit_by_subject ON access_audit_entries (subject, sequence);
CREATE INDEX access_audit_by_person ON access_audit_entries (person_pseudonym, sequence);

-- The chain's head, one row: appends lock it (SELECT ... FOR UPDATE), so entries get sequence
-- numbers without gaps in commit order, and a rolled-back read leaves no hole.
CREATE TABLE access_audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  sequence bigint NOT NULL,
  entry_hash text NOT NULL
);
INSERT INTO access_audit_head (sequence, entry_hash) VALUES (0, '');

-- Append-only for the service: updates and deletes are refused. Someone with the owner's rights
-- can drop this trigger; the hash chain is what catches them.
CREATE FUNCTION refuse_access_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_audit_entries is append-only';
END $$;
CREATE TRIGGER access_audit_append_only BEFORE UPDATE OR DELETE ON access_audit_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_access_audit_change();
)sql"},
          }};
}

}  // namespace jindu::casework
