// `jinductl orgs list|get|create`: organisations of RegistrationService.
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace reg = registration::v1;

std::unique_ptr<reg::RegistrationService::Stub> Stub(Invocation& invocation) {
  return reg::RegistrationService::NewStub(invocation.connection().Channel(Service::kRegistration));
}

int List(Invocation& invocation) {
  reg::ListOrganizationsRequest request;
  request.set_within_region_code(invocation.Flag("region"));
  for (const std::string& kind : invocation.FlagValues("kind")) {
    request.add_kinds(ParseEnum<reg::OrganizationKind>("kind", kind));
  }
  if (invocation.Has("parent")) {
    request.set_parent(ResourceName("organizations", invocation.Flag("parent")));
  }
  if (invocation.Has("state")) {
    request.set_state(ParseEnum<reg::OrganizationState>("state", invocation.Flag("state")));
  }
  ApplyPaging(invocation, &request);
  auto stub = Stub(invocation);
  reg::ListOrganizationsResponse response;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->ListOrganizations(context, request, &response);
  });
  if (invocation.json()) {
    PrintJson(response);
    return kExitOk;
  }
  Table table(
      {"名称 name", "组织 display_name", "类别 kind", "地区 region", "上级 parent", "状态 state"});
  for (const reg::Organization& org : response.organizations()) {
    table.AddRow({org.name(), org.display_name(), ShortName(org.kind()), org.region_code(),
                  org.parent().empty() ? "-" : org.parent(), ShortName(org.state())});
  }
  table.Print(std::cout);
  NoteNextPage(response.next_page_token());
  return kExitOk;
}

int Get(Invocation& invocation) {
  reg::GetOrganizationRequest request;
  request.set_name(ResourceName("organizations", invocation.arg(0)));
  auto stub = Stub(invocation);
  reg::Organization organization;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->GetOrganization(context, request, &organization);
  });
  PrintResource(invocation, organization);
  return kExitOk;
}

int Create(Invocation& invocation) {
  reg::CreateOrganizationRequest request;
  reg::Organization* organization = request.mutable_organization();
  organization->set_display_name(invocation.RequireFlag("name"));
  organization->set_kind(ParseEnum<reg::OrganizationKind>("kind", invocation.RequireFlag("kind")));
  organization->set_region_code(invocation.RequireFlag("region"));
  if (invocation.Has("parent")) {
    organization->set_parent(ResourceName("organizations", invocation.Flag("parent")));
  }
  if (invocation.Has("sector")) {
    organization->set_sector(ParseEnum<reg::BranchSector>("sector", invocation.Flag("sector")));
  }
  *organization->mutable_founding_date() =
      invocation.Has("founded") ? ParseDate("founded", invocation.Flag("founded")) : Today();
  request.set_request_id(invocation.Flag("request-id", NewRequestId()));
  auto stub = Stub(invocation);
  reg::Organization created;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->CreateOrganization(context, request, &created);
  });
  PrintResource(invocation, created);
  return kExitOk;
}

}  // namespace

NounSpec OrgsCommands() {
  const std::string kinds = EnumChoices(reg::OrganizationKind_descriptor());
  std::vector<FlagSpec> list_flags = {
      {"region", "CODE", "organisations of this region or inside it"},
      {"kind", "KIND", "only this kind: " + kinds, true},
      {"parent", "ORG", "only direct children of this organisation"},
      {"state", "STATE", "active (default) or dissolved"}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  return {
      "orgs",
      "associations, branches, teams (registration)",
      {{"list", "", 0, 0, "list organisations", list_flags, List},
       {"get", "NAME", 1, 1, "show one organisation (id or organizations/id)", {}, Get},
       {"create",
        "",
        0,
        0,
        "create an organisation",
        {{"name", "TEXT", "official name, e.g. 芙蓉区社会禁毒协会"},
         {"kind", "KIND", kinds},
         {"region", "CODE", "the region it serves"},
         {"parent", "ORG", "parent organisation (all but top-level associations)"},
         {"sector", "SECTOR", "industry branches: " + EnumChoices(reg::BranchSector_descriptor())},
         {"founded", "YYYY-MM-DD", "founding date (default today)"},
         {"request-id", "UUID", "idempotency key (default: a new one)"}},
        Create}}};
}

}  // namespace jindu::jinductl
