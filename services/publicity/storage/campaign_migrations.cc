#include "publicity/storage/campaign_migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack CampaignMigrations() { return {"publicity_campaigns", {}}; }

}  // namespace jindu::publicity
