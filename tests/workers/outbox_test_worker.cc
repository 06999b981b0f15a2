// Runs the outbox relay or the probe projection's idempotent consumer as a process of its own, so
// integration tests can kill it at a crash point (JINDU_CRASH_AT) and start it again.
//
//   outbox_test_worker relay   <postgres> <schema> <kafka>
//       publishes until the outbox has no unpublished row, then exits 0.
//   outbox_test_worker consume <postgres> <schema> <kafka> <producer> <group> <expected_effects>
//       consumes the producer's probe topic until the effects table holds <expected_effects> rows
//       and one more second passes without a message; prints
//       {"applied":..,"duplicates":..,"dead_lettered":..}.

#include <chrono>
#include <iostream>
#include <string>

#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/outbox/outbox_relay.h"
#include "runtime/outbox/outbox_writer.h"
#include "support/probe_domain.h"

namespace {

using namespace jindu;

int Relay(const std::string& postgres, const std::string& schema, const std::string& kafka) {
  runtime::ConnectionPool pool(postgres, 2);
  runtime::OutboxRelay relay(pool, kafka, {.schema = schema, .batch_size = 50});
  while (true) {
    int published = relay.PublishBatch();
    if (published > 0) continue;
    auto connection = pool.Acquire();
    pqxx::read_transaction tx(*connection);
    if (tx.exec1("SELECT count(*) FROM " + schema + ".outbox WHERE published_at IS NULL")[0]
            .as<long>() == 0) {
      return 0;
    }
  }
}

long CountEffects(runtime::ConnectionPool& pool, const std::string& schema) {
  auto connection = pool.Acquire();
  pqxx::read_transaction tx(*connection);
  return tx.exec1("SELECT count(*) FROM " + schema + ".effects")[0].as<long>();
}

int Consume(const std::string& postgres, const std::string& schema, const std::string& kafka,
            const std::string& producer, const std::string& group, long expected) {
  runtime::ConnectionPool pool(postgres, 2);
  testing::ProbeProjection projection(schema);
  runtime::IdempotentConsumer consumer(
      pool, kafka,
      {.schema = schema,
       .consumer_name = group,
       .topics = {testing::ProbeTopic(producer)},
       .initial_backoff = std::chrono::milliseconds(10)},
      [&](pqxx::work& tx, const events::v1::EventEnvelope& event) { projection.Apply(tx, event); },
      // Static membership: a restarted worker takes its partitions back at once instead of
      // waiting for the killed one's session to expire.
      {{"group.instance.id", group + "-worker"}, {"session.timeout.ms", "6000"}});
  auto quiet_since = std::chrono::steady_clock::now();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (consumer.ProcessNext(std::chrono::milliseconds(100))) {
      quiet_since = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - quiet_since > std::chrono::seconds(1) &&
               CountEffects(pool, schema) >= expected) {
      break;
    }
  }
  std::cout << "{\"applied\":" << consumer.applied_total()
            << ",\"duplicates\":" << consumer.duplicates_total()
            << ",\"dead_lettered\":" << consumer.dead_lettered_total() << "}" << std::endl;
  return CountEffects(pool, schema) >= expected ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "relay" && argc == 5) return Relay(argv[2], argv[3], argv[4]);
  if (mode == "consume" && argc == 8) {
    return Consume(argv[2], argv[3], argv[4], argv[5], argv[6], std::stol(argv[7]));
  }
  std::cerr << "usage: outbox_test_worker relay <postgres> <schema> <kafka>\n"
               "       outbox_test_worker consume <postgres> <schema> <kafka> <producer> <group> "
               "<expected>\n";
  return 2;
}
