#include "harness/kafka_admin.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <thread>

namespace jindu::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

// A producer handle (the lightest kind) for admin and metadata requests. Its log lines are
// dropped: while a broker starts they only say that it is not up yet.
Handle Connect(const std::string& bootstrap_servers) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap_servers.c_str(), error,
                        sizeof(error)) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("librdkafka: ") + error);
  }
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (handle == nullptr) {  // rd_kafka_new frees conf only on success
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("librdkafka: ") + error);
  }
  return Handle(handle);
}

int TimeoutMs(std::chrono::milliseconds timeout) {
  return static_cast<int>(std::max<int64_t>(1, timeout.count()));
}

// True when the broker's metadata shows the topic with all partitions led, and with the expected
// number of them unless that is 0.
bool TopicReady(rd_kafka_t* handle, const std::string& topic, int expected_partitions) {
  rd_kafka_topic_t* topic_handle = rd_kafka_topic_new(handle, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  bool ready = false;
  if (rd_kafka_metadata(handle, 0, topic_handle, &metadata, 2000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const int partitions = metadata->topic_cnt == 1 ? metadata->topics[0].partition_cnt : 0;
    if (partitions > 0 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR &&
        (expected_partitions == 0 || partitions == expected_partitions)) {
      ready = true;
      for (int i = 0; i < partitions; ++i) {
        if (metadata->topics[0].partitions[i].leader < 0) ready = false;
      }
    }
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_topic_destroy(topic_handle);
  return ready;
}

}  // namespace

std::optional<std::string> KafkaClusterId(const std::string& bootstrap_servers,
                                          std::chrono::milliseconds timeout) {
  Handle handle = Connect(bootstrap_servers);
  char* id = rd_kafka_clusterid(handle.get(), TimeoutMs(timeout));
  if (id == nullptr) return std::nullopt;
  std::string result = id;
  rd_kafka_mem_free(handle.get(), id);
  return result;
}

void CreateKafkaTopic(const std::string& bootstrap_servers, const std::string& topic,
                      int partitions, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Handle handle = Connect(bootstrap_servers);
  char error[512];
  rd_kafka_NewTopic_t* new_topic =
      rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, error, sizeof(error));
  if (new_topic == nullptr) throw std::runtime_error("topic " + topic + ": " + error);
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle.get());
  rd_kafka_CreateTopics(handle.get(), &new_topic, 1, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, TimeoutMs(timeout));
  std::string failure;
  bool existed = false;
  if (event == nullptr) {
    failure = "no answer";
  } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    failure = rd_kafka_event_error_string(event);
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
    for (size_t i = 0; i < count; ++i) {
      rd_kafka_resp_err_t code = rd_kafka_topic_result_error(results[i]);
      existed = code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
      if (code != RD_KAFKA_RESP_ERR_NO_ERROR && !existed) {
        const char* message = rd_kafka_topic_result_error_string(results[i]);
        failure = message != nullptr ? message : rd_kafka_err2str(code);
      }
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(new_topic);
  if (!failure.empty()) throw std::runtime_error("creating topic " + topic + ": " + failure);

  // The controller has committed the topic; the broker serves it once it has applied that.
  while (!TopicReady(handle.get(), topic, existed ? 0 : partitions)) {
    if (Clock::now() >= deadline) {
      throw std::runtime_error("topic " + topic + " was created but not every partition has a " +
                               "leader yet");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace jindu::testing
