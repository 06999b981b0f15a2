#include "publicity/storage/activity_migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack ActivityMigrations() { return {"publicity_activities", {}}; }

}  // namespace jindu::publicity
