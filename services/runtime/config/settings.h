#pragma once

// A service's settings after parsing: every declared setting has a valid value. Asking for a name
// that was not declared, or with the wrong type, is a programming error and stops the process.

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "runtime/config/setting_value.h"

namespace jindu::runtime {

class Settings {
 public:
  struct Entry {
    SettingValue value;
    std::string source;  // "flag", "environment", "file <path>" or "default"
    bool secret = false;
  };

  Settings() = default;
  explicit Settings(std::map<std::string, Entry, std::less<>> entries);

  const std::string& GetString(std::string_view name) const;
  std::int64_t GetInt(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  std::chrono::milliseconds GetDuration(std::string_view name) const;
  const std::string& GetPath(std::string_view name) const;

  // Every setting, its value and where it came from, secrets redacted: logged once at start so an
  // operator sees the configuration the process actually runs with.
  nlohmann::json Describe() const;

 private:
  const Entry& Get(std::string_view name) const;

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace jindu::runtime
