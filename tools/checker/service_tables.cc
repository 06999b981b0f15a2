#include "service_tables.h"

#include <pqxx/pqxx>

namespace jindu::check {
namespace {

bool TableExists(pqxx::work& tx, const std::string& schema, const std::string& table) {
  return tx.exec_params(
               "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = "
               "$2",
               schema, table)
             .size() == 1;
}

void ReadOutbox(pqxx::work& tx, const std::string& schema, ServiceTables& tables) {
  if (!TableExists(tx, schema, "outbox")) return;
  const pqxx::result rows =
      tx.exec("SELECT seq, event_id::text, topic, message_key, published_at IS NOT NULL FROM " +
              tx.quote_name(schema) + ".outbox ORDER BY seq");
  for (const auto& row : rows) {
    tables.outbox.push_back({.schema = schema,
                             .seq = row[0].as<int64_t>(),
                             .event_id = row[1].as<std::string>(),
                             .topic = row[2].as<std::string>(),
                             .aggregate_id = row[3].as<std::string>(),
                             .published = row[4].as<bool>()});
  }
}

void ReadInbox(pqxx::work& tx, const std::string& schema, ServiceTables& tables) {
  if (!TableExists(tx, schema, "inbox")) return;
  // One consumer processes its messages one at a time, each in its own transaction: the
  // transactions' start times order them (the offset breaks ties within a partition).
  const pqxx::result rows = tx.exec(
      "SELECT consumer, event_id, topic, kafka_partition, kafka_offset, outcome = 'applied' "
      "FROM " +
      tx.quote_name(schema) +
      ".inbox ORDER BY consumer, processed_at, kafka_partition, kafka_offset");
  for (const auto& row : rows) {
    tables.inbox.push_back({.schema = schema,
                            .consumer = row[0].as<std::string>(),
                            .event_id = row[1].as<std::string>(),
                            .topic = row[2].as<std::string>(),
                            .partition = row[3].as<int32_t>(),
                            .offset = row[4].as<int64_t>(),
                            .applied = row[5].as<bool>()});
  }
}

void ReadEventKeyedTables(pqxx::work& tx, const std::string& schema, ServiceTables& tables) {
  const pqxx::result keyed = tx.exec_params(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND "
      "column_name = 'event_id' AND table_name NOT IN ('inbox', 'outbox') ORDER BY table_name",
      schema);
  for (const auto& row : keyed) {
    const std::string table = row[0].as<std::string>();
    const pqxx::result counts = tx.exec("SELECT count(*), count(DISTINCT event_id) FROM " +
                                        tx.quote_name(schema) + "." + tx.quote_name(table));
    tables.event_keyed.push_back({.schema = schema,
                                  .table = table,
                                  .rows = counts[0][0].as<int64_t>(),
                                  .distinct_event_ids = counts[0][1].as<int64_t>()});
  }
}

void ReadParticipationFacts(pqxx::work& tx, const std::string& schema, ServiceTables& tables) {
  if (!TableExists(tx, schema, "participation_facts")) return;
  tables.has_participation_facts = true;
  const pqxx::result rows = tx.exec("SELECT batch_id, sum(accepted) FROM " + tx.quote_name(schema) +
                                    ".participation_facts GROUP BY batch_id");
  for (const auto& row : rows) {
    tables.participation_accepted_by_batch[schema + "/" + row[0].as<std::string>()] =
        row[1].as<int64_t>();
  }
}

}  // namespace

ServiceTables ReadServiceTables(const std::vector<ServiceDatabase>& databases) {
  ServiceTables tables;
  for (const ServiceDatabase& database : databases) {
    pqxx::connection connection(database.url);
    // One snapshot per database: the outbox, inbox and projections agree with each other.
    pqxx::work tx(connection);
    tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    ReadOutbox(tx, database.schema, tables);
    ReadInbox(tx, database.schema, tables);
    ReadEventKeyedTables(tx, database.schema, tables);
    ReadParticipationFacts(tx, database.schema, tables);
    tx.commit();
  }
  return tables;
}

}  // namespace jindu::check
