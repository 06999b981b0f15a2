#pragma once
// The publicity service's replicas of the registration service's organisations and volunteers
// (migration track "publicity_registry"): what activities need to know of them and nothing more.
#include "runtime/postgres/migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack RegistryMigrations();

}  // namespace jindu::publicity
