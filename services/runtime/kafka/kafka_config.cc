#include "runtime/kafka/kafka_config.h"

#include <stdexcept>

namespace jindu::runtime {

rd_kafka_conf_t* BuildKafkaConfig(const KafkaSettings& defaults, const KafkaSettings& overrides) {
  KafkaSettings merged = defaults;
  for (const auto& [name, value] : overrides) merged[name] = value;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [name, value] : merged) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof(error)) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::invalid_argument("kafka setting '" + name + "': " + error);
    }
  }
  return conf;
}

}  // namespace jindu::runtime
