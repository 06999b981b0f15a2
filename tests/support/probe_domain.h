#pragma once

// A minimal domain for testing the outbox and the inbox end to end: "probe" aggregates whose
// every change commits with one event, and a projection that records each applied event in an
// `effects` table with no uniqueness of its own, so an event applied twice shows as two rows.
//
// The payload is a google.protobuf.Int64Value whose value steers the handler:
//   >= 0  applied normally;
//   -1    the handler reports a permanent error (the event is dead-lettered at once);
//   -2    the handler fails its first two attempts, then applies (a transient failure);
//   -3    the handler meets a database deadlock on its first seven attempts, then applies: more
//         than max_attempts, so only a consumer that knows the database is at fault applies it.

#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/events/v1/envelope.pb.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"

namespace jindu::testing {

// Each test names its own producer, so its events go to a topic of its own:
// jindu.<producer>.item.v1.
inline constexpr const char* kProbeAggregateType = "item";
std::string ProbeTopic(const std::string& producer);

// The probe's own tables (track "probe").
runtime::MigrationTrack ProbeDomainMigrations();
// The outbox, inbox and probe tracks.
std::vector<runtime::MigrationTrack> ProbeMigrations();

// Within `transaction`: bumps the item's version and appends its event. Returns the event.
events::v1::EventEnvelope RecordProbeChange(pqxx::work& transaction, const std::string& schema,
                                            const std::string& producer,
                                            const std::string& aggregate_id, long value,
                                            const std::string& region_code = "430102");

// Commits `per_aggregate` changes to each of `aggregates` probe aggregates, interleaved, each
// change in its own transaction with its event (values count up from 0). Returns the number of
// events.
int WriteProbeEvents(runtime::ConnectionPool& pool, const std::string& schema,
                     const std::string& producer, int aggregates, int per_aggregate,
                     const std::string& aggregate_prefix = "agg");

// Commits one change of `aggregate_id` whose event carries `value`.
void WriteProbeEvent(runtime::ConnectionPool& pool, const std::string& schema,
                     const std::string& producer, const std::string& aggregate_id, long value);

// The projection's handler. Thread-safe.
class ProbeProjection {
 public:
  explicit ProbeProjection(std::string schema) : schema_(std::move(schema)) {}
  void Apply(pqxx::work& transaction, const events::v1::EventEnvelope& event);

 private:
  std::string schema_;
  std::mutex mutex_;
  std::map<std::string, int> transient_failures_;
};

}  // namespace jindu::testing
