#pragma once
// The tables of training and service hours (migration track "registration_activity"), in the
// registration service's schema beside the "registration" track, whose organizations and
// volunteers tables they reference. A track of their own, so the two areas number their
// migrations independently.
#include "runtime/postgres/migrations.h"

namespace jindu::registration {

runtime::MigrationTrack ActivityMigrations();

}  // namespace jindu::registration
