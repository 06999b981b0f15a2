#pragma once
// A projection: a named idempotent consumer of some topics, run by RunService in consumer group
// "<service>.<name>". Defined here, beside the consumer, so that runtime parts offering one (the
// region and grant replicas) need not depend on the service main.
#include <string>
#include <vector>

#include "runtime/inbox/idempotent_consumer.h"

namespace jindu::runtime {

struct ProjectionDefinition {
  std::string name;
  std::vector<std::string> topics;
  EventHandler handler;
};

}  // namespace jindu::runtime
