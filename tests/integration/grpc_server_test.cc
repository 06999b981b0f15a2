// The shared gRPC server runtime over real connections: a ServiceHost serving a probe service on a
// free port, called through a real channel, its /metrics scraped over HTTP.

#include <arpa/inet.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/sync_stream.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "harness/metrics_scrape.h"
#include "jindu/testing/v1/probe.grpc.pb.h"
#include "jindu/testing/v1/reflection_wire.pb.h"
#include "runtime/auth/gbt2260_hierarchy.h"
#include "runtime/auth/region_authorization.h"
#include "runtime/grpc/correlation_ids.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/grpc/service_host.h"
#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using jindu::testing::SampleValue;
using jindu::testing::ScrapeMetrics;
using jindu::testing::v1::EchoRequest;
using jindu::testing::v1::EchoResponse;
using jindu::testing::v1::FailRequest;
using jindu::testing::v1::FailResponse;
using jindu::testing::v1::ProbeService;

constexpr char kProbeService[] = "jindu.testing.v1.ProbeService";
constexpr char kIssuer[] = "https://idp.test.jindu";
constexpr char kAudience[] = "jindu";
constexpr char kChangsha[] = "430100";       // the test principal's region scope
constexpr char kFuronDistrict[] = "430102";  // inside Changsha
constexpr char kZhuzhou[] = "430200";        // outside it

// ---------------------------------------------------------------------------------------------
// The probe service: every handler runs inside HandleCall, as a real service's would.

class ProbeServiceImpl final : public ProbeService::Service {
 public:
  explicit ProbeServiceImpl(const CallPolicy& policy) : policy_(policy) {}

  grpc::Status Echo(grpc::ServerContext* context, const EchoRequest* request,
                    EchoResponse* response) override {
    // Stands for time spent queued behind other calls, before any of our code runs.
    std::this_thread::sleep_for(std::chrono::milliseconds(request->queue_sleep_ms()));
    return HandleCall(context, policy_, [&](const CallContext& call) -> grpc::Status {
      return Respond(call, *request, response);
    });
  }

  grpc::Status PublicEcho(grpc::ServerContext* context, const EchoRequest* request,
                          EchoResponse* response) override {
    return HandleCall(context, policy_, {.public_method = true},
                      [&](const CallContext& call) { return Respond(call, *request, response); });
  }

  grpc::Status Fail(grpc::ServerContext* context, const FailRequest* request,
                    FailResponse*) override {
    return HandleCall(context, policy_, [&](const CallContext&) -> grpc::Status {
      ++handler_runs;
      if (request->throw_exception()) throw std::runtime_error(request->message());
      return grpc::Status(static_cast<grpc::StatusCode>(request->code()), request->message());
    });
  }

  std::atomic<int> handler_runs{0};
  std::atomic<int> sleeping_handlers{0};

 private:
  grpc::Status Respond(const CallContext& call, const EchoRequest& request,
                       EchoResponse* response) {
    ++handler_runs;
    if (!request.region_code().empty()) {
      grpc::Status allowed = AuthorizeRegion(call.principal(), request.region_code(), regions_);
      if (!allowed.ok()) return allowed;
    }
    response->set_remaining_ms(call.remaining().count());
    if (request.handler_sleep_ms() > 0) {
      ++sleeping_handlers;
      std::this_thread::sleep_for(std::chrono::milliseconds(request.handler_sleep_ms()));
    }
    response->set_message(request.message());
    response->set_subject(call.principal().subject);
    response->set_request_id(call.request_id());
    response->set_trace_id(call.trace_id());
    return grpc::Status::OK;
  }

  const CallPolicy& policy_;
  GbT2260Hierarchy regions_;
};

// ---------------------------------------------------------------------------------------------
// Clients: tokens, health, reflection, metrics.

struct TestKeys {
  dev_token::PemKeyPair trusted = dev_token::GenerateKeyPair(JwsAlgorithm::kRs256);
  dev_token::PemKeyPair stranger = dev_token::GenerateKeyPair(JwsAlgorithm::kRs256);
};

const TestKeys& Keys() {
  static const TestKeys* keys = new TestKeys();  // RSA generation is slow: once per process
  return *keys;
}

dev_token::DevTokenRequest TokenRequest() {
  dev_token::DevTokenRequest request;
  request.subject = "account-7f3a";
  request.roles = {"case_worker"};
  request.regions = {kChangsha};
  request.issuer = kIssuer;
  request.audience = kAudience;
  request.ttl = 1h;
  return request;
}

std::string ValidToken() {
  return dev_token::MintDevToken(
      TokenRequest(), dev_token::SigningKey::FromPrivateKeyPem(Keys().trusted.private_pem));
}

void Authorize(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata("authorization", "Bearer " + token);
}

HealthCheckResponse::ServingStatus CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                               const std::string& service,
                                               grpc::Status* status = nullptr) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status result =
      grpc::health::v1::Health::NewStub(channel)->Check(&context, request, &response);
  if (status != nullptr) *status = result;
  return result.ok() ? response.status() : HealthCheckResponse::UNKNOWN;
}

// One round of the reflection stream. The generated client stub is missing (see
// reflection_wire.proto), so this makes the call the way a generated stub does.
std::vector<jindu::testing::v1::ReflectionResponse> Reflect(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::vector<jindu::testing::v1::ReflectionRequest>& requests) {
  using jindu::testing::v1::ReflectionRequest;
  using jindu::testing::v1::ReflectionResponse;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  grpc::internal::RpcMethod method("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                   grpc::internal::RpcMethod::BIDI_STREAMING, channel);
  std::unique_ptr<grpc::ClientReaderWriter<ReflectionRequest, ReflectionResponse>> stream(
      grpc::internal::ClientReaderWriterFactory<ReflectionRequest, ReflectionResponse>::Create(
          channel.get(), method, &context));
  for (const ReflectionRequest& request : requests) stream->Write(request);
  stream->WritesDone();
  std::vector<ReflectionResponse> responses;
  ReflectionResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return responses;
}

std::map<std::string, std::string> ProbeLabels(const std::string& method) {
  return {{"grpc_service", kProbeService}, {"grpc_method", method}, {"grpc_type", "unary"}};
}

std::map<std::string, std::string> ProbeLabels(const std::string& method, const std::string& code) {
  auto labels = ProbeLabels(method);
  labels["grpc_code"] = code;
  return labels;
}

// ---------------------------------------------------------------------------------------------
// The fixture: a fresh host per test, its log captured.

class GrpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigureLogging("grpc-server-test", LogLevel::kDebug, &log_);
    settings_.service_name = "probe";
    settings_.server.listen_host = "127.0.0.1";
    settings_.server.grpc_port = 0;
    settings_.server.metrics_port = 0;
    settings_.server.max_message_bytes = 64 * 1024;
    settings_.server.drain_delay = 0s;
    settings_.server.drain_timeout = 10s;
    settings_.server.default_call_deadline = 3s;
    settings_.server.max_call_deadline = 5s;
    settings_.jwt.public_key_pems = {Keys().trusted.public_pem};
    settings_.jwt.issuer = kIssuer;
    settings_.jwt.audience = kAudience;
  }

  void TearDown() override {
    if (host_) host_->Drain();
    ConfigureLogging("jindu", LogLevel::kInfo);
  }

  // Settings may be changed before this.
  void StartHost() {
    std::string error;
    host_ = ServiceHost::Create(settings_, &error);
    ASSERT_NE(host_, nullptr) << error;
    probe_ = std::make_unique<ProbeServiceImpl>(host_->call_policy());
    ASSERT_TRUE(host_->Start({probe_.get()}, &error)) << error;
    ASSERT_NE(host_->grpc_port(), 0);
    ASSERT_NE(host_->metrics_port(), 0);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(host_->grpc_port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = ProbeService::NewStub(channel_);
  }

  grpc::Status Echo(const EchoRequest& request, EchoResponse* response, const std::string& token,
                    std::chrono::milliseconds timeout = 5s) {
    grpc::ClientContext context;
    if (!token.empty()) Authorize(context, token);
    context.set_deadline(std::chrono::system_clock::now() + timeout);
    return stub_->Echo(&context, request, response);
  }

  grpc::Status Echo(const std::string& message, const std::string& token = ValidToken()) {
    EchoRequest request;
    request.set_message(message);
    EchoResponse response;
    return Echo(request, &response, token);
  }

  grpc::Status Fail(grpc::StatusCode code, const std::string& message, bool throw_exception = false,
                    std::string* request_id = nullptr) {
    grpc::ClientContext context;
    Authorize(context, ValidToken());
    context.set_deadline(std::chrono::system_clock::now() + 5s);
    FailRequest request;
    request.set_code(code);
    request.set_message(message);
    request.set_throw_exception(throw_exception);
    FailResponse response;
    grpc::Status status = stub_->Fail(&context, request, &response);
    if (request_id != nullptr) {
      auto echoed = context.GetServerInitialMetadata().find("x-request-id");
      *request_id = echoed == context.GetServerInitialMetadata().end()
                        ? ""
                        : std::string(echoed->second.data(), echoed->second.size());
    }
    return status;
  }

  // A call to a method the server does not have, as a newer or hostile client might make.
  grpc::Status CallUnknownMethod(const std::string& path) {
    grpc::GenericStub generic(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 5s);
    grpc::Slice payload("x");
    grpc::ByteBuffer request(&payload, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    generic.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                      [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }

  // A call whose request message is the given bytes, whatever they are.
  grpc::Status CallRaw(const std::string& path, const std::string& bytes) {
    grpc::GenericStub generic(channel_);
    grpc::ClientContext context;
    Authorize(context, ValidToken());
    context.set_deadline(std::chrono::system_clock::now() + 5s);
    grpc::Slice payload(bytes);
    grpc::ByteBuffer request(&payload, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    generic.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                      [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }

  // The log so far. Only call once the host has drained: server threads write to it.
  std::string DrainedLog() {
    host_->Drain();
    return log_.str();
  }

  CommonSettings settings_;
  std::ostringstream log_;
  // Declared before the host, so destroyed after it: the server serves the probe until it stops.
  std::unique_ptr<ProbeServiceImpl> probe_;
  std::unique_ptr<ServiceHost> host_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<ProbeService::Stub> stub_;
};

// ---------------------------------------------------------------------------------------------
// Health, reflection, metrics.

TEST_F(GrpcServerTest, HealthReportsServingForTheServerAndEachService) {
  StartHost();
  EXPECT_EQ(CheckHealth(channel_, ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(channel_, kProbeService), HealthCheckResponse::SERVING);
  grpc::Status status;
  CheckHealth(channel_, "jindu.testing.v1.NoSuchService", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(GrpcServerTest, ReflectionListsAndDescribesTheServices) {
  StartHost();
  jindu::testing::v1::ReflectionRequest list;
  list.set_list_services("*");
  jindu::testing::v1::ReflectionRequest describe;
  describe.set_file_containing_symbol(kProbeService);
  auto responses = Reflect(channel_, {list, describe});
  ASSERT_EQ(responses.size(), 2u);

  std::vector<std::string> services;
  for (const auto& service : responses[0].list_services_response().service()) {
    services.push_back(service.name());
  }
  EXPECT_NE(std::find(services.begin(), services.end(), kProbeService), services.end());
  EXPECT_NE(std::find(services.begin(), services.end(), "grpc.health.v1.Health"), services.end());

  ASSERT_TRUE(responses[1].has_file_descriptor_response())
      << responses[1].error_response().error_message();
  google::protobuf::FileDescriptorProto file;
  ASSERT_TRUE(
      file.ParseFromString(responses[1].file_descriptor_response().file_descriptor_proto(0)));
  EXPECT_EQ(file.name(), "jindu/testing/v1/probe.proto");
  ASSERT_EQ(file.service_size(), 1);
  EXPECT_EQ(file.service(0).name(), "ProbeService");
}

// grpcurl, as an operator would use it: it learns the API from reflection alone. Installed by
// tools/setup.sh; skipped where it is not.
std::string GrpcurlPath() {
  const char* cache = std::getenv("JINDU_CACHE_DIR");
  const char* home = std::getenv("HOME");
  std::string dir =
      cache != nullptr ? cache : std::string(home != nullptr ? home : "") + "/.cache/jindu";
  return dir + "/bin/grpcurl";
}

// Runs a shell command; returns its standard output and sets *exit_code.
std::string RunCommand(const std::string& command, int* exit_code) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return output;
  }
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) output.append(buffer, n);
  *exit_code = pclose(pipe);
  return output;
}

TEST_F(GrpcServerTest, GrpcurlListsAndCallsThroughReflection) {
  std::string grpcurl = GrpcurlPath();
  if (access(grpcurl.c_str(), X_OK) != 0) GTEST_SKIP() << "no grpcurl at " << grpcurl;
  StartHost();
  std::string address = "127.0.0.1:" + std::to_string(host_->grpc_port());
  int exit_code = 0;
  std::string services = RunCommand(grpcurl + " -plaintext " + address + " list", &exit_code);
  EXPECT_EQ(exit_code, 0) << services;
  EXPECT_NE(services.find(kProbeService), std::string::npos) << services;

  std::string echoed = RunCommand(grpcurl + " -plaintext -H 'authorization: Bearer " +
                                      ValidToken() + "' -d '{\"message\": \"via grpcurl\"}' " +
                                      address + " " + kProbeService + "/Echo",
                                  &exit_code);
  EXPECT_EQ(exit_code, 0) << echoed;
  EXPECT_NE(echoed.find("\"message\": \"via grpcurl\""), std::string::npos) << echoed;
  EXPECT_NE(echoed.find("\"subject\": \"account-7f3a\""), std::string::npos) << echoed;
}

TEST_F(GrpcServerTest, MetricsCountEveryCallByMethodAndCode) {
  StartHost();
  std::string before = ScrapeMetrics(host_->metrics_port());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Echo("hello").ok());
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Fail(grpc::StatusCode::INVALID_ARGUMENT, "bad").error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  EXPECT_EQ(Echo("no token", "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // Made-up methods are counted under one label set, however many a client invents.
  for (std::string path : {"/jindu.testing.v1.ProbeService/Nope", "/x.Y/Z", "garbage"}) {
    EXPECT_EQ(CallUnknownMethod(path).error_code(), grpc::StatusCode::UNIMPLEMENTED) << path;
  }
  std::string after = ScrapeMetrics(host_->metrics_port());

  auto delta = [&](const std::string& name, const std::map<std::string, std::string>& labels) {
    return SampleValue(after, name, labels) - SampleValue(before, name, labels);
  };
  EXPECT_EQ(delta("grpc_server_handled_total", ProbeLabels("Echo", "OK")), 3);
  EXPECT_EQ(delta("grpc_server_handled_total", ProbeLabels("Echo", "UNAUTHENTICATED")), 1);
  EXPECT_EQ(delta("grpc_server_handled_total", ProbeLabels("Fail", "INVALID_ARGUMENT")), 2);
  EXPECT_EQ(delta("grpc_server_handled_total", ProbeLabels("Fail", "OK")), 0);
  EXPECT_EQ(delta("grpc_server_started_total", ProbeLabels("Echo")), 4);
  EXPECT_EQ(delta("grpc_server_handling_seconds_count", ProbeLabels("Echo")), 4);
  EXPECT_EQ(delta("grpc_server_handled_total", {{"grpc_service", "unknown"},
                                                {"grpc_method", "unknown"},
                                                {"grpc_code", "UNIMPLEMENTED"}}),
            3);
  EXPECT_EQ(after.find("Nope"), std::string::npos);
  EXPECT_EQ(after.find("x.Y"), std::string::npos);
  EXPECT_GT(SampleValue(after, "grpc_server_handling_seconds_bucket",
                        {{"grpc_method", "Echo"}, {"le", "+Inf"}}),
            0);

  // Process and build metrics come with every scrape.
  EXPECT_GT(SampleValue(after, "process_resident_memory_bytes"), 0);
  EXPECT_GT(SampleValue(after, "process_open_fds"), 0);
  EXPECT_GT(SampleValue(after, "process_threads"), 0);
  EXPECT_GT(SampleValue(after, "process_start_time_seconds"), 1.6e9);
  EXPECT_GE(SampleValue(after, "process_cpu_seconds_total"), 0);
  EXPECT_EQ(SampleValue(after, "jindu_build_info", {{"service", "probe"}}), 1);
}

// ---------------------------------------------------------------------------------------------
// Authentication and authorisation.

TEST_F(GrpcServerTest, ValidTokenIsAcceptedAndBecomesThePrincipal) {
  StartHost();
  EchoRequest request;
  request.set_message("hi");
  EchoResponse response;
  grpc::Status status = Echo(request, &response, ValidToken());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.message(), "hi");
  EXPECT_EQ(response.subject(), "account-7f3a");
}

TEST_F(GrpcServerTest, BadTokensAreUnauthenticated) {
  StartHost();
  const auto trusted = dev_token::SigningKey::FromPrivateKeyPem(Keys().trusted.private_pem);
  const auto stranger = dev_token::SigningKey::FromPrivateKeyPem(Keys().stranger.private_pem);
  // Key confusion: HS256 "signed" with the RS256 public key a verifier might treat as a secret.
  const auto confused = dev_token::SigningKey::FromHs256Secret(Keys().trusted.public_pem);
  const auto two_hours_ago = std::chrono::system_clock::now() - 2h;

  std::map<std::string, std::string> tokens = {
      {"missing", ""},
      {"expired", dev_token::MintDevToken(TokenRequest(), trusted, two_hours_ago)},
      {"wrongly signed", dev_token::MintDevToken(TokenRequest(), stranger)},
      {"HS256 with the public key", dev_token::MintDevToken(TokenRequest(), confused)},
      {"garbage", "not.a.jwt"},
  };
  for (const auto& [kind, token] : tokens) {
    grpc::Status status = Echo("hi", token);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << kind;
  }
  EXPECT_EQ(probe_->handler_runs, 0);
}

TEST_F(GrpcServerTest, PublicMethodsNeedNoToken) {
  StartHost();
  grpc::ClientContext context;
  EchoRequest request;
  request.set_message("open");
  EchoResponse response;
  grpc::Status status = stub_->PublicEcho(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.message(), "open");
  EXPECT_EQ(response.subject(), "");
}

TEST_F(GrpcServerTest, RegionsOutsideThePrincipalsScopeAreDenied) {
  StartHost();
  EchoRequest request;
  EchoResponse response;
  request.set_region_code(kFuronDistrict);
  EXPECT_TRUE(Echo(request, &response, ValidToken()).ok());
  request.set_region_code(kZhuzhou);
  EXPECT_EQ(Echo(request, &response, ValidToken()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// ---------------------------------------------------------------------------------------------
// Deadlines.

TEST_F(GrpcServerTest, CallPastItsDeadlineNeverReachesTheHandler) {
  StartHost();
  // Already expired when sent: the client library gives up without sending.
  grpc::ClientContext context;
  Authorize(context, ValidToken());
  context.set_deadline(std::chrono::system_clock::now() - 1s);
  EchoRequest request;
  EchoResponse response;
  EXPECT_EQ(stub_->Echo(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);

  // Expired while queued on the server: HandleCall refuses it before the handler runs.
  std::string before = ScrapeMetrics(host_->metrics_port());
  request.set_queue_sleep_ms(600);
  EXPECT_EQ(Echo(request, &response, ValidToken(), 200ms).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  auto counted = [&] {
    return SampleValue(ScrapeMetrics(host_->metrics_port()), "grpc_server_handled_total",
                       ProbeLabels("Echo", "DEADLINE_EXCEEDED")) -
           SampleValue(before, "grpc_server_handled_total",
                       ProbeLabels("Echo", "DEADLINE_EXCEEDED"));
  };
  for (auto stop = std::chrono::steady_clock::now() + 5s;
       counted() < 1 && std::chrono::steady_clock::now() < stop;) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(counted(), 1);
  EXPECT_EQ(probe_->handler_runs, 0);
}

TEST_F(GrpcServerTest, HandlerBudgetIsTheDefaultOrBoundedByTheMaximum) {
  StartHost();
  EchoRequest request;
  EchoResponse response;

  grpc::ClientContext no_deadline;
  Authorize(no_deadline, ValidToken());
  ASSERT_TRUE(stub_->Echo(&no_deadline, request, &response).ok());
  EXPECT_GT(response.remaining_ms(), 2000);  // default: 3 s
  EXPECT_LE(response.remaining_ms(), 3000);

  ASSERT_TRUE(Echo(request, &response, ValidToken(), 1h).ok());
  EXPECT_GT(response.remaining_ms(), 4000);  // maximum: 5 s
  EXPECT_LE(response.remaining_ms(), 5000);

  ASSERT_TRUE(Echo(request, &response, ValidToken(), 1500ms).ok());
  // The client's own, when shorter (give or take the rounding of the grpc-timeout header).
  EXPECT_LE(response.remaining_ms(), 1600);
}

// ---------------------------------------------------------------------------------------------
// Failures, sizes, correlation ids, access log.

TEST_F(GrpcServerTest, StatusCodesPassThroughUnchanged) {
  StartHost();
  grpc::Status status = Fail(grpc::StatusCode::FAILED_PRECONDITION, "case is closed");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "case is closed");
}

TEST_F(GrpcServerTest, ThrowingHandlerIsInternalWithoutLeakingTheException) {
  StartHost();
  std::string request_id;
  grpc::Status status =
      Fail(grpc::StatusCode::OK, "secret detail 4711", /*throw_exception=*/true, &request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ASSERT_FALSE(request_id.empty());
  EXPECT_EQ(status.error_message(), "internal error (request id " + request_id + ")");
  EXPECT_EQ(status.error_message().find("4711"), std::string::npos);

  // The server still answers, and the exception is in the server's log under that request id.
  EXPECT_TRUE(Echo("still alive").ok());
  std::string log = DrainedLog();
  std::istringstream lines(log);
  bool found = false;
  for (std::string line; std::getline(lines, line);) {
    auto entry = nlohmann::json::parse(line);
    if (entry["msg"] == "handler threw") {
      found = true;
      EXPECT_EQ(entry["request_id"], request_id);
      EXPECT_EQ(entry["exception"], "secret detail 4711");
      EXPECT_EQ(entry["exception_type"], "std::runtime_error");
    }
  }
  EXPECT_TRUE(found) << log;
}

TEST_F(GrpcServerTest, OversizeMessageIsResourceExhausted) {
  StartHost();
  EXPECT_EQ(Echo(std::string(100 * 1024, 'x')).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(Echo(std::string(32 * 1024, 'x')).ok());
}

// gRPC itself answers a request that does not parse with INTERNAL; the server turns that into the
// caller's error, and counts it as such.
TEST_F(GrpcServerTest, UnparsableRequestIsInvalidArgument) {
  StartHost();
  const std::string path = std::string("/") + kProbeService + "/Echo";
  for (const std::string& bytes : {std::string("\x0a\x05"
                                               "ab",
                                               4),
                                   std::string("\x0f\x01", 2), std::string("\x08\xff", 2)}) {
    const grpc::Status status = CallRaw(path, bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  }
  // A well-formed body still reaches the handler.
  EXPECT_TRUE(CallRaw(path, std::string("\x0a\x02"
                                        "hi",
                                        4))
                  .ok());
  const std::string metrics = ScrapeMetrics(host_->metrics_port());
  EXPECT_EQ(
      SampleValue(metrics, "grpc_server_handled_total", ProbeLabels("Echo", "INVALID_ARGUMENT")),
      3);
  EXPECT_EQ(SampleValue(metrics, "grpc_server_handled_total", ProbeLabels("Echo", "INTERNAL")), 0);
}

TEST_F(GrpcServerTest, RequestAndTraceIdsReachTheHandlerTheResponseAndTheAccessLog) {
  StartHost();
  const std::string trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  grpc::ClientContext context;
  Authorize(context, ValidToken());
  context.AddMetadata("x-request-id", "req-123");
  context.AddMetadata("traceparent", "00-" + trace_id + "-00f067aa0ba902b7-01");
  EchoRequest request;
  EchoResponse response;
  ASSERT_TRUE(stub_->Echo(&context, request, &response).ok());
  EXPECT_EQ(response.request_id(), "req-123");
  EXPECT_EQ(response.trace_id(), trace_id);
  auto echoed = context.GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()), "req-123");

  // A request id that could forge log lines is replaced, not logged.
  grpc::ClientContext hostile;
  Authorize(hostile, ValidToken());
  hostile.AddMetadata("x-request-id", "evil\",\"level\":\"error");
  ASSERT_TRUE(stub_->Echo(&hostile, request, &response).ok());
  EXPECT_EQ(response.request_id().size(), 36u);  // a fresh UUID
  EXPECT_EQ(response.trace_id(), "");

  std::string log = DrainedLog();
  std::istringstream lines(log);
  int access_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    auto entry = nlohmann::json::parse(line);
    if (entry["msg"] != "call finished" || entry["grpc_method"] != "Echo") continue;
    ++access_lines;
    EXPECT_EQ(entry["grpc_service"], kProbeService);
    EXPECT_EQ(entry["grpc_code"], "OK");
    EXPECT_TRUE(entry["duration_ms"].is_number());
    EXPECT_EQ(entry["service"], "grpc-server-test");
    if (access_lines == 1) {
      EXPECT_EQ(entry["request_id"], "req-123");
      EXPECT_EQ(entry["trace_id"], trace_id);
    } else {
      EXPECT_EQ(entry["request_id"], response.request_id());
      EXPECT_FALSE(entry.contains("trace_id"));
    }
  }
  EXPECT_EQ(access_lines, 2) << log;
  EXPECT_EQ(log.find("evil"), std::string::npos);
}

// At info (production's level) the access log keeps the calls an operator acts on: every call that
// failed, and successful ones only when slow. A fast successful call writes nothing at info.
TEST_F(GrpcServerTest, AtInfoTheAccessLogHasFailedAndSlowCallsOnly) {
  ConfigureLogging("grpc-server-test", LogLevel::kInfo, &log_);
  StartHost();
  ASSERT_TRUE(Echo("fast").ok());
  ASSERT_EQ(Echo("refused", "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EchoRequest slow;
  slow.set_handler_sleep_ms(1100);
  EchoResponse response;
  ASSERT_TRUE(Echo(slow, &response, ValidToken()).ok());

  std::string log = DrainedLog();
  std::istringstream lines(log);
  std::vector<std::string> codes;
  for (std::string line; std::getline(lines, line);) {
    auto entry = nlohmann::json::parse(line);
    if (entry["msg"] != "call finished" || entry["grpc_method"] != "Echo") continue;
    EXPECT_EQ(entry["level"], "info") << line;
    codes.push_back(entry["grpc_code"]);
    if (entry["grpc_code"] == "OK") {
      EXPECT_GE(entry["duration_ms"].get<double>(), 1000) << line;
    }
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"UNAUTHENTICATED", "OK"})) << log;
}

// ---------------------------------------------------------------------------------------------
// Start-up failures are answered, not crashed on.

TEST_F(GrpcServerTest, UnusableJwtSettingsStopCreation) {
  settings_.jwt.public_key_pems = {"not a key"};
  std::string error;
  EXPECT_EQ(ServiceHost::Create(settings_, &error), nullptr);
  EXPECT_TRUE(error.starts_with("JWT settings: ")) << error;
}

TEST_F(GrpcServerTest, TakenPortsAreReported) {
  StartHost();
  std::string error;
  CommonSettings same_grpc_port = settings_;
  same_grpc_port.server.grpc_port = host_->grpc_port();
  auto second = ServiceHost::Create(same_grpc_port, &error);
  ASSERT_NE(second, nullptr) << error;
  ProbeServiceImpl probe(second->call_policy());
  EXPECT_FALSE(second->Start({&probe}, &error));
  EXPECT_EQ(error, "cannot serve gRPC on 127.0.0.1:" + std::to_string(host_->grpc_port()));

  CommonSettings same_metrics_port = settings_;
  same_metrics_port.server.metrics_port = host_->metrics_port();
  auto third = ServiceHost::Create(same_metrics_port, &error);
  ASSERT_NE(third, nullptr) << error;
  EXPECT_FALSE(third->Start({&probe}, &error));
  EXPECT_TRUE(error.starts_with("cannot serve metrics on 127.0.0.1:" +
                                std::to_string(host_->metrics_port())))
      << error;

  // The first host is unharmed.
  EXPECT_TRUE(Echo("still mine").ok());
}

TEST(CorrelationIdsTest, OnlyWellFormedIdsAreKept) {
  EXPECT_TRUE(IsAcceptableRequestId("req-123"));
  EXPECT_TRUE(IsAcceptableRequestId("3f2c9a1e-7b4d-4e0a-9c1b-2d3e4f5a6b7c"));
  EXPECT_FALSE(IsAcceptableRequestId(""));
  EXPECT_FALSE(IsAcceptableRequestId(std::string(129, 'a')));
  EXPECT_FALSE(IsAcceptableRequestId("has space"));
  EXPECT_FALSE(IsAcceptableRequestId("quote\""));

  const std::string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
  EXPECT_EQ(TraceIdFromTraceparent("00-" + trace + "-00f067aa0ba902b7-01"), trace);
  EXPECT_EQ(TraceIdFromTraceparent("01-" + trace + "-00f067aa0ba902b7-01-future"), trace);
  EXPECT_EQ(TraceIdFromTraceparent(""), "");
  EXPECT_EQ(TraceIdFromTraceparent("00-" + trace + "-00f067aa0ba902b7-01-extra"), "");
  EXPECT_EQ(TraceIdFromTraceparent("ff-" + trace + "-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(TraceIdFromTraceparent("00-" + std::string(32, '0') + "-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(TraceIdFromTraceparent("00-" + trace + "-0000000000000000-01"), "");
  EXPECT_EQ(TraceIdFromTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"), "");
}

// ---------------------------------------------------------------------------------------------
// Drain.

TEST_F(GrpcServerTest, DrainTurnsHealthNotServingBeforeRefusingCalls) {
  settings_.server.drain_delay = 1500ms;
  StartHost();
  ASSERT_EQ(CheckHealth(channel_, kProbeService), HealthCheckResponse::SERVING);

  std::thread drain([&] { host_->Drain(); });
  while (!host_->draining()) std::this_thread::sleep_for(5ms);
  // During the drain delay: still answering, but telling balancers to go elsewhere.
  EXPECT_EQ(CheckHealth(channel_, ""), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(channel_, kProbeService), HealthCheckResponse::NOT_SERVING);
  EXPECT_TRUE(Echo("late but accepted").ok());
  drain.join();

  EXPECT_EQ(Echo("too late").error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(GrpcServerTest, InFlightCallFinishesWhileNewCallsAreRefused) {
  StartHost();
  auto slow = std::async(std::launch::async, [&] {
    EchoRequest request;
    request.set_message("slow");
    request.set_handler_sleep_ms(1500);
    EchoResponse response;
    grpc::Status status = Echo(request, &response, ValidToken());
    return status.ok() ? response.message() : "failed: " + status.error_message();
  });
  while (probe_->sleeping_handlers == 0) std::this_thread::sleep_for(5ms);

  std::thread drain([&] { host_->Drain(); });
  grpc::Status refused;
  for (auto stop = std::chrono::steady_clock::now() + 5s;
       std::chrono::steady_clock::now() < stop;) {
    refused = Echo("new");
    if (refused.error_code() == grpc::StatusCode::UNAVAILABLE) break;
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(slow.get(), "slow");
  drain.join();
}

TEST_F(GrpcServerTest, HealthWatchersDoNotHoldUpTheDrain) {
  StartHost();
  grpc::ClientContext context;
  HealthCheckRequest request;
  auto health = grpc::health::v1::Health::NewStub(channel_);
  auto watch = health->Watch(&context, request);
  HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));
  EXPECT_EQ(update.status(), HealthCheckResponse::SERVING);

  auto started = std::chrono::steady_clock::now();
  std::thread drain([&] { host_->Drain(); });
  // The watcher hears NOT_SERVING, unless the stream's end overtakes it; either way the stream
  // ends, so the drain need not wait for it.
  while (watch->Read(&update)) EXPECT_EQ(update.status(), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::CANCELLED);
  drain.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);  // drain timeout: 10 s
}

TEST_F(GrpcServerTest, SigtermDrainsAndRunReturns) {
  StartHost();
  // Until Run() installs its handler, SIGTERM must not kill the test process.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction previous {};
  sigaction(SIGTERM, &ignore, &previous);

  auto run = std::async(std::launch::async, [&] { host_->Run(); });
  while (run.wait_for(20ms) != std::future_status::ready) kill(getpid(), SIGTERM);
  EXPECT_TRUE(host_->draining());
  EXPECT_EQ(Echo("after").error_code(), grpc::StatusCode::UNAVAILABLE);
  sigaction(SIGTERM, &previous, nullptr);
}

}  // namespace
}  // namespace jindu::runtime
