#include "jinductl/command_line.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"

namespace jindu::jinductl {
namespace {

const FlagSpec* FindFlag(const std::vector<FlagSpec>& flags, const std::string& name) {
  for (const FlagSpec& flag : flags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

// Whether any command knows the flag, and whether it takes a value there. Names are unique across
// commands in meaning, so one answer serves before the command is known.
const FlagSpec* FindAnyFlag(const std::vector<NounSpec>& nouns, const std::string& name) {
  if (const FlagSpec* global = FindFlag(GlobalFlags(), name)) return global;
  for (const NounSpec& noun : nouns) {
    for (const VerbSpec& verb : noun.verbs) {
      if (const FlagSpec* flag = FindFlag(verb.flags, name)) return flag;
    }
  }
  return nullptr;
}

std::string CommandName(const NounSpec& noun, const VerbSpec& verb) {
  return verb.name.empty() ? noun.name : noun.name + " " + verb.name;
}

void AppendFlags(std::ostringstream& out, const std::vector<FlagSpec>& flags) {
  size_t width = 0;
  for (const FlagSpec& flag : flags) {
    width = std::max(width,
                     flag.name.size() + (flag.value_name.empty() ? 0 : flag.value_name.size() + 1));
  }
  for (const FlagSpec& flag : flags) {
    std::string left = (flag.name.size() == 1 ? "-" : "--") + flag.name +
                       (flag.value_name.empty() ? "" : " " + flag.value_name);
    out << "  " << left << std::string(width + 4 - left.size(), ' ') << flag.help
        << (flag.repeatable ? " (repeatable)" : "") << "\n";
  }
}

}  // namespace

const std::vector<FlagSpec>& GlobalFlags() {
  static const std::vector<FlagSpec> kFlags = {
      {"server", "HOST", "host of every service (env JINDU_SERVER; default 127.0.0.1)"},
      {"registration-addr", "HOST:PORT",
       "registration service (env JINDU_REGISTRATION_ADDR; default SERVER:50061)"},
      {"casework-addr", "HOST:PORT",
       "casework service (env JINDU_CASEWORK_ADDR; default SERVER:50062)"},
      {"publicity-addr", "HOST:PORT",
       "publicity service (env JINDU_PUBLICITY_ADDR; default SERVER:50063)"},
      {"reporting-addr", "HOST:PORT",
       "reporting service (env JINDU_REPORTING_ADDR; default SERVER:50064)"},
      {"tls", "", "TLS to the services with the system's roots (env JINDUCTL_TLS=1)"},
      {"tls-ca-file", "FILE", "TLS with these PEM roots (env JINDUCTL_TLS_CA_FILE)"},
      {"tls-cert-file", "FILE", "client certificate for mutual TLS (env JINDUCTL_TLS_CERT_FILE)"},
      {"tls-key-file", "FILE", "its private key (env JINDUCTL_TLS_KEY_FILE)"},
      {"tls-server-name", "NAME",
       "name expected in the services' certificates (env JINDUCTL_TLS_SERVER_NAME)"},
      {"token", "JWT", "bearer token (else env JINDU_TOKEN, else the one saved by `login`)"},
      {"config-dir", "DIR",
       "where `login` keeps the token (default $XDG_CONFIG_HOME/jindu or ~/.config/jindu)"},
      {"timeout", "DURATION", "deadline of each call: 30, 30s, 2m (default 30s)"},
      {"output", "FORMAT", "table (default) or json (protobuf JSON of the response)"},
      {"help", "", "help for this command"},
  };
  return kFlags;
}

ParsedCommandLine ParseCommandLine(const std::vector<NounSpec>& nouns,
                                   const std::vector<std::string>& words) {
  ParsedCommandLine parsed;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") {
      positional.insert(positional.end(), words.begin() + static_cast<long>(i) + 1, words.end());
      break;
    }
    if (word == "-h") {
      parsed.help = true;
      continue;
    }
    // One-letter flags are also spelt with one dash (`-o FILE`).
    const bool short_flag = word.size() == 2 && word[0] == '-' && word[1] != '-';
    if (!short_flag && (!word.starts_with("--") || word.size() == 2)) {
      if (word.starts_with("-") && word.size() > 1) {
        throw UsageError("unknown flag " + word + " (flags are spelt --name)");
      }
      positional.push_back(word);
      continue;
    }
    std::string name = word.substr(short_flag ? 1 : 2);
    std::string value;
    bool has_value = false;
    if (size_t equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
      has_value = true;
    }
    const FlagSpec* spec = FindAnyFlag(nouns, name);
    if (spec == nullptr) {
      throw UsageError("unknown flag " + (short_flag ? word : "--" + name) + " (see --help)");
    }
    if (spec->value_name.empty()) {
      if (has_value) throw UsageError("flag --" + name + " takes no value");
      if (name == "help") parsed.help = true;
      parsed.flags[name].push_back("");
      continue;
    }
    if (!has_value) {
      if (i + 1 >= words.size()) {
        throw UsageError("flag --" + name + " needs a value (" + spec->value_name + ")");
      }
      value = words[++i];
    }
    parsed.flags[name].push_back(value);
  }

  if (positional.empty()) {
    if (parsed.help) return parsed;
    throw UsageError("no command given (see jinductl --help)");
  }
  for (const NounSpec& noun : nouns) {
    if (noun.name == positional[0]) parsed.noun = &noun;
  }
  if (parsed.noun == nullptr) throw UsageError("unknown command '" + positional[0] + "'");
  size_t first_arg = 1;
  if (parsed.noun->verbs.size() == 1 && parsed.noun->verbs[0].name.empty()) {
    parsed.verb = &parsed.noun->verbs[0];
  } else if (positional.size() > 1) {
    for (const VerbSpec& verb : parsed.noun->verbs) {
      if (verb.name == positional[1]) parsed.verb = &verb;
    }
    if (parsed.verb == nullptr) {
      throw UsageError("unknown command '" + positional[0] + " " + positional[1] + "'");
    }
    first_arg = 2;
  } else {
    if (parsed.help) return parsed;
    throw UsageError("'" + parsed.noun->name + "' needs a subcommand (see jinductl " +
                     parsed.noun->name + " --help)");
  }
  parsed.args.assign(positional.begin() + static_cast<long>(first_arg), positional.end());
  if (parsed.help) return parsed;

  const std::string command = CommandName(*parsed.noun, *parsed.verb);
  for (const auto& [name, values] : parsed.flags) {
    const FlagSpec* spec = FindFlag(parsed.verb->flags, name);
    if (spec == nullptr) spec = FindFlag(GlobalFlags(), name);
    if (spec == nullptr) throw UsageError("unknown flag --" + name + " for '" + command + "'");
    if (values.size() > 1 && !spec->repeatable) {
      throw UsageError("flag --" + name + " given more than once");
    }
  }
  const int count = static_cast<int>(parsed.args.size());
  if (count < parsed.verb->min_args || count > parsed.verb->max_args) {
    throw UsageError(
        "'" + command + "' takes " +
        (parsed.verb->arguments.empty() ? std::string("no arguments") : parsed.verb->arguments) +
        (count > parsed.verb->max_args
             ? "; unexpected '" + parsed.args[static_cast<size_t>(parsed.verb->max_args)] + "'"
             : ""));
  }
  return parsed;
}

std::string TopLevelHelp(const std::vector<NounSpec>& nouns) {
  std::ostringstream out;
  out << "jinductl: the command-line client of jindu (county IT staff and scripts).\n\n"
         "usage: jinductl <command> [subcommand] [arguments] [flags]\n\n"
         "Commands:\n";
  std::vector<std::pair<std::string, std::string>> lines;
  size_t width = 0;
  for (const NounSpec& noun : nouns) {
    std::string verbs;
    for (const VerbSpec& verb : noun.verbs) {
      if (verb.name.empty()) continue;
      verbs += (verbs.empty() ? "" : "|") + verb.name;
    }
    lines.emplace_back(noun.name + (verbs.empty() ? "" : " " + verbs), noun.summary);
    width = std::max(width, lines.back().first.size());
  }
  for (const auto& [left, summary] : lines) {
    out << "  " << left << std::string(width + 2 - left.size(), ' ') << summary << "\n";
  }
  out << "\nGlobal flags (every command):\n";
  AppendFlags(out, GlobalFlags());
  out << "\n" << kExitCodeHelp << "\nRun `jinductl <command> --help` for a command's flags.\n";
  return out.str();
}

std::string NounHelp(const NounSpec& noun) {
  std::ostringstream out;
  out << "jinductl " << noun.name << ": " << noun.summary << "\n\nSubcommands:\n";
  for (const VerbSpec& verb : noun.verbs) {
    std::string left =
        CommandName(noun, verb) + (verb.arguments.empty() ? "" : " " + verb.arguments);
    out << "  " << left << std::string(left.size() < 40 ? 40 - left.size() : 1, ' ') << verb.summary
        << "\n";
  }
  out << "\nRun `jinductl " << noun.name << " <subcommand> --help` for its flags.\n"
      << kExitCodeHelp;
  return out.str();
}

std::string VerbHelp(const NounSpec& noun, const VerbSpec& verb) {
  std::ostringstream out;
  out << "usage: jinductl " << CommandName(noun, verb)
      << (verb.arguments.empty() ? "" : " " + verb.arguments) << " [flags]\n\n"
      << verb.summary << "\n";
  if (!verb.flags.empty()) {
    out << "\nFlags:\n";
    AppendFlags(out, verb.flags);
  }
  out << "\nGlobal flags:\n";
  AppendFlags(out, GlobalFlags());
  out << "\n" << kExitCodeHelp;
  return out.str();
}

}  // namespace jindu::jinductl
