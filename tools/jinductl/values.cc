#include "jinductl/values.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <regex>

#include "jinductl/errors.h"

namespace jindu::jinductl {
namespace {

// "ORGANIZATION_KIND_" for ORGANIZATION_KIND_UNSPECIFIED; every enum of the contract has one.
std::string EnumPrefix(const google::protobuf::EnumDescriptor* descriptor) {
  const std::string first = descriptor->value(0)->name();
  const size_t at = first.rfind("UNSPECIFIED");
  return at == std::string::npos ? "" : first.substr(0, at);
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::chrono::year_month_day ToYmd(const google::type::Date& date) {
  return std::chrono::year_month_day(std::chrono::year(date.year()),
                                     std::chrono::month(static_cast<unsigned>(date.month())),
                                     std::chrono::day(static_cast<unsigned>(date.day())));
}

google::type::Date FromYmd(const std::chrono::year_month_day& ymd) {
  google::type::Date date;
  date.set_year(static_cast<int>(ymd.year()));
  date.set_month(static_cast<int>(static_cast<unsigned>(ymd.month())));
  date.set_day(static_cast<int>(static_cast<unsigned>(ymd.day())));
  return date;
}

std::optional<google::type::Date> MatchDate(const std::string& text) {
  static const std::regex kDate(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch match;
  if (!std::regex_match(text, match, kDate)) return std::nullopt;
  google::type::Date date;
  date.set_year(std::stoi(match[1]));
  date.set_month(std::stoi(match[2]));
  date.set_day(std::stoi(match[3]));
  if (!ToYmd(date).ok()) return std::nullopt;
  return date;
}

}  // namespace

int ParseEnumValue(const google::protobuf::EnumDescriptor* descriptor, const std::string& flag,
                   const std::string& text) {
  const std::string prefix = EnumPrefix(descriptor);
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const auto* value = descriptor->value(i);
    if (value->number() == 0) continue;
    const std::string& name = value->name();
    const std::string short_name = Lower(name.substr(prefix.size()));
    if (text == short_name || text == name || Lower(text) == short_name) return value->number();
  }
  // Positional arguments are named in upper case ("TABLE"), flags in lower case ("--kind").
  const bool positional = !flag.empty() && std::isupper(static_cast<unsigned char>(flag[0]));
  throw UsageError((positional ? flag : "--" + flag) + " " + text + ": expected one of " +
                   EnumChoices(descriptor));
}

std::string EnumShortName(const google::protobuf::EnumDescriptor* descriptor, int value) {
  const auto* found = descriptor->FindValueByNumber(value);
  if (found == nullptr) return std::to_string(value);
  if (value == 0) return "-";
  return Lower(found->name().substr(EnumPrefix(descriptor).size()));
}

std::string EnumChoices(const google::protobuf::EnumDescriptor* descriptor) {
  std::string choices;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    if (descriptor->value(i)->number() == 0) continue;
    if (!choices.empty()) choices += ", ";
    choices += EnumShortName(descriptor, descriptor->value(i)->number());
  }
  return choices;
}

google::type::Date ParseDate(const std::string& flag, const std::string& text) {
  auto date = MatchDate(text);
  if (!date) throw UsageError("--" + flag + " " + text + ": expected a date YYYY-MM-DD");
  return *date;
}

std::string FormatDate(const google::type::Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year(), date.month(), date.day());
  return text;
}

google::type::Date Today() {
  const auto shanghai_now = std::chrono::system_clock::now() + std::chrono::hours(8);
  return FromYmd(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(shanghai_now)));
}

common::v1::Period ParsePeriod(const std::string& flag, const std::string& text) {
  common::v1::Period period;
  std::smatch match;
  static const std::regex kYear(R"(^(\d{4})$)");
  static const std::regex kQuarter(R"(^(\d{4})-[Qq]([1-4])$)");
  static const std::regex kMonth(R"(^(\d{4})-(\d{2})$)");
  if (std::regex_match(text, match, kYear)) {
    period.set_year(std::stoi(match[1]));
    return period;
  }
  if (std::regex_match(text, match, kQuarter)) {
    period.mutable_quarter()->set_year(std::stoi(match[1]));
    period.mutable_quarter()->set_quarter(std::stoi(match[2]));
    return period;
  }
  if (std::regex_match(text, match, kMonth) && std::stoi(match[2]) >= 1 &&
      std::stoi(match[2]) <= 12) {
    period.mutable_month()->set_year(std::stoi(match[1]));
    period.mutable_month()->set_month(std::stoi(match[2]));
    return period;
  }
  if (auto day = MatchDate(text)) {
    *period.mutable_day() = *day;
    return period;
  }
  if (size_t dots = text.find(".."); dots != std::string::npos) {
    auto first = MatchDate(text.substr(0, dots));
    auto last = MatchDate(text.substr(dots + 2));
    if (first && last) {
      if (std::chrono::sys_days(ToYmd(*last)) < std::chrono::sys_days(ToYmd(*first))) {
        throw UsageError("--" + flag + " " + text + ": the last day is before the first");
      }
      *period.mutable_range()->mutable_start_date() = *first;
      // The command line names the last day (inclusive); the contract wants the day after it.
      *period.mutable_range()->mutable_end_date() = FromYmd(
          std::chrono::year_month_day(std::chrono::sys_days(ToYmd(*last)) + std::chrono::days(1)));
      return period;
    }
  }
  throw UsageError("--" + flag + " " + text +
                   ": expected 2024, 2024-Q3, 2024-07, 2024-07-01 or 2024-07-01..2024-10-31");
}

std::string FormatPeriod(const common::v1::Period& period) {
  char text[64];
  switch (period.kind_case()) {
    case common::v1::Period::kYear:
      return std::to_string(period.year());
    case common::v1::Period::kQuarter:
      std::snprintf(text, sizeof text, "%04d-Q%d", period.quarter().year(),
                    period.quarter().quarter());
      return text;
    case common::v1::Period::kMonth:
      std::snprintf(text, sizeof text, "%04d-%02d", period.month().year(), period.month().month());
      return text;
    case common::v1::Period::kDay:
      return FormatDate(period.day());
    case common::v1::Period::kRange: {
      const auto last = std::chrono::year_month_day(
          std::chrono::sys_days(ToYmd(period.range().end_date())) - std::chrono::days(1));
      return FormatDate(period.range().start_date()) + ".." + FormatDate(FromYmd(last));
    }
    default:
      return "-";
  }
}

std::string ResourceName(const std::string& collection, const std::string& id_or_name) {
  if (id_or_name.starts_with(collection + "/")) return id_or_name;
  return collection + "/" + id_or_name;
}

long long ParseCount(const std::string& flag, const std::string& text, long long minimum) {
  size_t consumed = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &consumed);
  } catch (const std::exception&) {
    consumed = 0;
  }
  if (consumed == 0 || consumed != text.size() || value < minimum) {
    throw UsageError("--" + flag + " " + text +
                     ": expected a whole number >= " + std::to_string(minimum));
  }
  return value;
}

std::string NewRequestId() {
  std::random_device device;
  std::uniform_int_distribution<int> byte(0, 255);
  unsigned char bytes[16];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(byte(device));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  char text[40];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

}  // namespace jindu::jinductl
