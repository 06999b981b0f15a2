// `jinductl reports list|create`: news reports (报道) of PublicityService.
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace pub = publicity::v1;

int List(Invocation& invocation) {
  pub::ListNewsReportsRequest request;
  request.set_within_region_code(invocation.Flag("region"));
  if (invocation.Has("org")) {
    request.set_organization(ResourceName("organizations", invocation.Flag("org")));
  }
  for (const std::string& tier : invocation.FlagValues("tier")) {
    request.add_media_tiers(ParseEnum<pub::MediaTier>("tier", tier));
  }
  for (const std::string& channel : invocation.FlagValues("channel")) {
    request.add_channels(ParseEnum<pub::MediaChannel>("channel", channel));
  }
  ApplyPaging(invocation, &request);
  auto stub = pub::PublicityService::NewStub(invocation.connection().Channel(Service::kPublicity));
  pub::ListNewsReportsResponse response;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return stub->ListNewsReports(context, request, &response);
  });
  if (invocation.json()) {
    PrintJson(response);
    return kExitOk;
  }
  Table table({"名称 name", "日期 date", "地区 region", "媒体 outlet", "级别 tier", "渠道 channel",
               "标题 title"});
  for (const pub::NewsReport& report : response.news_reports()) {
    table.AddRow({report.name(), FormatDate(report.publish_date()), report.region_code(),
                  report.outlet_name(), ShortName(report.media_tier()), ShortName(report.channel()),
                  report.title()});
  }
  table.Print(std::cout);
  NoteNextPage(response.next_page_token());
  return kExitOk;
}

int Create(Invocation& invocation) {
  pub::CreateNewsReportRequest request;
  pub::NewsReport* report = request.mutable_news_report();
  report->set_title(invocation.RequireFlag("title"));
  report->set_outlet_name(invocation.RequireFlag("outlet"));
  report->set_media_tier(ParseEnum<pub::MediaTier>("tier", invocation.RequireFlag("tier")));
  report->set_channel(ParseEnum<pub::MediaChannel>("channel", invocation.RequireFlag("channel")));
  report->set_organization(ResourceName("organizations", invocation.RequireFlag("org")));
  *report->mutable_publish_date() =
      invocation.Has("date") ? ParseDate("date", invocation.Flag("date")) : Today();
  report->set_uri(invocation.Flag("uri"));
  if (invocation.Has("activity")) {
    report->set_activity(ResourceName("activities", invocation.Flag("activity")));
  }
  for (const std::string& lecturer : invocation.FlagValues("lecturer")) {
    report->add_featured_lecturers(ResourceName("volunteers", lecturer));
  }
  for (const std::string& branch : invocation.FlagValues("branch-head")) {
    report->add_featured_branch_heads(ResourceName("organizations", branch));
  }
  request.set_request_id(invocation.Flag("request-id", NewRequestId()));
  auto stub = pub::PublicityService::NewStub(invocation.connection().Channel(Service::kPublicity));
  pub::NewsReport created;
  invocation.connection().Invoke(Service::kPublicity, [&](grpc::ClientContext* context) {
    return stub->CreateNewsReport(context, request, &created);
  });
  PrintResource(invocation, created);
  return kExitOk;
}

}  // namespace

NounSpec ReportsCommands() {
  const std::string tiers = EnumChoices(pub::MediaTier_descriptor());
  const std::string channels = EnumChoices(pub::MediaChannel_descriptor());
  std::vector<FlagSpec> list_flags = {
      {"region", "CODE", "reports counting for this region or inside it"},
      {"org", "ORG", "reports of this organisation"},
      {"tier", "TIER", tiers, true},
      {"channel", "CHANNEL", channels, true}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  return {"reports",
          "news reports about the work (publicity)",
          {{"list", "", 0, 0, "list news reports", list_flags, List},
           {"create",
            "",
            0,
            0,
            "record a published news report",
            {{"title", "TEXT", "headline"},
             {"outlet", "TEXT", "the outlet, e.g. 湖南日报"},
             {"tier", "TIER", tiers},
             {"channel", "CHANNEL", channels},
             {"org", "ORG", "the organisation whose work it reports"},
             {"date", "YYYY-MM-DD", "publication day (default today)"},
             {"uri", "URL", "link"},
             {"activity", "ACTIVITY", "the activity it reports"},
             {"lecturer", "VOLUNTEER", "a lecturer featured", true},
             {"branch-head", "ORG", "a branch whose head it features", true},
             {"request-id", "UUID", "idempotency key (default: a new one)"}},
            Create}}};
}

}  // namespace jindu::jinductl
