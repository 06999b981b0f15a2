#pragma once
// Every command of jinductl, one noun per file (regions_commands.cc, ...), and the helpers the
// nouns share (paging flags, printing one resource).
#include <google/protobuf/message.h>

#include <iostream>
#include <string>
#include <vector>

#include "jinductl/command_line.h"
#include "jinductl/invocation.h"

namespace jindu::jinductl {

NounSpec AuthLoginCommand();
NounSpec AuthLogoutCommand();
NounSpec AuthWhoamiCommand();
NounSpec RegionsCommands();
NounSpec OrgsCommands();
NounSpec VolunteersCommands();
NounSpec CasesCommands();
NounSpec ActivitiesCommands();
NounSpec ReportsCommands();
NounSpec DashboardCommands();
NounSpec ExportCommand();
NounSpec CompletionCommand(const std::vector<NounSpec>* nouns);

// Every noun, in help order. The completion command describes this list.
const std::vector<NounSpec>& AllCommands();

// --page-size and --page-token of every list.
std::vector<FlagSpec> PagingFlags();
long long ParsePageSize(const std::string& text);
template <typename Request>
void ApplyPaging(const Invocation& invocation, Request* request) {
  if (invocation.Has("page-size")) {
    request->set_page_size(static_cast<int>(ParsePageSize(invocation.Flag("page-size"))));
  }
  request->set_page_token(invocation.Flag("page-token"));
}
// Tells a person on stderr how to get the next page (scripts read next_page_token from JSON).
void NoteNextPage(const std::string& next_page_token);

// One resource: JSON, or a two-column table of its set fields (enums by short name, dates as
// YYYY-MM-DD, timestamps in Asia/Shanghai).
void PrintResource(const Invocation& invocation, const google::protobuf::Message& message);
// A field value as a table cell, by the same rules.
std::string FieldText(const google::protobuf::Message& message, const std::string& field);
// A timestamp as "2026-12-06 10:45:03 +08:00".
std::string FormatTimestampSeconds(long long seconds);

}  // namespace jindu::jinductl
