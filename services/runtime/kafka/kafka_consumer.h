#pragma once

// A Kafka consumer-group member for at-least-once processing. Offsets are committed only for
// messages the caller has marked done with StoreOffset (librdkafka commits stored offsets in the
// background and on Close), so a crash replays whatever was not yet marked: the inbox makes that
// replay harmless.

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/kafka/kafka_config.h"
#include "runtime/kafka/kafka_message.h"

namespace jindu::runtime {

// The consumer could not move back to a message it failed to process; going on would skip it.
class ConsumerPositionLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class KafkaConsumer {
 public:
  // Joins `group_id` and subscribes to `topics`. A new group starts at the earliest offset, so a
  // new projection replays every event from the beginning.
  KafkaConsumer(const std::string& bootstrap_servers, const std::string& group_id,
                const std::vector<std::string>& topics, const KafkaSettings& overrides = {});
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer&) = delete;
  KafkaConsumer& operator=(const KafkaConsumer&) = delete;

  // The next message, or nothing when none arrived within `timeout`. Transient broker errors are
  // logged and reported as nothing; fatal ones throw std::runtime_error.
  std::optional<ConsumedMessage> Poll(std::chrono::milliseconds timeout);

  // Marks `message` processed: its offset + 1 becomes committable.
  void StoreOffset(const ConsumedMessage& message);

  // Messages behind `message` on its partition (high watermark - offset - 1), from the watermark
  // the last fetch brought (no broker round trip); nullopt when none is known yet.
  std::optional<int64_t> LagAfter(const ConsumedMessage& message) const;

  // Moves this partition's fetch position back to `message`, so it is consumed again (used when
  // processing failed and the message must not be skipped). Throws ConsumerPositionLost when the
  // broker refuses.
  void Rewind(const ConsumedMessage& message);

  // Commits stored offsets now and waits for the answer (used before leaving the group).
  void CommitStoredOffsets();

  // Commits stored offsets and leaves the group; also done by the destructor.
  void Close();

 private:
  rd_kafka_t* handle_ = nullptr;
  bool closed_ = false;
};

}  // namespace jindu::runtime
