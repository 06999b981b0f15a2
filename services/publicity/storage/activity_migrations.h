#pragma once
// The activities tables (migration track "publicity_activities").
#include "runtime/postgres/migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack ActivityMigrations();

}  // namespace jindu::publicity
