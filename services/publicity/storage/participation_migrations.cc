#include "publicity/storage/participation_migrations.h"

namespace jindu::publicity {

// Append-only, like every migration track.
runtime::MigrationTrack ParticipationMigrations() {
  return {"publicity_participation",
          {
              {1, "create_participation", R"sql(
-- Every entry id ever recorded (accepted or repeat participant): the idempotency key of ingest.
-- Nothing about the participant is kept here.
CREATE TABLE participation_entries (
  entry_id uuid PRIMARY KEY,
  campaign_id text NOT NULL,
  batch_id uuid NOT NULL
);

-- Who was counted, once per campaign and kind: a keyed hash (HMAC-SHA256 under the lookup key) of
-- the normalised phone or ID number, never the value. lookup_key_id says which key made it.
CREATE TABLE participants (
  campaign_id text NOT NULL,
  kind smallint NOT NULL,                    -- jindu.publicity.v1.ParticipationKind
  participant_hash bytea NOT NULL,
  lookup_key_id text NOT NULL,
  PRIMARY KEY (campaign_id, kind, participant_hash)
);

-- Counts per campaign, region as entered, day (Asia/Shanghai) and kind.
CREATE TABLE participation_tallies (
  campaign_id text NOT NULL,
  region_code text NOT NULL,
  day date NOT NULL,
  kind smallint NOT NULL,
  region_path text NOT NULL,
  accepted bigint NOT NULL,
  repeats bigint NOT NULL,
  score_sum bigint NOT NULL,
  max_score_sum bigint NOT NULL,
  PRIMARY KEY (campaign_id, day, region_code, kind)
);

-- The aggregate_version of ParticipationBatchAccepted events: increases with every batch without
-- a row every batch of a campaign would have to lock.
CREATE SEQUENCE participation_batch_versions;
)sql"},
          }};
}

}  // namespace jindu::publicity
