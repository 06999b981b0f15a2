// Publicity's part of the demo province: a year of activities per county (a quarter of them
// lectures by the county's lecture team), each submitted by the loader and approved by the
// reviewer; news reports over the media tiers; a pledge campaign per county with its pledges
// ingested in batches.
#include <chrono>

#include "demo_province/demo_loaders.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"

namespace jindu::demo {
namespace {

namespace pub = publicity::v1;

constexpr pub::ActivityKind kOtherKinds[] = {
    pub::ACTIVITY_KIND_STREET_CAMPAIGN, pub::ACTIVITY_KIND_EXHIBITION,
    pub::ACTIVITY_KIND_PERFORMANCE, pub::ACTIVITY_KIND_COMPETITION};
constexpr pub::MediaTier kTiers[] = {
    pub::MEDIA_TIER_ONLINE,           pub::MEDIA_TIER_ONLINE,
    pub::MEDIA_TIER_ONLINE,           pub::MEDIA_TIER_SELF_MEDIA,
    pub::MEDIA_TIER_OTHER_MAINSTREAM, pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM};

void Activity(DemoContext& context, pub::PublicityService::Stub& stub, const PlannedCounty& county,
              const CountyOrganizations& organizations, int i) {
  const uint64_t key = std::hash<std::string>{}(county.code);
  const bool lecture = i % 4 == 0 && !organizations.lecturers.empty();
  const runtime::CivilDate day =
      runtime::AddDays(context.today, -static_cast<int>(Spread(key, i, 365)));
  const int64_t audience = 30 + static_cast<int64_t>(Spread(key, i + 7777, 270));
  pub::CreateActivityRequest create;
  pub::Activity* activity = create.mutable_activity();
  activity->set_organization(lecture ? organizations.lecture_team : organizations.association);
  activity->set_region_code(county.township_codes[i % county.township_codes.size()]);
  activity->set_title(lecture ? "禁毒知识宣讲" : "禁毒宣传活动");
  activity->set_kind(lecture ? pub::ACTIVITY_KIND_LECTURE : kOtherKinds[i / 4 % 4]);
  activity->set_six_into_category(static_cast<pub::SixIntoCategory>(1 + i % 6));
  *activity->mutable_activity_date() = DateOf(day);
  activity->set_audience_count(audience);
  if (lecture) activity->add_lecturers(organizations.lecturers[i % organizations.lecturers.size()]);
  pub::MaterialCount* leaflets = activity->add_materials();
  leaflets->set_kind(pub::MATERIAL_KIND_LEAFLET);
  leaflets->set_count(audience * 2);
  create.set_submit(true);
  pub::Activity created;
  if (!context.client
           .Call(stub, &pub::PublicityService::Stub::CreateActivity, create, &created,
                 DemoClient::As::kLoader, DemoClient::Patience::kUntilReplicated)
           .ok()) {
    return;
  }
  pub::ApproveActivityRequest approve;
  approve.set_name(created.name());
  if (!context.client
           .Call(stub, &pub::PublicityService::Stub::ApproveActivity, approve, &created,
                 DemoClient::As::kReviewer)
           .ok()) {
    return;
  }
  context.tally.CountSent("approved_activities");
  context.tally.Add("publicity.activities", Counting::kInPeriod, county.code, day);
  context.tally.Add("publicity.audience", Counting::kInPeriod, county.code, day, audience);
  if (lecture) context.tally.Add("publicity.lectures", Counting::kInPeriod, county.code, day);
}

void NewsReport(DemoContext& context, pub::PublicityService::Stub& stub,
                const PlannedCounty& county, const CountyOrganizations& organizations, int i) {
  const uint64_t key = std::hash<std::string>{}(county.code) ^ 0x5eed;
  const runtime::CivilDate day =
      runtime::AddDays(context.today, -static_cast<int>(Spread(key, i, 365)));
  const pub::MediaTier tier = kTiers[Spread(key, i + 99, 6)];
  pub::CreateNewsReportRequest create;
  pub::NewsReport* report = create.mutable_news_report();
  report->set_title(county.name + "开展禁毒宣传");
  report->set_outlet_name(tier == pub::MEDIA_TIER_SELF_MEDIA ? "抖音(" + county.name + "禁毒)"
                                                             : "红网");
  report->set_media_tier(tier);
  report->set_channel(tier == pub::MEDIA_TIER_SELF_MEDIA ? pub::MEDIA_CHANNEL_DOUYIN
                                                         : pub::MEDIA_CHANNEL_NEWS_SITE);
  *report->mutable_publish_date() = DateOf(day);
  report->set_organization(organizations.association);
  pub::NewsReport created;
  if (!context.client
           .Call(stub, &pub::PublicityService::Stub::CreateNewsReport, create, &created,
                 DemoClient::As::kLoader, DemoClient::Patience::kUntilReplicated)
           .ok()) {
    return;
  }
  context.tally.CountSent("news_reports");
  context.tally.Add("publicity.news_reports", Counting::kInPeriod, county.code, day);
}

// The county's pledge campaign over the last year, and its pledges from distinct phones.
void Pledges(DemoContext& context, pub::PublicityService::Stub& stub, const PlannedCounty& county,
             const CountyOrganizations& organizations, int county_index) {
  pub::CreateCampaignRequest create;
  pub::Campaign* campaign = create.mutable_campaign();
  campaign->set_display_name(county.name + "全民禁毒宣誓");
  campaign->set_tag(pub::CAMPAIGN_TAG_JUNE_26);
  campaign->set_organizer(organizations.association);
  *campaign->mutable_date_range()->mutable_start_date() =
      DateOf(runtime::AddDays(context.today, -364));
  *campaign->mutable_date_range()->mutable_end_date() = DateOf(runtime::AddDays(context.today, 1));
  campaign->add_region_codes(county.code);
  pub::Campaign created;
  if (!context.client
           .Call(stub, &pub::PublicityService::Stub::CreateCampaign, create, &created,
                 DemoClient::As::kLoader, DemoClient::Patience::kUntilReplicated)
           .ok()) {
    return;
  }
  const int total = context.plan.size.pledges_per_county;
  const auto now = std::chrono::system_clock::now();
  for (int first = 0; first < total; first += 5000) {
    pub::BatchIngestParticipationEntriesRequest batch;
    std::vector<runtime::CivilDate> days;
    for (int i = first; i < std::min(total, first + 5000); ++i) {
      // Up to 363 days ago, never before the campaign's first day.
      const auto when = now - std::chrono::seconds(Spread(county_index, i, 363 * 86400));
      pub::ParticipationEntry* entry = batch.add_entries();
      char id[64];
      std::snprintf(id, sizeof id, "00000000-%04x-4000-8000-%012x", county_index, i);
      entry->set_entry_id(id);
      entry->set_campaign(created.name());
      entry->set_kind(pub::PARTICIPATION_KIND_PLEDGE);
      entry->set_region_code(county.village_codes.empty()
                                 ? county.code
                                 : county.village_codes[i % county.village_codes.size()]);
      entry->mutable_occur_time()->set_seconds(
          std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count());
      char phone[32];
      std::snprintf(phone, sizeof phone, "137%04d%04d", county_index, i);
      entry->set_participant_identifier(phone);
      entry->set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_PHONE);
      days.push_back(runtime::CivilDateInShanghai(when));
    }
    pub::BatchIngestParticipationEntriesResponse response;
    if (!context.client
             .Call(stub, &pub::PublicityService::Stub::BatchIngestParticipationEntries, batch,
                   &response)
             .ok()) {
      continue;
    }
    for (int i = 0; i < response.outcomes_size(); ++i) {
      // Only a new participant counts; a rerun's entries come back as duplicates.
      if (response.outcomes(i) != pub::ENTRY_OUTCOME_ACCEPTED) continue;
      context.tally.Add("publicity.participants", Counting::kInPeriod, county.code, days[i]);
    }
    context.tally.CountSent("pledges", batch.entries_size());
  }
}

}  // namespace

void LoadPublicity(DemoContext& context, const CountyDirectory& counties) {
  auto stub = pub::PublicityService::NewStub(context.client.publicity());
  std::vector<std::function<void()>> jobs;
  const auto& plan = context.plan;
  for (size_t c = 0; c < plan.counties.size(); ++c) {
    const PlannedCounty& county = plan.counties[c];
    const CountyOrganizations& organizations = counties.at(county.code);
    if (organizations.association.empty()) continue;
    for (int i = 0; i < plan.size.activities_per_county; ++i) {
      jobs.push_back([&context, &stub, county_ptr = &county, organizations_ptr = &organizations,
                      i] { Activity(context, *stub, *county_ptr, *organizations_ptr, i); });
    }
    for (int i = 0; i < plan.size.reports_per_county; ++i) {
      jobs.push_back([&context, &stub, county_ptr = &county, organizations_ptr = &organizations,
                      i] { NewsReport(context, *stub, *county_ptr, *organizations_ptr, i); });
    }
    jobs.push_back([&context, &stub, county_ptr = &county, organizations_ptr = &organizations, c] {
      Pledges(context, *stub, *county_ptr, *organizations_ptr, static_cast<int>(c));
    });
  }
  RunJobs("publicity", std::move(jobs), context.threads);
}

}  // namespace jindu::demo
