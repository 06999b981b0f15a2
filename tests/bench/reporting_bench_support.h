#pragma once
// What the reporting scenarios (reporting_bench.cc, cost_at_size_bench.cc) share: a
// ReportingSuite's callers, a pledge campaign in 芙蓉区 (430102) and pledges streamed into it, and
// the campaign's participants as the county's dashboard shows them.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

#include "harness/calendar.h"
#include "harness/registration_backed_suite.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::bench {

using testing::ReportingSuite;
using testing::TestCaller;
namespace pub = publicity::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;

inline const TestCaller kAdmin{
    .subject = "bench-admin", .roles = {"province_admin"}, .regions = {"430000"}};
inline const TestCaller kOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
inline const TestCaller kIngest{
    .subject = "pledge-app", .roles = {"system_caller"}, .regions = {"430000"}};
inline constexpr char kDashboard[] = "dashboards/430102";

// An organiser in 芙蓉区 and a pledge campaign there, running today.
inline std::string MakeCampaign(ReportingSuite& suite) {
  reg::CreateOrganizationRequest organization_request;
  reg::Organization& draft = *organization_request.mutable_organization();
  draft.set_display_name("基准测试芙蓉区协会");
  draft.set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
  draft.set_region_code("430102");
  *draft.mutable_founding_date() = testing::DaysFromToday(-3000);
  reg::Organization organization;
  {
    auto context = suite.registration().Context(kAdmin);
    const grpc::Status status =
        reg::RegistrationService::NewStub(suite.registration().Channel())
            ->CreateOrganization(context.get(), organization_request, &organization);
    if (!status.ok()) throw std::runtime_error("CreateOrganization: " + status.error_message());
  }
  pub::CreateCampaignRequest request;
  pub::Campaign& campaign = *request.mutable_campaign();
  campaign.set_display_name("基准测试新鲜度");
  campaign.set_tag(pub::CAMPAIGN_TAG_JUNE_26);
  campaign.set_organizer(organization.name());
  *campaign.mutable_date_range()->mutable_start_date() = testing::DaysFromToday(-30);
  *campaign.mutable_date_range()->mutable_end_date() = testing::DaysFromToday(30);
  campaign.add_region_codes("430102");
  auto stub = pub::PublicityService::NewStub(suite.publicity().Channel());
  // The organiser reaches publicity as a registration event: retry until its replica knows it.
  grpc::Status status;
  pub::Campaign created;
  for (int attempt = 0; attempt < 300; ++attempt) {
    auto context = suite.publicity().Context(kAdmin);
    status = stub->CreateCampaign(context.get(), request, &created);
    if (status.ok()) return created.name();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  throw std::runtime_error("CreateCampaign: " + status.error_message());
}

// The campaign's pledge participants in the dashboard's month; -1 when the call failed.
inline int64_t Participants(rep::ReportingService::Stub& stub, ReportingSuite& suite,
                            const std::string& campaign, rep::Dashboard* dashboard) {
  rep::GetDashboardRequest request;
  request.set_name(kDashboard);
  auto context = suite.reporting().Context(kOfficer);
  if (!stub.GetDashboard(context.get(), request, dashboard).ok()) return -1;
  for (const auto& figures : dashboard->month().figures().publicity().participation()) {
    if (figures.campaign() == campaign) return figures.participants();
  }
  return 0;
}

// The pledge of participant `n` (a new phone number per n) in 芙蓉区, a minute ago.
inline void FillPledge(pub::ParticipationEntry& entry, const std::string& campaign, int64_t n) {
  char id[64], phone[32];
  std::snprintf(id, sizeof id, "0000be0c-0000-4000-8000-%012lld", static_cast<long long>(n));
  std::snprintf(phone, sizeof phone, "137%08lld", static_cast<long long>(n));
  entry.set_entry_id(id);
  entry.set_campaign(campaign);
  entry.set_kind(pub::PARTICIPATION_KIND_PLEDGE);
  entry.set_region_code("430102");
  *entry.mutable_occur_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                google::protobuf::util::TimeUtil::SecondsToDuration(60);
  entry.set_participant_identifier(phone);
  entry.set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_PHONE);
}

// Pledges of participants first..first+count-1 in one stream call; the number the service
// accepted (committed), or -1 when the call failed.
inline int64_t StreamPledges(pub::PublicityService::Stub& stub, ReportingSuite& suite,
                             const std::string& campaign, int64_t first, int64_t count) {
  auto context = suite.publicity().Context(kIngest, std::chrono::seconds(120));
  pub::StreamParticipationEntriesResponse response;
  auto writer = stub.StreamParticipationEntries(context.get(), &response);
  for (int64_t sent = 0; sent < count;) {
    pub::StreamParticipationEntriesRequest message;
    for (int64_t i = 0; i < 1000 && sent < count; ++i, ++sent) {
      FillPledge(*message.add_entries(), campaign, first + sent);
    }
    if (!writer->Write(message)) break;
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!status.ok()) {
    std::fprintf(stderr, "pledges: %s\n", status.error_message().c_str());
    return -1;
  }
  return response.counts().accepted();
}

}  // namespace jindu::bench
