#include "runtime/grants/grant_replica.h"

#include "runtime/inbox/idempotent_consumer.h"

namespace jindu::runtime {

MigrationTrack GrantReplicaMigrations() {
  return {"grant_replica", {{1, "create_grant_replica", R"sql(
CREATE TABLE grant_replica (
  grant_name text PRIMARY KEY,
  given bytea NOT NULL,            -- the GrantGiven payload
  revoked boolean NOT NULL DEFAULT false
);
)sql"}}};
}

size_t LoadGrantReplica(ConnectionPool& database, const std::string& schema,
                        GrantDirectory& directory) {
  auto connection = database.Acquire();
  pqxx::read_transaction tx(*connection);
  size_t loaded = 0;
  for (const auto& row :
       tx.exec("SELECT given FROM " + schema + ".grant_replica WHERE NOT revoked")) {
    pqxx::binarystring bytes(row[0]);
    registration::events::v1::GrantGiven given;
    if (!given.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) continue;
    directory.Apply(given);
    ++loaded;
  }
  return loaded;
}

ProjectionDefinition GrantReplicaProjection(const std::string& schema, GrantDirectory& directory) {
  const std::string table = schema + ".grant_replica";
  return {.name = "grants",
          .topics = {kGrantTopic},
          .handler = [table, &directory](pqxx::work& tx, const events::v1::EventEnvelope& event) {
            registration::events::v1::GrantGiven given;
            registration::events::v1::GrantRevoked revoked;
            if (event.payload().Is<registration::events::v1::GrantGiven>()) {
              if (!event.payload().UnpackTo(&given) || given.grant().empty()) {
                throw PermanentEventError("GrantGiven payload does not parse");
              }
              const std::string bytes = given.SerializeAsString();
              // A revocation that arrived first (it cannot, per key order, but a replay might
              // start mid-way) wins: the row stays revoked.
              tx.exec_params("INSERT INTO " + table +
                                 " (grant_name, given) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                             given.grant(), pqxx::binarystring(bytes.data(), bytes.size()));
              if (tx.exec_params1("SELECT revoked FROM " + table + " WHERE grant_name = $1",
                                  given.grant())[0]
                      .as<bool>()) {
                return;
              }
              directory.Apply(given);
            } else if (event.payload().Is<registration::events::v1::GrantRevoked>()) {
              if (!event.payload().UnpackTo(&revoked) || revoked.grant().empty()) {
                throw PermanentEventError("GrantRevoked payload does not parse");
              }
              tx.exec_params("INSERT INTO " + table +
                                 " (grant_name, given, revoked) VALUES ($1, '', true) "
                                 "ON CONFLICT (grant_name) DO UPDATE SET revoked = true",
                             revoked.grant());
              directory.Apply(revoked);
            }
          }};
}

}  // namespace jindu::runtime
