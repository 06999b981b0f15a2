#pragma once

// The types a setting can have and how their values are written on a command line or in the
// environment. Defaults are written the same way, so `--help` shows them as a user would type them.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace jindu::runtime {

enum class SettingType {
  kString,
  kInt,       // decimal, e.g. 50051
  kBool,      // true/false, 1/0, yes/no, on/off
  kDuration,  // a sequence of <integer><unit> with unit h, m, s or ms, e.g. 30s, 1m30s, 250ms, 0
  kPath,      // a file system path, kept as text
};

// kString and kPath hold std::string, kInt int64_t, kBool bool, kDuration milliseconds.
using SettingValue = std::variant<std::string, std::int64_t, bool, std::chrono::milliseconds>;

// Parses text as the given type. On failure returns false and sets *reason (which does not repeat
// the text, so that a secret is never echoed).
bool ParseSettingValue(SettingType type, std::string_view text, SettingValue* value,
                       std::string* reason);

// Writes a value back in the syntax ParseSettingValue reads.
std::string FormatSettingValue(const SettingValue& value);
std::string FormatDuration(std::chrono::milliseconds duration);

// "STRING", "INT", ... as shown in help.
std::string_view SettingTypeName(SettingType type);

}  // namespace jindu::runtime
