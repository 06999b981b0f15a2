#pragma once
// The casework service's tables, one migration track per area so each area's schema reads as one
// story: "casework" (cases, their history, measure decisions, transfers) and "casework_audit" (the
// hash-chained log of reads of personal data).
#include "runtime/postgres/migrations.h"

namespace jindu::casework {

runtime::MigrationTrack CaseMigrations();
runtime::MigrationTrack AccessAuditMigrations();

}  // namespace jindu::casework
