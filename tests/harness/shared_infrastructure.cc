#include "harness/shared_infrastructure.h"

namespace jindu::testing {

// Function-local statics: started once even when tests ask from several threads, destroyed (and
// so stopped) by exit().
PostgresCluster& SharedPostgres() {
  static std::unique_ptr<PostgresCluster> cluster = PostgresCluster::Start();
  return *cluster;
}

RedisServer& SharedRedis() {
  static std::unique_ptr<RedisServer> redis = RedisServer::Start();
  return *redis;
}

KafkaBroker& SharedKafka() {
  static std::unique_ptr<KafkaBroker> broker = KafkaBroker::Start();
  return *broker;
}

}  // namespace jindu::testing
