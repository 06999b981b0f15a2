#pragma once

#include "runtime/postgres/migrations.h"

namespace jindu::runtime {

// The inbox table, created in each consuming service's schema (migration track "inbox"): the ids
// of events a consumer has processed, written in the same transaction as the event's effect.
MigrationTrack InboxMigrations();

}  // namespace jindu::runtime
