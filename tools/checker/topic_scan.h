#pragma once
// Reads every message of every topic of a Kafka cluster, from each partition's low watermark up to
// the high watermark it had when the scan began, with a plain librdkafka consumer (no group, no
// commits): the checker looks at the log as it is, beside the services, not through them.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace jindu::check {

struct TopicMessage {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  std::vector<std::pair<std::string, std::string>> headers;

  // The first header called `name`; empty when there is none.
  std::string Header(const std::string& name) const;
};

// Topic names of the cluster, internal ones ("__consumer_offsets") left out. Throws
// std::runtime_error when the broker does not answer.
std::vector<std::string> ListTopics(const std::string& bootstrap_servers);

// Calls `visit` for every message of `topics`: each partition in offset order, partitions
// interleaved. Throws std::runtime_error on a broker error.
void ScanTopics(const std::string& bootstrap_servers, const std::vector<std::string>& topics,
                const std::function<void(const TopicMessage&)>& visit);

}  // namespace jindu::check
