#pragma once

// Validators for the common shapes of settings. Each returns an empty string for an acceptable
// value and otherwise a reason that reads after the setting's name, e.g.
// "--grpc-port (JINDU_GRPC_PORT): 70000 is not a port number (0-65535)".

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/config/settings_schema.h"

namespace jindu::runtime {

SettingValidator PortNumber();  // 0-65535; 0 asks the system for a free port
SettingValidator IntRange(std::int64_t min, std::int64_t max);
SettingValidator DurationRange(std::chrono::milliseconds min, std::chrono::milliseconds max);
SettingValidator OneOf(std::vector<std::string> allowed);
SettingValidator NotEmpty();

}  // namespace jindu::runtime
