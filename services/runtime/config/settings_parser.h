#pragma once

// Reads a schema's settings from command-line flags and the environment, flags winning, and
// validates them all at once: start-up stops with one message listing every problem, never with the
// first problem alone.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"

namespace jindu::runtime {

// Environment variables by name.
using Environment = std::map<std::string, std::string, std::less<>>;

// The process's JINDU_* environment variables.
Environment ProcessEnvironment();

struct SettingsParseResult {
  bool help_requested = false;
  // One line per problem, each naming the setting (flag and variable) and the reason.
  std::vector<std::string> problems;
  // Set when no problem was found and help was not requested.
  std::optional<Settings> settings;

  // The single message start-up prints: "<program>: N configuration problems:" and the list.
  std::string ErrorMessage(std::string_view program) const;
};

// Pure apart from reading the files named by --name-file flags and NAME_FILE variables, so tests
// drive it with made-up arguments and environments. args excludes the program name (argv[0]).
SettingsParseResult ParseSettings(const SettingsSchema& schema,
                                  const std::vector<std::string>& args,
                                  const Environment& environment);

// For main(): parses argv and the process environment. --help prints the schema's help to stdout
// and exits 0; any problem prints the message to stderr and exits 2 (bad usage).
Settings LoadSettingsOrExit(const SettingsSchema& schema, int argc, char** argv);

}  // namespace jindu::runtime
