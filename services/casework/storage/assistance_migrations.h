#pragma once
// Tables of the help team and pairings (帮扶帮教), and the replica of the registration service's
// volunteers that decides who may be paired: migration track "casework_assistance".
#include "runtime/postgres/migrations.h"

namespace jindu::casework {

runtime::MigrationTrack AssistanceMigrations();

}  // namespace jindu::casework
