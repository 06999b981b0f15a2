#include "topic_scan.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>

namespace jindu::check {
namespace {

using Handle = std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)>;

Handle Connect(const std::string& bootstrap_servers) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // No group: partitions are assigned by hand and nothing is ever committed. librdkafka still
  // wants a group id for a consumer handle; it is never joined.
  const std::pair<const char*, const char*> settings[] = {
      {"bootstrap.servers", bootstrap_servers.c_str()},
      {"group.id", "jindu-check"},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"enable.partition.eof", "true"},
      {"log_level", "3"},
  };
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value, error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(std::string("kafka setting ") + name + ": " + error);
    }
  }
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (handle == nullptr) throw std::runtime_error(std::string("kafka consumer: ") + error);
  return Handle(handle, &rd_kafka_destroy);
}

// Partition counts by topic.
std::map<std::string, int> Partitions(rd_kafka_t* handle) {
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t error = rd_kafka_metadata(handle, 1, nullptr, &metadata, 15000);
  if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(std::string("kafka metadata: ") + rd_kafka_err2str(error));
  }
  std::map<std::string, int> partitions;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& topic = metadata->topics[i];
    if (topic.err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    if (std::string(topic.topic).starts_with("__")) continue;
    partitions[topic.topic] = topic.partition_cnt;
  }
  rd_kafka_metadata_destroy(metadata);
  return partitions;
}

}  // namespace

std::string TopicMessage::Header(const std::string& name) const {
  for (const auto& [header, value] : headers) {
    if (header == name) return value;
  }
  return std::string();
}

std::vector<std::string> ListTopics(const std::string& bootstrap_servers) {
  Handle handle = Connect(bootstrap_servers);
  std::vector<std::string> names;
  for (const auto& [name, count] : Partitions(handle.get())) names.push_back(name);
  return names;
}

void ScanTopics(const std::string& bootstrap_servers, const std::vector<std::string>& topics,
                const std::function<void(const TopicMessage&)>& visit) {
  Handle handle = Connect(bootstrap_servers);
  const std::map<std::string, int> partitions = Partitions(handle.get());
  // Every non-empty partition at once (fetched in parallel), each read up to its high watermark.
  std::map<std::pair<std::string, int32_t>, int64_t> remaining;  // -> high watermark
  rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(16);
  for (const std::string& topic : topics) {
    auto found = partitions.find(topic);
    if (found == partitions.end()) continue;
    for (int32_t partition = 0; partition < found->second; ++partition) {
      int64_t low = 0;
      int64_t high = 0;
      rd_kafka_resp_err_t error = rd_kafka_query_watermark_offsets(handle.get(), topic.c_str(),
                                                                   partition, &low, &high, 15000);
      if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_topic_partition_list_destroy(assignment);
        throw std::runtime_error("watermarks of " + topic + ": " + rd_kafka_err2str(error));
      }
      if (high <= low) continue;
      rd_kafka_topic_partition_list_add(assignment, topic.c_str(), partition)->offset = low;
      remaining[{topic, partition}] = high;
    }
  }
  rd_kafka_resp_err_t error = rd_kafka_assign(handle.get(), assignment);
  rd_kafka_topic_partition_list_destroy(assignment);
  if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(std::string("assign: ") + rd_kafka_err2str(error));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (!remaining.empty()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("timed out reading " + remaining.begin()->first.first);
    }
    rd_kafka_message_t* message = rd_kafka_consumer_poll(handle.get(), 1000);
    if (message == nullptr) continue;
    std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> owned(
        message, &rd_kafka_message_destroy);
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR &&
        message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      throw std::runtime_error(std::string("reading ") + rd_kafka_topic_name(message->rkt) + ": " +
                               rd_kafka_message_errstr(message));
    }
    const std::string topic = rd_kafka_topic_name(message->rkt);
    auto left = remaining.find({topic, message->partition});
    if (left == remaining.end()) continue;
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      // At the end (offsets below the watermark can be missing after compaction: none here).
      if (message->offset >= left->second) remaining.erase(left);
      continue;
    }
    if (message->offset >= left->second) {  // written after the scan began
      remaining.erase(left);
      continue;
    }
    TopicMessage read;
    read.topic = topic;
    read.partition = message->partition;
    read.offset = message->offset;
    if (message->key != nullptr) {
      read.key.assign(static_cast<const char*>(message->key), message->key_len);
    }
    if (message->payload != nullptr) {
      read.value.assign(static_cast<const char*>(message->payload), message->len);
    }
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name = nullptr;
      const void* value = nullptr;
      size_t size = 0;
      for (size_t i = 0;
           rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
           ++i) {
        read.headers.emplace_back(name, value == nullptr
                                            ? std::string()
                                            : std::string(static_cast<const char*>(value), size));
      }
    }
    visit(read);
    if (message->offset + 1 >= left->second) remaining.erase(left);
  }
  rd_kafka_assign(handle.get(), nullptr);
}

}  // namespace jindu::check
