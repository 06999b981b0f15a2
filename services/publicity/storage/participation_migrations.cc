#include "publicity/storage/participation_migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack ParticipationMigrations() { return {"publicity_participation", {}}; }

}  // namespace jindu::publicity
