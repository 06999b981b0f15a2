#include "harness/service_process.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "harness/free_port.h"
#include "harness/shared_infrastructure.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kIssuer = "https://idp.hunan.example";
constexpr const char* kAudience = "jindu";

// A draining server closes each connection with a GOAWAY and a ping, and waits for the ping's
// answer. A client process whose channels idle reads its sockets only on gRPC's backup poller,
// every 5 s by default: at the end of every test the services' drains finished one by one on the
// test's 5 s ticks (5-20 s per test). Polled every 100 ms, the test answers at once. Set before
// main, so before gRPC reads its configuration; a value given in the environment wins.
[[maybe_unused]] const bool kPromptClientPolling = [] {
  setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "100", /*overwrite=*/0);
  return true;
}();

std::string RandomKeyBase64() {
  unsigned char key[32];
  RAND_bytes(key, sizeof key);
  unsigned char encoded[64];
  int length = EVP_EncodeBlock(encoded, key, sizeof key);
  return std::string(reinterpret_cast<char*>(encoded), static_cast<size_t>(length));
}

}  // namespace

std::unique_ptr<ServiceProcess> ServiceProcess::Start(
    const std::string& binary, const std::string& database,
    const std::map<std::string, std::string>& extra_environment,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto service = Launch(binary, database, extra_environment, std::move(credentials));
  service->AwaitServing();
  return service;
}

std::unique_ptr<ServiceProcess> ServiceProcess::Launch(
    const std::string& binary, const std::string& database,
    const std::map<std::string, std::string>& extra_environment,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  std::unique_ptr<ServiceProcess> service(new ServiceProcess());
  service->binary_ = binary;
  auto keys = dev_token::GenerateKeyPair(runtime::JwsAlgorithm::kEs256);
  service->private_key_pem_ = keys.private_pem;
  service->public_key_pem_ = keys.public_pem;
  service->grpc_port_ = FreePort();
  service->metrics_port_ = FreePort();
  service->postgres_url_ = SharedPostgres().CreateDatabase(database);
  // A test with a broker of its own (one it stops) names it; the shared one is then not started.
  const auto own_kafka = extra_environment.find("JINDU_KAFKA_BOOTSTRAP");
  std::map<std::string, std::string> environment = {
      {"JINDU_POSTGRES_URL", service->postgres_url_},
      {"JINDU_KAFKA_BOOTSTRAP",
       own_kafka != extra_environment.end() ? own_kafka->second : SharedKafka().BootstrapServers()},
      {"JINDU_REDIS_ADDRESS", SharedRedis().Address()},
      {"JINDU_JWT_PUBLIC_KEYS", keys.public_pem},
      {"JINDU_JWT_ISSUER", kIssuer},
      {"JINDU_JWT_AUDIENCE", kAudience},
      {"JINDU_GRPC_PORT", std::to_string(service->grpc_port_)},
      {"JINDU_METRICS_PORT", std::to_string(service->metrics_port_)}};
  // Fresh personal-data keys per process; services that store no personal data ignore them.
  environment["JINDU_FIELD_KEYS"] = "test-k1 " + RandomKeyBase64();
  environment["JINDU_LOOKUP_KEY"] = "test-lookup " + RandomKeyBase64();
  for (const auto& [name, value] : extra_environment) environment[name] = value;
  service->log_path_ =
      ::testing::TempDir() + "/" + database + "_" + std::to_string(service->grpc_port_) + ".log";
  service->process_ = ChildProcess::Start({std::string(JINDU_BUILD_DIR) + "/" + binary},
                                          environment, service->log_path_);
  service->environment_ = std::move(environment);
  if (credentials == nullptr) credentials = grpc::InsecureChannelCredentials();
  service->channel_ =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(service->grpc_port_), credentials);
  return service;
}

void ServiceProcess::AwaitServing() {
  if (!WaitServing(90s)) {
    ADD_FAILURE() << binary_ << " did not become SERVING; its log:\n" << Log();
  }
}

void ServiceProcess::BeginStop() {
  if (process_ != nullptr && process_->Running() && !stopping_) {
    process_->Signal(SIGTERM);
    stopping_ = true;
  }
}

ServiceProcess::~ServiceProcess() {
  if (process_ != nullptr && process_->Running()) {
    try {
      Stop();
    } catch (const std::exception&) {
      process_->Kill();
    }
  }
}

int ServiceProcess::Stop() {
  BeginStop();
  stopping_ = false;
  return process_->Wait(30s);
}

void ServiceProcess::Kill() {
  if (process_ != nullptr) process_->Kill();
  stopping_ = false;
}

void ServiceProcess::Restart(const std::map<std::string, std::string>& changes) {
  if (Running()) Stop();
  stopping_ = false;
  for (const auto& [name, value] : changes) {
    if (value.empty()) {
      environment_.erase(name);
    } else {
      environment_[name] = value;
    }
  }
  process_ =
      ChildProcess::Start({std::string(JINDU_BUILD_DIR) + "/" + binary_}, environment_, log_path_);
  AwaitServing();
}

bool ServiceProcess::WaitServing(std::chrono::milliseconds timeout) const {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  for (auto until = std::chrono::steady_clock::now() + timeout;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(100ms)) {
    if (!process_->Running()) return false;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 1s);
    // Without it a call fails at once while the channel backs off after a refused connect (the
    // service was not listening yet), nothing polls the next attempt's socket, and it only
    // completes on gRPC's 5-second backup poll: 10-15 s lost per start-up.
    context.set_wait_for_ready(true);
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
  }
  return false;
}

const char* ServiceProcess::Issuer() { return kIssuer; }
const char* ServiceProcess::Audience() { return kAudience; }

std::string ServiceProcess::Token(const TestCaller& caller) const {
  return dev_token::MintDevToken({.subject = caller.subject,
                                  .roles = caller.roles,
                                  .regions = caller.regions,
                                  .issuer = kIssuer,
                                  .audience = kAudience},
                                 dev_token::SigningKey::FromPrivateKeyPem(private_key_pem_));
}

std::unique_ptr<grpc::ClientContext> ServiceProcess::Context(
    const TestCaller& caller, std::chrono::milliseconds timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  context->AddMetadata("authorization", "Bearer " + Token(caller));
  return context;
}

std::string ServiceProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace jindu::testing
