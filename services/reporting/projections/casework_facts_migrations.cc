#include "reporting/projections/casework_facts_projection.h"

namespace jindu::reporting {

// The casework facts: pseudonymous ids (the casework service's resource ids and the person
// pseudonym), regions, dates, categories, counts and amounts, as the events carry them. No personal
// field ever reaches these tables: the events hold none.
//
// Figures select by date range first (the indexes) and then by region path (a LIKE on ";code;").
// Rows that change over time carry the aggregate_version of the event that wrote them, so an older
// event delivered again after a newer one never undoes it; histories (status, measure) are keyed by
// case and version, so a replay writes each row once.
runtime::MigrationTrack CaseworkFactsMigrations() {
  return {"reporting_casework_facts",
          {
              {1, "create_casework_facts", R"sql(
-- One row per case, from CaseOpened. A transfer opens a new case in the receiving county.
CREATE TABLE casework_case_facts (
  case_id text PRIMARY KEY,
  person_pseudonym text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  open_date date NOT NULL,
  opened_by integer NOT NULL,
  first_registration boolean NOT NULL,
  transferred_from_case_id text NOT NULL DEFAULT ''
);

-- The status history of a case: ACTIVE from its open date, then every CaseStatusChanged.
CREATE TABLE casework_status_facts (
  case_id text NOT NULL,
  aggregate_version bigint NOT NULL,
  status integer NOT NULL,
  effective_date date NOT NULL,
  PRIMARY KEY (case_id, aggregate_version)
);

-- The measure history of a case: from CaseOpened and every MeasureChanged.
CREATE TABLE casework_measure_facts (
  case_id text NOT NULL,
  aggregate_version bigint NOT NULL,
  measure_type integer NOT NULL,
  effective_date date NOT NULL,
  end_date date,
  PRIMARY KEY (case_id, aggregate_version)
);

-- Volunteer pairings: end_date is the first day after the pairing (NULL while it lasts).
CREATE TABLE casework_pairing_facts (
  pairing text PRIMARY KEY,
  case_id text NOT NULL,
  volunteer text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  aggregate_version bigint NOT NULL
);

-- Contacts as last logged or corrected.
CREATE TABLE casework_contact_facts (
  contact text PRIMARY KEY,
  case_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  kind integer NOT NULL,
  contact_date date NOT NULL,
  reached boolean NOT NULL,
  relief_minor_units bigint NOT NULL,
  relief_items bigint NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX casework_contact_facts_date ON casework_contact_facts (contact_date);

-- Help records as last given or updated.
CREATE TABLE casework_help_facts (
  help_record text PRIMARY KEY,
  case_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  kind integer NOT NULL,
  help_date date NOT NULL,
  amount_minor_units bigint NOT NULL,
  outcome integer NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX casework_help_facts_date ON casework_help_facts (help_date);

-- Urine tests: state 1 scheduled, 2 cancelled, 3 recorded (never the result).
CREATE TABLE casework_urine_test_facts (
  urine_test text PRIMARY KEY,
  case_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  due_date date,
  state integer NOT NULL,
  test_date date,
  done_on_schedule boolean NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX casework_urine_test_facts_due ON casework_urine_test_facts (due_date);

-- Tips: never the description, the submitter or the police reference. The outcome's sums as last
-- recorded, with the day they were.
CREATE TABLE casework_tip_facts (
  tip text PRIMARY KEY,
  kind integer NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  filed_date date NOT NULL,
  plant_count bigint NOT NULL,
  state integer NOT NULL,
  state_version bigint NOT NULL,
  outcome_recorded_date date,
  suspects_identified bigint NOT NULL DEFAULT 0,
  users_identified bigint NOT NULL DEFAULT 0,
  cases_solved bigint NOT NULL DEFAULT 0,
  prosecutions bigint NOT NULL DEFAULT 0,
  seized_milligrams bigint NOT NULL DEFAULT 0,
  plants_eradicated bigint NOT NULL DEFAULT 0,
  outcome_version bigint NOT NULL DEFAULT 0
);
CREATE INDEX casework_tip_facts_filed ON casework_tip_facts (filed_date);
)sql"},
          }};
}

}  // namespace jindu::reporting
