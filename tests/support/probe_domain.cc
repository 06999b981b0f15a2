#include "support/probe_domain.h"

#include <google/protobuf/wrappers.pb.h>

#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/inbox/inbox_schema.h"
#include "runtime/outbox/outbox_schema.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::testing {

runtime::MigrationTrack ProbeDomainMigrations() {
  return {"probe", {{1, "create_probe", R"sql(
CREATE TABLE items (id text PRIMARY KEY, version bigint NOT NULL);
CREATE TABLE effects (
  seq               bigserial PRIMARY KEY,
  event_id          text      NOT NULL,
  aggregate_id      text      NOT NULL,
  aggregate_version bigint    NOT NULL,
  value             bigint    NOT NULL
);
)sql"}}};
}

std::vector<runtime::MigrationTrack> ProbeMigrations() {
  return {runtime::OutboxMigrations(), runtime::InboxMigrations(), ProbeDomainMigrations()};
}

std::string ProbeTopic(const std::string& producer) {
  return runtime::OutboxWriter::TopicFor(producer, kProbeAggregateType);
}

events::v1::EventEnvelope RecordProbeChange(pqxx::work& transaction, const std::string& schema,
                                            const std::string& producer,
                                            const std::string& aggregate_id, long value,
                                            const std::string& region_code) {
  auto version = transaction
                     .exec_params1("INSERT INTO " + schema +
                                       ".items (id, version) VALUES ($1, 1) ON CONFLICT (id) DO "
                                       "UPDATE SET version = items.version + 1 RETURNING version",
                                   aggregate_id)[0]
                     .as<int64_t>();
  google::protobuf::Int64Value payload;
  payload.set_value(value);
  return runtime::OutboxWriter(schema, producer)
      .Append(transaction, {kProbeAggregateType, aggregate_id, version, region_code, &payload});
}

void WriteProbeEvent(runtime::ConnectionPool& pool, const std::string& schema,
                     const std::string& producer, const std::string& aggregate_id, long value) {
  auto connection = pool.Acquire();
  pqxx::work tx(*connection);
  RecordProbeChange(tx, schema, producer, aggregate_id, value);
  tx.commit();
}

int WriteProbeEvents(runtime::ConnectionPool& pool, const std::string& schema,
                     const std::string& producer, int aggregates, int per_aggregate,
                     const std::string& aggregate_prefix) {
  int written = 0;
  for (int round = 0; round < per_aggregate; ++round) {
    for (int a = 0; a < aggregates; ++a) {
      WriteProbeEvent(pool, schema, producer, aggregate_prefix + std::to_string(a), written++);
    }
  }
  return written;
}

void ProbeProjection::Apply(pqxx::work& transaction, const events::v1::EventEnvelope& event) {
  google::protobuf::Int64Value payload;
  if (!event.payload().UnpackTo(&payload)) {
    throw runtime::PermanentEventError("payload is not a google.protobuf.Int64Value");
  }
  if (payload.value() == -1) throw runtime::PermanentEventError("value -1 is refused");
  if (payload.value() == -2) {
    std::lock_guard lock(mutex_);
    if (transient_failures_[event.event_id()]++ < 2) {
      throw std::runtime_error("transient failure, attempt " +
                               std::to_string(transient_failures_[event.event_id()]));
    }
  }
  if (payload.value() == -3) {
    std::lock_guard lock(mutex_);
    if (transient_failures_[event.event_id()]++ < 7) {
      throw pqxx::deadlock_detected("deadlock detected (probe)");
    }
  }
  transaction.exec_params("INSERT INTO " + schema_ +
                              ".effects (event_id, aggregate_id, aggregate_version, value) "
                              "VALUES ($1, $2, $3, $4)",
                          event.event_id(), event.aggregate_id(), event.aggregate_version(),
                          payload.value());
}

}  // namespace jindu::testing
