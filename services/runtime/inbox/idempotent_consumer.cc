#include "runtime/inbox/idempotent_consumer.h"

#include <algorithm>
#include <cstdlib>

#include "runtime/faults/crash_point.h"
#include "runtime/inbox/event_decoding.h"
#include "runtime/logging/logger.h"
#include "runtime/postgres/database_errors.h"
#include "runtime/threads/interruptible_sleep.h"

namespace jindu::runtime {

IdempotentConsumer::IdempotentConsumer(ConnectionPool& pool, const std::string& bootstrap_servers,
                                       IdempotentConsumerOptions options, EventHandler handler,
                                       const KafkaSettings& consumer_overrides,
                                       const KafkaSettings& producer_overrides,
                                       prometheus::Registry* metrics_registry)
    : pool_(pool),
      options_(std::move(options)),
      handler_(std::move(handler)),
      consumer_(bootstrap_servers, options_.consumer_name, options_.topics, consumer_overrides),
      bootstrap_servers_(bootstrap_servers),
      producer_overrides_(producer_overrides),
      private_registry_(metrics_registry ? nullptr : std::make_shared<prometheus::Registry>()),
      metrics_(metrics_registry ? *metrics_registry : *private_registry_, options_.consumer_name) {}

IdempotentConsumer::Outcome IdempotentConsumer::ApplyOnce(
    const ConsumedMessage& message, const jindu::events::v1::EventEnvelope& event) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO " + options_.schema +
          ".inbox (consumer, event_id, topic, kafka_partition, kafka_offset, outcome) "
          "VALUES ($1, $2, $3, $4, $5, 'applied') ON CONFLICT DO NOTHING",
      options_.consumer_name, event.event_id(), message.topic, message.partition, message.offset);
  if (inserted.affected_rows() == 0) return Outcome::kDuplicate;  // applied before: do nothing
  handler_(tx, event);
  CrashPoint(kCrashInboxBeforeEffectCommit);
  tx.commit();
  return Outcome::kApplied;
}

void IdempotentConsumer::DeadLetter(const ConsumedMessage& message, const std::string& event_id,
                                    const std::string& reason) {
  OutgoingMessage dead{message.topic + options_.dead_letter_suffix, message.key, message.value,
                       message.headers};
  dead.headers.emplace_back(kDeadLetterReasonHeader, reason);
  dead.headers.emplace_back(kDeadLetterSourceHeader, message.topic + "/" +
                                                         std::to_string(message.partition) + "/" +
                                                         std::to_string(message.offset));
  dead.headers.emplace_back("jindu-dlt-consumer", options_.consumer_name);
  // An idempotent producer that hit a fatal error cannot go on: start a new one.
  if (dead_letter_producer_ != nullptr && dead_letter_producer_->HasFatalError()) {
    dead_letter_producer_.reset();
  }
  if (dead_letter_producer_ == nullptr) {
    dead_letter_producer_ =
        std::make_unique<KafkaProducer>(bootstrap_servers_, producer_overrides_);
  }
  std::string error = dead_letter_producer_->ProduceAndWait({dead}).front();
  if (!error.empty()) {
    // Without the dead letter safely stored we must not move past the message.
    throw std::runtime_error("cannot write dead letter to " + dead.topic + ": " + error);
  }
  if (!event_id.empty()) {
    // Remember the outcome, so a replay of the topic does not dead-letter the event again. Only a
    // convenience once the dead letter is stored: failing here must not send it a second time.
    try {
      auto connection = pool_.Acquire();
      pqxx::work tx(*connection);
      tx.exec_params("INSERT INTO " + options_.schema +
                         ".inbox (consumer, event_id, topic, kafka_partition, kafka_offset, "
                         "outcome) VALUES ($1, $2, $3, $4, $5, 'dead_lettered') "
                         "ON CONFLICT DO NOTHING",
                     options_.consumer_name, event_id, message.topic, message.partition,
                     message.offset);
      tx.commit();
    } catch (const std::exception& failure) {
      LogWarn("dead-lettered event not recorded in the inbox",
              {{"consumer", options_.consumer_name}, {"error", failure.what()}});
    }
  }
  metrics_.dead_lettered.Increment();
  LogWarn("event dead-lettered", {{"consumer", options_.consumer_name},
                                  {"topic", message.topic},
                                  {"partition", message.partition},
                                  {"offset", message.offset},
                                  {"event_id", event_id},
                                  {"reason", reason}});
}

bool IdempotentConsumer::ProcessNext(std::chrono::milliseconds timeout, std::stop_token stop) {
  std::optional<ConsumedMessage> message = consumer_.Poll(timeout);
  if (!message) return false;
  try {
    Process(*message, stop);
  } catch (...) {
    // Not processed: fetch it again next time rather than skip past it.
    consumer_.Rewind(*message);
    throw;
  }
  return true;
}

void IdempotentConsumer::Process(const ConsumedMessage& message, std::stop_token stop) {
  DecodedEvent decoded = DecodeEvent(message.value);
  if (!decoded.event) {
    // An envelope that does not parse carries no trustworthy id: the producer's header names it.
    DeadLetter(message, decoded.event_id.empty() ? message.Header("event_id") : decoded.event_id,
               decoded.problem);
    consumer_.StoreOffset(message);
    // The position moved: without this a partition whose last message was poison would keep
    // reporting lag (look stalled) until its next event.
    if (auto lag = consumer_.LagAfter(message))
      metrics_.SetLag(message.topic, message.partition, *lag);
    return;
  }
  const jindu::events::v1::EventEnvelope& event = *decoded.event;

  std::chrono::milliseconds backoff = options_.initial_backoff;
  for (int failed_attempts = 0;;) {
    std::string failure;
    try {
      Outcome outcome = ApplyOnce(message, event);
      CrashPoint(kCrashInboxAfterEffectCommit);
      (outcome == Outcome::kApplied ? metrics_.applied : metrics_.duplicates).Increment();
      break;
    } catch (const PermanentEventError& error) {
      DeadLetter(message, event.event_id(), std::string("permanent: ") + error.what());
      break;
    } catch (const std::exception& error) {
      if (IsTransientDatabaseError(error)) {
        // The database, not the event, is at fault: wait for it without spending attempts.
        failure = std::string("database unavailable: ") + error.what();
      } else if (++failed_attempts >= options_.max_attempts) {
        DeadLetter(
            message, event.event_id(),
            "failed " + std::to_string(failed_attempts) + " attempts; last: " + error.what());
        break;
      } else {
        failure = error.what();
      }
    }
    if (stop.stop_requested()) throw std::runtime_error("stopped before applying: " + failure);
    metrics_.retries.Increment();
    LogWarn("event not applied; will retry", {{"consumer", options_.consumer_name},
                                              {"event_id", event.event_id()},
                                              {"failed_attempts", failed_attempts},
                                              {"error", failure},
                                              {"retry_ms", backoff.count()}});
    SleepUnlessStopped(backoff, stop);
    backoff = std::min(options_.max_backoff, backoff * 2);
  }
  consumer_.StoreOffset(message);
  if (auto lag = consumer_.LagAfter(message))
    metrics_.SetLag(message.topic, message.partition, *lag);
}

void IdempotentConsumer::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      ProcessNext(std::chrono::milliseconds(200), stop);
    } catch (const ConsumerPositionLost& error) {
      // Going on would skip an unprocessed message. Stopping hard loses nothing: its offset was
      // never committed, so the restarted process (Kubernetes restarts it) consumes it again.
      LogError("event consumer lost its position; aborting",
               {{"consumer", options_.consumer_name}, {"error", error.what()}});
      std::abort();
    } catch (const std::exception& error) {
      // The message was rewound: it comes again after a pause.
      LogError("event consumer failed; pausing",
               {{"consumer", options_.consumer_name}, {"error", error.what()}});
      SleepUnlessStopped(options_.max_backoff, stop);
    }
  }
  consumer_.Close();
}

}  // namespace jindu::runtime
