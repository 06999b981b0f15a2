// `jinductl completion bash`: a bash completion script generated from the command descriptions,
// so it knows every noun, verb and flag of this very build.
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

std::string BashScript(const std::vector<NounSpec>& nouns) {
  std::ostringstream out;
  out << "# bash completion for jinductl; load with: source <(jinductl completion bash)\n"
         "_jinductl() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" noun=\"\" verb=\"\" word i\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    word=\"${COMP_WORDS[i]}\"\n"
         "    [[ $word == -* ]] && continue\n"
         "    if [[ -z $noun ]]; then noun=$word; elif [[ -z $verb ]]; then verb=$word; fi\n"
         "  done\n"
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
      out << "      words=\"" << FlagWords(noun.verbs[0].flags) << " $global\" ;;\n";
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
         "  # Arguments that are files (regions import FILE.csv, -o FILE) complete as files.\n"
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
