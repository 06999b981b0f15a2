#include "publicity/storage/activity_migrations.h"

namespace jindu::publicity {

// Append-only, like every migration track: a migration that ran is never edited.
runtime::MigrationTrack ActivityMigrations() {
  return {"publicity_activities",
          {
              {1, "create_activities", R"sql(
-- One row per activity. What lists filter on is a column; the rest of the activity (tags, lecturers,
-- volunteers, materials, attachments, description) is the serialised jindu.publicity.v1.Activity in
-- `content` (output-only fields cleared), and `lecturers` / `volunteers` repeat the ids as jsonb so
-- reports and support queries can reach them. While a correction awaits review, `content` stays
-- the approved revision and the proposal is `pending_correction` (a serialised
-- ActivityCorrection). `revision` is the etag and the events' aggregate version; `seq` orders
-- activities of one day (ids are random).
CREATE TABLE activities (
  activity_id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  organization_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  title text NOT NULL,
  kind smallint NOT NULL,                   -- jindu.publicity.v1.ActivityKind
  six_into_category smallint NOT NULL,      -- jindu.publicity.v1.SixIntoCategory
  campaign_id text NOT NULL DEFAULT '',     -- '' when none
  activity_date date NOT NULL,
  audience_count bigint NOT NULL CHECK (audience_count >= 0),
  lecturers jsonb NOT NULL DEFAULT '[]',    -- ["volunteer id", ...]
  volunteers jsonb NOT NULL DEFAULT '[]',   -- [{"volunteer": id, "minutes": n}, ...]
  content bytea NOT NULL,
  review_state smallint NOT NULL,           -- jindu.publicity.v1.ReviewState
  last_review bytea,                        -- serialised ReviewDecision, NULL before any
  approved_revision integer NOT NULL DEFAULT 0,
  pending_correction bytea,                 -- serialised ActivityCorrection, NULL when none
  submitter_subject text NOT NULL DEFAULT '',  -- who last submitted (may not review it)
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL
);
CREATE INDEX activities_newest ON activities (activity_date DESC, seq DESC);
CREATE INDEX activities_by_organization ON activities (organization_id, activity_date DESC);
CREATE INDEX activities_awaiting_review ON activities (review_state) WHERE review_state IN (2, 5);
CREATE INDEX activities_by_campaign ON activities (campaign_id) WHERE campaign_id <> '';
)sql"},
          }};
}

}  // namespace jindu::publicity
