#pragma once
// The campaigns tables (migration track "publicity_campaigns").
#include "runtime/postgres/migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack CampaignMigrations();

}  // namespace jindu::publicity
