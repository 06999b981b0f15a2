#pragma once
// The tables of tips to police (track "casework_tips"): the tips, sealed where they hold personal
// data, and the history of their state changes.
#include "runtime/postgres/migrations.h"

namespace jindu::casework {

runtime::MigrationTrack TipMigrations();

}  // namespace jindu::casework
