#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jindu::runtime {

using KafkaHeaders = std::vector<std::pair<std::string, std::string>>;

// A message to produce. The key chooses the partition, so all messages with one key keep their
// order; the outbox uses the aggregate id as the key.
struct OutgoingMessage {
  std::string topic;
  std::string key;
  std::string value;
  KafkaHeaders headers;
};

// A message as consumed, with its position so its offset can be stored once it is processed.
struct ConsumedMessage {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  KafkaHeaders headers;

  // The first header of that name, or an empty string.
  std::string Header(const std::string& name) const {
    for (const auto& [header_name, header_value] : headers) {
      if (header_name == name) return header_value;
    }
    return {};
  }
};

}  // namespace jindu::runtime
