#pragma once
// A small command and flag parser for `jinductl <noun> <verb> [args] [--flags]`.
//
// Commands are declared as data (NounSpec / VerbSpec / FlagSpec) so that parsing, `--help` at every
// level and the bash completion script all come from one description and cannot drift apart.
// Flags may appear anywhere after the program name, as `--flag value` or `--flag=value`; a flag the
// chosen command does not take is a usage error naming it.
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace jindu::jinductl {

class Invocation;
using Runner = std::function<int(Invocation&)>;

struct FlagSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // "" for a switch that takes no value
  std::string help;
  bool repeatable = false;
};

struct VerbSpec {
  std::string name;       // "" when the noun is itself the command (`jinductl whoami`)
  std::string arguments;  // for help, e.g. "CODE" or "FILE.csv"
  int min_args = 0;
  int max_args = 0;
  std::string summary;
  std::vector<FlagSpec> flags;
  Runner run;
};

struct NounSpec {
  std::string name;
  std::string summary;
  std::vector<VerbSpec> verbs;
};

// What the command line asked for, before anything is run.
struct ParsedCommandLine {
  const NounSpec* noun = nullptr;  // null: top-level help
  const VerbSpec* verb = nullptr;  // null: the noun's help
  std::vector<std::string> args;
  std::map<std::string, std::vector<std::string>> flags;  // "--help" for a switch -> {""}
  bool help = false;
};

// Flags every command takes (connection, credentials, output).
const std::vector<FlagSpec>& GlobalFlags();

// Throws UsageError naming the offending word or flag.
ParsedCommandLine ParseCommandLine(const std::vector<NounSpec>& nouns,
                                   const std::vector<std::string>& words);

// Help texts.
std::string TopLevelHelp(const std::vector<NounSpec>& nouns);
std::string NounHelp(const NounSpec& noun);
std::string VerbHelp(const NounSpec& noun, const VerbSpec& verb);

}  // namespace jindu::jinductl
