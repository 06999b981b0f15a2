// A whole service process built from the shared runtime (tests/workers/probe_service.cc), started
// as a real binary against real PostgreSQL, Redis and Kafka and driven over gRPC: a call's write
// and its event commit together, the relay publishes the event, the service's projection applies
// it, /metrics shows all three, bad input and foreign regions are refused, and SIGTERM drains.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "harness/child_process.h"
#include "harness/free_port.h"
#include "harness/metrics_scrape.h"
#include "harness/shared_infrastructure.h"
#include "jindu/testing/v1/probe.grpc.pb.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;

const std::string kBinary = std::string(JINDU_BUILD_DIR) + "/tests/workers/jindu_probe_service";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ServiceMainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new dev_token::PemKeyPair(dev_token::GenerateKeyPair(runtime::JwsAlgorithm::kRs256));
  }

  std::map<std::string, std::string> Environment(const std::string& database) {
    return {{"JINDU_POSTGRES_URL", SharedPostgres().CreateDatabase(database)},
            {"JINDU_KAFKA_BOOTSTRAP", SharedKafka().BootstrapServers()},
            {"JINDU_REDIS_ADDRESS", SharedRedis().Address()},
            {"JINDU_JWT_PUBLIC_KEYS", keys_->public_pem},
            {"JINDU_JWT_ISSUER", "https://idp.hunan.example"},
            {"JINDU_JWT_AUDIENCE", "jindu"},
            {"JINDU_GRPC_PORT", std::to_string(grpc_port_)},
            {"JINDU_METRICS_PORT", std::to_string(metrics_port_)}};
  }

  std::string Token(std::vector<std::string> regions) {
    return dev_token::MintDevToken({.subject = "worker-1",
                                    .roles = {"caseworker"},
                                    .regions = std::move(regions),
                                    .issuer = "https://idp.hunan.example",
                                    .audience = "jindu"},
                                   dev_token::SigningKey::FromPrivateKeyPem(keys_->private_pem));
  }

  std::unique_ptr<ChildProcess> StartService(const std::map<std::string, std::string>& env) {
    log_path_ = ::testing::TempDir() + "/probe_service_" + std::to_string(grpc_port_) + ".log";
    return ChildProcess::Start({kBinary}, env, log_path_);
  }

  bool WaitServing(std::chrono::milliseconds timeout) {
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(grpc_port_),
                                       grpc::InsecureChannelCredentials());
    auto health = grpc::health::v1::Health::NewStub(channel);
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + 1s);
      grpc::health::v1::HealthCheckRequest request;
      grpc::health::v1::HealthCheckResponse response;
      if (health->Check(&context, request, &response).ok() &&
          response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
        return true;
      }
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  grpc::Status RecordItem(const std::string& token, const std::string& item,
                          const std::string& region, v1::RecordItemResponse* response) {
    auto stub = v1::ProbeService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(grpc_port_), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    v1::RecordItemRequest request;
    request.set_item_id(item);
    request.set_region_code(region);
    request.set_value(42);
    return stub->RecordItem(&context, request, response);
  }

  double Metric(const std::string& name, const std::map<std::string, std::string>& labels) {
    return SampleValue(ScrapeMetrics(metrics_port_), name, labels);
  }

  static dev_token::PemKeyPair* keys_;
  int grpc_port_ = FreePort();
  int metrics_port_ = FreePort();
  std::string log_path_;
};

dev_token::PemKeyPair* ServiceMainTest::keys_ = nullptr;

TEST_F(ServiceMainTest, ACallsWriteFlowsThroughOutboxKafkaAndProjectionThenDrainsOnSigterm) {
  auto env = Environment("service_main_flow");
  auto service = StartService(env);
  ASSERT_TRUE(WaitServing(60s)) << ReadFile(log_path_);

  v1::RecordItemResponse response;
  grpc::Status status = RecordItem(Token({"430100"}), "item-1", "430102", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.version(), 1);

  // The projection applied the event: poll the service's own database.
  pqxx::connection database(env["JINDU_POSTGRES_URL"]);
  long effects = 0;
  for (auto until = std::chrono::steady_clock::now() + 30s;
       effects == 0 && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(100ms)) {
    pqxx::read_transaction tx(database);
    effects = tx.exec_params1("SELECT count(*) FROM probe.effects WHERE event_id = $1",
                              response.event_id())[0]
                  .as<long>();
  }
  EXPECT_EQ(effects, 1) << ReadFile(log_path_);

  EXPECT_EQ(
      Metric("grpc_server_handled_total", {{"grpc_method", "RecordItem"}, {"grpc_code", "OK"}}), 1);
  EXPECT_EQ(Metric("jindu_outbox_published_total", {{"schema", "probe"}}), 1);
  EXPECT_EQ(
      Metric("jindu_inbox_events_total", {{"consumer", "probe.effects"}, {"outcome", "applied"}}),
      1);

  service->Signal(SIGTERM);
  EXPECT_EQ(service->Wait(60s), 0) << ReadFile(log_path_);
  EXPECT_NE(ReadFile(log_path_).find("service stopped"), std::string::npos);
}

TEST_F(ServiceMainTest, RefusesBadInputUnauthenticatedCallersAndForeignRegionsWritingNothing) {
  auto env = Environment("service_main_refusals");
  auto service = StartService(env);
  ASSERT_TRUE(WaitServing(60s)) << ReadFile(log_path_);

  v1::RecordItemResponse response;
  grpc::Status bad = RecordItem(Token({"430100"}), "Item One!", "430102", &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("item_id"), std::string::npos) << bad.error_message();

  EXPECT_EQ(RecordItem("", "item-1", "430102", &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // A Changsha caller may not write in Zhuzhou (430200).
  EXPECT_EQ(RecordItem(Token({"430100"}), "item-1", "430211", &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pqxx::connection database(env["JINDU_POSTGRES_URL"]);
  pqxx::read_transaction tx(database);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM probe.items")[0].as<long>(), 0);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM probe.outbox")[0].as<long>(), 0);
}

TEST_F(ServiceMainTest, ALostDatabaseConnectionAnswersUnavailableNeverInternal) {
  auto env = Environment("service_main_unavailable");
  auto service = StartService(env);
  ASSERT_TRUE(WaitServing(60s)) << ReadFile(log_path_);
  pqxx::connection admin(env["JINDU_POSTGRES_URL"]);
  std::string token = Token({"430100"});

  // Kill the service's database sessions under it, again and again: a call that lands on a dead
  // connection must say UNAVAILABLE (retry), and the next one must find a fresh connection.
  int unavailable = 0;
  for (int round = 0; round < 20 && unavailable == 0; ++round) {
    v1::RecordItemResponse response;
    ASSERT_TRUE(RecordItem(token, "item-" + std::to_string(round), "430102", &response).ok());
    pqxx::nontransaction(admin).exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    grpc::Status status = RecordItem(token, "after-" + std::to_string(round), "430102", &response);
    if (!status.ok()) {
      ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
      EXPECT_NE(status.error_message().find("retry"), std::string::npos);
      ++unavailable;
    }
  }
  EXPECT_GT(unavailable, 0) << "no call ever landed on a killed connection";
  v1::RecordItemResponse response;
  EXPECT_TRUE(RecordItem(token, "recovered", "430102", &response).ok());
}

TEST_F(ServiceMainTest, MissingSettingsStopStartUpWithOneMessageNamingEach) {
  auto env = Environment("service_main_settings");
  env.erase("JINDU_POSTGRES_URL");
  env.erase("JINDU_JWT_ISSUER");
  auto service = StartService(env);
  EXPECT_EQ(service->Wait(30s), 2);
  std::string log = ReadFile(log_path_);
  EXPECT_NE(log.find("postgres-url"), std::string::npos) << log;
  EXPECT_NE(log.find("jwt-issuer"), std::string::npos) << log;
}

TEST_F(ServiceMainTest, AnUnreachableDatabaseFailsStartUpWithTheReason) {
  auto env = Environment("service_main_no_database");
  env["JINDU_POSTGRES_URL"] = "postgresql://127.0.0.1:1/none?connect_timeout=2";
  auto service = StartService(env);
  EXPECT_EQ(service->Wait(30s), 1);
  EXPECT_NE(ReadFile(log_path_).find("service cannot start"), std::string::npos)
      << ReadFile(log_path_);
}

}  // namespace
}  // namespace jindu::testing
