// `jinductl cases list|get`: cases of CaseworkService, shown exactly as the service returns them.
// Only the BASIC (masked) view is ever requested: unmasking needs a purpose and an audit entry,
// which belong in the caseworkers' application, not in a script tool.
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace cw = casework::v1;

int List(Invocation& invocation) {
  cw::ListCasesRequest request;
  request.set_within_region_code(invocation.Flag("region"));
  for (const std::string& status : invocation.FlagValues("status")) {
    request.add_statuses(ParseEnum<cw::CaseStatus>("status", status));
  }
  for (const std::string& measure : invocation.FlagValues("measure")) {
    request.add_measure_types(ParseEnum<cw::MeasureType>("measure", measure));
  }
  request.set_assigned_to_caller(invocation.Has("mine"));
  request.set_contact_overdue(invocation.Has("contact-overdue"));
  ApplyPaging(invocation, &request);
  auto stub = cw::CaseworkService::NewStub(invocation.connection().Channel(Service::kCasework));
  cw::ListCasesResponse response;
  invocation.connection().Invoke(Service::kCasework, [&](grpc::ClientContext* context) {
    return stub->ListCases(context, request, &response);
  });
  if (invocation.json()) {
    PrintJson(response);
    return kExitOk;
  }
  Table table({"名称 name", "姓名 name (masked)", "居住地 region", "措施 measure", "状态 status",
               "立案 opened", "结对 pairings"});
  for (const cw::Case& item : response.cases()) {
    table.AddRow({item.name(), item.personal_details().full_name(), item.residence_region_code(),
                  ShortName(item.measure().type()), ShortName(item.status()),
                  item.has_open_date() ? FormatDate(item.open_date()) : "-",
                  std::to_string(item.active_pairing_count())});
  }
  table.Print(std::cout);
  std::cout << "total: " << response.total_size() << "\n";
  NoteNextPage(response.next_page_token());
  return kExitOk;
}

int Get(Invocation& invocation) {
  cw::GetCaseRequest request;
  request.set_name(ResourceName("cases", invocation.arg(0)));
  request.set_view(cw::CASE_VIEW_BASIC);
  auto stub = cw::CaseworkService::NewStub(invocation.connection().Channel(Service::kCasework));
  cw::Case found;
  invocation.connection().Invoke(Service::kCasework, [&](grpc::ClientContext* context) {
    return stub->GetCase(context, request, &found);
  });
  PrintResource(invocation, found);
  return kExitOk;
}

}  // namespace

NounSpec CasesCommands() {
  std::vector<FlagSpec> list_flags = {
      {"region", "CODE", "cases residing in this region or inside it"},
      {"status", "STATUS", EnumChoices(cw::CaseStatus_descriptor()), true},
      {"measure", "MEASURE", EnumChoices(cw::MeasureType_descriptor()), true},
      {"mine", "", "only cases assigned to the caller"},
      {"contact-overdue", "", "only cases with an overdue contact"}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  return {"cases",
          "cases (casework; masked as the service returns them)",
          {{"list", "", 0, 0, "list cases (masked)", list_flags, List},
           {"get", "NAME", 1, 1, "show one case (masked)", {}, Get}}};
}

}  // namespace jindu::jinductl
