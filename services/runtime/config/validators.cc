#include "runtime/config/validators.h"

#include <algorithm>
#include <utility>

namespace jindu::runtime {

SettingValidator PortNumber() {
  return [](const SettingValue& value) -> std::string {
    std::int64_t port = std::get<std::int64_t>(value);
    if (port >= 0 && port <= 65535) return "";
    return std::to_string(port) + " is not a port number (0-65535)";
  };
}

SettingValidator IntRange(std::int64_t min, std::int64_t max) {
  return [min, max](const SettingValue& value) -> std::string {
    std::int64_t number = std::get<std::int64_t>(value);
    if (number >= min && number <= max) return "";
    return std::to_string(number) + " is outside " + std::to_string(min) + "-" +
           std::to_string(max);
  };
}

SettingValidator DurationRange(std::chrono::milliseconds min, std::chrono::milliseconds max) {
  return [min, max](const SettingValue& value) -> std::string {
    auto duration = std::get<std::chrono::milliseconds>(value);
    if (duration >= min && duration <= max) return "";
    return FormatDuration(duration) + " is outside " + FormatDuration(min) + "-" +
           FormatDuration(max);
  };
}

SettingValidator OneOf(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](const SettingValue& value) -> std::string {
    const std::string& text = std::get<std::string>(value);
    if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return "";
    std::string reason = "'" + text + "' is not one of ";
    for (std::size_t i = 0; i < allowed.size(); ++i) reason += (i == 0 ? "" : ", ") + allowed[i];
    return reason;
  };
}

SettingValidator NotEmpty() {
  return [](const SettingValue& value) -> std::string {
    return std::get<std::string>(value).empty() ? "must not be empty" : "";
  };
}

}  // namespace jindu::runtime
