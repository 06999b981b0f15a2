#include "runtime/kafka/kafka_consumer.h"

#include <algorithm>
#include <stdexcept>

#include "runtime/logging/logger.h"

namespace jindu::runtime {

KafkaConsumer::KafkaConsumer(const std::string& bootstrap_servers, const std::string& group_id,
                             const std::vector<std::string>& topics,
                             const KafkaSettings& overrides) {
  rd_kafka_conf_t* conf = BuildKafkaConfig(
      {
          {"bootstrap.servers", bootstrap_servers},
          {"group.id", group_id},
          {"auto.offset.reset", "earliest"},
          // Commit in the background, but only offsets the application stored after processing.
          {"enable.auto.commit", "true"},
          {"enable.auto.offset.store", "false"},
          {"auto.commit.interval.ms", "1000"},
          {"session.timeout.ms", "10000"},
          {"heartbeat.interval.ms", "1000"},
      },
      overrides);
  char error[512];
  handle_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof(error));
  if (handle_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("cannot create Kafka consumer: ") + error);
  }
  rd_kafka_poll_set_consumer(handle_);
  rd_kafka_topic_partition_list_t* subscription =
      rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const std::string& topic : topics) {
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  rd_kafka_resp_err_t err = rd_kafka_subscribe(handle_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_destroy(handle_);
    throw std::runtime_error(std::string("cannot subscribe: ") + rd_kafka_err2str(err));
  }
}

KafkaConsumer::~KafkaConsumer() {
  Close();
  rd_kafka_destroy(handle_);
}

std::optional<ConsumedMessage> KafkaConsumer::Poll(std::chrono::milliseconds timeout) {
  rd_kafka_message_t* raw = rd_kafka_consumer_poll(handle_, static_cast<int>(timeout.count()));
  if (raw == nullptr) return std::nullopt;
  if (raw->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::string reason = rd_kafka_message_errstr(raw);
    rd_kafka_resp_err_t err = raw->err;
    rd_kafka_message_destroy(raw);
    if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return std::nullopt;
    char fatal[512];
    if (rd_kafka_fatal_error(handle_, fatal, sizeof(fatal)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw std::runtime_error(std::string("fatal Kafka consumer error: ") + fatal);
    }
    LogWarn("kafka consumer error", {{"reason", reason}});
    return std::nullopt;
  }
  ConsumedMessage message;
  message.topic = rd_kafka_topic_name(raw->rkt);
  message.partition = raw->partition;
  message.offset = raw->offset;
  if (raw->key != nullptr) message.key.assign(static_cast<const char*>(raw->key), raw->key_len);
  if (raw->payload != nullptr) {
    message.value.assign(static_cast<const char*>(raw->payload), raw->len);
  }
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(raw, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      message.headers.emplace_back(
          name, value != nullptr ? std::string(static_cast<const char*>(value), size) : "");
    }
  }
  rd_kafka_message_destroy(raw);
  return message;
}

std::optional<int64_t> KafkaConsumer::LagAfter(const ConsumedMessage& message) const {
  int64_t low = 0;
  int64_t high = 0;
  if (rd_kafka_get_watermark_offsets(handle_, message.topic.c_str(), message.partition, &low,
                                     &high) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      high < 0) {
    return std::nullopt;
  }
  return std::max<int64_t>(0, high - message.offset - 1);
}

void KafkaConsumer::StoreOffset(const ConsumedMessage& message) {
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(offsets, message.topic.c_str(), message.partition)->offset =
      message.offset + 1;
  rd_kafka_resp_err_t err = rd_kafka_offsets_store(handle_, offsets);
  rd_kafka_topic_partition_list_destroy(offsets);
  // Storing fails only when the partition was revoked meanwhile; its next owner replays the
  // message and the inbox skips it, so this is worth a log line, not an error.
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    LogWarn("kafka offset not stored", {{"topic", message.topic},
                                        {"partition", message.partition},
                                        {"offset", message.offset},
                                        {"reason", rd_kafka_err2str(err)}});
  }
}

void KafkaConsumer::Rewind(const ConsumedMessage& message) {
  rd_kafka_topic_partition_list_t* position = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(position, message.topic.c_str(), message.partition)->offset =
      message.offset;
  rd_kafka_error_t* error = rd_kafka_seek_partitions(handle_, position, 5000);
  std::string reason;
  if (error != nullptr) {
    reason = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
  } else if (position->elems[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    reason = rd_kafka_err2str(position->elems[0].err);
  }
  rd_kafka_topic_partition_list_destroy(position);
  if (!reason.empty()) {
    // Carrying on would process the next message and commit past this one: better to stop.
    throw ConsumerPositionLost("cannot rewind " + message.topic + "/" +
                               std::to_string(message.partition) + " to offset " +
                               std::to_string(message.offset) + ": " + reason);
  }
}

void KafkaConsumer::CommitStoredOffsets() {
  rd_kafka_resp_err_t err = rd_kafka_commit(handle_, nullptr, /*async=*/0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
    LogWarn("kafka offset commit failed", {{"reason", rd_kafka_err2str(err)}});
  }
}

void KafkaConsumer::Close() {
  if (closed_) return;
  closed_ = true;
  CommitStoredOffsets();
  rd_kafka_consumer_close(handle_);
}

}  // namespace jindu::runtime
