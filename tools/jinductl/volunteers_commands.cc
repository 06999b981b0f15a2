// `jinductl volunteers list|get|create|approve|activate`: volunteers of RegistrationService. Reads
// ask for the masked view only: this tool never unmasks personal data.
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
  reg::ListVolunteersRequest request;
  request.set_within_region_code(invocation.Flag("region"));
  if (invocation.Has("org")) {
    request.set_organization(ResourceName("organizations", invocation.Flag("org")));
  }
  for (const std::string& state : invocation.FlagValues("state")) {
    request.add_states(ParseEnum<reg::VolunteerState>("state", state));
  }
  if (invocation.Has("role")) {
    request.set_role(ParseEnum<reg::VolunteerRole>("role", invocation.Flag("role")));
  }
  ApplyPaging(invocation, &request);
  auto stub = Stub(invocation);
  reg::ListVolunteersResponse response;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->ListVolunteers(context, request, &response);
  });
  if (invocation.json()) {
    PrintJson(response);
    return kExitOk;
  }
  Table table({"名称 name", "姓名 display_name", "居住地 region", "状态 state", "角色 roles",
               "电话 phone"});
  for (const reg::Volunteer& volunteer : response.volunteers()) {
    table.AddRow({volunteer.name(), volunteer.display_name(), volunteer.residence_region_code(),
                  ShortName(volunteer.state()), FieldText(volunteer, "roles"), volunteer.phone()});
  }
  table.Print(std::cout);
  std::cout << "total: " << response.total_size() << "\n";
  NoteNextPage(response.next_page_token());
  return kExitOk;
}

int Get(Invocation& invocation) {
  reg::GetVolunteerRequest request;
  request.set_name(ResourceName("volunteers", invocation.arg(0)));
  request.set_view(reg::VOLUNTEER_VIEW_BASIC);
  auto stub = Stub(invocation);
  reg::Volunteer volunteer;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->GetVolunteer(context, request, &volunteer);
  });
  PrintResource(invocation, volunteer);
  return kExitOk;
}

int Create(Invocation& invocation) {
  reg::CreateVolunteerRequest request;
  reg::Volunteer* volunteer = request.mutable_volunteer();
  volunteer->set_display_name(invocation.RequireFlag("name"));
  volunteer->set_national_id_number(invocation.RequireFlag("id-number"));
  volunteer->set_phone(invocation.RequireFlag("phone"));
  volunteer->set_residence_region_code(invocation.RequireFlag("region"));
  for (const std::string& org : invocation.FlagValues("org")) {
    volunteer->add_organizations(ResourceName("organizations", org));
  }
  for (const std::string& role : invocation.FlagValues("role")) {
    volunteer->add_roles(ParseEnum<reg::VolunteerRole>("role", role));
  }
  for (const std::string& skill : invocation.FlagValues("skill")) volunteer->add_skills(skill);
  request.set_request_id(invocation.Flag("request-id", NewRequestId()));
  auto stub = Stub(invocation);
  reg::Volunteer created;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->CreateVolunteer(context, request, &created);
  });
  PrintResource(invocation, created);
  return kExitOk;
}

template <typename Request, typename Method>
int Transition(Invocation& invocation, Method method) {
  Request request;
  request.set_name(ResourceName("volunteers", invocation.arg(0)));
  request.set_reason(invocation.Flag("reason"));
  request.set_etag(invocation.Flag("etag"));
  auto stub = Stub(invocation);
  reg::Volunteer volunteer;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return (stub.get()->*method)(context, request, &volunteer);
  });
  PrintResource(invocation, volunteer);
  return kExitOk;
}

int Approve(Invocation& invocation) {
  return Transition<reg::ApproveVolunteerRequest>(
      invocation, &reg::RegistrationService::Stub::ApproveVolunteer);
}

int Activate(Invocation& invocation) {
  return Transition<reg::ActivateVolunteerRequest>(
      invocation, &reg::RegistrationService::Stub::ActivateVolunteer);
}

}  // namespace

NounSpec VolunteersCommands() {
  const std::vector<FlagSpec> transition_flags = {
      {"reason", "TEXT", "note, 0..500 characters"},
      {"etag", "ETAG", "the etag last read (refused if stale)"}};
  std::vector<FlagSpec> list_flags = {
      {"region", "CODE", "volunteers residing in this region or inside it"},
      {"org", "ORG", "members of this organisation"},
      {"state", "STATE", EnumChoices(reg::VolunteerState_descriptor()), true},
      {"role", "ROLE", EnumChoices(reg::VolunteerRole_descriptor())}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  return {"volunteers",
          "real-name volunteers (registration; personal data masked)",
          {{"list", "", 0, 0, "list volunteers (masked)", list_flags, List},
           {"get", "NAME", 1, 1, "show one volunteer (masked)", {}, Get},
           {"create",
            "",
            0,
            0,
            "register a volunteer (state applied). The ID number and phone are sent once and\n"
            "shown masked afterwards; avoid them in shell history where that matters.",
            {{"name", "TEXT", "real name"},
             {"id-number", "ID", "18-character national ID number"},
             {"phone", "PHONE", "mobile phone, 11 digits, optionally +86"},
             {"region", "CODE", "region of residence"},
             {"org", "ORG", "an organisation the volunteer belongs to", true},
             {"role", "ROLE", EnumChoices(reg::VolunteerRole_descriptor()), true},
             {"skill", "TEXT", "a skill, e.g. 心理咨询", true},
             {"request-id", "UUID", "idempotency key (default: a new one)"}},
            Create},
           {"approve", "NAME", 1, 1, "approve a registration (applied -> approved)",
            transition_flags, Approve},
           {"activate", "NAME", 1, 1, "start serving (approved|suspended -> active)",
            transition_flags, Activate}}};
}

}  // namespace jindu::jinductl
