#pragma once
// The registration service's tables (migration track "registration"), in its own schema.
#include "runtime/postgres/migrations.h"

namespace jindu::registration {

runtime::MigrationTrack RegistrationMigrations();

}  // namespace jindu::registration
