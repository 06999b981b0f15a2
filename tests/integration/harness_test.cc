// Proves the test harness: each server it starts works with the client library our services use.
// The Kafka cases are also the compatibility proof for the broker version we run (tools/kafka/
// pom.xml) against Debian's librdkafka: Kafka 4 dropped old protocol versions (KIP-896), and the
// idempotent producer and consumer groups must still work.

#include <hiredis/hiredis.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "harness/child_process.h"
#include "harness/free_port.h"
#include "harness/shared_infrastructure.h"
#include "harness/temp_dir.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;

// --- ChildProcess and ports --------------------------------------------------------------------

TEST(ChildProcessTest, ReportsExitCodeAndSignal) {
  auto exits = ChildProcess::Start({"sh", "-c", "exit 3"}, {}, "");
  EXPECT_EQ(exits->Wait(10s), 3);
  EXPECT_FALSE(exits->Running());

  auto sleeps = ChildProcess::Start({"sleep", "30"}, {}, "");
  EXPECT_TRUE(sleeps->Running());
  EXPECT_THROW(sleeps->Wait(50ms), std::runtime_error);
  sleeps->Signal(SIGTERM);
  EXPECT_EQ(sleeps->Wait(10s), 128 + SIGTERM);
}

TEST(ChildProcessTest, PassesEnvironmentAndAppendsOutputToLog) {
  TempDir dir("child-process-test");
  const std::string log = dir.File("output.log");
  ChildProcess::Start({"sh", "-c", "echo first"}, {}, log)->Wait(10s);
  ChildProcess::Start({"sh", "-c", "echo \"$GREETING\" >&2"}, {{"GREETING", "second"}}, log)
      ->Wait(10s);
  std::ifstream in(log);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "first\nsecond\n");
}

TEST(ChildProcessTest, ThrowsWhenProgramIsMissing) {
  EXPECT_THROW(ChildProcess::Start({"jindu-no-such-program"}, {}, ""), std::runtime_error);
}

TEST(ChildProcessTest, DestructorKills) {
  pid_t pid;
  {
    auto sleeps = ChildProcess::Start({"sleep", "30"}, {}, "");
    pid = sleeps->pid();
  }
  EXPECT_NE(kill(pid, 0), 0);  // reaped: the pid is gone
}

TEST(FreePortTest, PortsAreDistinctAndUnused) {
  int first = FreePort();
  int second = FreePort();
  EXPECT_NE(first, second);
  EXPECT_FALSE(WaitForTcpPort("127.0.0.1", first, 0ms));
}

// --- PostgreSQL --------------------------------------------------------------------------------

TEST(PostgresTest, AnswersQueries) {
  pqxx::connection connection(SharedPostgres().ConnectionString());
  pqxx::work transaction(connection);
  EXPECT_EQ(transaction.exec1("SELECT 1")[0].as<int>(), 1);
}

TEST(PostgresTest, CreatesDatabasesOnce) {
  PostgresCluster& postgres = SharedPostgres();
  std::string connection_string = postgres.CreateDatabase("harness test");
  EXPECT_EQ(postgres.CreateDatabase("harness test"), connection_string);

  pqxx::connection connection(connection_string);
  pqxx::work transaction(connection);
  EXPECT_EQ(transaction.exec1("SELECT current_database()")[0].as<std::string>(), "harness test");
  EXPECT_EQ(transaction.exec1("SHOW fsync")[0].as<std::string>(), "off");  // shared settings
}

TEST(PostgresTest, UrlFormConnects) {
  PostgresCluster& postgres = SharedPostgres();
  postgres.CreateDatabase("url_form");
  pqxx::connection connection(postgres.Url("url_form"));
  EXPECT_EQ(std::string(connection.dbname()), "url_form");
}

// --- Redis -------------------------------------------------------------------------------------

struct RedisContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
using RedisConnection = std::unique_ptr<redisContext, RedisContextDeleter>;

RedisConnection ConnectRedis(const RedisServer& redis) {
  return RedisConnection(redisConnect(redis.host().c_str(), redis.port()));
}

// The reply to a command as text ("" for nil), or "ERROR: ..." when there is none.
std::string Command(redisContext* context, const std::vector<std::string>& words) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& word : words) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (reply == nullptr) return std::string("ERROR: ") + context->errstr;
  std::string text = reply->str != nullptr ? std::string(reply->str, reply->len) : "";
  freeReplyObject(reply);
  return text;
}

TEST(RedisTest, PingSetGet) {
  RedisConnection connection = ConnectRedis(SharedRedis());
  ASSERT_TRUE(connection != nullptr && connection->err == 0) << connection->errstr;
  EXPECT_EQ(Command(connection.get(), {"PING"}), "PONG");
  EXPECT_EQ(Command(connection.get(), {"SET", "harness:key", "value"}), "OK");
  EXPECT_EQ(Command(connection.get(), {"GET", "harness:key"}), "value");
}

// A private server: stopping the shared one would disturb other tests.
TEST(RedisTest, StopRefusesConnectionsAndRestartServesOnTheSamePort) {
  std::unique_ptr<RedisServer> redis = RedisServer::Start();
  const int port = redis->port();
  {
    RedisConnection connection = ConnectRedis(*redis);
    ASSERT_EQ(connection->err, 0) << connection->errstr;
    EXPECT_EQ(Command(connection.get(), {"SET", "k", "v"}), "OK");
  }

  redis->Stop();
  EXPECT_FALSE(redis->Running());
  RedisConnection refused = ConnectRedis(*redis);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->err, REDIS_ERR_IO);
  EXPECT_NE(std::string(refused->errstr).find("refused"), std::string::npos) << refused->errstr;

  redis->Restart();
  EXPECT_EQ(redis->port(), port);
  RedisConnection connection = ConnectRedis(*redis);
  ASSERT_EQ(connection->err, 0) << connection->errstr;
  EXPECT_EQ(Command(connection.get(), {"PING"}), "PONG");
  EXPECT_EQ(Command(connection.get(), {"GET", "k"}), "");  // nothing was persisted
}

// --- Kafka -------------------------------------------------------------------------------------

struct KafkaDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

// A librdkafka client with the given settings; fails the test (throws) when they are refused.
KafkaHandle NewKafkaClient(rd_kafka_type_t type,
                           const std::vector<std::pair<std::string, std::string>>& settings,
                           void (*delivery_callback)(rd_kafka_t*, const rd_kafka_message_t*,
                                                     void*) = nullptr) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof(error)) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(error);
    }
  }
  if (delivery_callback != nullptr) rd_kafka_conf_set_dr_msg_cb(conf, delivery_callback);
  rd_kafka_t* handle = rd_kafka_new(type, conf, error, sizeof(error));
  if (handle == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(error);
  }
  return KafkaHandle(handle);
}

struct Delivery {
  std::string key;
  std::string value;
  int32_t partition;
  rd_kafka_resp_err_t error;
};

// Each message carries the vector its delivery report goes to (RD_KAFKA_V_OPAQUE).
void RecordDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  auto* sink = static_cast<std::vector<Delivery>*>(message->_private);
  sink->push_back({std::string(static_cast<const char*>(message->key), message->key_len),
                   std::string(static_cast<const char*>(message->payload), message->len),
                   message->partition, message->err});
}

TEST(KafkaTest, IdempotentProducerAndConsumerGroupWithManualCommit) {
  KafkaBroker& kafka = SharedKafka();
  const std::string topic = "harness.events";
  kafka.CreateTopic(topic, 3);

  // Produce: keyed, idempotent, acknowledged by all in-sync replicas.
  std::vector<Delivery> deliveries;
  {
    KafkaHandle producer = NewKafkaClient(RD_KAFKA_PRODUCER,
                                          {{"bootstrap.servers", kafka.BootstrapServers()},
                                           {"enable.idempotence", "true"},
                                           {"acks", "all"}},
                                          RecordDelivery);
    for (int i = 0; i < 30; ++i) {
      std::string key = "person-" + std::to_string(i % 3);
      std::string value = key + ":" + std::to_string(i / 3);
      ASSERT_EQ(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                                  RD_KAFKA_V_KEY(key.data(), key.size()),
                                  RD_KAFKA_V_VALUE(value.data(), value.size()),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                  RD_KAFKA_V_OPAQUE(&deliveries), RD_KAFKA_V_END),
                RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    ASSERT_EQ(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    char fatal[512];
    ASSERT_EQ(rd_kafka_fatal_error(producer.get(), fatal, sizeof(fatal)),
              RD_KAFKA_RESP_ERR_NO_ERROR)
        << fatal;
  }
  ASSERT_EQ(deliveries.size(), 30u);
  for (const Delivery& delivery : deliveries) {
    EXPECT_EQ(delivery.error, RD_KAFKA_RESP_ERR_NO_ERROR) << rd_kafka_err2str(delivery.error);
  }

  // Consume in a group, committing each message by hand; per key the order must be kept.
  const std::string group = "harness-group";
  std::map<std::string, std::vector<std::string>> values_by_key;
  {
    KafkaHandle consumer =
        NewKafkaClient(RD_KAFKA_CONSUMER, {{"bootstrap.servers", kafka.BootstrapServers()},
                                           {"group.id", group},
                                           {"enable.auto.commit", "false"},
                                           {"auto.offset.reset", "earliest"}});
    rd_kafka_poll_set_consumer(consumer.get());
    rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
    ASSERT_EQ(rd_kafka_subscribe(consumer.get(), subscription), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(subscription);

    int consumed = 0;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (consumed < 30 && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer.get(), 100);
      if (message == nullptr) continue;
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        values_by_key[std::string(static_cast<const char*>(message->key), message->key_len)]
            .push_back(std::string(static_cast<const char*>(message->payload), message->len));
        ++consumed;
        EXPECT_EQ(rd_kafka_commit_message(consumer.get(), message, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
      } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        ADD_FAILURE() << rd_kafka_message_errstr(message);
      }
      rd_kafka_message_destroy(message);
    }
    ASSERT_EQ(consumed, 30);

    // The group's committed offset of each partition is past everything produced to it.
    std::map<int32_t, int64_t> produced_by_partition;
    for (const Delivery& delivery : deliveries) ++produced_by_partition[delivery.partition];
    rd_kafka_topic_partition_list_t* assignment = nullptr;
    ASSERT_EQ(rd_kafka_assignment(consumer.get(), &assignment), RD_KAFKA_RESP_ERR_NO_ERROR);
    EXPECT_EQ(assignment->cnt, 3);
    ASSERT_EQ(rd_kafka_committed(consumer.get(), assignment, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    for (int i = 0; i < assignment->cnt; ++i) {
      const rd_kafka_topic_partition_t& partition = assignment->elems[i];
      auto produced = produced_by_partition.find(partition.partition);
      if (produced == produced_by_partition.end()) {
        EXPECT_EQ(partition.offset, RD_KAFKA_OFFSET_INVALID) << "partition " << partition.partition;
      } else {
        EXPECT_EQ(partition.offset, produced->second) << "partition " << partition.partition;
      }
    }
    rd_kafka_topic_partition_list_destroy(assignment);
    rd_kafka_consumer_close(consumer.get());
  }
  ASSERT_EQ(values_by_key.size(), 3u);
  for (const auto& [key, values] : values_by_key) {
    ASSERT_EQ(values.size(), 10u) << key;
    for (int i = 0; i < 10; ++i) EXPECT_EQ(values[i], key + ":" + std::to_string(i));
  }
}

TEST(KafkaTest, TopicsAreCreatedOnFirstUse) {
  KafkaBroker& kafka = SharedKafka();
  KafkaHandle producer =
      NewKafkaClient(RD_KAFKA_PRODUCER, {{"bootstrap.servers", kafka.BootstrapServers()}});
  const std::string value = "hello";
  ASSERT_EQ(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC("harness.auto-created"),
                              RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  EXPECT_EQ(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
  EXPECT_EQ(rd_kafka_outq_len(producer.get()), 0);
}

}  // namespace
}  // namespace jindu::testing
