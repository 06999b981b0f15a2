#pragma once

// What a service declares about its settings before reading any: name, type, meaning, default or
// required, validation. Values then come from flags (--grpc-port=50051) or the environment
// (JINDU_GRPC_PORT=50051); see settings_parser.h.
//
//   SettingsSchema schema("casework", "Case management for community drug rehabilitation.");
//   schema.Int("grpc-port", "Port of the gRPC server; 0 picks a free one.")
//       .Default("50051")
//       .Validate(PortNumber());
//   schema.String("postgres-url", "libpq connection URI of the service's database.")
//       .Required()
//       .Secret();

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/setting_value.h"

namespace jindu::runtime {

class Settings;

// Returns an empty string when the value is acceptable, otherwise why it is not.
using SettingValidator = std::function<std::string(const SettingValue&)>;
// A rule across several settings, checked once each of them is valid on its own. Returns an empty
// string when satisfied, otherwise the problem, naming the settings involved.
using SettingsCheck = std::function<std::string(const Settings&)>;

struct SettingSpec {
  std::string name;  // lower-case words joined by '-': flag --name, environment JINDU_NAME
  SettingType type = SettingType::kString;
  std::string description;
  std::optional<std::string> default_text;  // in flag syntax; absent for a required setting
  bool required = false;
  // Never shown in help, logs or error messages; may also be read from a file.
  bool secret = false;
  // Also accepted as --name-file=PATH or JINDU_NAME_FILE: the file's content, less a trailing
  // newline, is the value. Keeps secrets and long PEM blocks out of the process listing.
  bool file_allowed = false;
  std::vector<SettingValidator> validators;
};

// The flag and environment variable a setting is read from.
std::string FlagName(std::string_view setting_name);         // "--grpc-port"
std::string EnvironmentName(std::string_view setting_name);  // "JINDU_GRPC_PORT"

// Chained modifiers of one declared setting. Short-lived: use it in the statement that declares.
class SettingDeclaration {
 public:
  SettingDeclaration(class SettingsSchema* schema, std::size_t index);

  SettingDeclaration& Default(std::string text);  // in flag syntax: "50051", "30s", "true"
  SettingDeclaration& Required();
  SettingDeclaration& Secret();     // implies AllowFile()
  SettingDeclaration& AllowFile();  // see SettingSpec::file_allowed
  SettingDeclaration& Validate(SettingValidator validator);

 private:
  SettingSpec& spec();

  class SettingsSchema* schema_;
  std::size_t index_;
};

class SettingsSchema {
 public:
  SettingsSchema(std::string program, std::string summary);

  // A setting is either Required() or has a Default(); declaring neither is a programming error
  // reported when parsing. Declaring a name twice stops the process.
  SettingDeclaration String(std::string name, std::string description);
  SettingDeclaration Int(std::string name, std::string description);
  SettingDeclaration Bool(std::string name, std::string description);
  SettingDeclaration Duration(std::string name, std::string description);
  SettingDeclaration Path(std::string name, std::string description);

  void Check(SettingsCheck check);

  const std::string& program() const { return program_; }
  const std::vector<SettingSpec>& specs() const { return specs_; }
  const std::vector<SettingsCheck>& checks() const { return checks_; }
  const SettingSpec* Find(std::string_view name) const;

  // What --help prints: every setting with its flag, variable, type, default and description.
  std::string HelpText() const;

 private:
  friend class SettingDeclaration;

  SettingDeclaration Declare(std::string name, SettingType type, std::string description);

  std::string program_;
  std::string summary_;
  std::vector<SettingSpec> specs_;
  std::vector<SettingsCheck> checks_;
};

}  // namespace jindu::runtime
