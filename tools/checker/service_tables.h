#pragma once
// What the checker reads from the services' PostgreSQL databases, directly with libpqxx: each
// service's outbox (what it promised to publish), each consumer's inbox (what it processed) and
// the projection state that lets effects be counted. Table and column names are those of the
// services' migrations (runtime/outbox/outbox_schema.cc, runtime/inbox/inbox_schema.cc,
// reporting/projections/*); the checker deliberately shares no code with them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jindu::check {

// One service database: its schema and a libpq connection string or URL.
struct ServiceDatabase {
  std::string schema;
  std::string url;
};

struct OutboxRow {
  std::string schema;
  int64_t seq = 0;
  std::string event_id;
  std::string topic;
  std::string aggregate_id;  // the message key
  bool published = false;
};

struct InboxRow {
  std::string schema;
  std::string consumer;
  std::string event_id;
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  bool applied = false;  // false: dead-lettered
};

// A table keyed (or meant to be keyed) by event id: more rows than distinct ids is a duplicated
// effect.
struct EventKeyedTable {
  std::string schema;
  std::string table;
  int64_t rows = 0;
  int64_t distinct_event_ids = 0;
};

struct ServiceTables {
  std::vector<OutboxRow> outbox;  // by schema, then seq
  std::vector<InboxRow> inbox;    // by schema, consumer, then processing order
  std::vector<EventKeyedTable> event_keyed;
  // reporting.participation_facts: accepted participants per batch id (schema-qualified key
  // "schema/batch").
  std::map<std::string, int64_t> participation_accepted_by_batch;
  bool has_participation_facts = false;
};

// Reads every database. Throws (pqxx or std::runtime_error) when one cannot be read.
ServiceTables ReadServiceTables(const std::vector<ServiceDatabase>& databases);

}  // namespace jindu::check
