#include "registration/storage/activity_migrations.h"

namespace jindu::registration {

// Append-only like every track: a migration that ran is never edited (its checksum is recorded).
runtime::MigrationTrack ActivityMigrations() {
  return {"registration_activity",
          {
              {1, "create_training_and_service_hours", R"sql(
-- Training sessions. `seq` orders rows that share a date (ids are random); `event_version` is the
-- aggregate version of the session's events (the session and its attendances are one aggregate,
-- keyed by the session id), `revision` the etag.
CREATE TABLE training_sessions (
  training_session_id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  organizer_id text NOT NULL REFERENCES organizations (organization_id),
  region_code text NOT NULL,
  topic text NOT NULL,
  session_date date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  attendee_count integer NOT NULL DEFAULT 0 CHECK (attendee_count >= 0),
  event_version bigint NOT NULL,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX training_sessions_newest ON training_sessions (session_date DESC, seq DESC);
CREATE INDEX training_sessions_by_organizer ON training_sessions (organizer_id, session_date);
CREATE INDEX training_sessions_by_region ON training_sessions (region_code);

-- One row per volunteer and session. Attendances are never changed, only deleted when recorded
-- by mistake.
CREATE TABLE training_attendances (
  training_session_id text NOT NULL REFERENCES training_sessions (training_session_id),
  attendance_id text NOT NULL,
  seq bigserial NOT NULL UNIQUE,
  volunteer_id text NOT NULL REFERENCES volunteers (volunteer_id),
  attended_minutes integer NOT NULL CHECK (attended_minutes BETWEEN 1 AND 1440),
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  PRIMARY KEY (training_session_id, attendance_id),
  UNIQUE (training_session_id, volunteer_id)
);
CREATE INDEX training_attendances_by_volunteer ON training_attendances (volunteer_id);

-- Service-hour records. The record's region is its organiser's current region (a join), so a
-- re-drawn organisation takes its records along. A pending correction lives in the correction_*
-- columns until the organiser decides; the record's own facts change only on approval.
-- `event_version` counts the record's ServiceHoursConfirmed events, `revision` is the etag.
CREATE TABLE service_hour_records (
  service_hour_record_id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  volunteer_id text NOT NULL REFERENCES volunteers (volunteer_id),
  organizer_id text NOT NULL REFERENCES organizations (organization_id),
  work_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  description text NOT NULL,
  source smallint NOT NULL,
  activity text,                            -- "activities/{activity}" for publicity hours
  state smallint NOT NULL,
  review_note text NOT NULL,
  decision_subject text,
  decision_time timestamptz,
  decision_reason text,
  correction_work_date date,
  correction_minutes integer CHECK (correction_minutes BETWEEN 1 AND 1440),
  correction_reason text,
  correction_subject text,
  correction_time timestamptz,
  -- The last decision on a correction, kept for audit (the API shows only a pending one).
  correction_decision text,                 -- 'APPROVED' or 'REJECTED'
  correction_decision_subject text,
  correction_decision_time timestamptz,
  correction_decision_reason text,
  event_version bigint NOT NULL,
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
-- The 24-hour rule sums a volunteer's confirmed minutes of one day.
CREATE INDEX service_hour_records_by_volunteer_day
  ON service_hour_records (volunteer_id, work_date) INCLUDE (state, minutes);
CREATE INDEX service_hour_records_newest ON service_hour_records (work_date DESC, seq DESC);
CREATE INDEX service_hour_records_by_organizer
  ON service_hour_records (organizer_id, state, work_date DESC, seq DESC);
-- One record per activity and volunteer: a re-delivered or corrected activity never doubles hours.
CREATE UNIQUE INDEX service_hour_records_per_activity
  ON service_hour_records (activity, volunteer_id) WHERE activity IS NOT NULL;
)sql"},
          }};
}

}  // namespace jindu::registration
