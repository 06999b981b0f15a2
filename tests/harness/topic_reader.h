#pragma once
// Reads what a service published: every event envelope on a topic, from the beginning, for tests
// that assert events "arrived on Kafka".
#include <chrono>
#include <string>
#include <vector>

#include "jindu/events/v1/envelope.pb.h"

namespace jindu::testing {

struct TopicEvent {
  std::string key;
  events::v1::EventEnvelope envelope;
};

// Reads `topic` from the start in a fresh consumer group until at least `expected` events arrived
// and then nothing more for `quiet`, or until `timeout`. Returns what it read, in partition order.
std::vector<TopicEvent> ReadTopicEvents(
    const std::string& bootstrap, const std::string& topic, size_t expected,
    std::chrono::milliseconds timeout = std::chrono::seconds(60),
    std::chrono::milliseconds quiet = std::chrono::seconds(2));

}  // namespace jindu::testing
