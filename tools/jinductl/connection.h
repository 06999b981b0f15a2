#pragma once
// Where the four services are and how to call them: addresses from flags, environment and
// defaults; the bearer token; a deadline on every call; failures turned into RpcFailure.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "jinductl/errors.h"

namespace jindu::jinductl {

enum class Service { kRegistration, kCasework, kPublicity, kReporting };

// "registration", ...
const char* ServiceName(Service service);

// TLS towards the services (they serve TLS when given a certificate, and require a client
// certificate when given a client CA). Off unless asked for.
struct TlsSettings {
  bool enabled = false;
  std::string ca_file;      // PEM roots; empty = the system's
  std::string cert_file;    // client certificate chain (mutual TLS)
  std::string key_file;     // its private key
  std::string server_name;  // expected name in the server's certificate, when not the host
};

struct ConnectionSettings {
  std::map<Service, std::string> addresses;  // host:port
  TlsSettings tls;
  std::optional<std::string> token;  // nullopt: none found anywhere
  std::chrono::milliseconds timeout{30000};
};

// Resolves flags (`--server`, `--<service>-addr`, `--token`, `--timeout`, `--tls*`), then the
// environment (JINDU_SERVER, JINDU_<SERVICE>_ADDR, JINDU_TOKEN, JINDUCTL_TLS_*: not JINDU_TLS_*,
// which name the services' own server certificate), then the saved token
// and the defaults (127.0.0.1, ports 50061..50064, 30 s, plaintext). Throws UsageError on a bad
// --timeout or an incomplete client certificate.
ConnectionSettings ResolveConnectionSettings(const std::map<std::string, std::string>& flags,
                                             const std::string& config_directory);

// Parses "30", "30s", "1500ms", "2m" (flag named for the message). Throws UsageError.
std::chrono::milliseconds ParseDuration(const std::string& flag, const std::string& text);

class Connection {
 public:
  explicit Connection(ConnectionSettings settings) : settings_(std::move(settings)) {}

  std::shared_ptr<grpc::Channel> Channel(Service service);
  const std::string& Address(Service service) const { return settings_.addresses.at(service); }

  // Calls `call(context)` with a fresh context carrying the deadline and the token; throws
  // RpcFailure on a non-OK status and CommandFailure (exit 3) when there is no token.
  template <typename Call>
  void Invoke(Service service, Call&& call) {
    grpc::ClientContext context;
    Prepare(&context, RequireToken());
    grpc::Status status = call(&context);
    if (!status.ok()) throw RpcFailure(status, ServiceName(service), Address(service));
  }
  // The same with a given token (login checks a token before saving it).
  template <typename Call>
  void InvokeWithToken(Service service, const std::string& token, Call&& call) {
    grpc::ClientContext context;
    Prepare(&context, token);
    grpc::Status status = call(&context);
    if (!status.ok()) throw RpcFailure(status, ServiceName(service), Address(service));
  }

  // For streaming calls that manage their own context.
  void Prepare(grpc::ClientContext* context, const std::string& token) const;
  const std::string& RequireToken() const;
  const std::optional<std::string>& token() const { return settings_.token; }

 private:
  std::shared_ptr<grpc::ChannelCredentials> Credentials();

  ConnectionSettings settings_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  std::map<Service, std::shared_ptr<grpc::Channel>> channels_;
};

}  // namespace jindu::jinductl
