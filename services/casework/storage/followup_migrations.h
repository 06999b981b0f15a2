#pragma once
// The tables of the follow-up work on a case, migration track "casework_followup": contacts,
// urine tests and help records. Runs after the "casework" track (its rows reference cases).
#include "runtime/postgres/migrations.h"

namespace jindu::casework {

runtime::MigrationTrack FollowupMigrations();

}  // namespace jindu::casework
