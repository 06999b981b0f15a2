#include "publicity/storage/news_report_migrations.h"

namespace jindu::publicity {

// Append-only, like every migration track.
runtime::MigrationTrack NewsReportMigrations() {
  return {"publicity_news_reports",
          {
              {1, "create_news_reports", R"sql(
-- Published news items about the work, counted per media tier, outlet, district (the
-- organisation's region) and featured branch head or lecturer. A retracted report keeps its row
-- (who retracted it and when) but stops counting and is no longer served.
CREATE TABLE news_reports (
  news_report_id text PRIMARY KEY,
  title text NOT NULL,
  outlet_name text NOT NULL,
  media_tier smallint NOT NULL,            -- jindu.publicity.v1.MediaTier
  channel smallint NOT NULL,               -- jindu.publicity.v1.MediaChannel
  uri text NOT NULL,
  publish_date date NOT NULL,
  organization_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  activity_id text NOT NULL,               -- '' when none
  featured_lecturer_ids text[] NOT NULL,   -- volunteer ids
  featured_branch_ids text[] NOT NULL,     -- organisation ids
  revision bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  update_subject text NOT NULL,
  retract_time timestamptz,
  retract_subject text
);
CREATE INDEX news_reports_newest ON news_reports (publish_date DESC, news_report_id DESC)
  WHERE retract_time IS NULL;
CREATE INDEX news_reports_organization ON news_reports (organization_id)
  WHERE retract_time IS NULL;
)sql"},
          }};
}

}  // namespace jindu::publicity
