// `jinductl activities list|get|create|submit|approve|reject`: publicity activities and their
// review (PublicityService).
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace pub = publicity::v1;

std::unique_ptr<pub::PublicityService::Stub> Stub(Invocation& invocation) {
  return pub::PublicityService::NewStub(invocation.connection().Channel(Service::kPublicity));
}

int List(Invocation& invocation) {
  pub::ListActivitiesRequest request;
  request.set_within_region_code(invocation.Flag("region"));
  if (invocation.Has("org")) {
    request.set_organization(ResourceName("organizations", invocation.Flag("org")));
  }
  for (const std::string& state : invocation.FlagValues("state")) {
    request.add_review_states(ParseEnum<pub::ReviewState>("state", state));
  }
  for (const std::string& kind : invocation.FlagValues("kind")) {
    request.add_kinds(ParseEnum<pub::ActivityKind>("kind", kind));
  }
  request.set_awaiting_caller_review(invocation.Has("awaiting-review"));
  ApplyPaging(invocation, &request);
  auto stub = Stub(invocation);
  pub::ListActivitiesResponse response;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return stub->ListActivities(context, request, &response);
  });
  if (invocation.json()) {
    PrintJson(response);
    return kExitOk;
  }
  Table table({"名称 name", "日期 date", "地区 region", "类别 kind", "标题 title", "受众 audience",
               "审核 review"},
              {Table::Align::kLeft, Table::Align::kLeft, Table::Align::kLeft, Table::Align::kLeft,
               Table::Align::kLeft, Table::Align::kRight, Table::Align::kLeft});
  for (const pub::Activity& activity : response.activities()) {
    table.AddRow({activity.name(), FormatDate(activity.activity_date()), activity.region_code(),
                  ShortName(activity.kind()), activity.title(),
                  std::to_string(activity.audience_count()), ShortName(activity.review_state())});
  }
  table.Print(std::cout);
  NoteNextPage(response.next_page_token());
  return kExitOk;
}

int Get(Invocation& invocation) {
  pub::GetActivityRequest request;
  request.set_name(ResourceName("activities", invocation.arg(0)));
  auto stub = Stub(invocation);
  pub::Activity activity;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return stub->GetActivity(context, request, &activity);
  });
  PrintResource(invocation, activity);
  return kExitOk;
}

int Create(Invocation& invocation) {
  pub::CreateActivityRequest request;
  pub::Activity* activity = request.mutable_activity();
  activity->set_organization(ResourceName("organizations", invocation.RequireFlag("org")));
  activity->set_region_code(invocation.RequireFlag("region"));
  activity->set_title(invocation.RequireFlag("title"));
  activity->set_kind(ParseEnum<pub::ActivityKind>("kind", invocation.RequireFlag("kind")));
  activity->set_six_into_category(
      ParseEnum<pub::SixIntoCategory>("six-into", invocation.RequireFlag("six-into")));
  *activity->mutable_activity_date() =
      invocation.Has("date") ? ParseDate("date", invocation.Flag("date")) : Today();
  activity->set_audience_count(ParseCount("audience", invocation.RequireFlag("audience")));
  for (const std::string& lecturer : invocation.FlagValues("lecturer")) {
    activity->add_lecturers(ResourceName("volunteers", lecturer));
  }
  for (const std::string& tag : invocation.FlagValues("tag")) {
    activity->add_campaign_tags(ParseEnum<pub::CampaignTag>("tag", tag));
  }
  if (invocation.Has("campaign")) {
    activity->set_campaign(ResourceName("campaigns", invocation.Flag("campaign")));
  }
  activity->set_description(invocation.Flag("description"));
  request.set_submit(invocation.Has("submit"));
  request.set_request_id(invocation.Flag("request-id", NewRequestId()));
  auto stub = Stub(invocation);
  pub::Activity created;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return stub->CreateActivity(context, request, &created);
  });
  PrintResource(invocation, created);
  return kExitOk;
}

template <typename Request, typename Method>
int Review(Invocation& invocation, Method method, bool with_reason) {
  Request request;
  request.set_name(ResourceName("activities", invocation.arg(0)));
  if constexpr (requires { request.set_reason(std::string()); }) {
    if (with_reason) request.set_reason(invocation.Flag("reason"));
  }
  request.set_etag(invocation.Flag("etag"));
  auto stub = Stub(invocation);
  pub::Activity activity;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return (stub.get()->*method)(context, request, &activity);
  });
  PrintResource(invocation, activity);
  return kExitOk;
}

int Submit(Invocation& invocation) {
  return Review<pub::SubmitActivityRequest>(invocation,
                                            &pub::PublicityService::Stub::SubmitActivity, false);
}
int Approve(Invocation& invocation) {
  return Review<pub::ApproveActivityRequest>(invocation,
                                             &pub::PublicityService::Stub::ApproveActivity, true);
}
int Reject(Invocation& invocation) {
  return Review<pub::RejectActivityRequest>(invocation,
                                            &pub::PublicityService::Stub::RejectActivity, true);
}

}  // namespace

NounSpec ActivitiesCommands() {
  const std::string kinds = EnumChoices(pub::ActivityKind_descriptor());
  std::vector<FlagSpec> list_flags = {
      {"region", "CODE", "activities held in this region or inside it"},
      {"org", "ORG", "activities of this organisation"},
      {"state", "STATE", EnumChoices(pub::ReviewState_descriptor()), true},
      {"kind", "KIND", kinds, true},
      {"awaiting-review", "", "only activities awaiting the caller's review"}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  const std::vector<FlagSpec> etag = {{"etag", "ETAG", "the etag last read (refused if stale)"}};
  const std::vector<FlagSpec> review = {{"reason", "TEXT", "reason (required to reject)"},
                                        {"etag", "ETAG", "the etag last read (refused if stale)"}};
  return {"activities",
          "publicity activities and their review (publicity)",
          {{"list", "", 0, 0, "list activities", list_flags, List},
           {"get", "NAME", 1, 1, "show one activity", {}, Get},
           {"create",
            "",
            0,
            0,
            "record an activity (a draft unless --submit)",
            {{"org", "ORG", "the holding organisation"},
             {"region", "CODE", "where it took place"},
             {"title", "TEXT", "title, e.g. 禁毒知识进校园"},
             {"kind", "KIND", kinds},
             {"six-into", "CATEGORY", EnumChoices(pub::SixIntoCategory_descriptor())},
             {"date", "YYYY-MM-DD", "day held (default today)"},
             {"audience", "N", "people reached"},
             {"lecturer", "VOLUNTEER", "a certified lecturer who lectured", true},
             {"tag", "TAG", EnumChoices(pub::CampaignTag_descriptor()), true},
             {"campaign", "CAMPAIGN", "the campaign it belongs to"},
             {"description", "TEXT", "description (no personal data of participants)"},
             {"submit", "", "submit for review at once"},
             {"request-id", "UUID", "idempotency key (default: a new one)"}},
            Create},
           {"submit", "NAME", 1, 1, "submit a draft or rejected activity for review", etag, Submit},
           {"approve", "NAME", 1, 1, "approve a submitted activity (reviewers)", review, Approve},
           {"reject", "NAME", 1, 1, "reject a submitted activity with --reason (reviewers)", review,
            Reject}}};
}

}  // namespace jindu::jinductl
