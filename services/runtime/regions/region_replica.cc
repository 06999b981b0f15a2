#include "runtime/regions/region_replica.h"

#include "runtime/inbox/idempotent_consumer.h"

namespace jindu::runtime {

MigrationTrack RegionReplicaMigrations() {
  return {"region_replica", {{1, "create_region_replica", R"sql(
CREATE TABLE region_replica (
  region_code text PRIMARY KEY,
  revision bigint NOT NULL,
  entry bytea NOT NULL  -- the RegionUpserted event payload
);
)sql"}}};
}

size_t LoadRegionReplica(ConnectionPool& database, const std::string& schema,
                         RegionDirectory& directory) {
  auto connection = database.Acquire();
  pqxx::read_transaction tx(*connection);
  size_t loaded = 0;
  pqxx::result rows = tx.exec("SELECT entry FROM " + tx.quote_name(schema) + ".region_replica");
  for (const auto& row : rows) {
    pqxx::binarystring entry(row[0]);
    registration::events::v1::RegionUpserted event;
    if (!event.ParseFromArray(entry.data(), static_cast<int>(entry.size()))) continue;
    directory.Upsert(FromRegionUpserted(event));
    ++loaded;
  }
  return loaded;
}

ProjectionDefinition RegionReplicaProjection(const std::string& schema, RegionDirectory& directory,
                                             std::vector<RegionPathColumn> path_columns) {
  const std::string table = schema + ".region_replica";
  return {.name = "regions",
          .topics = {kRegionTopic},
          .handler = [schema, table, &directory, path_columns](
                         pqxx::work& tx, const events::v1::EventEnvelope& event) {
            if (!event.payload().Is<registration::events::v1::RegionUpserted>()) return;
            registration::events::v1::RegionUpserted upserted;
            if (!event.payload().UnpackTo(&upserted) || upserted.region_code().empty()) {
              throw PermanentEventError("RegionUpserted payload does not parse");
            }
            // The tree as committed before this event (not the directory, which a failed
            // earlier attempt at this same event may already have updated).
            std::optional<RegionEntry> before;
            const pqxx::result previous =
                tx.exec_params("SELECT entry FROM " + table + " WHERE region_code = $1 FOR UPDATE",
                               upserted.region_code());
            if (!previous.empty()) {
              registration::events::v1::RegionUpserted stored;
              pqxx::binarystring stored_bytes(previous[0][0]);
              if (stored.ParseFromString(stored_bytes.str())) before = FromRegionUpserted(stored);
            }
            std::string bytes = upserted.SerializeAsString();
            const pqxx::result applied =
                tx.exec_params("INSERT INTO " + table +
                                   " (region_code, revision, entry) VALUES ($1, $2, $3) "
                                   "ON CONFLICT (region_code) DO UPDATE SET revision = "
                                   "EXCLUDED.revision, entry = EXCLUDED.entry "
                                   "WHERE " +
                                   table + ".revision < EXCLUDED.revision RETURNING revision",
                               upserted.region_code(), upserted.revision(),
                               pqxx::binarystring(bytes.data(), bytes.size()));
            // Ahead of the commit is harmless: the event is real, and if the commit fails it is
            // delivered and applied again.
            RegionEntry entry = FromRegionUpserted(upserted);
            directory.Upsert(entry);
            if (!applied.empty()) {
              RefreshRegionPaths(tx, schema, directory, MovedByUpsert(before, entry), path_columns);
            }
          }};
}

}  // namespace jindu::runtime
