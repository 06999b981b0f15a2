#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

class LoggerTest : public ::testing::Test {
 protected:
  void SetUp() override { ConfigureLogging("casework", LogLevel::kInfo, &sink_); }
  void TearDown() override { ConfigureLogging("jindu", LogLevel::kInfo); }

  std::vector<nlohmann::json> Lines() const {
    std::vector<nlohmann::json> lines;
    std::istringstream in(sink_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }

  std::ostringstream sink_;
};

TEST_F(LoggerTest, WritesOneJsonObjectPerLine) {
  LogInfo("case opened", {{"case_id", "c-1"}, {"attempt", 2}, {"urgent", true}});
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["msg"], "case opened");
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[0]["service"], "casework");
  EXPECT_EQ(lines[0]["case_id"], "c-1");
  EXPECT_EQ(lines[0]["attempt"], 2);
  EXPECT_EQ(lines[0]["urgent"], true);
  EXPECT_TRUE(lines[0]["ts"].get<std::string>().ends_with("Z"));
}

TEST_F(LoggerTest, LeavesOutNullFields) {
  std::string error;  // empty: nothing went wrong
  LogInfo("call finished",
          {{"code", "OK"}, {"error", error.empty() ? nlohmann::json() : nlohmann::json(error)}});
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].contains("error"));
  EXPECT_EQ(lines[0]["code"], "OK");
}

TEST_F(LoggerTest, DropsLinesBelowTheLevel) {
  LogDebug("noise");
  LogWarn("signal");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["level"], "warn");
}

TEST_F(LoggerTest, ScopedContextAddsIdsAndNests) {
  {
    ScopedLogContext outer("req-1", "trace-1");
    LogInfo("outer");
    {
      ScopedLogContext inner("req-2", "");
      LogInfo("inner");
    }
    LogInfo("outer again");
  }
  LogInfo("none");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["request_id"], "req-1");
  EXPECT_EQ(lines[0]["trace_id"], "trace-1");
  EXPECT_EQ(lines[1]["request_id"], "req-2");
  EXPECT_FALSE(lines[1].contains("trace_id"));
  EXPECT_EQ(lines[2]["request_id"], "req-1");
  EXPECT_FALSE(lines[3].contains("request_id"));
}

TEST_F(LoggerTest, InvalidUtf8IsReplacedNotThrown) {
  LogInfo("bytes", {{"value", std::string("\xff\xfe", 2)}});
  EXPECT_EQ(Lines().size(), 1u);
}

TEST(LogLevelTest, ParsesTheFourNames) {
  LogLevel level = LogLevel::kInfo;
  EXPECT_TRUE(ParseLogLevel("debug", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_TRUE(ParseLogLevel("error", &level));
  EXPECT_EQ(level, LogLevel::kError);
  EXPECT_FALSE(ParseLogLevel("verbose", &level));
  EXPECT_EQ(level, LogLevel::kError);
}

}  // namespace
}  // namespace jindu::runtime
