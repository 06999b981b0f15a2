// jindu-region-import, the command-line tool county IT staff use, against the real registration
// service: it imports, reports counts, names bad rows, and says what went wrong by exit code.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness/child_process.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;

const std::string kTool = std::string(JINDU_BUILD_DIR) + "/tools/region_import/jindu-region-import";
const TestCaller kAdmin{.subject = "it-staff", .roles = {"province_admin"}, .regions = {"430000"}};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

class RegionImportCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ =
        ServiceProcess::Start("services/registration/jindu-registration", "region_import_cli")
            .release();
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }

  ToolRun Run(std::vector<std::string> args, const std::string& token) {
    args.insert(args.begin(), kTool);
    const std::string log = ::testing::TempDir() + "/region_import_cli_" + std::to_string(runs_++);
    std::map<std::string, std::string> environment;
    if (!token.empty()) environment["JINDU_TOKEN"] = token;
    auto tool = ChildProcess::Start(args, environment, log);
    ToolRun run;
    run.exit_code = tool->Wait(60s);
    run.output = ReadFile(log);
    return run;
  }

  std::string Target() const { return "127.0.0.1:" + std::to_string(service_->grpc_port()); }

  static ServiceProcess* service_;
  int runs_ = 0;
};

ServiceProcess* RegionImportCliTest::service_ = nullptr;

TEST_F(RegionImportCliTest, ImportsOnceReportsCountsAndNamesBadRows) {
  const std::string sample = std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv";
  const std::string token = service_->Token(kAdmin);

  ToolRun validated = Run({"--target", Target(), "--regions", sample, "--validate-only"}, token);
  EXPECT_EQ(validated.exit_code, 0) << validated.output;
  EXPECT_NE(validated.output.find("validated (nothing applied): 17 rows read, 17 created"),
            std::string::npos)
      << validated.output;

  ToolRun first = Run({"--target", Target(), "--regions", sample}, token);
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("imported: 17 rows read, 17 created, 0 updated, 0 unchanged"),
            std::string::npos)
      << first.output;
  ToolRun second = Run({"--target", Target(), "--regions", sample}, token);
  EXPECT_NE(second.output.find("0 created, 0 updated, 17 unchanged"), std::string::npos)
      << second.output;

  ToolRun denominators =
      Run({"--target", Target(), "--denominators",
           std::string(JINDU_SOURCE_DIR) + "/tests/data/region_denominators_sample.csv"},
          token);
  EXPECT_EQ(denominators.exit_code, 0) << denominators.output;

  const std::string bad = ::testing::TempDir() + "/bad_regions.csv";
  std::ofstream(bad) << "code,name,level,parent,valid_from,valid_to\n"
                        "430302,雨湖区,county,439900,1980-01-01,\n";
  ToolRun refused = Run({"--target", Target(), "--regions", bad}, token);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("rows[0].parent"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("REFERENCE_NOT_FOUND"), std::string::npos) << refused.output;
}

TEST_F(RegionImportCliTest, ExitCodesSayWhatWentWrong) {
  const std::string sample = std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv";
  EXPECT_EQ(Run({"--target", Target(), "--regions", sample}, "").exit_code, 2);  // no token
  EXPECT_EQ(Run({"--regions", sample}, "token").exit_code, 2);                   // no target
  EXPECT_EQ(Run({"--target", Target(), "--regions", "/nonexistent.csv"}, "token").exit_code, 2);
  // A token the service does not accept: refused, not failed.
  EXPECT_EQ(Run({"--target", Target(), "--regions", sample}, "not-a-token").exit_code, 1);
  // Nobody listening: failed.
  EXPECT_EQ(Run({"--target", "127.0.0.1:1", "--regions", sample}, "token").exit_code, 3);
}

}  // namespace
}  // namespace jindu::testing
