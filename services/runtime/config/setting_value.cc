#include "runtime/config/setting_value.h"

#include <charconv>
#include <limits>

namespace jindu::runtime {
namespace {

bool ParseInt(std::string_view text, std::int64_t* out) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

bool ParseBool(std::string_view text, bool* out) {
  for (std::string_view yes : {"true", "1", "yes", "on"}) {
    if (text == yes) {
      *out = true;
      return true;
    }
  }
  for (std::string_view no : {"false", "0", "no", "off"}) {
    if (text == no) {
      *out = false;
      return true;
    }
  }
  return false;
}

// Go's time.ParseDuration, restricted to non-negative whole numbers and the units a service needs.
bool ParseDuration(std::string_view text, std::chrono::milliseconds* out) {
  if (text == "0") {
    *out = std::chrono::milliseconds(0);
    return true;
  }
  if (text.empty()) return false;
  std::int64_t total_ms = 0;
  while (!text.empty()) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    std::int64_t number = 0;
    if (digits == 0 || !ParseInt(text.substr(0, digits), &number)) return false;
    text.remove_prefix(digits);
    std::size_t unit_length = 0;
    while (unit_length < text.size() && (text[unit_length] < '0' || text[unit_length] > '9')) {
      ++unit_length;
    }
    std::string_view unit = text.substr(0, unit_length);
    text.remove_prefix(unit_length);
    std::int64_t unit_ms = 0;
    if (unit == "ms") {
      unit_ms = 1;
    } else if (unit == "s") {
      unit_ms = 1000;
    } else if (unit == "m") {
      unit_ms = 60 * 1000;
    } else if (unit == "h") {
      unit_ms = 60 * 60 * 1000;
    } else {
      return false;
    }
    if (number > (std::numeric_limits<std::int64_t>::max() - total_ms) / unit_ms) return false;
    total_ms += number * unit_ms;
  }
  *out = std::chrono::milliseconds(total_ms);
  return true;
}

}  // namespace

bool ParseSettingValue(SettingType type, std::string_view text, SettingValue* value,
                       std::string* reason) {
  switch (type) {
    case SettingType::kString:
    case SettingType::kPath:
      *value = std::string(text);
      return true;
    case SettingType::kInt: {
      std::int64_t number = 0;
      if (!ParseInt(text, &number)) {
        *reason = "not a whole number";
        return false;
      }
      *value = number;
      return true;
    }
    case SettingType::kBool: {
      bool flag = false;
      if (!ParseBool(text, &flag)) {
        *reason = "not a boolean (true/false, 1/0, yes/no, on/off)";
        return false;
      }
      *value = flag;
      return true;
    }
    case SettingType::kDuration: {
      std::chrono::milliseconds duration{};
      if (!ParseDuration(text, &duration)) {
        *reason = "not a duration (e.g. 30s, 1m30s, 250ms; units h, m, s, ms)";
        return false;
      }
      *value = duration;
      return true;
    }
  }
  *reason = "unknown setting type";
  return false;
}

std::string FormatDuration(std::chrono::milliseconds duration) {
  std::int64_t ms = duration.count();
  if (ms == 0) return "0s";
  std::string text;
  for (auto [unit_ms, unit] : {std::pair<std::int64_t, const char*>{3'600'000, "h"},
                               {60'000, "m"},
                               {1'000, "s"},
                               {1, "ms"}}) {
    if (ms >= unit_ms) {
      text += std::to_string(ms / unit_ms) + unit;
      ms %= unit_ms;
    }
  }
  return text;
}

std::string FormatSettingValue(const SettingValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return FormatDuration(std::get<std::chrono::milliseconds>(value));
}

std::string_view SettingTypeName(SettingType type) {
  switch (type) {
    case SettingType::kString:
      return "STRING";
    case SettingType::kInt:
      return "INT";
    case SettingType::kBool:
      return "BOOL";
    case SettingType::kDuration:
      return "DURATION";
    case SettingType::kPath:
      return "PATH";
  }
  return "VALUE";
}

}  // namespace jindu::runtime
