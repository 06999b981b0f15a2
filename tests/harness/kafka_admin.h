#pragma once

// What the harness asks a Kafka broker, through librdkafka (the client our services use).

#include <chrono>
#include <optional>
#include <string>

namespace jindu::testing {

// The cluster id the broker reports in a metadata response, nullopt when no answer came within
// timeout.
std::optional<std::string> KafkaClusterId(const std::string& bootstrap_servers,
                                          std::chrono::milliseconds timeout);

// Creates the topic (nothing when it exists) and waits until every partition has a leader.
// Throws std::runtime_error on failure or after timeout.
void CreateKafkaTopic(const std::string& bootstrap_servers, const std::string& topic,
                      int partitions, std::chrono::milliseconds timeout);

}  // namespace jindu::testing
