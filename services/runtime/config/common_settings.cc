#include "runtime/config/common_settings.h"

#include "runtime/config/validators.h"

namespace jindu::runtime {

using namespace std::chrono_literals;

void DeclareCommonSettings(SettingsSchema& schema, const CommonDefaults& defaults) {
  const ServerSettings server;
  const JwtSettings jwt;

  schema.String("service-name", "Name on every log line and metric.")
      .Default(defaults.service_name)
      .Validate(NotEmpty());
  schema.String("log-level", "Lowest level logged: debug, info, warn or error.")
      .Default("info")
      .Validate(OneOf({"debug", "info", "warn", "error"}));

  schema.String("listen-host", "Address the gRPC server and the metrics endpoint bind to.")
      .Default(server.listen_host)
      .Validate(NotEmpty());
  schema.Int("grpc-port", "Port of the gRPC server; 0 picks a free one.")
      .Default(std::to_string(defaults.grpc_port))
      .Validate(PortNumber());
  schema.Int("metrics-port", "Port of the Prometheus /metrics endpoint; 0 picks a free one.")
      .Default(std::to_string(defaults.metrics_port))
      .Validate(PortNumber());
  schema
      .Bool("benchmark-call-metrics",
            "Benchmarks only (tests/bench): false leaves out the per-call gRPC server metrics to "
            "measure their cost (runtime/grpc/call_metrics_switch.h). Never false in production.")
      .Default("true");
  schema
      .Bool(
          "benchmark-skip-outbox",
          "Benchmarks only (tests/bench): true writes no domain event to the outbox (nothing "
          "reaches Kafka) to measure the outbox's cost (runtime/outbox/outbox_benchmark_switch.h). "
          "Never true in production.")
      .Default("false");
  schema.Int("max-message-bytes", "Largest gRPC request or response message, in bytes.")
      .Default(std::to_string(server.max_message_bytes))
      .Validate(IntRange(1024, 256 * 1024 * 1024));
  schema
      .Duration("drain-delay",
                "After SIGTERM, how long health reports NOT_SERVING before new calls are refused.")
      .Default(FormatDuration(server.drain_delay))
      .Validate(DurationRange(0s, 5min));
  schema
      .Duration("drain-timeout",
                "Then how long in-flight calls get to finish before they are cancelled.")
      .Default(FormatDuration(server.drain_timeout))
      .Validate(DurationRange(0s, 10min));
  schema.Duration("default-call-deadline", "Time budget of a call whose client set no deadline.")
      .Default(FormatDuration(server.default_call_deadline))
      .Validate(DurationRange(1ms, 1h));
  schema.Duration("max-call-deadline", "Longest time budget any call gets.")
      .Default(FormatDuration(server.max_call_deadline))
      .Validate(DurationRange(1ms, 24h));
  DeclareTlsSettings(schema);
  schema.Check([](const Settings& settings) -> std::string {
    if (settings.GetDuration("max-call-deadline") >=
        settings.GetDuration("default-call-deadline")) {
      return "";
    }
    return "--max-call-deadline is shorter than --default-call-deadline";
  });

  schema.String("postgres-url", "libpq connection URI of the service's database.")
      .Required()
      .Secret();
  schema.String("kafka-bootstrap", "Kafka bootstrap servers, host:port[,host:port...].")
      .Required()
      .Validate(NotEmpty());
  schema.String("redis-address", "Redis server, host:port.").Required().Validate(NotEmpty());

  schema.String("jwt-public-keys", "PEM public keys (RSA or EC P-256) that verify callers' JWTs.")
      .Default("")
      .AllowFile();
  schema.String("jwt-issuer", "Expected 'iss' (issuer) of callers' JWTs.")
      .Required()
      .Validate(NotEmpty());
  schema.String("jwt-audience", "Expected 'aud' (audience) of callers' JWTs.")
      .Required()
      .Validate(NotEmpty());
  schema.Duration("jwt-leeway", "Clock skew tolerated when checking exp, nbf and iat.")
      .Default(FormatDuration(jwt.leeway))
      .Validate(DurationRange(0s, 5min));
  schema.String("dev-hs256-secret", "Development only: HS256 secret, with --allow-dev-hs256.")
      .Default("")
      .Secret();
  schema.Bool("allow-dev-hs256", "Development only: accept HS256 tokens signed with the secret.")
      .Default("false");
  // Key confusion (an HS256 token "signed" with a public key) is only possible when both kinds of
  // key are accepted, so the two are exclusive; and a service must be able to verify something.
  schema.Check([](const Settings& settings) -> std::string {
    bool has_public_keys = !settings.GetString("jwt-public-keys").empty();
    bool has_secret = !settings.GetString("dev-hs256-secret").empty();
    bool dev = settings.GetBool("allow-dev-hs256");
    if (dev && has_public_keys) {
      return "--allow-dev-hs256 cannot be combined with --jwt-public-keys";
    }
    if (dev != has_secret) {
      return "--allow-dev-hs256 and --dev-hs256-secret must be given together";
    }
    if (!dev && !has_public_keys) {
      return "no way to verify tokens: give --jwt-public-keys (or --jwt-public-keys-file)";
    }
    return "";
  });
}

CommonSettings CommonSettings::FromSettings(const Settings& settings) {
  CommonSettings common;
  common.service_name = settings.GetString("service-name");
  ParseLogLevel(settings.GetString("log-level"), &common.log_level);

  ServerSettings& server = common.server;
  server.listen_host = settings.GetString("listen-host");
  server.grpc_port = static_cast<int>(settings.GetInt("grpc-port"));
  server.metrics_port = static_cast<int>(settings.GetInt("metrics-port"));
  server.max_message_bytes = static_cast<int>(settings.GetInt("max-message-bytes"));
  server.drain_delay = settings.GetDuration("drain-delay");
  server.drain_timeout = settings.GetDuration("drain-timeout");
  server.default_call_deadline = settings.GetDuration("default-call-deadline");
  server.max_call_deadline = settings.GetDuration("max-call-deadline");
  common.tls = TlsSettings::FromSettings(settings);

  common.postgres_url = settings.GetString("postgres-url");
  common.kafka_bootstrap = settings.GetString("kafka-bootstrap");
  common.redis_address = settings.GetString("redis-address");

  JwtSettings& jwt = common.jwt;
  jwt.public_key_pems = SplitPemBlocks(settings.GetString("jwt-public-keys"));
  jwt.issuer = settings.GetString("jwt-issuer");
  jwt.audience = settings.GetString("jwt-audience");
  jwt.leeway = std::chrono::duration_cast<std::chrono::seconds>(settings.GetDuration("jwt-leeway"));
  jwt.dev_hs256_secret = settings.GetString("dev-hs256-secret");
  jwt.allow_dev_hs256 = settings.GetBool("allow-dev-hs256");
  return common;
}

std::vector<std::string> SplitPemBlocks(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  constexpr std::string_view kEnd = "-----END ";
  constexpr std::string_view kDashes = "-----";
  std::vector<std::string> blocks;
  std::size_t position = 0;
  while (true) {
    std::size_t begin = text.find(kBegin, position);
    if (begin == std::string_view::npos) break;
    std::size_t end = text.find(kEnd, begin);
    std::size_t close = end == std::string_view::npos ? end : text.find(kDashes, end + kEnd.size());
    if (close == std::string_view::npos) {
      blocks.emplace_back(text.substr(begin));  // truncated: let the verifier reject it
      break;
    }
    position = close + kDashes.size();
    blocks.emplace_back(text.substr(begin, position - begin));
    blocks.back() += '\n';
  }
  if (blocks.empty() && !text.empty()) blocks.emplace_back(text);
  return blocks;
}

}  // namespace jindu::runtime
