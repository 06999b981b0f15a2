#pragma once
// The participation tables (migration track "publicity_participation").
#include "runtime/postgres/migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack ParticipationMigrations();

}  // namespace jindu::publicity
