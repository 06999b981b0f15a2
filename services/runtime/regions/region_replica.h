#pragma once
// A service's replica of the registration service's region tree, built from the RegionUpserted
// events on jindu.registration.region.v1: a table in the service's own schema (so a restart does
// not replay the topic) and the RegionDirectory its handlers ask. No service calls registration to
// check a region.
//
//   .migrations = {..., RegionReplicaMigrations()},
//   .projections = [&](const ServiceResources& r) {
//     LoadRegionReplica(r.database, r.schema, regions);
//     return std::vector{RegionReplicaProjection(r.schema, regions)};
//   }
#include <string>

#include "runtime/inbox/projection.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"
#include "runtime/regions/region_directory.h"
#include "runtime/regions/region_path_refresh.h"

namespace jindu::runtime {

inline constexpr const char* kRegionTopic = "jindu.registration.region.v1";

// The region_replica table (migration track "region_replica").
MigrationTrack RegionReplicaMigrations();

// Fills the directory from the table; returns the number of regions loaded.
size_t LoadRegionReplica(ConnectionPool& database, const std::string& schema,
                         RegionDirectory& directory);

// The projection "regions": stores each RegionUpserted (newer revisions only) and updates the
// directory. Other event types on the topic (denominators) are left to other projections. The
// directory must outlive the consumer. `path_columns`: the service's rows that carry region paths,
// recomputed in the same transaction when a region moves in the tree (region_path_refresh.h).
ProjectionDefinition RegionReplicaProjection(const std::string& schema, RegionDirectory& directory,
                                             std::vector<RegionPathColumn> path_columns = {});

}  // namespace jindu::runtime
