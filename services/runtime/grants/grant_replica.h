#pragma once
// A service's replica of the registration service's grants: the grant_replica table in the
// service's own schema (a restart does not replay the topic) and the GrantDirectory that resolves
// every caller. RunService wires it for every service started with --authorization-source=grants.
#include <string>

#include "runtime/grants/grant_directory.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"

namespace jindu::runtime {

inline constexpr const char* kGrantTopic = "jindu.registration.grant.v1";

MigrationTrack GrantReplicaMigrations();
size_t LoadGrantReplica(ConnectionPool& database, const std::string& schema,
                        GrantDirectory& directory);
// The projection "grants". The directory must outlive the consumer.
ProjectionDefinition GrantReplicaProjection(const std::string& schema, GrantDirectory& directory);

}  // namespace jindu::runtime
