#pragma once

// Builds librdkafka configurations: our defaults first, then the caller's overrides, with any
// property librdkafka rejects reported by name.

#include <librdkafka/rdkafka.h>

#include <map>
#include <string>

namespace jindu::runtime {

using KafkaSettings = std::map<std::string, std::string>;

// Returns a new rd_kafka_conf_t owned by the caller; throws std::invalid_argument naming the
// property and librdkafka's reason when a setting is rejected.
rd_kafka_conf_t* BuildKafkaConfig(const KafkaSettings& defaults, const KafkaSettings& overrides);

}  // namespace jindu::runtime
