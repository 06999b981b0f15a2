#include "runtime/kafka/topic_admin.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <stdexcept>

#include "runtime/logging/logger.h"

namespace jindu::runtime {

void EnsureTopics(const std::string& bootstrap_servers, const std::vector<TopicSpec>& topics,
                  std::chrono::milliseconds timeout) {
  if (topics.empty()) return;
  rd_kafka_conf_t* conf = BuildKafkaConfig({{"bootstrap.servers", bootstrap_servers}}, {});
  char error[512];
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> admin(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error)), rd_kafka_destroy);
  if (admin == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("cannot create Kafka admin client: ") + error);
  }

  std::vector<rd_kafka_NewTopic_t*> requests;
  for (const TopicSpec& spec : topics) {
    rd_kafka_NewTopic_t* request = rd_kafka_NewTopic_new(
        spec.name.c_str(), spec.partitions, spec.replication_factor, error, sizeof(error));
    if (request == nullptr) {
      for (auto* created : requests) rd_kafka_NewTopic_destroy(created);
      throw std::invalid_argument("topic '" + spec.name + "': " + error);
    }
    for (const auto& [name, value] : spec.config) {
      rd_kafka_NewTopic_set_config(request, name.c_str(), value.c_str());
    }
    requests.push_back(request);
  }

  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_ANY);
  rd_kafka_AdminOptions_set_operation_timeout(options, static_cast<int>(timeout.count()), error,
                                              sizeof(error));
  rd_kafka_AdminOptions_set_request_timeout(options, static_cast<int>(timeout.count()), error,
                                            sizeof(error));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(admin.get());
  rd_kafka_CreateTopics(admin.get(), requests.data(), requests.size(), options, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, static_cast<int>(timeout.count()) + 1000);

  std::string failure;
  if (event == nullptr) {
    failure = "no answer from the broker";
  } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    failure = rd_kafka_event_error_string(event);
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
    for (size_t i = 0; i < count; ++i) {
      rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
      const char* name = rd_kafka_topic_result_name(results[i]);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        LogInfo("kafka topic created", {{"topic", name}});
      } else if (err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        failure += std::string(failure.empty() ? "" : "; ") + "topic '" + name +
                   "': " + rd_kafka_topic_result_error_string(results[i]);
      }
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_AdminOptions_destroy(options);
  for (auto* request : requests) rd_kafka_NewTopic_destroy(request);
  if (!failure.empty()) throw std::runtime_error("cannot create Kafka topics: " + failure);
}

}  // namespace jindu::runtime
