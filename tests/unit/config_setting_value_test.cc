#include <gtest/gtest.h>

#include "runtime/config/setting_value.h"

namespace jindu::runtime {
namespace {

using std::chrono::milliseconds;

SettingValue Parse(SettingType type, std::string_view text) {
  SettingValue value;
  std::string reason;
  EXPECT_TRUE(ParseSettingValue(type, text, &value, &reason)) << text << ": " << reason;
  return value;
}

std::string Reject(SettingType type, std::string_view text) {
  SettingValue value;
  std::string reason;
  EXPECT_FALSE(ParseSettingValue(type, text, &value, &reason)) << text;
  return reason;
}

TEST(SettingValueTest, ParsesWholeNumbersOnly) {
  EXPECT_EQ(std::get<std::int64_t>(Parse(SettingType::kInt, "50051")), 50051);
  EXPECT_EQ(std::get<std::int64_t>(Parse(SettingType::kInt, "-3")), -3);
  EXPECT_EQ(Reject(SettingType::kInt, "50051x"), "not a whole number");
  Reject(SettingType::kInt, "");
  Reject(SettingType::kInt, "1.5");
  Reject(SettingType::kInt, "99999999999999999999");
}

TEST(SettingValueTest, ParsesBooleanSpellings) {
  for (auto text : {"true", "1", "yes", "on"})
    EXPECT_TRUE(std::get<bool>(Parse(SettingType::kBool, text)));
  for (auto text : {"false", "0", "no", "off"})
    EXPECT_FALSE(std::get<bool>(Parse(SettingType::kBool, text)));
  Reject(SettingType::kBool, "True ");
  Reject(SettingType::kBool, "maybe");
}

TEST(SettingValueTest, ParsesDurationsWithUnits) {
  EXPECT_EQ(std::get<milliseconds>(Parse(SettingType::kDuration, "0")), milliseconds(0));
  EXPECT_EQ(std::get<milliseconds>(Parse(SettingType::kDuration, "250ms")), milliseconds(250));
  EXPECT_EQ(std::get<milliseconds>(Parse(SettingType::kDuration, "30s")), milliseconds(30'000));
  EXPECT_EQ(std::get<milliseconds>(Parse(SettingType::kDuration, "1m30s")), milliseconds(90'000));
  EXPECT_EQ(std::get<milliseconds>(Parse(SettingType::kDuration, "2h")), milliseconds(7'200'000));
  Reject(SettingType::kDuration, "30");    // a bare number is ambiguous
  Reject(SettingType::kDuration, "1.5s");  // whole numbers only
  Reject(SettingType::kDuration, "-1s");
  Reject(SettingType::kDuration, "5d");
  Reject(SettingType::kDuration, "s");
  Reject(SettingType::kDuration, "");
}

TEST(SettingValueTest, FormatsWhatItParses) {
  for (auto text : {"0s", "250ms", "30s", "1m30s", "2h", "1h1m1s1ms"}) {
    EXPECT_EQ(FormatSettingValue(Parse(SettingType::kDuration, text)), text);
  }
  EXPECT_EQ(FormatSettingValue(SettingValue(std::int64_t{42})), "42");
  EXPECT_EQ(FormatSettingValue(SettingValue(true)), "true");
  EXPECT_EQ(FormatSettingValue(SettingValue(std::string("x"))), "x");
}

}  // namespace
}  // namespace jindu::runtime
