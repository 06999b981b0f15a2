#pragma once

// Publishes outbox rows to Kafka and marks them sent.
//
// One relay per service publishes at a time (a transaction-scoped advisory lock), in outbox order,
// with the idempotent producer. It marks rows sent only after the broker acknowledged them, so a
// crash anywhere loses nothing: before publishing, the rows are still unsent; after publishing but
// before marking, they are published again on restart and consumers drop the duplicates by event
// id (the inbox).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

#include "runtime/kafka/kafka_producer.h"
#include "runtime/outbox/outbox_metrics.h"
#include "runtime/postgres/connection_pool.h"

namespace jindu::runtime {

struct OutboxRelayOptions {
  std::string schema;                        // the service schema holding the outbox
  int batch_size = 500;                      // rows per transaction
  std::chrono::milliseconds idle_poll{100};  // wait when nothing is pending (an append wakes it)
  // Pause after a batch that was not full, so that under a steady flow the next batch gathers what
  // arrived meanwhile instead of the relay chasing each commit with a batch of its own. The first
  // event after a quiet spell is not delayed: an idle relay is woken by its append at once.
  std::chrono::milliseconds batch_gap{5};
  std::chrono::milliseconds max_backoff{5000};  // after failures, doubling up to this
  std::chrono::hours keep_published{24 * 7};    // sent rows kept this long, for audits
  // Test point: runs after the broker acknowledged a batch and before the batch is marked sent,
  // so tests can make another transaction commit exactly there. Unset in services.
  std::function<void()> after_publish_testpoint;
};

class OutboxRelay {
 public:
  // Counters go to `metrics_registry` (the service's, so /metrics shows them), or to a private
  // registry when it is null.
  OutboxRelay(ConnectionPool& pool, std::string bootstrap_servers, OutboxRelayOptions options,
              KafkaSettings producer_overrides = {},
              prometheus::Registry* metrics_registry = nullptr);

  // Publishes at most one batch. Returns the number of rows published and marked sent; 0 when
  // nothing was pending or another relay holds the lock. Throws on database or broker failure
  // (nothing is marked sent for messages the broker did not acknowledge).
  int PublishBatch();

  // Publishes until `stop` is requested, backing off after failures.
  void Run(std::stop_token stop);

  // Deletes sent rows older than keep_published. Returns how many.
  int PurgePublished();

  // Samples the backlog into the pending/oldest gauges. Returns the number of unsent events.
  long SampleBacklog();

  uint64_t published_total() const { return static_cast<uint64_t>(metrics_.published.Value()); }
  uint64_t failures_total() const {
    return static_cast<uint64_t>(metrics_.publish_failures.Value());
  }

 private:
  KafkaProducer& Producer();

  ConnectionPool& pool_;
  std::string bootstrap_servers_;
  OutboxRelayOptions options_;
  KafkaSettings producer_overrides_;
  std::unique_ptr<KafkaProducer> producer_;
  std::shared_ptr<prometheus::Registry> private_registry_;
  OutboxMetrics metrics_;
};

}  // namespace jindu::runtime
