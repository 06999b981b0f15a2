#pragma once

// Creates the topics a service publishes to. Event topics keep their events forever
// (retention.ms=-1) so a new consumer, or a projection rebuilt from scratch, can replay them all.

#include <chrono>
#include <string>
#include <vector>

#include "runtime/kafka/kafka_config.h"

namespace jindu::runtime {

struct TopicSpec {
  std::string name;
  int partitions = 6;
  int replication_factor = -1;  // -1: the broker's default.replication.factor
  KafkaSettings config = {{"retention.ms", "-1"}, {"retention.bytes", "-1"}};
};

// Creates each topic that does not exist yet; existing topics are left as they are. Throws
// std::runtime_error naming the topic when the broker refuses one.
void EnsureTopics(const std::string& bootstrap_servers, const std::vector<TopicSpec>& topics,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace jindu::runtime
