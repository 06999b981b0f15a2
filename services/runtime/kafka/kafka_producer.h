#pragma once

// An idempotent Kafka producer (enable.idempotence=true, which implies acks=all and keeps the order
// of messages per partition across retries). The outbox relay publishes a batch and must know, for
// each message, whether the broker acknowledged it before it marks the batch sent.

#include <librdkafka/rdkafka.h>

#include <string>
#include <vector>

#include "runtime/kafka/kafka_config.h"
#include "runtime/kafka/kafka_message.h"

namespace jindu::runtime {

class KafkaProducer {
 public:
  // `overrides` may change any librdkafka property (e.g. message.timeout.ms in tests).
  explicit KafkaProducer(const std::string& bootstrap_servers, const KafkaSettings& overrides = {});
  ~KafkaProducer();
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // Produces every message and waits for each delivery report. Returns one entry per message: an
  // empty string when the broker acknowledged it, else the reason it was not delivered. Every
  // message gets a report within message.timeout.ms, so this never waits longer than that. When
  // librdkafka refuses a message outright (too large, unknown topic), the rest are not sent.
  // Not thread-safe: one caller at a time (the relay owns its producer).
  std::vector<std::string> ProduceAndWait(const std::vector<OutgoingMessage>& messages);

  // True after an unrecoverable idempotence error; the producer must then be replaced.
  bool HasFatalError();

 private:
  rd_kafka_t* handle_ = nullptr;
};

}  // namespace jindu::runtime
