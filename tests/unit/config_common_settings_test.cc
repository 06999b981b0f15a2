#include <gtest/gtest.h>

#include "runtime/config/common_settings.h"
#include "runtime/config/settings_parser.h"

namespace jindu::runtime {
namespace {

using std::chrono::milliseconds;

constexpr char kKeyA[] = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";
constexpr char kKeyB[] = "-----BEGIN PUBLIC KEY-----\nBBBB\n-----END PUBLIC KEY-----";

SettingsSchema CaseworkSchema() {
  SettingsSchema schema("casework", "Case management.");
  DeclareCommonSettings(schema,
                        {.service_name = "casework", .grpc_port = 50052, .metrics_port = 9102});
  return schema;
}

// What every deployment must give: the infrastructure and the token issuer.
Environment Required() {
  return {{"JINDU_POSTGRES_URL", "postgresql://casework@db/casework"},
          {"JINDU_KAFKA_BOOTSTRAP", "kafka:9092"},
          {"JINDU_REDIS_ADDRESS", "redis:6379"},
          {"JINDU_JWT_ISSUER", "https://idp.example"},
          {"JINDU_JWT_AUDIENCE", "jindu"},
          {"JINDU_JWT_PUBLIC_KEYS", std::string(kKeyA) + "\n" + kKeyB + "\n"}};
}

TEST(CommonSettingsTest, DefaultsAreTheStructDefaultsAndTheServicesPorts) {
  SettingsParseResult result = ParseSettings(CaseworkSchema(), {}, Required());
  ASSERT_TRUE(result.settings) << result.ErrorMessage("casework");
  CommonSettings common = CommonSettings::FromSettings(*result.settings);
  const ServerSettings defaults;

  EXPECT_EQ(common.service_name, "casework");
  EXPECT_EQ(common.log_level, LogLevel::kInfo);
  EXPECT_EQ(common.server.listen_host, defaults.listen_host);
  EXPECT_EQ(common.server.grpc_port, 50052);
  EXPECT_EQ(common.server.metrics_port, 9102);
  EXPECT_EQ(common.server.max_message_bytes, defaults.max_message_bytes);
  EXPECT_EQ(common.server.drain_delay, defaults.drain_delay);
  EXPECT_EQ(common.server.drain_timeout, defaults.drain_timeout);
  EXPECT_EQ(common.server.default_call_deadline, defaults.default_call_deadline);
  EXPECT_EQ(common.server.max_call_deadline, defaults.max_call_deadline);
  EXPECT_EQ(common.postgres_url, "postgresql://casework@db/casework");
  EXPECT_EQ(common.kafka_bootstrap, "kafka:9092");
  EXPECT_EQ(common.redis_address, "redis:6379");
  EXPECT_EQ(common.jwt.issuer, "https://idp.example");
  EXPECT_EQ(common.jwt.audience, "jindu");
  EXPECT_EQ(common.jwt.leeway, JwtSettings{}.leeway);
  EXPECT_FALSE(common.jwt.allow_dev_hs256);
  // The benchmark-only switches default to production behaviour.
  EXPECT_TRUE(result.settings->GetBool("benchmark-call-metrics"));
  EXPECT_FALSE(result.settings->GetBool("benchmark-skip-outbox"));
  ASSERT_EQ(common.jwt.public_key_pems.size(), 2u);
  EXPECT_EQ(common.jwt.public_key_pems[0], std::string(kKeyA) + "\n");
  EXPECT_EQ(common.jwt.public_key_pems[1], std::string(kKeyB) + "\n");
}

TEST(CommonSettingsTest, FlagsOverrideTheEnvironment) {
  SettingsParseResult result = ParseSettings(
      CaseworkSchema(),
      {"--grpc-port=0", "--metrics-port=0", "--log-level=debug", "--drain-timeout=5s",
       "--default-call-deadline=2s", "--max-call-deadline=30s", "--max-message-bytes=65536"},
      Required());
  ASSERT_TRUE(result.settings) << result.ErrorMessage("casework");
  CommonSettings common = CommonSettings::FromSettings(*result.settings);
  EXPECT_EQ(common.server.grpc_port, 0);
  EXPECT_EQ(common.server.metrics_port, 0);
  EXPECT_EQ(common.log_level, LogLevel::kDebug);
  EXPECT_EQ(common.server.drain_timeout, milliseconds(5000));
  EXPECT_EQ(common.server.default_call_deadline, milliseconds(2000));
  EXPECT_EQ(common.server.max_call_deadline, milliseconds(30000));
  EXPECT_EQ(common.server.max_message_bytes, 65536);
}

TEST(CommonSettingsTest, MissingInfrastructureIsListedTogether) {
  SettingsParseResult result = ParseSettings(CaseworkSchema(), {"--log-level=loud"}, {});
  EXPECT_FALSE(result.settings);
  std::string message = result.ErrorMessage("casework");
  for (const char* expected :
       {"--postgres-url (JINDU_POSTGRES_URL): required but not set",
        "--kafka-bootstrap (JINDU_KAFKA_BOOTSTRAP): required but not set",
        "--redis-address (JINDU_REDIS_ADDRESS): required but not set",
        "--jwt-issuer (JINDU_JWT_ISSUER): required but not set",
        "--jwt-audience (JINDU_JWT_AUDIENCE): required but not set",
        "--log-level (JINDU_LOG_LEVEL): 'loud' is not one of debug, info, warn, error"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
  EXPECT_EQ(result.problems.size(), 6u) << message;
}

std::vector<std::string> Problems(const std::vector<std::string>& args, Environment env) {
  return ParseSettings(CaseworkSchema(), args, env).problems;
}

TEST(CommonSettingsTest, CrossSettingRulesAreChecked) {
  EXPECT_EQ(
      Problems({"--default-call-deadline=30s", "--max-call-deadline=10s"}, Required()),
      std::vector<std::string>{"--max-call-deadline is shorter than --default-call-deadline"});

  EXPECT_EQ(
      Problems({"--allow-dev-hs256", "--dev-hs256-secret=0123456789abcdef0123456789abcdef"},
               Required()),
      std::vector<std::string>{"--allow-dev-hs256 cannot be combined with --jwt-public-keys"});

  Environment no_keys = Required();
  no_keys.erase("JINDU_JWT_PUBLIC_KEYS");
  EXPECT_EQ(Problems({}, no_keys),
            std::vector<std::string>{
                "no way to verify tokens: give --jwt-public-keys (or --jwt-public-keys-file)"});
  EXPECT_EQ(
      Problems({"--dev-hs256-secret=0123456789abcdef0123456789abcdef"}, no_keys),
      std::vector<std::string>{"--allow-dev-hs256 and --dev-hs256-secret must be given together"});
  EXPECT_TRUE(Problems({"--allow-dev-hs256", "--dev-hs256-secret=0123456789abcdef0123456789abcdef"},
                       no_keys)
                  .empty());
}

TEST(CommonSettingsTest, PortsAndSizesAreValidated) {
  std::vector<std::string> problems =
      Problems({"--grpc-port=-1", "--metrics-port=65536", "--max-message-bytes=10"}, Required());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "--grpc-port (JINDU_GRPC_PORT): -1 is not a port number (0-65535)");
  EXPECT_EQ(problems[1],
            "--metrics-port (JINDU_METRICS_PORT): 65536 is not a port number (0-65535)");
  EXPECT_EQ(problems[2],
            "--max-message-bytes (JINDU_MAX_MESSAGE_BYTES): 10 is outside 1024-268435456");
}

TEST(SplitPemBlocksTest, SplitsBundlesAndKeepsWhatItCannotRead) {
  EXPECT_TRUE(SplitPemBlocks("").empty());
  EXPECT_EQ(SplitPemBlocks(kKeyA), std::vector<std::string>{std::string(kKeyA) + "\n"});
  EXPECT_EQ(SplitPemBlocks(std::string("# comment\n") + kKeyA + "\n\n" + kKeyB).size(), 2u);
  // Not PEM at all, or a truncated block: passed on for the verifier to reject by name.
  EXPECT_EQ(SplitPemBlocks("not a key"), std::vector<std::string>{"not a key"});
  std::string truncated = std::string(kKeyA) + "\n-----BEGIN PUBLIC KEY-----\nCCCC";
  std::vector<std::string> blocks = SplitPemBlocks(truncated);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[1], "-----BEGIN PUBLIC KEY-----\nCCCC");
}

}  // namespace
}  // namespace jindu::runtime
