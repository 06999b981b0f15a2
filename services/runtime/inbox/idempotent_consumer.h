#pragma once

// Consumes domain events and applies each one's effect exactly once.
//
// For every message: one database transaction records the event id in the inbox and applies the
// handler's effect; only after it commits is the Kafka offset stored for commit. A crash before the
// commit leaves nothing behind; a crash after it replays the message, and the inbox row turns the
// replay into a no-op. A handler that fails is retried with back-off; a message that cannot be
// decoded, whose handler reports a permanent error, or that keeps failing, goes to the dead-letter
// topic "<topic>.dlt" with the reason in a header, and consumption moves on. Failures of the
// database itself (connection lost, deadlock, timeout: see IsTransientDatabaseError) are not the
// event's fault: they are retried for as long as it takes and never dead-letter an event.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "jindu/events/v1/envelope.pb.h"
#include "runtime/inbox/inbox_metrics.h"
#include "runtime/kafka/kafka_consumer.h"
#include "runtime/kafka/kafka_producer.h"
#include "runtime/postgres/connection_pool.h"

namespace jindu::runtime {

// Thrown by a handler for an event it can never apply (unknown payload, impossible state): the
// event goes to the dead-letter topic at once instead of being retried.
class PermanentEventError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Applies one event's effect inside `transaction`. Throwing rolls the effect back.
using EventHandler =
    std::function<void(pqxx::work& transaction, const jindu::events::v1::EventEnvelope& event)>;

struct IdempotentConsumerOptions {
  std::string schema;         // the consuming service's schema (holding its inbox table)
  std::string consumer_name;  // names the projection; also the Kafka consumer group id
  std::vector<std::string> topics;
  int max_attempts = 5;  // handler attempts before an event is dead-lettered
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  std::string dead_letter_suffix = ".dlt";
};

// Header names on dead-lettered messages.
inline constexpr const char* kDeadLetterReasonHeader = "jindu-dlt-reason";
inline constexpr const char* kDeadLetterSourceHeader =
    "jindu-dlt-source";  // topic/partition/offset

class IdempotentConsumer {
 public:
  IdempotentConsumer(ConnectionPool& pool, const std::string& bootstrap_servers,
                     IdempotentConsumerOptions options, EventHandler handler,
                     const KafkaSettings& consumer_overrides = {},
                     const KafkaSettings& producer_overrides = {},
                     prometheus::Registry* metrics_registry = nullptr);

  // Waits up to `timeout` for one message and processes it. Returns false when none arrived.
  // While the database is unreachable it keeps retrying (until `stop`); when it throws, the message
  // was not processed and will be consumed again.
  bool ProcessNext(std::chrono::milliseconds timeout, std::stop_token stop = {});

  // Processes messages until `stop` is requested, then commits stored offsets and leaves the group.
  void Run(std::stop_token stop);

  uint64_t applied_total() const { return Read(metrics_.applied); }
  uint64_t duplicates_total() const { return Read(metrics_.duplicates); }
  uint64_t retries_total() const { return Read(metrics_.retries); }
  uint64_t dead_lettered_total() const { return Read(metrics_.dead_lettered); }

 private:
  enum class Outcome { kApplied, kDuplicate };
  void Process(const ConsumedMessage& message, std::stop_token stop);
  Outcome ApplyOnce(const ConsumedMessage& message, const jindu::events::v1::EventEnvelope& event);
  void DeadLetter(const ConsumedMessage& message, const std::string& event_id,
                  const std::string& reason);

  ConnectionPool& pool_;
  IdempotentConsumerOptions options_;
  EventHandler handler_;
  KafkaConsumer consumer_;
  std::unique_ptr<KafkaProducer> dead_letter_producer_;
  std::string bootstrap_servers_;
  KafkaSettings producer_overrides_;
  std::shared_ptr<prometheus::Registry> private_registry_;
  InboxMetrics metrics_;

  static uint64_t Read(const prometheus::Counter& counter) {
    return static_cast<uint64_t>(counter.Value());
  }
};

}  // namespace jindu::runtime
