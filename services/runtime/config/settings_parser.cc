#include "runtime/config/settings_parser.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "runtime/config/programming_error.h"

extern char** environ;

namespace jindu::runtime {
namespace {

constexpr std::string_view kFileSuffix = "-file";

// Where a raw value was found, before it is parsed.
struct RawValue {
  std::string text;  // the value itself, or the path of the file that holds it
  bool is_file = false;
};

// Flags by setting name; "direct" is --name=value, "file" is --name-file=path.
struct FlagValues {
  std::map<std::string, RawValue, std::less<>> direct;
  std::map<std::string, RawValue, std::less<>> file;
};

std::string Label(const SettingSpec& spec) {
  return FlagName(spec.name) + " (" + EnvironmentName(spec.name) + ")";
}

bool ReadValueFile(const std::string& path, std::string* content, std::string* reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *reason = "cannot read file " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = buffer.str();
  while (!content->empty() && (content->back() == '\n' || content->back() == '\r')) {
    content->pop_back();
  }
  return true;
}

// Splits the command line into flag values, reporting unknown flags, repeated flags, missing
// values and stray positional arguments.
FlagValues ReadFlags(const SettingsSchema& schema, const std::vector<std::string>& args,
                     bool* help_requested, std::vector<std::string>* problems) {
  FlagValues flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      *help_requested = true;
      continue;
    }
    if (!arg.starts_with("--") || arg.size() == 2) {
      problems->push_back("unexpected argument '" + std::string(arg) +
                          "' (settings are --name=value)");
      continue;
    }
    std::string_view body = arg.substr(2);
    std::string_view key = body.substr(0, body.find('='));
    std::optional<std::string> value;
    if (key.size() < body.size()) value = std::string(body.substr(key.size() + 1));

    const SettingSpec* spec = schema.Find(key);
    bool is_file = false;
    if (spec == nullptr && key.ends_with(kFileSuffix)) {
      spec = schema.Find(key.substr(0, key.size() - kFileSuffix.size()));
      if (spec != nullptr && !spec->file_allowed) spec = nullptr;
      is_file = spec != nullptr;
    }
    if (spec == nullptr) {
      problems->push_back("--" + std::string(key) + ": unknown flag");
      continue;
    }
    if (!value && spec->type == SettingType::kBool && !is_file) {
      value = "true";  // a bare boolean flag switches it on
    } else if (!value && i + 1 < args.size() && !args[i + 1].starts_with("--")) {
      value = args[++i];
    }
    if (!value) {
      problems->push_back("--" + std::string(key) + ": needs a value");
      continue;
    }
    auto& target = is_file ? flags.file : flags.direct;
    if (!target.emplace(spec->name, RawValue{*value, is_file}).second) {
      problems->push_back("--" + std::string(key) + ": given more than once");
    }
  }
  return flags;
}

const RawValue* FindIn(const std::map<std::string, RawValue, std::less<>>& values,
                       std::string_view name) {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

// Picks the raw value of one setting: a flag, else an environment variable, else the default.
// Returns false (with a problem) when the setting is required and absent or given twice at one
// level.
bool ChooseRawValue(const SettingSpec& spec, const FlagValues& flags,
                    const Environment& environment, RawValue* chosen, std::string* source,
                    std::string* problem) {
  const RawValue* flag = FindIn(flags.direct, spec.name);
  const RawValue* flag_file = FindIn(flags.file, spec.name);
  if (flag != nullptr && flag_file != nullptr) {
    *problem = "both " + FlagName(spec.name) + " and " + FlagName(spec.name) + "-file are given";
    return false;
  }
  if (flag != nullptr || flag_file != nullptr) {
    *chosen = flag != nullptr ? *flag : *flag_file;
    *source = "flag";
    return true;
  }

  std::string variable = EnvironmentName(spec.name);
  auto env = environment.find(variable);
  auto env_file = spec.file_allowed ? environment.find(variable + "_FILE") : environment.end();
  if (env != environment.end() && env_file != environment.end()) {
    *problem = "both " + variable + " and " + variable + "_FILE are set";
    return false;
  }
  if (env != environment.end()) {
    *chosen = RawValue{env->second, false};
    *source = "environment";
    return true;
  }
  if (env_file != environment.end()) {
    *chosen = RawValue{env_file->second, true};
    *source = "environment";
    return true;
  }

  if (spec.default_text) {
    *chosen = RawValue{*spec.default_text, false};
    *source = "default";
    return true;
  }
  *problem = "required but not set";
  return false;
}

// Resolves, parses and validates one setting. Returns false with a problem description.
bool ResolveSetting(const SettingSpec& spec, const FlagValues& flags,
                    const Environment& environment, Settings::Entry* entry, std::string* problem) {
  if (!spec.required && !spec.default_text) {
    ProgrammingError("setting '" + spec.name + "' is neither required nor has a default");
  }
  RawValue raw;
  if (!ChooseRawValue(spec, flags, environment, &raw, &entry->source, problem)) return false;
  std::string text = raw.text;
  if (raw.is_file) {
    if (!ReadValueFile(raw.text, &text, problem)) return false;
    entry->source = "file " + raw.text;
  }
  std::string reason;
  if (!ParseSettingValue(spec.type, text, &entry->value, &reason)) {
    *problem = spec.secret ? reason : "'" + text + "' is " + reason;
    return false;
  }
  for (const SettingValidator& validator : spec.validators) {
    reason = validator(entry->value);
    if (!reason.empty()) {
      *problem = spec.secret ? "invalid value (secret, not shown)" : reason;
      return false;
    }
  }
  entry->secret = spec.secret;
  return true;
}

}  // namespace

Environment ProcessEnvironment() {
  Environment environment;
  for (char** variable = environ; variable != nullptr && *variable != nullptr; ++variable) {
    std::string_view entry = *variable;
    std::size_t equals = entry.find('=');
    if (equals == std::string_view::npos || !entry.starts_with("JINDU_")) continue;
    environment.emplace(std::string(entry.substr(0, equals)),
                        std::string(entry.substr(equals + 1)));
  }
  return environment;
}

std::string SettingsParseResult::ErrorMessage(std::string_view program) const {
  std::string message =
      std::string(program) + ": " + std::to_string(problems.size()) +
      (problems.size() == 1 ? " configuration problem:\n" : " configuration problems:\n");
  for (const std::string& problem : problems) message += "  " + problem + "\n";
  message += "Run " + std::string(program) + " --help to list the settings.\n";
  return message;
}

SettingsParseResult ParseSettings(const SettingsSchema& schema,
                                  const std::vector<std::string>& args,
                                  const Environment& environment) {
  SettingsParseResult result;
  FlagValues flags = ReadFlags(schema, args, &result.help_requested, &result.problems);
  if (result.help_requested) return result;

  std::map<std::string, Settings::Entry, std::less<>> entries;
  for (const SettingSpec& spec : schema.specs()) {
    Settings::Entry entry;
    std::string problem;
    if (ResolveSetting(spec, flags, environment, &entry, &problem)) {
      entries.emplace(spec.name, std::move(entry));
    } else {
      result.problems.push_back(Label(spec) + ": " + problem);
    }
  }
  if (!result.problems.empty()) return result;

  Settings settings(std::move(entries));
  for (const SettingsCheck& check : schema.checks()) {
    std::string problem = check(settings);
    if (!problem.empty()) result.problems.push_back(std::move(problem));
  }
  if (result.problems.empty()) result.settings = std::move(settings);
  return result;
}

Settings LoadSettingsOrExit(const SettingsSchema& schema, int argc, char** argv) {
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  SettingsParseResult result = ParseSettings(schema, args, ProcessEnvironment());
  if (result.help_requested) {
    std::cout << schema.HelpText();
    std::exit(EXIT_SUCCESS);
  }
  if (!result.settings) {
    std::cerr << result.ErrorMessage(schema.program());
    std::exit(2);
  }
  return std::move(*result.settings);
}

}  // namespace jindu::runtime
