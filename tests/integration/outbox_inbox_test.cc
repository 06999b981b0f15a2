// The transactional outbox and the idempotent consumer over real PostgreSQL and Kafka, with real
// processes killed at crash points: every event's effect must be applied exactly once, in order per
// aggregate, whatever step the relay or the consumer died at.

#include <google/protobuf/wrappers.pb.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harness/child_process.h"
#include "harness/metrics_scrape.h"
#include "harness/shared_infrastructure.h"
#include "runtime/faults/crash_point.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/kafka/kafka_consumer.h"
#include "runtime/kafka/kafka_producer.h"
#include "runtime/kafka/topic_admin.h"
#include "runtime/outbox/outbox_relay.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/postgres/migrations.h"
#include "support/probe_domain.h"

namespace jindu::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using namespace std::chrono_literals;

const std::string kSchema = "probe";
const std::string kWorker =
    std::string(JINDU_BUILD_DIR) + "/tests/workers/jindu_outbox_test_worker";

struct WorkerRun {
  int exit_code = -1;
  nlohmann::json counters;  // what a consume run printed
  std::string log;
};

class OutboxInboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A database and a topic of its own per test, named after it.
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : test) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    producer_ = "probe" + test;
    postgres_ = SharedPostgres().CreateDatabase("outbox_" + test);
    kafka_ = SharedKafka().BootstrapServers();
    pool_ = std::make_unique<runtime::ConnectionPool>(postgres_, 4);
    auto connection = pool_->Acquire();
    runtime::ApplyMigrations(*connection, kSchema, ProbeMigrations());
    runtime::EnsureTopics(kafka_, {{.name = ProbeTopic(producer_), .partitions = 3},
                                   {.name = ProbeTopic(producer_) + ".dlt", .partitions = 1}});
  }

  WorkerRun RunWorker(const std::vector<std::string>& args, const std::string& crash_at = "") {
    static int run = 0;
    std::string log_path =
        ::testing::TempDir() + "/" + producer_ + "-" + std::to_string(++run) + ".log";
    std::vector<std::string> argv = {kWorker};
    argv.insert(argv.end(), args.begin(), args.end());
    std::map<std::string, std::string> env;
    if (!crash_at.empty()) env["JINDU_CRASH_AT"] = crash_at;
    auto process = ChildProcess::Start(argv, env, log_path);
    WorkerRun result;
    result.exit_code = process->Wait(milliseconds(180000));
    std::ifstream in(log_path);
    std::string line;
    while (std::getline(in, line)) {
      result.log += line + "\n";
      if (line.rfind("{\"applied\"", 0) == 0) result.counters = nlohmann::json::parse(line);
    }
    return result;
  }

  WorkerRun Relay(const std::string& crash_at = "") {
    return RunWorker({"relay", postgres_, kSchema, kafka_}, crash_at);
  }
  WorkerRun Consume(long expected, const std::string& crash_at = "") {
    return RunWorker({"consume", postgres_, kSchema, kafka_, producer_, producer_ + "-projection",
                      std::to_string(expected)},
                     crash_at);
  }

  long Scalar(const std::string& sql) {
    auto connection = pool_->Acquire();
    pqxx::read_transaction tx(*connection);
    return tx.exec1(sql)[0].as<long>();
  }
  std::string Text(const std::string& sql) {
    auto connection = pool_->Acquire();
    pqxx::read_transaction tx(*connection);
    return tx.exec1(sql)[0].as<std::string>();
  }
  long Unpublished() {
    return Scalar("SELECT count(*) FROM probe.outbox WHERE published_at IS NULL");
  }

  // Every written event applied exactly once, and per aggregate in version order 1, 2, 3, ...
  void ExpectEachEventAppliedOnceInOrder(long events, int per_aggregate) {
    EXPECT_EQ(Scalar("SELECT count(*) FROM probe.effects"), events);
    EXPECT_EQ(Scalar("SELECT count(DISTINCT event_id) FROM probe.effects"), events);
    EXPECT_EQ(Scalar("SELECT count(*) FROM probe.outbox o WHERE NOT EXISTS "
                     "(SELECT 1 FROM probe.effects e WHERE e.event_id = o.event_id::text)"),
              0)
        << "events written but never applied";
    EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT aggregate_version, row_number() OVER "
                     "(PARTITION BY aggregate_id ORDER BY seq) AS position FROM probe.effects) t "
                     "WHERE aggregate_version <> position"),
              0)
        << "an aggregate's events were applied out of order";
    EXPECT_EQ(Scalar("SELECT max(aggregate_version) FROM probe.effects"), per_aggregate);
  }

  std::string producer_;
  std::string postgres_;
  std::string kafka_;
  std::unique_ptr<runtime::ConnectionPool> pool_;
};

TEST_F(OutboxInboxTest, DomainWriteRolledBackLeavesNoEvent) {
  {
    auto connection = pool_->Acquire();
    pqxx::work tx(*connection);
    google::protobuf::Int64Value payload;
    runtime::OutboxWriter(kSchema, producer_).Append(tx, {"item", "a", 1, "430102", &payload});
    // tx goes out of scope without commit: the domain write and its event vanish together.
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.outbox"), 0);

  WriteProbeEvent(*pool_, kSchema, producer_, "a", 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.outbox"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.items"), 1);
}

TEST_F(OutboxInboxTest, RelayExposesBacklogAndPublishedCountsAsMetrics) {
  prometheus::Registry registry;
  runtime::OutboxRelay relay(*pool_, kafka_, {.schema = kSchema}, {}, &registry);
  WriteProbeEvents(*pool_, kSchema, producer_, 1, 3);
  EXPECT_EQ(relay.SampleBacklog(), 3);
  EXPECT_EQ(relay.PublishBatch(), 3);
  EXPECT_EQ(relay.SampleBacklog(), 0);

  std::string exposition = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_NE(exposition.find("jindu_outbox_published_total{schema=\"probe\"} 3"), std::string::npos)
      << exposition;
  EXPECT_NE(exposition.find("jindu_outbox_pending_events{schema=\"probe\"} 0"), std::string::npos)
      << exposition;
}

// An idle relay is woken by the commit of an append, not by its poll: with a poll of ten minutes,
// the second event is published only if the commit rang the relay's bell.
TEST_F(OutboxInboxTest, AnIdleRelayPublishesACommittedEventWithoutWaitingForItsPoll) {
  runtime::OutboxRelay relay(*pool_, kafka_, {.schema = kSchema, .idle_poll = 10min});
  WriteProbeEvent(*pool_, kSchema, producer_, "first", 1);
  auto published_within = [&](std::chrono::seconds limit) {
    for (auto deadline = std::chrono::steady_clock::now() + limit;
         std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
      if (Unpublished() == 0) return true;
    }
    return false;
  };
  std::jthread running([&](std::stop_token stop) { relay.Run(stop); });
  ASSERT_TRUE(published_within(60s)) << "the relay's first look should publish the first event";
  // From here the relay waits out its ten-minute poll unless a commit wakes it.
  WriteProbeEvent(*pool_, kSchema, producer_, "second", 1);
  EXPECT_TRUE(published_within(60s))
      << "the second event waited for the relay's poll: its commit did not wake the relay";
  EXPECT_EQ(relay.published_total(), 2u);
}

TEST_F(OutboxInboxTest, AnEventCommittedLateWithALowerSeqIsNotMarkedSentUnpublished) {
  // T1 takes the lower seq but commits only while the relay is publishing T2's later event.
  auto t1_connection = pool_->Acquire();
  auto t1 = std::make_unique<pqxx::work>(*t1_connection);
  RecordProbeChange(*t1, kSchema, producer_, "late", 1);
  WriteProbeEvent(*pool_, kSchema, producer_, "early", 2);

  auto commit_t1 = [&] {
    if (t1 == nullptr) return;
    t1->commit();
    t1.reset();
  };
  runtime::OutboxRelay relay(*pool_, kafka_,
                             {.schema = kSchema, .after_publish_testpoint = commit_t1});
  EXPECT_EQ(relay.PublishBatch(), 1);
  EXPECT_EQ(Unpublished(), 1) << "T1's event was marked sent without being published";
  EXPECT_EQ(relay.PublishBatch(), 1);
  EXPECT_EQ(Unpublished(), 0);
}

TEST_F(OutboxInboxTest, KafkaDownLeavesEventsPendingAndTheBacklogGaugeMoving) {
  WriteProbeEvents(*pool_, kSchema, producer_, 2, 3);
  prometheus::Registry registry;
  // Nothing listens on port 1: every delivery times out.
  runtime::OutboxRelay relay(*pool_, "127.0.0.1:1", {.schema = kSchema, .max_backoff = 200ms},
                             {{"message.timeout.ms", "500"}}, &registry);
  EXPECT_THROW(relay.PublishBatch(), std::runtime_error);
  EXPECT_EQ(Unpublished(), 6) << "nothing may be marked sent that Kafka did not acknowledge";

  {
    std::jthread running([&](std::stop_token stop) { relay.Run(stop); });
    std::this_thread::sleep_for(1500ms);
  }  // stops and joins
  EXPECT_EQ(Unpublished(), 6);
  std::string exposition = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_EQ(SampleValue(exposition, "jindu_outbox_pending_events", {{"schema", "probe"}}), 6);
  EXPECT_GT(SampleValue(exposition, "jindu_outbox_oldest_pending_seconds", {{"schema", "probe"}}),
            0)
      << "the stuck-relay signal must move while Kafka is down";
  EXPECT_GE(SampleValue(exposition, "jindu_outbox_publish_failures_total", {{"schema", "probe"}}),
            1);
}

TEST_F(OutboxInboxTest, RelayKilledBeforePublishingLosesNothing) {
  const int events = WriteProbeEvents(*pool_, kSchema, producer_, 10, 20);

  // Dies holding its second batch: the first 50 are sent and marked, the rest still pending.
  WorkerRun crashed = Relay(std::string(runtime::kCrashRelayBeforePublish) + ":2");
  ASSERT_EQ(crashed.exit_code, runtime::kCrashPointExitCode) << crashed.log;
  EXPECT_EQ(Unpublished(), events - 50);

  ASSERT_EQ(Relay().exit_code, 0);
  EXPECT_EQ(Unpublished(), 0);

  WorkerRun consumed = Consume(events);
  ASSERT_EQ(consumed.exit_code, 0) << consumed.log;
  EXPECT_EQ(consumed.counters["applied"], events);
  EXPECT_EQ(consumed.counters["duplicates"], 0);
  ExpectEachEventAppliedOnceInOrder(events, 20);
}

TEST_F(OutboxInboxTest,
       RelayKilledAfterPublishingBeforeMarkingSentRepublishesAndConsumerDropsDuplicates) {
  const int events = WriteProbeEvents(*pool_, kSchema, producer_, 10, 20);

  // The broker acknowledged the first batch of 50, but the relay died before marking it sent.
  WorkerRun crashed = Relay(std::string(runtime::kCrashRelayAfterPublish));
  ASSERT_EQ(crashed.exit_code, runtime::kCrashPointExitCode) << crashed.log;
  EXPECT_EQ(Unpublished(), events);

  ASSERT_EQ(Relay().exit_code, 0);
  EXPECT_EQ(Unpublished(), 0);

  WorkerRun consumed = Consume(events);
  ASSERT_EQ(consumed.exit_code, 0) << consumed.log;
  EXPECT_EQ(consumed.counters["applied"], events);
  EXPECT_EQ(consumed.counters["duplicates"], 50) << "the first batch was published twice";
  ExpectEachEventAppliedOnceInOrder(events, 20);
}

TEST_F(OutboxInboxTest, ConsumerKilledAfterEffectCommitBeforeOffsetCommitAppliesNothingTwice) {
  const int events = WriteProbeEvents(*pool_, kSchema, producer_, 10, 20);
  ASSERT_EQ(Relay().exit_code, 0);

  WorkerRun crashed = Consume(events, std::string(runtime::kCrashInboxAfterEffectCommit) + ":77");
  ASSERT_EQ(crashed.exit_code, runtime::kCrashPointExitCode) << crashed.log;
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.effects"), 77);

  WorkerRun resumed = Consume(events);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.log;
  // At least the 77th event comes again (its offset was never stored); the inbox skips it.
  EXPECT_GE(resumed.counters["duplicates"].get<long>(), 1);
  EXPECT_EQ(resumed.counters["applied"], events - 77);
  ExpectEachEventAppliedOnceInOrder(events, 20);
}

TEST_F(OutboxInboxTest, ConsumerKilledBeforeEffectCommitAppliesTheEventOnRestart) {
  const int events = WriteProbeEvents(*pool_, kSchema, producer_, 5, 20);
  ASSERT_EQ(Relay().exit_code, 0);

  WorkerRun crashed = Consume(events, std::string(runtime::kCrashInboxBeforeEffectCommit) + ":40");
  ASSERT_EQ(crashed.exit_code, runtime::kCrashPointExitCode) << crashed.log;
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.effects"), 39) << "the 40th effect was rolled back";

  WorkerRun resumed = Consume(events);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.log;
  EXPECT_EQ(resumed.counters["applied"], events - 39);
  ExpectEachEventAppliedOnceInOrder(events, 20);
}

TEST_F(OutboxInboxTest, PoisonAndFailingEventsGoToTheDeadLetterTopicWithTheirReason) {
  for (long value : {5L, -1L, -2L, 7L}) WriteProbeEvent(*pool_, kSchema, producer_, "p", value);
  runtime::OutboxRelay relay(*pool_, kafka_, {.schema = kSchema});
  ASSERT_EQ(relay.PublishBatch(), 4);
  // Not an envelope at all, straight onto the topic.
  runtime::KafkaProducer producer(kafka_);
  ASSERT_EQ(producer.ProduceAndWait({{ProbeTopic(producer_), "p", "not protobuf \xff", {}}})[0],
            "");

  ProbeProjection projection(kSchema);
  runtime::IdempotentConsumer consumer(
      *pool_, kafka_,
      {.schema = kSchema,
       .consumer_name = producer_ + "-projection",
       .topics = {ProbeTopic(producer_)},
       .initial_backoff = milliseconds(10)},
      [&](pqxx::work& tx, const events::v1::EventEnvelope& event) { projection.Apply(tx, event); });
  auto deadline = std::chrono::steady_clock::now() + seconds(60);
  while (consumer.applied_total() + consumer.dead_lettered_total() < 5 &&
         std::chrono::steady_clock::now() < deadline) {
    consumer.ProcessNext(milliseconds(200));
  }
  EXPECT_EQ(consumer.applied_total(), 3u);
  EXPECT_EQ(consumer.dead_lettered_total(), 2u);
  EXPECT_EQ(consumer.retries_total(), 2u) << "the transient failure is retried twice";
  EXPECT_EQ(Text("SELECT string_agg(value::text, ',' ORDER BY seq) FROM probe.effects"), "5,-2,7");

  // The dead letters keep the original bytes and say why.
  runtime::KafkaConsumer dead_letters(kafka_, producer_ + "-dlt-reader",
                                      {ProbeTopic(producer_) + ".dlt"});
  std::vector<std::string> reasons;
  deadline = std::chrono::steady_clock::now() + seconds(30);
  while (reasons.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    if (auto message = dead_letters.Poll(milliseconds(200))) {
      reasons.push_back(message->Header(runtime::kDeadLetterReasonHeader));
      EXPECT_EQ(message->key, "p");
      EXPECT_NE(message->Header(runtime::kDeadLetterSourceHeader), "");
    }
  }
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_NE(reasons[0].find("permanent: value -1 is refused"), std::string::npos) << reasons[0];
  EXPECT_NE(reasons[1].find("undecodable"), std::string::npos) << reasons[1];
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.inbox WHERE outcome = 'dead_lettered'"), 1)
      << "the refused event is remembered, the undecodable one has no event id";
}

TEST_F(OutboxInboxTest, DatabaseTroubleIsRetriedUntilItPassesNeverDeadLettered) {
  WriteProbeEvent(*pool_, kSchema, producer_, "d", -3);  // seven deadlocks, then applies
  runtime::OutboxRelay relay(*pool_, kafka_, {.schema = kSchema});
  ASSERT_EQ(relay.PublishBatch(), 1);

  ProbeProjection projection(kSchema);
  runtime::IdempotentConsumer consumer(
      *pool_, kafka_,
      {.schema = kSchema,
       .consumer_name = producer_ + "-projection",
       .topics = {ProbeTopic(producer_)},
       .max_attempts = 5,
       .initial_backoff = milliseconds(5),
       .max_backoff = milliseconds(20)},
      [&](pqxx::work& tx, const events::v1::EventEnvelope& event) { projection.Apply(tx, event); });
  auto deadline = std::chrono::steady_clock::now() + seconds(60);
  while (consumer.applied_total() + consumer.dead_lettered_total() == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    consumer.ProcessNext(milliseconds(200));
  }
  EXPECT_EQ(consumer.applied_total(), 1u);
  EXPECT_EQ(consumer.dead_lettered_total(), 0u) << "a deadlock is not the event's fault";
  EXPECT_EQ(consumer.retries_total(), 7u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM probe.effects"), 1);
}

}  // namespace
}  // namespace jindu::testing
