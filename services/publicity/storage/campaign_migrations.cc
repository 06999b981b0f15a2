#include "publicity/storage/campaign_migrations.h"

namespace jindu::publicity {

// Append-only, like every migration track.
runtime::MigrationTrack CampaignMigrations() {
  return {"publicity_campaigns",
          {
              {1, "create_campaigns", R"sql(
-- A campaign: public facts only (names of campaigns and organisations are not personal data).
CREATE TABLE campaigns (
  campaign_id text PRIMARY KEY,
  display_name text NOT NULL,
  tag smallint NOT NULL,                     -- jindu.publicity.v1.CampaignTag
  organizer_id text NOT NULL,
  organizer_region_code text NOT NULL,       -- the organiser's region when the campaign was made
  start_date date NOT NULL,
  end_date date NOT NULL,                    -- exclusive
  region_codes text[] NOT NULL,
  targets jsonb NOT NULL,                    -- [{"region_code", "kind", "target_count"}]
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL,
  CHECK (start_date < end_date)
);
CREATE INDEX campaigns_by_start ON campaigns (start_date DESC, campaign_id DESC);

-- One row per region of a campaign, with the region's path, so scopes and "within" filters are one
-- LIKE (and follow the region tree when it changes).
CREATE TABLE campaign_regions (
  campaign_id text NOT NULL REFERENCES campaigns (campaign_id),
  region_code text NOT NULL,
  region_path text NOT NULL,
  PRIMARY KEY (campaign_id, region_code)
);
)sql"},
          }};
}

}  // namespace jindu::publicity
