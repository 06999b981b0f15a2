// `jinductl completion bash`: a bash completion script generated from the command descriptions,
// so it knows every noun, verb and flag of this very build.
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "jinductl/commands.h"
#include "jinductl/exit_codes.h"

namespace jindu::jinductl {
namespace {

std::string FlagWords(const std::vector<FlagSpec>& flags) {
  std::string words;
  for (const FlagSpec& flag : flags) {
    words +=
        (words.empty() ? "" : " ") + std::string(flag.name.size() == 1 ? "-" : "--") + flag.name;
  }
  return words;
}

// The values of an enum flag, read from its help text ("kinds: a, b, c" or "a, b, c"), which
// values.h's EnumChoices wrote; other flags complete nothing.
std::string FlagChoices(const FlagSpec& flag) {
  if (flag.name == "output") return "table json";
  if (flag.name == "period" && flag.help.starts_with("month")) return "month quarter year all";
  if (flag.name == "format") return "csv xlsx";
  static const std::regex kList(R"(^ *[a-z0-9_]+(, [a-z0-9_]+)+$)");
  const size_t colon = flag.help.rfind(": ");
  const std::string tail = colon == std::string::npos ? flag.help : flag.help.substr(colon + 2);
  if (!std::regex_match(tail, kList)) return "";
  return std::regex_replace(tail, std::regex(", "), " ");
}

std::string Spelt(const FlagSpec& flag) { return (flag.name.size() == 1 ? "-" : "--") + flag.name; }

std::string BashScript(const std::vector<NounSpec>& nouns) {
  // Flags taking a value (their value is neither a noun nor a verb), and the choices of enum
  // flags per command: --kind means organisation kinds in `orgs` and activity kinds in
  // `activities`.
  std::set<std::string> valued;
  std::vector<std::pair<std::string, std::string>> choices;  // case pattern, words
  for (const FlagSpec& flag : GlobalFlags()) {
    if (!flag.value_name.empty()) valued.insert(Spelt(flag));
    if (std::string values = FlagChoices(flag); !values.empty()) {
      choices.emplace_back("*\" " + Spelt(flag) + "\"", values);
    }
  }
  for (const NounSpec& noun : nouns) {
    for (const VerbSpec& verb : noun.verbs) {
      for (const FlagSpec& flag : verb.flags) {
        if (!flag.value_name.empty()) valued.insert(Spelt(flag));
        std::string values = FlagChoices(flag);
        if (values.empty()) continue;
        const std::string command =
            verb.name.empty() ? noun.name + " \"*\"" : noun.name + " " + verb.name;
        choices.emplace_back("\"" + command + " " + Spelt(flag) + "\"", values);
      }
    }
  }
  std::ostringstream out;
  out << "# bash completion for jinductl; load with: source <(jinductl completion bash)\n"
         "_jinductl() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  local noun=\"\" verb=\"\" word i\n"
         "  local valued=\" ";
  for (const std::string& flag : valued) out << flag << " ";
  out << "\"\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    word=\"${COMP_WORDS[i]}\"\n"
         "    if [[ $valued == *\" $word \"* ]]; then ((i++)); continue; fi\n"
         "    [[ $word == -* ]] && continue\n"
         "    if [[ -z $noun ]]; then noun=$word; elif [[ -z $verb ]]; then verb=$word; fi\n"
         "  done\n"
         "  case \"$noun $verb $prev\" in\n";
  for (const auto& [pattern, values] : choices) {
    out << "    " << pattern << ") COMPREPLY=($(compgen -W \"" << values
        << "\" -- \"$cur\")); return ;;\n";
  }
  out << "  esac\n"
         "  # Any other value: files (regions import FILE.csv, -o FILE) are the likeliest.\n"
         "  if [[ $valued == *\" $prev \"* ]]; then COMPREPLY=($(compgen -f -- \"$cur\")); return; "
         "fi\n"
         "  local global=\""
      << FlagWords(GlobalFlags())
      << "\"\n"
         "  local words=\"\"\n"
         "  case \"$noun\" in\n"
         "    \"\") words=\"";
  std::string noun_words;
  for (const NounSpec& noun : nouns) noun_words += (noun_words.empty() ? "" : " ") + noun.name;
  out << noun_words << "\" ;;\n";
  for (const NounSpec& noun : nouns) {
    const bool direct = noun.verbs.size() == 1 && noun.verbs[0].name.empty();
    out << "    " << noun.name << ")\n";
    if (direct) {
      // An argument with fixed values (export TABLE) lists them on its summary's last line.
      const std::string& summary = noun.verbs[0].summary;
      const FlagSpec argument{"", "X", summary.substr(summary.rfind('\n') + 1)};
      std::string values = FlagChoices(argument);
      size_t at = values.find_first_not_of(' ');
      values = at == std::string::npos ? "" : values.substr(at);
      if (!values.empty()) {
        out << "      [[ -z $verb ]] && words=\"" << values << "\"\n";
      }
      out << "      words=\"$words " << FlagWords(noun.verbs[0].flags) << " $global\" ;;\n";
      continue;
    }
    out << "      case \"$verb\" in\n";
    std::string verbs;
    for (const VerbSpec& verb : noun.verbs) verbs += (verbs.empty() ? "" : " ") + verb.name;
    out << "        \"\") words=\"" << verbs << "\" ;;\n";
    for (const VerbSpec& verb : noun.verbs) {
      out << "        " << verb.name << ") words=\"" << FlagWords(verb.flags) << " $global\" ;;\n";
    }
    out << "      esac ;;\n";
  }
  out << "  esac\n"
         "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
         "  if [[ ${#COMPREPLY[@]} -eq 0 && $cur != -* ]]; then COMPREPLY=($(compgen -f -- "
         "\"$cur\")); fi\n"
         "}\n"
         "complete -F _jinductl jinductl\n";
  return out.str();
}

}  // namespace

NounSpec CompletionCommand(const std::vector<NounSpec>* nouns) {
  return {"completion",
          "print a shell completion script",
          {{"bash",
            "",
            0,
            0,
            "print the bash completion script: source <(jinductl completion bash)",
            {},
            [nouns](Invocation&) {
              std::cout << BashScript(*nouns);
              return kExitOk;
            }}}};
}

}  // namespace jindu::jinductl
