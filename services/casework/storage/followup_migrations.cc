#include "casework/storage/followup_migrations.h"

namespace jindu::casework {

// Migrations are append-only: a migration that ran is never edited (its checksum is recorded);
// change the schema with a new one.
runtime::MigrationTrack FollowupMigrations() {
  return {"casework_followup",
          {
              {1, "create_contacts_urine_tests_help_records", R"sql(
-- Sensitive values are sealed (runtime/crypto/field_cipher.h) with the id of their key beside them;
-- associated data "<table>/<row id>/<column>" binds each to its row and column. Scope filters of
-- "cases/-" lists join cases and use its region_path, so a region move recomputes one column only.

-- Contacts with the person (走访, 谈心). contact_date is the Asia/Shanghai day of contact_time: the
-- day filters, events and the overdue clock count. Relief money is in fen of renminbi (the only
-- currency accepted), NULL when none was given; what the items were is sealed like the notes.
CREATE TABLE contacts (
  contact_id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (case_id),
  kind smallint NOT NULL,
  contact_time timestamptz NOT NULL,
  contact_date date NOT NULL,
  reached boolean NOT NULL,
  participant_subjects text[] NOT NULL,
  participant_volunteer_ids text[] NOT NULL,
  notes_sealed bytea,
  notes_key_id text,
  relief_minor_units bigint CHECK (relief_minor_units >= 0),
  relief_items integer NOT NULL CHECK (relief_items >= 0),
  relief_items_description_sealed bytea,
  relief_items_description_key_id text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX contacts_by_case ON contacts (case_id, contact_time DESC, contact_id DESC);
CREATE INDEX contacts_by_time ON contacts (contact_time DESC, contact_id DESC);

-- Urine tests, scheduled (due_date set) or ad hoc (due_date NULL). state: 1 scheduled, 3 recorded,
-- 4 cancelled; OVERDUE is not stored, it is a scheduled test past its due date on the day it is
-- read. A scheduled test remembers the measure it is due under, so a new measure cancels it.
-- The result and the detected substances are sealed together, padded to a fixed size
-- (urine_test_store.cc), so neither a NULL column nor the length tells a positive result from a
-- negative one. done_on_schedule is not sealed: UrineTestRecorded publishes it.
CREATE TABLE urine_tests (
  urine_test_id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (case_id),
  state smallint NOT NULL,
  due_date date,
  scheduled_measure_type smallint,
  scheduled_measure_start date,
  test_date date,
  result_sealed bytea,
  result_key_id text,
  tester_subject text NOT NULL DEFAULT '',
  done_on_schedule boolean NOT NULL DEFAULT false,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL,
  CHECK ((state = 3) = (test_date IS NOT NULL)),
  CHECK (due_date IS NOT NULL OR state = 3)
);
-- One next scheduled test per case: the schedule is a chain, each recorded test schedules the next.
CREATE UNIQUE INDEX one_scheduled_urine_test_per_case ON urine_tests (case_id) WHERE state = 1;
CREATE INDEX urine_tests_by_case ON urine_tests (case_id, (coalesce(due_date, test_date)), urine_test_id);
CREATE INDEX urine_tests_by_date ON urine_tests ((coalesce(due_date, test_date)), urine_test_id);

-- The revision of each case at which its urine-test schedule was last brought in line with its
-- status and measure (urine_tests/urine_test_schedule.h): a case whose revision moved on since is
-- checked again before tests are listed.
CREATE TABLE urine_test_schedule_checks (
  case_id text PRIMARY KEY REFERENCES cases (case_id),
  case_revision bigint NOT NULL
);

-- Help given (帮扶): jobs, training, loans, 低保, relief. Amounts in fen of renminbi, NULL when none.
CREATE TABLE help_records (
  help_record_id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (case_id),
  kind smallint NOT NULL,
  help_date date NOT NULL,
  amount_minor_units bigint CHECK (amount_minor_units >= 0),
  provider text NOT NULL,
  outcome smallint NOT NULL,
  notes_sealed bytea,
  notes_key_id text,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX help_records_by_case ON help_records (case_id, help_date DESC, help_record_id DESC);
CREATE INDEX help_records_by_date ON help_records (help_date DESC, help_record_id DESC);
)sql"},
          }};
}

}  // namespace jindu::casework
