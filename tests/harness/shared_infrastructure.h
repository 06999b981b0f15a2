#pragma once

// Servers shared by all tests of one test process: each is started the first time it is asked
// for and stopped when the process exits. Integration test executables run as one process each
// (ONE_PROCESS in tests/CMakeLists.txt), so a server starts at most once per executable.
// Tests sharing a server keep out of each other's way by using their own databases, key prefixes
// and topics.

#include "harness/kafka_broker.h"
#include "harness/postgres_cluster.h"
#include "harness/redis_server.h"

namespace jindu::testing {

// Each throws (std::runtime_error, see the server's Start) when its server cannot start; the next
// call tries again.
PostgresCluster& SharedPostgres();
RedisServer& SharedRedis();
KafkaBroker& SharedKafka();

}  // namespace jindu::testing
