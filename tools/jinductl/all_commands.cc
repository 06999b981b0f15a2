// The list of every command, in help order; main, the completion script and the tests read it.
#include "jinductl/commands.h"

namespace jindu::jinductl {

const std::vector<NounSpec>& AllCommands() {
  static const std::vector<NounSpec>* nouns = [] {
    auto* list = new std::vector<NounSpec>();
    list->push_back(AuthLoginCommand());
    list->push_back(AuthLogoutCommand());
    list->push_back(AuthWhoamiCommand());
    list->push_back(RegionsCommands());
    list->push_back(OrgsCommands());
    list->push_back(VolunteersCommands());
    list->push_back(CasesCommands());
    list->push_back(ActivitiesCommands());
    list->push_back(ReportsCommands());
    list->push_back(DashboardCommands());
    list->push_back(ExportCommand());
    list->push_back(CompletionCommand(list));
    return list;
  }();
  return *nouns;
}

}  // namespace jindu::jinductl
