#pragma once

// The settings every jindu service shares, declared once here so that the four services name,
// default and validate them identically. A service declares its own settings beside them:
//
//   SettingsSchema schema("casework", "Case management for community drug rehabilitation.");
//   DeclareCommonSettings(schema, {.service_name = "casework", .grpc_port = 50052,
//                                  .metrics_port = 9102});
//   schema.Int("page-size-limit", "Largest page a List call returns.").Default("500");
//   Settings settings = LoadSettingsOrExit(schema, argc, argv);
//   CommonSettings common = CommonSettings::FromSettings(settings);
//
// The structs' member defaults are the declared defaults, so a test can build a CommonSettings
// directly and change only what it needs.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"
#include "runtime/config/tls_settings.h"
#include "runtime/logging/logger.h"

namespace jindu::runtime {

// How the gRPC server listens, bounds calls and stops.
struct ServerSettings {
  std::string listen_host = "0.0.0.0";
  int grpc_port = 50051;                    // 0 picks a free port
  int metrics_port = 9464;                  // Prometheus /metrics; 0 picks a free port
  int max_message_bytes = 4 * 1024 * 1024;  // largest request or response message
  // After SIGTERM: how long health reports NOT_SERVING while calls are still accepted (so load
  // balancers stop routing here first), then how long in-flight calls get to finish.
  std::chrono::milliseconds drain_delay = std::chrono::seconds(0);
  std::chrono::milliseconds drain_timeout = std::chrono::seconds(25);
  // The time budget of a call whose client set no deadline, and the most any call may have.
  std::chrono::milliseconds default_call_deadline = std::chrono::seconds(10);
  std::chrono::milliseconds max_call_deadline = std::chrono::seconds(60);
};

// How callers' bearer JWTs are verified (see runtime/auth/token_verifier.h).
struct JwtSettings {
  std::vector<std::string> public_key_pems;  // one entry per PEM block of --jwt-public-keys
  std::string issuer;
  std::string audience;
  std::chrono::seconds leeway = std::chrono::seconds(30);
  std::string dev_hs256_secret;  // development only, with allow_dev_hs256
  bool allow_dev_hs256 = false;
};

struct CommonSettings {
  std::string service_name;
  LogLevel log_level = LogLevel::kInfo;
  ServerSettings server;
  TlsSettings tls;  // see tls_settings.h: the gRPC server's certificate and client CA
  JwtSettings jwt;
  std::string postgres_url;     // libpq connection URI
  std::string kafka_bootstrap;  // host:port[,host:port...]
  std::string redis_address;    // host:port

  // Reads the settings DeclareCommonSettings declared.
  static CommonSettings FromSettings(const Settings& settings);
};

// Per-service defaults of the shared settings: each service gets its own ports so all four can run
// side by side on one machine.
struct CommonDefaults {
  std::string service_name;
  int grpc_port = ServerSettings{}.grpc_port;
  int metrics_port = ServerSettings{}.metrics_port;
};

void DeclareCommonSettings(SettingsSchema& schema, const CommonDefaults& defaults);

// The PEM blocks ("-----BEGIN ...-----" to "-----END ...-----") in text, in order. Text without
// any block comes back whole, for the verifier to reject with its own message.
std::vector<std::string> SplitPemBlocks(std::string_view text);

}  // namespace jindu::runtime
