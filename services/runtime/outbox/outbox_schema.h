#pragma once

#include "runtime/postgres/migrations.h"

namespace jindu::runtime {

// The outbox table, created in each service's own schema (migration track "outbox"): a domain
// write and its events commit together because they are rows of one database.
MigrationTrack OutboxMigrations();

}  // namespace jindu::runtime
