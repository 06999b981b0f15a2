#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "runtime/config/settings_parser.h"
#include "runtime/config/validators.h"

namespace jindu::runtime {
namespace {

using std::chrono::milliseconds;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' not in:\n" << text;
}

SettingsSchema ExampleSchema() {
  SettingsSchema schema("example", "A service used by the tests.");
  schema.Int("grpc-port", "Port of the gRPC server.").Default("50051").Validate(PortNumber());
  schema.String("postgres-url", "Database URI.").Required().Secret();
  schema.Bool("verbose", "Chatty logs.").Default("false");
  schema.Duration("drain-timeout", "Drain budget.").Default("25s");
  schema.String("mode", "How to run.").Default("normal").Validate(OneOf({"normal", "dry-run"}));
  schema.Path("data-dir", "Where data lives.").Default("/var/lib/example");
  return schema;
}

SettingsParseResult Parse(const std::vector<std::string>& args, const Environment& env = {}) {
  return ParseSettings(ExampleSchema(), args, env);
}

TEST(SettingsParserTest, DefaultsApplyWhenNothingIsGiven) {
  SettingsParseResult result = Parse({"--postgres-url=postgresql://db/x"});
  ASSERT_TRUE(result.settings) << result.ErrorMessage("example");
  const Settings& settings = *result.settings;
  EXPECT_EQ(settings.GetInt("grpc-port"), 50051);
  EXPECT_FALSE(settings.GetBool("verbose"));
  EXPECT_EQ(settings.GetDuration("drain-timeout"), milliseconds(25'000));
  EXPECT_EQ(settings.GetString("mode"), "normal");
  EXPECT_EQ(settings.GetPath("data-dir"), "/var/lib/example");
  EXPECT_EQ(settings.GetString("postgres-url"), "postgresql://db/x");
}

TEST(SettingsParserTest, ReadsFlagsInBothSpellingsAndBareBooleans) {
  SettingsParseResult result =
      Parse({"--grpc-port", "6000", "--postgres-url=u", "--verbose", "--drain-timeout=1m"});
  ASSERT_TRUE(result.settings) << result.ErrorMessage("example");
  EXPECT_EQ(result.settings->GetInt("grpc-port"), 6000);
  EXPECT_TRUE(result.settings->GetBool("verbose"));
  EXPECT_EQ(result.settings->GetDuration("drain-timeout"), milliseconds(60'000));
}

TEST(SettingsParserTest, EnvironmentFillsInAndFlagsWin) {
  Environment env = {
      {"JINDU_GRPC_PORT", "7000"}, {"JINDU_POSTGRES_URL", "from-env"}, {"JINDU_MODE", "dry-run"}};
  SettingsParseResult result = Parse({"--grpc-port=8000"}, env);
  ASSERT_TRUE(result.settings) << result.ErrorMessage("example");
  EXPECT_EQ(result.settings->GetInt("grpc-port"), 8000);
  EXPECT_EQ(result.settings->GetString("postgres-url"), "from-env");
  EXPECT_EQ(result.settings->GetString("mode"), "dry-run");
}

TEST(SettingsParserTest, ReportsEveryProblemInOneMessage) {
  SettingsParseResult result =
      Parse({"--grpc-port=70000", "--grpc-prot=1", "--mode=fast", "--drain-timeout=soon", "extra"});
  EXPECT_FALSE(result.settings);
  ASSERT_EQ(result.problems.size(), 6u) << result.ErrorMessage("example");
  std::string message = result.ErrorMessage("example");
  EXPECT_TRUE(Contains(message, "example: 6 configuration problems:"));
  EXPECT_TRUE(Contains(message, "unexpected argument 'extra'"));
  EXPECT_TRUE(Contains(message, "--grpc-prot: unknown flag"));
  EXPECT_TRUE(
      Contains(message, "--grpc-port (JINDU_GRPC_PORT): 70000 is not a port number (0-65535)"));
  EXPECT_TRUE(Contains(message, "--postgres-url (JINDU_POSTGRES_URL): required but not set"));
  EXPECT_TRUE(Contains(message, "--mode (JINDU_MODE): 'fast' is not one of normal, dry-run"));
  EXPECT_TRUE(Contains(message, "--drain-timeout (JINDU_DRAIN_TIMEOUT): 'soon' is not a duration"));
  EXPECT_TRUE(Contains(message, "--help"));
}

TEST(SettingsParserTest, InvalidEnvironmentValuesAreReportedToo) {
  SettingsParseResult result =
      Parse({}, {{"JINDU_GRPC_PORT", "http"}, {"JINDU_POSTGRES_URL", "u"}});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0], "--grpc-port (JINDU_GRPC_PORT): 'http' is not a whole number");
}

TEST(SettingsParserTest, RepeatedAndValuelessFlagsAreProblems) {
  SettingsParseResult result = Parse({"--postgres-url=a", "--postgres-url=b", "--grpc-port"});
  EXPECT_TRUE(Contains(result.ErrorMessage("example"), "--postgres-url: given more than once"));
  EXPECT_TRUE(Contains(result.ErrorMessage("example"), "--grpc-port: needs a value"));
}

TEST(SettingsParserTest, SecretValuesAreNeverEchoed) {
  SettingsSchema schema("example", "secrets");
  schema.Int("pin", "A secret number.").Required().Secret();
  SettingsParseResult result = ParseSettings(schema, {"--pin=hunter2"}, {});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_FALSE(Contains(result.problems[0], "hunter2"));
}

TEST(SettingsParserTest, HelpListsEverySettingAndStopsParsing) {
  SettingsSchema schema = ExampleSchema();
  SettingsParseResult result = ParseSettings(schema, {"--nonsense", "--help"}, {});
  EXPECT_TRUE(result.help_requested);
  EXPECT_FALSE(result.settings);
  std::string help = schema.HelpText();
  EXPECT_TRUE(Contains(help, "--grpc-port=INT  (JINDU_GRPC_PORT)"));
  EXPECT_TRUE(Contains(help, "Default: 50051."));
  EXPECT_TRUE(Contains(help, "--postgres-url=STRING  (JINDU_POSTGRES_URL) [file]"));
  EXPECT_TRUE(Contains(help, "Required."));
  EXPECT_TRUE(Contains(help, "--drain-timeout=DURATION"));
}

class SettingsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("jindu-config-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string WriteFile(const std::string& name, const std::string& content) {
    std::filesystem::path path = directory_ / name;
    std::ofstream(path) << content;
    return path.string();
  }

  std::filesystem::path directory_;
};

TEST_F(SettingsFileTest, SecretsComeFromFilesWithoutTheTrailingNewline) {
  std::string path = WriteFile("url", "postgresql://user:pw@db/x\n");
  SettingsParseResult by_flag = Parse({"--postgres-url-file=" + path});
  ASSERT_TRUE(by_flag.settings) << by_flag.ErrorMessage("example");
  EXPECT_EQ(by_flag.settings->GetString("postgres-url"), "postgresql://user:pw@db/x");

  SettingsParseResult by_env = Parse({}, {{"JINDU_POSTGRES_URL_FILE", path}});
  ASSERT_TRUE(by_env.settings) << by_env.ErrorMessage("example");
  EXPECT_EQ(by_env.settings->GetString("postgres-url"), "postgresql://user:pw@db/x");

  nlohmann::json described = by_env.settings->Describe();
  EXPECT_EQ(described["postgres-url"]["value"], "<redacted>");
  EXPECT_EQ(described["postgres-url"]["source"], "file " + path);
  EXPECT_EQ(described["grpc-port"]["value"], "50051");
  EXPECT_EQ(described["grpc-port"]["source"], "default");
}

TEST_F(SettingsFileTest, FileProblemsAreReported) {
  std::string path = WriteFile("url", "x");
  SettingsParseResult both = Parse({"--postgres-url=a", "--postgres-url-file=" + path});
  EXPECT_TRUE(Contains(both.ErrorMessage("example"),
                       "both --postgres-url and --postgres-url-file are given"));

  SettingsParseResult missing = Parse({"--postgres-url-file=" + (directory_ / "absent").string()});
  EXPECT_TRUE(Contains(missing.ErrorMessage("example"), "cannot read file"));

  // Only settings that allow files have a -file variant.
  SettingsParseResult not_allowed = Parse({"--postgres-url=a", "--mode-file=" + path});
  EXPECT_TRUE(Contains(not_allowed.ErrorMessage("example"), "--mode-file: unknown flag"));
}

TEST(SettingsParserTest, CrossSettingChecksRunOnceEverySettingIsValid) {
  SettingsSchema schema("example", "checks");
  schema.Int("low", "").Default("1");
  schema.Int("high", "").Default("2");
  schema.Check([](const Settings& s) -> std::string {
    return s.GetInt("low") <= s.GetInt("high") ? "" : "--low is above --high";
  });
  EXPECT_TRUE(ParseSettings(schema, {}, {}).settings);
  SettingsParseResult result = ParseSettings(schema, {"--low=5"}, {});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0], "--low is above --high");
}

TEST(SettingsParserDeathTest, AskingForAnUndeclaredSettingIsAProgrammingError) {
  SettingsParseResult result = Parse({"--postgres-url=u"});
  ASSERT_TRUE(result.settings);
  EXPECT_DEATH(result.settings->GetInt("grcp-port"), "was never declared");
  EXPECT_DEATH(result.settings->GetString("grpc-port"), "is not of type string");
}

TEST(SettingsSchemaDeathTest, DeclaringTwiceOrABadDefaultIsAProgrammingError) {
  SettingsSchema schema("example", "bugs");
  schema.Int("port", "").Default("1");
  EXPECT_DEATH(schema.Int("port", ""), "declared twice");
  EXPECT_DEATH(schema.Duration("timeout", "").Default("10"), "default of setting 'timeout'");
  EXPECT_DEATH(schema.Int("Port_Number", ""), "not lower-case words");
}

}  // namespace
}  // namespace jindu::runtime
