#pragma once
// A jindu service binary started for a test against the shared PostgreSQL, Redis and Kafka, with
// its own database, ports and JWT key pair; and tokens to call it with. Stopped (SIGTERM, then
// SIGKILL) when destroyed.
//
//   auto service = ServiceProcess::Start("services/registration/jindu-registration", "reg_test");
//   auto stub = RegionService::NewStub(service->Channel());
//   grpc::ClientContext context;
//   service->Authorize(&context, {.subject = "admin", .roles = {"province_admin"},
//                                 .regions = {"430000"}});
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/child_process.h"

namespace jindu::testing {

struct TestCaller {
  std::string subject = "tester";
  std::vector<std::string> roles;
  std::vector<std::string> regions;
};

class ServiceProcess {
 public:
  // `binary` relative to the build directory; `database` a fresh database name. Waits until the
  // service reports SERVING (fails the test with the service's log otherwise). `credentials`: how
  // Channel() (and the wait) connects, plaintext when null; TLS tests pass grpc::SslCredentials.
  static std::unique_ptr<ServiceProcess> Start(
      const std::string& binary, const std::string& database,
      const std::map<std::string, std::string>& extra_environment = {},
      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);
  // Starts the process without waiting; AwaitServing waits. Several services start side by side
  // this way (their start-ups overlap).
  static std::unique_ptr<ServiceProcess> Launch(
      const std::string& binary, const std::string& database,
      const std::map<std::string, std::string>& extra_environment = {},
      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);
  void AwaitServing();
  ~ServiceProcess();

  std::shared_ptr<grpc::Channel> Channel() const { return channel_; }
  // A fresh context with a deadline and the caller's bearer token.
  std::unique_ptr<grpc::ClientContext> Context(
      const TestCaller& caller, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;
  std::string Token(const TestCaller& caller) const;
  // The service's trusted key pair (ES256), for tests that forge tokens around it; and the issuer
  // and audience it requires.
  const std::string& private_key_pem() const { return private_key_pem_; }
  const std::string& public_key_pem() const { return public_key_pem_; }
  static const char* Issuer();
  static const char* Audience();

  const std::string& postgres_url() const { return postgres_url_; }
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  std::string Log() const;
  // SIGTERM and wait; returns the exit status.
  int Stop();
  // SIGTERM without waiting (Stop or the destructor waits): several services drain side by side.
  void BeginStop();
  // Faults for reliability scenarios. Kill: SIGKILL and reap (a crash: no drain, nothing
  // flushed). Restart: the same binary again on the same database and ports after a Stop or Kill
  // (stopping it first, drained, when it still runs), with its environment changed by `changes`
  // (an empty value removes the variable: an operator's restart after editing a setting, e.g. a
  // new key file); tokens and Channel() stay valid. Waits until SERVING (fails the test with the
  // log otherwise). The log file is appended to, so Log() holds every run's lines.
  void Kill();
  void Restart(const std::map<std::string, std::string>& changes = {});
  bool Running() { return process_ != nullptr && process_->Running(); }
  // The service's process id (0 when not started), e.g. for a profiler to attach to.
  pid_t pid() const { return process_ != nullptr ? process_->pid() : 0; }
  // The value of a variable of the environment it runs with ("" when unset), e.g. the
  // JINDU_FIELD_KEYS the harness generated, which a rotation keeps as the older key.
  std::string EnvironmentValue(const std::string& name) const {
    auto found = environment_.find(name);
    return found == environment_.end() ? "" : found->second;
  }

 private:
  ServiceProcess() = default;
  bool WaitServing(std::chrono::milliseconds timeout) const;

  std::unique_ptr<ChildProcess> process_;
  std::string binary_;
  std::map<std::string, std::string> environment_;  // kept for Restart
  bool stopping_ = false;
  std::shared_ptr<grpc::Channel> channel_;
  std::string postgres_url_;
  std::string log_path_;
  std::string private_key_pem_;
  std::string public_key_pem_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
};

}  // namespace jindu::testing
