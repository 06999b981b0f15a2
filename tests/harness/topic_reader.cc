#include "harness/topic_reader.h"

#include "runtime/ids/uuid.h"
#include "runtime/kafka/kafka_consumer.h"

namespace jindu::testing {

std::vector<TopicEvent> ReadTopicEvents(const std::string& bootstrap, const std::string& topic,
                                        size_t expected, std::chrono::milliseconds timeout,
                                        std::chrono::milliseconds quiet) {
  runtime::KafkaConsumer consumer(bootstrap, "test-reader-" + runtime::NewUuid(), {topic});
  std::vector<TopicEvent> events;
  const auto until = std::chrono::steady_clock::now() + timeout;
  auto last_arrival = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < until) {
    auto message = consumer.Poll(std::chrono::milliseconds(200));
    if (message.has_value()) {
      TopicEvent event{.key = message->key};
      event.envelope.ParseFromString(message->value);
      events.push_back(std::move(event));
      last_arrival = std::chrono::steady_clock::now();
      continue;
    }
    if (events.size() >= expected && std::chrono::steady_clock::now() - last_arrival >= quiet) {
      break;
    }
  }
  consumer.Close();
  return events;
}

}  // namespace jindu::testing
