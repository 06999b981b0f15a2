#include "runtime/kafka/kafka_producer.h"

#include <stdexcept>

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

// The delivery report writes into the slot of its message, found through the message's opaque.
struct DeliverySlot {
  bool done = false;
  std::string error;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  auto* slot = static_cast<DeliverySlot*>(message->_private);
  slot->done = true;
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) slot->error = rd_kafka_err2str(message->err);
}

}  // namespace

KafkaProducer::KafkaProducer(const std::string& bootstrap_servers, const KafkaSettings& overrides) {
  rd_kafka_conf_t* conf = BuildKafkaConfig(
      {
          {"bootstrap.servers", bootstrap_servers},
          {"enable.idempotence", "true"},
          {"acks", "all"},
          {"linger.ms", "5"},
          {"message.timeout.ms", "30000"},
          {"compression.type", "lz4"},
      },
      overrides);
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  char error[512];
  handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (handle_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("cannot create Kafka producer: ") + error);
  }
}

KafkaProducer::~KafkaProducer() {
  rd_kafka_flush(handle_, 5000);
  rd_kafka_destroy(handle_);
}

std::vector<std::string> KafkaProducer::ProduceAndWait(
    const std::vector<OutgoingMessage>& messages) {
  std::vector<DeliverySlot> slots(messages.size());
  bool refused = false;
  for (size_t i = 0; i < messages.size(); ++i) {
    if (refused) {
      // Keep order: nothing after a refused message is sent ahead of it.
      slots[i].done = true;
      slots[i].error = "not sent: an earlier message of the batch was refused";
      continue;
    }
    const OutgoingMessage& message = messages[i];
    rd_kafka_headers_t* headers = rd_kafka_headers_new(message.headers.size());
    for (const auto& [name, value] : message.headers) {
      rd_kafka_header_add(headers, name.data(), name.size(), value.data(), value.size());
    }
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__QUEUE_FULL;
    while (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      err = rd_kafka_producev(
          handle_, RD_KAFKA_V_TOPIC(message.topic.c_str()),
          RD_KAFKA_V_KEY(const_cast<char*>(message.key.data()), message.key.size()),
          RD_KAFKA_V_VALUE(const_cast<char*>(message.value.data()), message.value.size()),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
          RD_KAFKA_V_OPAQUE(&slots[i]), RD_KAFKA_V_END);
      // A full local queue drains as reports arrive: serve them and try again.
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(handle_, 100);
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_headers_destroy(headers);  // ownership passes to librdkafka only on success
      slots[i].done = true;
      slots[i].error = rd_kafka_err2str(err);
      refused = true;
    }
  }
  // Each produced message gets exactly one report within message.timeout.ms. Flushing rather than
  // polling: the batch is complete, so waiting out linger.ms for more messages to join it would
  // only add its 5 ms to every batch's latency (flush sends what is queued at once).
  for (DeliverySlot& slot : slots) {
    while (!slot.done) rd_kafka_flush(handle_, 50);
  }
  std::vector<std::string> errors;
  errors.reserve(slots.size());
  for (DeliverySlot& slot : slots) errors.push_back(std::move(slot.error));
  return errors;
}

bool KafkaProducer::HasFatalError() {
  char reason[512];
  return rd_kafka_fatal_error(handle_, reason, sizeof(reason)) != RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace jindu::runtime
