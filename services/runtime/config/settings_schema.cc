#include "runtime/config/settings_schema.h"

#include <cctype>
#include <utility>

#include "runtime/config/programming_error.h"

namespace jindu::runtime {
namespace {

bool IsValidSettingName(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FlagName(std::string_view setting_name) { return "--" + std::string(setting_name); }

std::string EnvironmentName(std::string_view setting_name) {
  std::string name = "JINDU_";
  for (char c : setting_name) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

SettingDeclaration::SettingDeclaration(SettingsSchema* schema, std::size_t index)
    : schema_(schema), index_(index) {}

SettingSpec& SettingDeclaration::spec() { return schema_->specs_[index_]; }

SettingDeclaration& SettingDeclaration::Default(std::string text) {
  SettingValue ignored;
  std::string reason;
  if (!ParseSettingValue(spec().type, text, &ignored, &reason)) {
    ProgrammingError("default of setting '" + spec().name + "' is " + reason);
  }
  spec().default_text = std::move(text);
  return *this;
}

SettingDeclaration& SettingDeclaration::Required() {
  spec().required = true;
  return *this;
}

SettingDeclaration& SettingDeclaration::Secret() {
  spec().secret = true;
  spec().file_allowed = true;
  return *this;
}

SettingDeclaration& SettingDeclaration::AllowFile() {
  spec().file_allowed = true;
  return *this;
}

SettingDeclaration& SettingDeclaration::Validate(SettingValidator validator) {
  spec().validators.push_back(std::move(validator));
  return *this;
}

SettingsSchema::SettingsSchema(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {}

SettingDeclaration SettingsSchema::String(std::string name, std::string description) {
  return Declare(std::move(name), SettingType::kString, std::move(description));
}
SettingDeclaration SettingsSchema::Int(std::string name, std::string description) {
  return Declare(std::move(name), SettingType::kInt, std::move(description));
}
SettingDeclaration SettingsSchema::Bool(std::string name, std::string description) {
  return Declare(std::move(name), SettingType::kBool, std::move(description));
}
SettingDeclaration SettingsSchema::Duration(std::string name, std::string description) {
  return Declare(std::move(name), SettingType::kDuration, std::move(description));
}
SettingDeclaration SettingsSchema::Path(std::string name, std::string description) {
  return Declare(std::move(name), SettingType::kPath, std::move(description));
}

void SettingsSchema::Check(SettingsCheck check) { checks_.push_back(std::move(check)); }

const SettingSpec* SettingsSchema::Find(std::string_view name) const {
  for (const SettingSpec& spec : specs_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

SettingDeclaration SettingsSchema::Declare(std::string name, SettingType type,
                                           std::string description) {
  if (!IsValidSettingName(name)) {
    ProgrammingError("setting name '" + name + "' is not lower-case words joined by '-'");
  }
  if (Find(name) != nullptr) ProgrammingError("setting '" + name + "' is declared twice");
  SettingSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.description = std::move(description);
  specs_.push_back(std::move(spec));
  return SettingDeclaration(this, specs_.size() - 1);
}

std::string SettingsSchema::HelpText() const {
  std::string text = program_ + ": " + summary_ + "\n\n";
  text +=
      "Each setting is read from its flag (--name=value or --name value) or else from its\n"
      "environment variable; flags win. Settings marked [file] also accept --name-file=PATH or\n"
      "JINDU_NAME_FILE=PATH, reading the value from that file.\n\nSettings:\n";
  for (const SettingSpec& spec : specs_) {
    text += "  " + FlagName(spec.name) + "=" + std::string(SettingTypeName(spec.type)) + "  (" +
            EnvironmentName(spec.name) + ")";
    if (spec.file_allowed) text += " [file]";
    text += "\n      " + spec.description;
    if (spec.required) {
      text += " Required.";
    } else if (spec.default_text && spec.secret && !spec.default_text->empty()) {
      text += " Has a default (secret, not shown).";
    } else if (spec.default_text) {
      text +=
          spec.default_text->empty() ? " Default: empty." : " Default: " + *spec.default_text + ".";
    }
    text += "\n";
  }
  text += "  --help\n      Print this text and exit.\n";
  return text;
}

}  // namespace jindu::runtime
