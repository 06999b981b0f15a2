// The quick start as README tells a newcomer to run it: `tools/jindu.sh up` starts PostgreSQL,
// Redis, a KRaft Kafka broker and the four services, loads a (tiny) demo province through the
// public APIs with jindu-demo-province and prints where to look; the command-line client then
// logs in with the printed token and shows the province's dashboard, whose figures must be exactly
// the ones the generator counted on its own side. `down` stops everything; a second `up` reuses
// the data without loading it twice. (Setup and build are CI's own steps: --no-setup --no-build.)

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harness/child_process.h"
#include "harness/free_port.h"
#include "harness/temp_dir.h"

namespace jindu::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Something accepts connections on 127.0.0.1:port.
bool TcpPortOpen(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return open;
}

// A port p with p..p+3 all free (the script numbers the four services from a base).
int FreePortBlock() {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int base = FreePort();
    bool free = true;
    for (int i = 1; i < 4 && free; ++i) free = !TcpPortOpen(base + i);
    if (free) return base;
  }
  throw std::runtime_error("no block of four free ports");
}

// An int64 as protobuf JSON writes it (a string) or as a number; absent = 0.
int64_t Number(const nlohmann::json& value) {
  if (value.is_null()) return 0;
  if (value.is_string()) return std::stoll(value.get<std::string>());
  return value.get<int64_t>();
}

// The dashboard panel's value of one of the generator's figure paths.
int64_t FigureOf(const nlohmann::json& figures, const std::string& path) {
  const std::string area = path.substr(0, path.find('.'));
  const std::string rest = path.substr(path.find('.') + 1);
  const nlohmann::json& part = figures.contains(area) ? figures[area] : nlohmann::json::object();
  if (path == "publicity.participants") {
    int64_t sum = 0;
    for (const auto& row : part.value("participation", nlohmann::json::array())) {
      sum += Number(row.value("participants", nlohmann::json()));
    }
    return sum;
  }
  if (rest.starts_with("organizations.")) {
    const std::string kind = rest.substr(std::string("organizations.").size());
    int64_t sum = 0;
    for (const auto& row : part.value("organizations", nlohmann::json::array())) {
      if (row.value("kind", "") == kind) sum += Number(row.value("count", nlohmann::json()));
    }
    return sum;
  }
  return Number(part.value(rest, nlohmann::json()));
}

class QuickstartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // PostgreSQL runs as its own user when the tests run as root: it must enter the state dir.
    ::chmod(state_.path().c_str(), 0755);
    environment_ = {{"JINDU_STATE_DIR", state_.path() + "/state"},
                    {"JINDU_BUILD_DIR", JINDU_BUILD_DIR},
                    {"JINDU_PG_PORT", std::to_string(FreePort())},
                    {"JINDU_REDIS_PORT", std::to_string(FreePort())},
                    {"JINDU_KAFKA_PORT", std::to_string(FreePort())},
                    {"JINDU_KAFKA_CONTROLLER_PORT", std::to_string(FreePort())},
                    {"JINDU_GRPC_PORT_BASE", std::to_string(grpc_base_)},
                    {"JINDU_METRICS_PORT_BASE", std::to_string(FreePortBlock())}};
  }
  void TearDown() override {
    if (up_) Run({Script(), "down"}, "down-at-teardown");
  }

  static std::string Script() { return std::string(JINDU_SOURCE_DIR) + "/tools/jindu.sh"; }
  static std::string Cli() { return std::string(JINDU_BUILD_DIR) + "/tools/jinductl/jinductl"; }
  std::string State(const std::string& file) const { return state_.path() + "/state/" + file; }

  struct Outcome {
    int exit_code;
    std::string output;
  };
  Outcome Run(const std::vector<std::string>& argv, const std::string& name,
              std::chrono::seconds timeout = std::chrono::seconds(300)) {
    const std::string log = state_.File(name + "-" + std::to_string(++runs_) + ".log");
    auto child = ChildProcess::Start(argv, environment_, log);
    const int code = child->Wait(timeout);
    return {code, ReadFile(log)};
  }
  std::vector<std::string> CliCommand(std::vector<std::string> arguments) const {
    std::vector<std::string> argv = {Cli(),
                                     "--config-dir",
                                     state_.path() + "/cli",
                                     "--registration-addr",
                                     "127.0.0.1:" + std::to_string(grpc_base_),
                                     "--casework-addr",
                                     "127.0.0.1:" + std::to_string(grpc_base_ + 1),
                                     "--publicity-addr",
                                     "127.0.0.1:" + std::to_string(grpc_base_ + 2),
                                     "--reporting-addr",
                                     "127.0.0.1:" + std::to_string(grpc_base_ + 3)};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return argv;
  }

  // Runs `jinductl dashboard show <region> --output json` until every figure the generator
  // counted is on the dashboard (events arrive for a few seconds after the load), then compares
  // each one.
  void ExpectDashboardMatchesGenerator(const nlohmann::json& summary, const std::string& region) {
    const nlohmann::json& expected = summary["dashboards"][region];
    ASSERT_FALSE(expected.is_null()) << "the generator counted nothing for " << region;
    nlohmann::json dashboard;
    auto matches = [&] {
      for (const char* period : {"month", "quarter", "year"}) {
        for (const auto& [path, value] : expected[period].items()) {
          if (FigureOf(dashboard[period]["figures"], path) != value.get<int64_t>()) return false;
        }
      }
      return true;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    do {
      const Outcome shown =
          Run(CliCommand({"dashboard", "show", region, "--output", "json"}), "dashboard");
      ASSERT_EQ(shown.exit_code, 0) << shown.output;
      dashboard = nlohmann::json::parse(shown.output);
      if (matches()) break;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    } while (std::chrono::steady_clock::now() < deadline);
    for (const char* period : {"month", "quarter", "year"}) {
      for (const auto& [path, value] : expected[period].items()) {
        EXPECT_EQ(FigureOf(dashboard[period]["figures"], path), value.get<int64_t>())
            << region << " " << period << " " << path;
      }
    }
  }

  TempDir state_{"quickstart"};
  int grpc_base_ = FreePortBlock();
  std::map<std::string, std::string> environment_;
  bool up_ = false;
  int runs_ = 0;
};

TEST_F(QuickstartTest, UpLoadsTheDemoProvinceTheDashboardShowsWhatTheGeneratorSentAndUpReuses) {
  const std::vector<std::string> up = {Script(),   "up",         "--size",    "tiny",
                                       "--detach", "--no-setup", "--no-build"};
  up_ = true;
  const Outcome first = Run(up, "up");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("jindu is running"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("127.0.0.1:" + std::to_string(grpc_base_ + 3)), std::string::npos)
      << "the reporting port is printed";
  const nlohmann::json summary = nlohmann::json::parse(ReadFile(State("demo/summary.json")));
  EXPECT_EQ(summary["failed_calls"].get<int>(), 0);
  EXPECT_EQ(summary["sent"]["volunteers"].get<int>(), 60);
  EXPECT_GT(summary["dashboards"]["430000"]["year"]["publicity.activities"].get<int>(), 0);

  // The printed way in: log in with the administrator's token, then show the dashboards.
  std::string token = ReadFile(State("admin.token"));
  while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();
  const Outcome login = Run(CliCommand({"login", "--token", token}), "login");
  ASSERT_EQ(login.exit_code, 0) << login.output;
  ExpectDashboardMatchesGenerator(summary, "430000");
  ExpectDashboardMatchesGenerator(summary, "430100");
  const Outcome table = Run(CliCommand({"dashboard", "show", "430100"}), "dashboard-table");
  EXPECT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("长沙市"), std::string::npos) << table.output;

  const Outcome down = Run({Script(), "down"}, "down");
  ASSERT_EQ(down.exit_code, 0) << down.output;
  up_ = false;
  EXPECT_FALSE(TcpPortOpen(grpc_base_)) << "registration still listens after down";
  EXPECT_FALSE(TcpPortOpen(grpc_base_ + 3)) << "reporting still listens after down";

  // A second start reuses the data: nothing is loaded again, the figures stay.
  up_ = true;
  const Outcome second = Run(up, "up-again");
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("already loaded"), std::string::npos) << second.output;
  ExpectDashboardMatchesGenerator(summary, "430000");
}

}  // namespace
}  // namespace jindu::testing
