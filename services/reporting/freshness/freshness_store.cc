#include "reporting/freshness/freshness_store.h"

#include <google/protobuf/util/time_util.h>

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/transaction_end_bell.h"

namespace jindu::reporting {

runtime::MigrationTrack FreshnessMigrations() {
  return {"reporting_freshness",
          {
              {1, "create_projection_freshness", R"sql(
-- Per producer: the newest event applied (by its occurred-at time) and when.
CREATE TABLE projection_freshness (
  producer text PRIMARY KEY,
  last_event_time timestamptz NOT NULL,
  applied_time timestamptz NOT NULL
);
)sql"},
          }};
}

void RecordFreshness(pqxx::work& tx, const std::string& schema,
                     const events::v1::EventEnvelope& event) {
  const int64_t micros =
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(event.occurred_at());
  tx.exec_params(
      "INSERT INTO " + schema +
          ".projection_freshness (producer, last_event_time, applied_time) VALUES ($1, "
          "to_timestamp($2::double precision / 1000000), now()) ON CONFLICT (producer) "
          "DO UPDATE SET last_event_time = GREATEST(projection_freshness.last_event_time, "
          "EXCLUDED.last_event_time), applied_time = now()",
      event.producer(), micros);
  runtime::RingWhenTransactionEnds(FiguresChangedBell());
}

const std::shared_ptr<runtime::Doorbell>& FiguresChangedBell() {
  static const auto bell = std::make_shared<runtime::Doorbell>();
  return bell;
}

v1::Freshness ReadFreshness(pqxx::transaction_base& tx, const std::string& schema) {
  v1::Freshness freshness;
  int64_t newest = 0;
  for (const pqxx::row& row :
       tx.exec("SELECT producer, " + std::string(JINDU_MICROS("last_event_time")) + ", " +
               JINDU_MICROS("applied_time") + " FROM " + schema +
               ".projection_freshness ORDER BY producer")) {
    v1::ProducerFreshness* producer = freshness.add_producers();
    producer->set_producer(row[0].as<std::string>());
    const int64_t last = row[1].as<int64_t>();
    *producer->mutable_last_event_time() = runtime::TimestampFromMicros(last);
    *producer->mutable_applied_time() = runtime::TimestampFromMicros(row[2].as<int64_t>());
    newest = std::max(newest, last);
  }
  if (newest > 0) *freshness.mutable_last_event_time() = runtime::TimestampFromMicros(newest);
  return freshness;
}

}  // namespace jindu::reporting
